import LetterCore

/// How far apart a letter's rereads are, and how that changes with each reread.
///
/// The rule is SM-2's (Woźniak, 1990; the basis of Anki's scheduler), adapted from memorising
/// cards to returning to a letter:
/// - each letter has an *ease*, starting at 2.5, kept between 1.3 and 3.0; a rating moves it by
///   SM-2's formula `EF' = EF + 0.1 − (5 − q)(0.08 + (5 − q)·0.02)` with q = 5 for "helped a lot",
///   4 "helped", 3 "a little", 2 "didn't help" (+0.10, 0, −0.14, −0.32);
/// - after the first reread the next comes a day or two later (`firstSpacing`);
/// - after that, a reread that helped multiplies the gap by the ease, one that helped a little
///   by 1.2 (Anki's "hard"), and one that did not help halves it (a lapse);
/// - where SM-2 would start a card over, letterd stops asking for rereads once the letter has
///   not helped several times in a row, and invites a rework instead: a letter that no longer
///   speaks to the person may want rewriting, not more reading.
/// A reread without a rating keeps the ease and grows the gap as "helped" would.
public struct Spacing: Sendable, Equatable, Codable {
    public var ease: Double
    /// The current gap between rereads, in seconds; 0 until the first reread.
    public var interval: Double
    /// Rereads in a row that did not help.
    public var unhelpfulStreak: Int

    public static let initialEase = 2.5
    public static let easeRange: ClosedRange<Double> = 1.3...3.0

    public init(ease: Double = Spacing.initialEase, interval: Double = 0, unhelpfulStreak: Int = 0) {
        self.ease = ease
        self.interval = interval
        self.unhelpfulStreak = unhelpfulStreak
    }

    /// What comes after a reread rated `rating`: the new spacing, and whether the next prompt
    /// is another reread after `interval` seconds or a rework invitation.
    public func after(_ rating: ReadingRating?, settings: ScheduleSettings) -> (Spacing, next: PromptKind) {
        var next = self
        if let rating {
            let q = Double(Self.quality(rating))
            let change = 0.1 - (5 - q) * (0.08 + (5 - q) * 0.02)
            next.ease = min(max(ease + change, Self.easeRange.lowerBound), Self.easeRange.upperBound)
        }
        let rating = rating ?? .helped
        next.unhelpfulStreak = rating == .didNotHelp ? unhelpfulStreak + 1 : 0

        if interval <= 0 {
            next.interval = rating == .didNotHelp ? settings.shortestSpacing : settings.firstSpacing
        } else {
            switch rating {
            case .helpedALot, .helped: next.interval = interval * next.ease
            case .somewhat: next.interval = interval * 1.2
            case .didNotHelp: next.interval = interval / 2
            }
        }
        next.interval = min(max(next.interval, settings.shortestSpacing), settings.longestSpacing)

        if next.unhelpfulStreak >= settings.unhelpfulRereadsBeforeRework {
            next.unhelpfulStreak = 0
            return (next, .rework)
        }
        return (next, .reread)
    }

    static func quality(_ rating: ReadingRating) -> Int {
        switch rating {
        case .didNotHelp: return 2
        case .somewhat: return 3
        case .helped: return 4
        case .helpedALot: return 5
        }
    }
}
