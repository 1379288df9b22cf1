#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What a prompt invites the person to do.
public enum PromptKind: String, Codable, Sendable, CaseIterable {
    /// Come back to the letter and read it slowly, noticing what it brings up.
    case reread
    /// Look at the letter again with a fresh day's eyes and, if it feels right, write a new version.
    case rework
    /// Write a new letter: the critic has been loud about something no letter answers well yet.
    case write
}

/// Why a prompt was scheduled, so `letterctl schedule` can say it in words.
public enum PromptReason: String, Codable, Sendable, CaseIterable {
    /// The first reread, after a pause from writing.
    case firstReread
    /// A later reread, spaced by how the earlier ones landed.
    case spacedReread
    /// The day after writing: an invitation to rework, now that the writing has settled.
    case nextDayRework
    /// The last rereads did not help: rather than more of them, an invitation to rework.
    case notResonating
    /// A new version was written: come back to it after a pause, as with a new letter.
    case afterRework
    /// The critic came back (a check-in), and this is the letter best suited to answer it.
    case criticReturned
    /// The critic has been loud for a stretch, about a theme no letter answers well yet.
    case criticLoud
}

/// A scheduled invitation to come back to a letter, or to write a new one. Times are absolute
/// (UTC on the wire); clients show them in local time.
public struct Prompt: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64
    /// The letter to come back to; nil for an invitation to write a new one.
    public var letterId: Int64?
    public var kind: PromptKind
    public var reason: PromptReason
    /// When it falls due (after any snooze). Quiet hours, the daily cap and a pause may hold
    /// the notification later than this; they never drop it.
    public var dueAt: Date
    /// When a notification named it, if one has.
    public var notifiedAt: Date?
    /// The letter's "about" line and the start of its text, to recognise it by. For an
    /// invitation to write, `about` is the theme the critic has been loud about (if the
    /// check-in had one), and `excerpt` is empty.
    public var about: String?
    public var excerpt: String

    public init(
        id: Int64, letterId: Int64?, kind: PromptKind, reason: PromptReason, dueAt: Date,
        notifiedAt: Date?, about: String?, excerpt: String
    ) {
        self.id = id
        self.letterId = letterId
        self.kind = kind
        self.reason = reason
        self.dueAt = dueAt
        self.notifiedAt = notifiedAt
        self.about = about
        self.excerpt = excerpt
    }
}

extension Prompt {
    /// What to run to act on the prompt: `letterctl reread 4`, `letterctl rework 4`, or
    /// `letterctl write --guided --about THEME`, as arguments after `letterctl`. A new letter
    /// is written guided: it may open in a terminal from a notification, where no editor may be
    /// set, and the steps suit someone whose critic has just been loud.
    public var letterctlArguments: [String] {
        Self.letterctlArguments(letterId: letterId, kind: kind, about: about)
    }

    public static func letterctlArguments(letterId: Int64?, kind: PromptKind, about: String?) -> [String] {
        if let letterId { return [kind.rawValue, String(letterId)] }
        return [kind.rawValue, "--guided"] + (about.map { ["--about", $0] } ?? [])
    }

    /// The same, to show: the theme is left out of `write`, which may hold any character.
    public var letterctlCommand: String {
        if let letterId { return "letterctl \(kind.rawValue) \(letterId)" }
        return "letterctl \(kind.rawValue) --guided"
    }
}

/// How a reread landed, on a small scale the person picks from.
public enum ReadingRating: String, Codable, Sendable, CaseIterable {
    case didNotHelp
    case somewhat
    case helped
    case helpedALot

    /// The words shown beside each choice.
    public var label: String {
        switch self {
        case .didNotHelp: return "it didn't help this time"
        case .somewhat: return "it helped a little"
        case .helped: return "it helped"
        case .helpedALot: return "it helped a lot"
        }
    }
}

/// One time the person came back to a letter and read it.
public struct Reread: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64
    public var letterId: Int64
    /// The version that was read.
    public var version: Int
    public var at: Date
    public var rating: ReadingRating?
    /// What they noticed: sensations in the body, feelings, thoughts. Their words.
    public var noticed: String?
    /// How loud the critic was just before reading, and just after, 0–10; nil when not said.
    public var criticBefore: Int?
    public var criticAfter: Int?
    /// How believable the letter felt, 0–10; nil when not said.
    public var believable: Int?

    public init(
        id: Int64, letterId: Int64, version: Int, at: Date, rating: ReadingRating?, noticed: String?,
        criticBefore: Int? = nil, criticAfter: Int? = nil, believable: Int? = nil
    ) {
        self.id = id
        self.letterId = letterId
        self.version = version
        self.at = at
        self.rating = rating
        self.noticed = noticed
        self.criticBefore = criticBefore
        self.criticAfter = criticAfter
        self.believable = believable
    }

    /// How much quieter the critic was after reading than before; nil unless both were said.
    public var quieting: Int? {
        guard let criticBefore, let criticAfter else { return nil }
        return criticBefore - criticAfter
    }
}

/// A reread as given, checked against the domain's rules.
public struct RereadDraft: Sendable, Equatable {
    public let rating: ReadingRating?
    public let noticed: String?
    public let criticBefore: Int?
    public let criticAfter: Int?
    public let believable: Int?

    public init(
        rating: ReadingRating?, noticed: String?, criticBefore: Int? = nil, criticAfter: Int? = nil, believable: Int? = nil
    ) throws(InvalidInput) {
        self.rating = rating
        self.noticed = try TextRules.optional(noticed, field: "noticed", maxCharacters: Limits.noticedCharacters)
        self.criticBefore = try Scale.optional(criticBefore, field: "criticBefore")
        self.criticAfter = try Scale.optional(criticAfter, field: "criticAfter")
        self.believable = try Scale.optional(believable, field: "believable")
    }
}
