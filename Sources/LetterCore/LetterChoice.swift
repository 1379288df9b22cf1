#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A letter that might answer a check-in, as the store found it.
public struct LetterCandidate: Sendable, Equatable {
    public var letterId: Int64
    public var about: String?
    public var tags: [String]
    /// The start of its latest text (a few thousand characters), to show and to explain by.
    public var textStart: String
    /// How well the letter matches the check-in's words: SQLite's bm25, lower is better; nil
    /// when none of the words appear in it.
    public var rank: Double?
    /// How its rereads landed, newest first (rereads without a rating left out).
    public var ratings: [ReadingRating]
    /// When it was last reread, if ever.
    public var lastReadAt: Date?
    /// How much quieter the critic was after reading it than before, on average over the
    /// rereads where both were said (``Reread/quieting``), and over how many; nil without one.
    public var quieting: Quieting?

    public struct Quieting: Sendable, Equatable {
        public var mean: Double
        public var rereads: Int
        public init(mean: Double, rereads: Int) {
            self.mean = mean
            self.rereads = rereads
        }

        /// The mean of these drops; nil when there are none.
        public init?(_ drops: [Int]) {
            guard !drops.isEmpty else { return nil }
            self.init(mean: Double(drops.reduce(0, +)) / Double(drops.count), rereads: drops.count)
        }
    }

    public init(
        letterId: Int64, about: String?, tags: [String], textStart: String, rank: Double?,
        ratings: [ReadingRating], lastReadAt: Date?, quieting: Quieting? = nil
    ) {
        self.letterId = letterId
        self.about = about
        self.tags = tags
        self.textStart = textStart
        self.rank = rank
        self.ratings = ratings
        self.lastReadAt = lastReadAt
        self.quieting = quieting
    }
}

/// The letter letterd suggests coming back to after a check-in, and why, in one line.
public struct ChosenLetter: Codable, Sendable, Equatable {
    public var letterId: Int64
    public var about: String?
    public var excerpt: String
    public var reason: String
    /// Whether the letter speaks to the check-in's theme at all. When none does, the letter is
    /// only the one that has helped most, and a new letter about this theme may be worth writing.
    public var fitsTheme: Bool
    /// How its latest rated reread landed, if it has one.
    public var lastRating: ReadingRating?

    public init(letterId: Int64, about: String?, excerpt: String, reason: String, fitsTheme: Bool, lastRating: ReadingRating?) {
        self.letterId = letterId
        self.about = about
        self.excerpt = excerpt
        self.reason = reason
        self.fitsTheme = fitsTheme
        self.lastRating = lastRating
    }
}

/// Picks the letter best suited to reread when the critic comes back.
///
/// Three things count, in this order of weight: how closely the letter speaks to what the
/// check-in is about (its words, "about" line, tags and trigger, ranked by the store's full-text
/// index, with a shared tag counting extra), how its recent rereads landed, and how long it has
/// rested since the last one. How rereads landed is measured where it can be: how much
/// quieter the critic was after reading than before; otherwise, and alongside it, how the
/// person rated them. A letter whose last two rereads did not help loses half its score: the
/// practice then is to rework it, not to be sent back to it.
public enum LetterChoice {
    static let relevanceWeight = 0.6
    static let landingWeight = 0.3
    static let restWeight = 0.1
    /// Added to the relevance (0–1) of a matching letter that shares a tag with the check-in.
    static let sharedTagBonus = 0.4
    /// A letter read this recently counts as not yet rested; the weight grows to full over it.
    static let restPeriod: TimeInterval = 72 * 3600

    /// - Parameters:
    ///   - themeWords: the check-in's theme words (see ``ThemeWords``), to explain the choice.
    ///   - tags: the check-in's tags.
    public static func choose(
        among candidates: [LetterCandidate], themeWords: [String], tags: [String], now: Date
    ) -> ChosenLetter? {
        guard !candidates.isEmpty else { return nil }
        let best = candidates.compactMap { $0.rank.map { -$0 } }.max() ?? 0
        func score(_ candidate: LetterCandidate) -> Double {
            var relevance = candidate.rank.map { best > 0 ? max(0, -$0) / best : 1 } ?? 0
            // A tag is the person's own word for a theme; sharing one counts for much.
            if candidate.rank != nil, !Set(candidate.tags).isDisjoint(with: tags) {
                relevance = min(1, relevance + sharedTagBonus)
            }
            var total = relevanceWeight * relevance + landingWeight * landing(candidate.ratings, quieting: candidate.quieting)
                + restWeight * rest(candidate.lastReadAt, now: now)
            if stoppedHelping(candidate.ratings) { total *= 0.5 }
            return total
        }
        // Highest score; among equals, the more relevant, then the newer letter.
        let chosen = candidates.map { ($0, score($0)) }.max { (a, b) in
            if abs(a.1 - b.1) > 1e-9 { return a.1 < b.1 }
            if a.0.rank != b.0.rank { return (a.0.rank ?? 0) > (b.0.rank ?? 0) }
            return a.0.letterId < b.0.letterId
        }!.0
        return ChosenLetter(
            letterId: chosen.letterId, about: chosen.about, excerpt: LetterSummary.excerpt(of: chosen.textStart),
            reason: reason(for: chosen, themeWords: themeWords, tags: tags),
            fitsTheme: chosen.rank != nil && !stoppedHelping(chosen.ratings), lastRating: chosen.ratings.first)
    }

