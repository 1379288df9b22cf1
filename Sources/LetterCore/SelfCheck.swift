#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A short, optional check of self-critical tendencies, offered at most once a month, its score
/// kept over time. The statements are letterd's own words, after the checklist in the clinic
/// article among the seeds (see README "Sources"): the more of them ring true, the harder a
/// person tends to be on themselves. It is a mirror, not a diagnosis.
public enum SelfCheck {
    /// The version of the statements below. A changed list gets a new version, so scores from
    /// different lists are never compared as if they were one; answers given to an earlier list
    /// keep its version and their score (see ``earlierVersions``).
    public static let version = 2

    /// Fourteen statements, one for each of the checklist's (the article runs two of them
    /// together on one line). Version 2 added the last two (feeling that a mistake deserves
    /// punishment, and feeling alone in struggling) and reworded those that kept too close to
    /// the article's own sentences.
    public static let statements: [String] = [
        "Kindness towards myself is hard to find.",
        "When things go wrong, my first thought is that it's my fault.",
        "Treating myself to something nice feels like more than I've earned.",
        "When things go badly, I come down hard on myself.",
        "Even when things go well, I find something to criticise in myself.",
        "When times are hard, I'd look after a friend far better than I look after myself.",
        "My shortcomings stay on my mind long after I'd like to let them go.",
        "A slip of mine can leave me berating myself for hours, or days.",
        "When I'm struggling, looking after myself is the first thing to go.",
        "I find it hard to forgive myself for mistakes, or for things I did badly.",
        "The things I dislike about myself go round and round in my head.",
        "When I'm hurting emotionally, gentleness with myself is in short supply.",
        "When I get something wrong, part of me feels I ought to pay for it.",
        "It seems to me that others cope, and I'm the one who keeps stumbling.",
    ]

    /// How many statements each earlier version had: version 1 had twelve (the last two above
    /// were missing).
    public static let earlierVersions: [Int: Int] = [1: 12]

    /// How many statements a version has; nil for a version this build does not know (a newer
    /// letterd's, in an import).
    public static func statementCount(version: Int) -> Int? {
        version == self.version ? statements.count : earlierVersions[version]
    }

    /// How long after a self-check (or declining one) before it is offered again.
    public static let interval: Double = 30 * 86_400

    /// Checks a set of answers: one per statement, true where it rings true.
    public static func score(_ answers: [Bool]) throws(InvalidInput) -> Int {
        guard answers.count == statements.count else {
            throw InvalidInput("answers", "has \(answers.count) answers; there are \(statements.count) statements (version \(version))")
        }
        return answers.filter { $0 }.count
    }
}

/// One self-check taken: how many statements rang true, of how many.
public struct SelfCheckScore: Codable, Sendable, Equatable {
    public var at: Date
    public var score: Int
    public var outOf: Int
    /// The version of the statements it answered.
    public var version: Int

    public init(at: Date, score: Int, outOf: Int, version: Int) {
        self.at = at
        self.score = score
        self.outOf = outOf
        self.version = version
    }
}
