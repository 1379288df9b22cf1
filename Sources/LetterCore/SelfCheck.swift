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
    /// different lists are never compared as if they were one.
    public static let version = 1

    public static let statements: [String] = [
        "Kindness towards myself is hard to find.",
        "If something goes wrong, I assume I'm to blame.",
        "Treating myself to something nice feels like more than I've earned.",
        "When things go badly, I come down hard on myself.",
        "Even when things go well, I find something to criticise in myself.",
        "In a hard stretch, caring for myself as I would for a friend doesn't occur to me.",
        "I dwell on my faults and flaws and struggle to put them down.",
        "After a mistake, I give myself a really tough time.",
        "When I'm struggling, I offer myself little care.",
        "I find it hard to forgive myself for mistakes, or for things I did badly.",
        "The things I dislike about myself go round and round in my head.",
        "When I'm hurting emotionally, gentleness with myself is in short supply.",
    ]

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
