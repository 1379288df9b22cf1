#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Everything letterd holds for a person, in a form they own: what `letterctl export --format
/// json` writes and `letterctl import` reads. The README's "Export format" describes every field.
///
/// Each table of the store that holds the person's words or choices is here, row for row:
/// letters with every version, tag, reread and spacing; check-ins with what letterd read in
/// them; the schedule's prompts and notifications; self-checks; the critic's profile; the
/// settings changed through letterctl. Only what SQLite derives (the search index) is left out,
/// and it is rebuilt on import. Ids are the exporting store's; an import keeps them where they
/// are free, so an export of the imported store reads the same.
public struct ExportDocument: Codable, Sendable, Equatable {
    /// What this is, for a person opening the file: always ``formatName``.
    public var format: String
    /// The document's own schema; an import refuses a newer one.
    public var schemaVersion: Int
    /// Differs between two exports of the same store (with `letterdVersion`).
    public var exportedAt: Date
    public var letterdVersion: String
    /// The schema changes the exporting store had applied (letterd's migrations).
    public var storeMigrations: [String]
    /// Which part of the store this is: nil fields mean "all".
    public var selection: Selection
    public var letters: [Letter]
    public var checkIns: [CheckIn]
    public var prompts: [Prompt]
    public var notifications: [Notification]
    public var selfChecks: [SelfCheck]
    public var criticProfile: [CriticProfile]
    public var settings: [Setting]

    public static let formatName = "letterd-export"
    /// Import files larger than this are refused before they are read: decoding holds the whole
    /// document in memory, several times its size.
    public static let largestImportBytes: Int64 = 256 * 1024 * 1024
    /// 2 added a reread's criticBefore, criticAfter and believable: a letterd that reads only
    /// version 1 refuses such a file rather than drop them.
    public static let currentSchemaVersion = 2

    public struct Selection: Codable, Sendable, Equatable {
        public var letters: [Int64]?
        public var since: Date?
        public var withCheckIns: Bool

        public init(letters: [Int64]? = nil, since: Date? = nil, withCheckIns: Bool = true) {
            self.letters = letters
            self.since = since
            self.withCheckIns = withCheckIns
        }

        /// Everything: what a JSON export is unless asked otherwise.
        public var isWholeStore: Bool { letters == nil && since == nil && withCheckIns }
    }

    public struct Letter: Codable, Sendable, Equatable {
        public var id: Int64
        public var createdAt: Date
        public var tags: [String]
        /// Oldest first; numbers from 1.
        public var versions: [Version]
        public var rereads: [Reread]
        public var spacing: Spacing?

        public init(id: Int64, createdAt: Date, tags: [String], versions: [Version], rereads: [Reread], spacing: Spacing?) {
            self.id = id
            self.createdAt = createdAt
            self.tags = tags
            self.versions = versions
            self.rereads = rereads
            self.spacing = spacing
        }

        public var latest: Version? { versions.last }
    }

    public struct Version: Codable, Sendable, Equatable {
        public var number: Int
        public var createdAt: Date
        public var about: String?
        public var perspective: String?
        public var feeling: String?
        public var warmth: Int?
        public var text: String

        public init(number: Int, createdAt: Date, about: String?, perspective: String?, feeling: String?, warmth: Int?, text: String) {
            self.number = number
            self.createdAt = createdAt
            self.about = about
            self.perspective = perspective
            self.feeling = feeling
            self.warmth = warmth
            self.text = text
        }
    }

    public struct Reread: Codable, Sendable, Equatable {
        public var id: Int64
        /// The version reread.
        public var version: Int
        public var at: Date
        /// didNotHelp, somewhat, helped, helpedALot; nil when not said.
        public var rating: String?
        public var noticed: String?
        /// How loud the critic was before and after reading, and how believable the letter
        /// felt, 0–10; nil when not said (and in files of schema version 1).
        public var criticBefore: Int?
        public var criticAfter: Int?
        public var believable: Int?

        public init(
            id: Int64, version: Int, at: Date, rating: String?, noticed: String?, criticBefore: Int? = nil,
            criticAfter: Int? = nil, believable: Int? = nil
        ) {
            self.id = id
            self.version = version
            self.at = at
            self.rating = rating
            self.noticed = noticed
            self.criticBefore = criticBefore
            self.criticAfter = criticAfter
            self.believable = believable
        }
    }

    /// How far apart the letter's rereads are (LetterSchedule's Spacing).
    public struct Spacing: Codable, Sendable, Equatable {
        public var ease: Double
        public var interval: Double
        public var unhelpfulStreak: Int

        public init(ease: Double, interval: Double, unhelpfulStreak: Int) {
            self.ease = ease
            self.interval = interval
            self.unhelpfulStreak = unhelpfulStreak
        }
    }

