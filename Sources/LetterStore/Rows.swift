import Foundation
import GRDB
import LetterCore
import LetterSchedule

// The store's row types: one per table, plain Codable structs with GRDB's conformances.
// Those that hold times write them with StoredTime.
// The domain's types (LetterCore) know nothing of GRDB; these convert to and from them.

struct LetterRow: Codable, FetchableRecord, MutablePersistableRecord, StoredTimeRecord {
    static let databaseTableName = "letter"
    var id: Int64?
    var createdAt: Date

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

struct LetterVersionRow: Codable, FetchableRecord, PersistableRecord, StoredTimeRecord {
    static let databaseTableName = "letterVersion"
    var letterId: Int64
    var number: Int
    var about: String?
    var feeling: String?
    var perspective: String?
    var text: String
    var warmth: Int?
    var createdAt: Date

    var version: LetterVersion {
        LetterVersion(
            number: number, about: about, perspective: perspective, text: text, warmth: warmth, createdAt: createdAt,
            feeling: feeling)
    }
}

struct LetterTagRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "letterTag"
    var letterId: Int64
    var tag: String
}

struct CheckInRow: Codable, FetchableRecord, MutablePersistableRecord, StoredTimeRecord {
    static let databaseTableName = "criticCheckIn"
    var id: Int64?
    var at: Date
    var intensity: Int
    var said: String?
    var trigger: String?
    var about: String?
    var voice: String?
    var readingCorrectedAt: Date?
    var suggestedLetterId: Int64?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    func checkIn(tags: [String], styles: [ThinkingStyle]) -> CriticCheckIn {
        CriticCheckIn(
            id: id ?? 0, at: at, intensity: intensity, said: said,
            trigger: trigger.flatMap(CriticTrigger.init(rawValue:)), about: about, tags: tags,
            styles: ThinkingStyle.allCases.filter(styles.contains),
            voice: voice.flatMap(CriticVoice.init(rawValue:)), readingCorrected: readingCorrectedAt != nil)
    }
}

/// A letter's row joined with its latest version (see `LetterDatabase.latestVersionSQL`).
struct LatestLetterRow: FetchableRecord {
    var id: Int64
    var createdAt: Date
    var number: Int
    var about: String?
    var feeling: String?
    var perspective: String?
    var text: String
    var warmth: Int?
    var updatedAt: Date

    /// Read by column position, in `latestVersionSQL`'s order, not through Decodable: GRDB's
    /// Codable decoding was a tenth of letterd's time answering `letterctl list` (`make bench`).
    init(row: Row) throws {
        id = try row.decode(atIndex: 0)
        createdAt = try row.decode(atIndex: 1)
        number = try row.decode(atIndex: 2)
        about = try row.decode(atIndex: 3)
        feeling = try row.decode(atIndex: 4)
        perspective = try row.decode(atIndex: 5)
        text = try row.decode(atIndex: 6)
        warmth = try row.decode(atIndex: 7)
        updatedAt = try row.decode(atIndex: 8)
    }

    func letter(tags: [String]) -> Letter {
        Letter(
            id: id, about: about, perspective: perspective, text: text, warmth: warmth,
            tags: tags, version: number, createdAt: createdAt, updatedAt: updatedAt, feeling: feeling)
    }

    func summary(tags: [String]) -> LetterSummary {
        LetterSummary(
            id: id, about: about, perspective: perspective, excerpt: LetterSummary.excerpt(of: text),
            tags: tags, version: number, createdAt: createdAt, updatedAt: updatedAt)
    }
}

struct RereadRow: Codable, FetchableRecord, MutablePersistableRecord, StoredTimeRecord {
    static let databaseTableName = "reread"
    var id: Int64?
    var letterId: Int64
    var version: Int
    var at: Date
    var rating: String?
    var noticed: String?
    var criticBefore: Int?
    var criticAfter: Int?
    var believable: Int?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    var reread: Reread {
        Reread(
            id: id ?? 0, letterId: letterId, version: version, at: at,
            rating: rating.flatMap(ReadingRating.init(rawValue:)), noticed: noticed,
            criticBefore: criticBefore, criticAfter: criticAfter, believable: believable)
    }
}

struct SpacingRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "letterSpacing"
    var letterId: Int64
    var ease: Double
    var interval: Double
    var unhelpfulStreak: Int

    init(letterId: Int64, _ spacing: Spacing) {
        self.letterId = letterId
        self.ease = spacing.ease
        self.interval = spacing.interval
        self.unhelpfulStreak = spacing.unhelpfulStreak
    }

    var spacing: Spacing { Spacing(ease: ease, interval: interval, unhelpfulStreak: unhelpfulStreak) }
}

struct PromptRow: Codable, FetchableRecord, MutablePersistableRecord, StoredTimeRecord {
    static let databaseTableName = "prompt"
    var id: Int64?
    var letterId: Int64?
    var kind: String
    var reason: String
    var dueAt: Date
    var notifiedAt: Date?
    var closedAt: Date?
    var outcome: String?
    var theme: String?
    var checkInId: Int64?

    init(letterId: Int64?, _ planned: PlannedPrompt, theme: String? = nil, checkInId: Int64? = nil) {
        self.letterId = letterId
        self.kind = planned.kind.rawValue
        self.reason = planned.reason.rawValue
        self.dueAt = planned.dueAt.roundedToMilliseconds
        self.theme = theme
        self.checkInId = checkInId
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// An open prompt joined with its letter's latest about line and the start of its text.
struct PromptWithLetterRow: FetchableRecord {
    var id: Int64
    var letterId: Int64?
    var kind: String
    var reason: String
    var dueAt: Date
    var notifiedAt: Date?
    var about: String?
    var textStart: String

    /// Read by column position, in `openPromptSQL`'s order, not through Decodable, as
    /// ``LatestLetterRow`` is: GRDB's Codable decoding was a third of the time letterd took to
    /// read 80 open prompts for `letterctl due` (perf, 100k-letter store).
    init(row: Row) throws {
        id = try row.decode(atIndex: 0)
        letterId = try row.decode(atIndex: 1)
        kind = try row.decode(atIndex: 2)
        reason = try row.decode(atIndex: 3)
        dueAt = try row.decode(atIndex: 4)
        notifiedAt = try row.decode(atIndex: 5)
        about = try row.decode(atIndex: 6)
        textStart = try row.decode(atIndex: 7)
    }

    var prompt: Prompt {
        Prompt(
            id: id, letterId: letterId, kind: PromptKind(rawValue: kind) ?? .reread,
            reason: PromptReason(rawValue: reason) ?? .spacedReread, dueAt: dueAt, notifiedAt: notifiedAt,
            about: about, excerpt: LetterSummary.excerpt(of: textStart))
    }
}