    /// How the letter's rereads landed, 0–1: the measured quieting where there is one (half and
    /// half with the ratings when there are both), else the ratings.
    static func landing(_ ratings: [ReadingRating], quieting: LetterCandidate.Quieting?) -> Double {
        guard let quieting else { return landing(ratings) }
        let measured = quietingValue(quieting.mean)
        return ratings.isEmpty ? measured : (measured + landing(ratings)) / 2
    }

    /// A mean drop in the critic's loudness, 0–1: 3 points or more quieter is 1, no change 0.3,
    /// louder less.
    static func quietingValue(_ mean: Double) -> Double {
        min(1, max(0, 0.3 + mean * 0.7 / 3))
    }

    /// How the letter's last three rated rereads landed, 0–1, newest counting most; 0.5 when
    /// none was rated.
    static func landing(_ ratings: [ReadingRating]) -> Double {
        let recent = ratings.prefix(3)
        guard !recent.isEmpty else { return 0.5 }
        let weights = [0.5, 0.3, 0.2].prefix(recent.count)
        let sum = zip(recent, weights).reduce(0) { $0 + value($1.0) * $1.1 }
        return sum / weights.reduce(0, +)
    }

    static func value(_ rating: ReadingRating) -> Double {
        switch rating {
        case .didNotHelp: return 0
        case .somewhat: return 0.4
        case .helped: return 0.8
        case .helpedALot: return 1
        }
    }

    static func stoppedHelping(_ ratings: [ReadingRating]) -> Bool {
        ratings.count >= 2 && ratings.prefix(2).allSatisfy { $0 == .didNotHelp }
    }

    static func rest(_ lastReadAt: Date?, now: Date) -> Double {
        guard let lastReadAt else { return 1 }
        return min(1, max(0, now.timeIntervalSince(lastReadAt)) / restPeriod)
    }

    // MARK: - Saying why

    static func reason(for letter: LetterCandidate, themeWords: [String], tags: [String]) -> String {
        let match: String
        let aboutWords = ThemeWords.words(in: [letter.about ?? ""])
        let sharedTags = tags.filter(letter.tags.contains)
        if letter.rank == nil {
            let helped = letter.ratings.first == .helped || letter.ratings.first == .helpedALot
            return "None of your letters is about this yet; "
                + (helped ? "this one helped when you last read it." : "this one may still be a kind place to start.")
        } else if let about = letter.about, !ThemeWords.shared(themeWords, with: aboutWords).isEmpty {
            match = "You wrote it about “\(LetterSummary.excerpt(of: about, limit: 60))”"
        } else if !sharedTags.isEmpty {
            match = "It is tagged \(quoted(sharedTags)), like this check-in"
        } else {
            let words = ThemeWords.shared(themeWords, with: ThemeWords.words(in: [letter.textStart], limit: 400))
            match = words.isEmpty ? "It speaks to what the critic is saying now" : "It speaks to \(quoted(Array(words.prefix(3))))"
        }
        return match + landingClause(letter) + "."
    }

    static func landingClause(_ letter: LetterCandidate) -> String {
        if stoppedHelping(letter.ratings) {
            return "; it hasn't helped lately, so it may be ready for a new version"
        }
        if let quieting = letter.quieting {
            let when = quieting.rereads == 1 ? "last time" : "on average"
            if quieting.mean >= 0.5 {
                return ", and reading it quieted the critic by \(points(quieting.mean)) \(when)"
            }
            return "; reading it hasn't quieted the critic so far, and it may land differently today"
        }
        switch letter.ratings.first {
        case .helpedALot?: return ", and it helped a lot last time"
        case .helped?: return ", and it helped last time"
        case .somewhat?: return ", and it helped a little last time"
        case .didNotHelp?: return "; last time it didn't help, and it may land differently today"
        case nil: return letter.lastReadAt == nil ? ", and you haven't come back to it yet" : ""
        }
    }

    /// "3", or "2.5": a mean drop as a person would say it.
    static func points(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    static func quoted(_ words: [String]) -> String {
        let quoted = words.map { "“\($0)”" }
        guard quoted.count > 1 else { return quoted.first ?? "" }
        return quoted.dropLast().joined(separator: ", ") + " and " + quoted.last!
    }
}