    public struct CheckIn: Codable, Sendable, Equatable {
        public var id: Int64
        public var at: Date
        public var intensity: Int
        public var said: String?
        public var trigger: String?
        public var about: String?
        public var tags: [String]
        /// What letterd read in `said` (or what the person corrected it to).
        public var styles: [String]
        public var voice: String?
        public var readingCorrectedAt: Date?
        public var suggestedLetterId: Int64?

        public init(
            id: Int64, at: Date, intensity: Int, said: String?, trigger: String?, about: String?, tags: [String],
            styles: [String], voice: String?, readingCorrectedAt: Date?, suggestedLetterId: Int64?
        ) {
            self.id = id
            self.at = at
            self.intensity = intensity
            self.said = said
            self.trigger = trigger
            self.about = about
            self.tags = tags
            self.styles = styles
            self.voice = voice
            self.readingCorrectedAt = readingCorrectedAt
            self.suggestedLetterId = suggestedLetterId
        }
    }

    public struct Prompt: Codable, Sendable, Equatable {
        public var id: Int64
        public var letterId: Int64?
        public var kind: String
        public var reason: String
        public var dueAt: Date
        public var notifiedAt: Date?
        public var closedAt: Date?
        public var outcome: String?
        public var theme: String?
        public var checkInId: Int64?

        public init(
            id: Int64, letterId: Int64?, kind: String, reason: String, dueAt: Date, notifiedAt: Date?, closedAt: Date?,
            outcome: String?, theme: String?, checkInId: Int64?
        ) {
            self.id = id
            self.letterId = letterId
            self.kind = kind
            self.reason = reason
            self.dueAt = dueAt
            self.notifiedAt = notifiedAt
            self.closedAt = closedAt
            self.outcome = outcome
            self.theme = theme
            self.checkInId = checkInId
        }
    }

    public struct Notification: Codable, Sendable, Equatable {
        public var at: Date
        public var promptCount: Int

        public init(at: Date, promptCount: Int) {
            self.at = at
            self.promptCount = promptCount
        }
    }

    public struct SelfCheck: Codable, Sendable, Equatable {
        public var id: Int64
        public var at: Date
        public var version: Int
        public var answers: String?
        public var score: Int?
        public var outOf: Int

        public init(id: Int64, at: Date, version: Int, answers: String?, score: Int?, outOf: Int) {
            self.id = id
            self.at = at
            self.version = version
            self.answers = answers
            self.score = score
            self.outOf = outOf
        }
    }

    public struct CriticProfile: Codable, Sendable, Equatable {
        public var number: Int
        public var at: Date
        public var targets: String?
        public var says: String?
        public var sounds: String?
        public var feels: String?
        public var costs: String?

        public init(number: Int, at: Date, targets: String?, says: String?, sounds: String?, feels: String?, costs: String?) {
            self.number = number
            self.at = at
            self.targets = targets
            self.says = says
            self.sounds = sounds
            self.feels = feels
            self.costs = costs
        }
    }

    /// A setting changed through letterctl (a pause of the schedule), not the config file.
    public struct Setting: Codable, Sendable, Equatable {
        public var key: String
        public var value: String?

        public init(key: String, value: String?) {
            self.key = key
            self.value = value
        }
    }

    public init(
        exportedAt: Date, letterdVersion: String, storeMigrations: [String], selection: Selection,
        letters: [Letter] = [], checkIns: [CheckIn] = [], prompts: [Prompt] = [], notifications: [Notification] = [],
        selfChecks: [SelfCheck] = [], criticProfile: [CriticProfile] = [], settings: [Setting] = []
    ) {
        self.format = Self.formatName
        self.schemaVersion = Self.currentSchemaVersion
        self.exportedAt = exportedAt
        self.letterdVersion = letterdVersion
        self.storeMigrations = storeMigrations
        self.selection = selection
        self.letters = letters
        self.checkIns = checkIns
        self.prompts = prompts
        self.notifications = notifications
        self.selfChecks = selfChecks
        self.criticProfile = criticProfile
        self.settings = settings
    }
}

/// What an import added; nothing already in the store is counted (importing a file twice
/// adds nothing the second time).
public struct ImportSummary: Codable, Sendable, Equatable {
    public var letters = 0
    /// Versions added to letters that were already in the store: edits made on both sides.
    public var versionsAdded = 0
    public var rereads = 0
    public var checkIns = 0
    public var prompts = 0
    public var selfChecks = 0
    public var criticProfileVersions = 0
    public var settings = 0

    public init() {}

    public var isEmpty: Bool { self == ImportSummary() }
}
