#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import LetterCore
import VarlinkProtocol

// Parameters and replies of io.letterd.Letters, field for field as in the .varlink file.
// Each parameters type lists its fields in `CodingKeys`; the daemon refuses any other field.

public struct WriteLetterParameters: VarlinkParameters, Equatable {
    public var text: String
    public var about: String?
    public var feeling: String?
    public var perspective: String?
    public var warmth: Int?
    public var tags: [String]?
    public enum CodingKeys: String, CodingKey, CaseIterable { case text, about, feeling, perspective, warmth, tags }

    public init(
        text: String, about: String? = nil, perspective: String? = nil, warmth: Int? = nil, tags: [String]? = nil,
        feeling: String? = nil
    ) {
        self.text = text
        self.about = about
        self.feeling = feeling
        self.perspective = perspective
        self.warmth = warmth
        self.tags = tags
    }
}

extension WriteLetterParameters {
    /// Everything in it the person wrote, as the help note's check reads it.
    public var writtenTexts: [String?] { [text, about, feeling, perspective] + (tags ?? []) }
}

public struct ReviseLetterParameters: VarlinkParameters, Equatable {
    public var id: Int64
    public var text: String
    public var about: String?
    public var feeling: String?
    public var perspective: String?
    public var warmth: Int?
    public enum CodingKeys: String, CodingKey, CaseIterable { case id, text, about, feeling, perspective, warmth }

    public init(
        id: Int64, text: String, about: String? = nil, perspective: String? = nil, warmth: Int? = nil,
        feeling: String? = nil
    ) {
        self.id = id
        self.text = text
        self.about = about
        self.feeling = feeling
        self.perspective = perspective
        self.warmth = warmth
    }
}

/// The reply of GetLetter (with `versions`), and of WriteLetter and ReviseLetter (with `help`).
extension ReviseLetterParameters {
    /// Everything in it the person wrote, as the help note's check reads it.
    public var writtenTexts: [String?] { [text, about, feeling, perspective] }
}

public struct LetterReply: Codable, Sendable, Equatable {
    public var letter: Letter
    public var versions: [LetterVersion]?
    /// The help note, when the letter's words called for it (WriteLetter, ReviseLetter).
    public var help: HelpNote?

    public init(letter: Letter, versions: [LetterVersion]? = nil, help: HelpNote? = nil) {
        self.letter = letter
        self.versions = versions
        self.help = help
    }
}

public struct GetLetterParameters: VarlinkParameters, Equatable {
    public var id: Int64
    public var withVersions: Bool?
    public enum CodingKeys: String, CodingKey, CaseIterable { case id, withVersions }

    public init(id: Int64, withVersions: Bool? = nil) {
        self.id = id
        self.withVersions = withVersions
    }
}

/// Paging for the list methods: `limit` rows (default 50), older than `before`.
public struct PageParameters: VarlinkParameters, Equatable {
    public var limit: Int?
    public var before: Int64?
    public enum CodingKeys: String, CodingKey, CaseIterable { case limit, before }

    public static let defaultLimit = 50

    public init(limit: Int? = nil, before: Int64? = nil) {
        self.limit = limit
        self.before = before
    }
}

extension PageParameters {
    /// The parameters as their Codable encoding has them, for letterctl's quick path (see
    /// ``LogCheckInParameters/json``).
    public var json: JSONValue {
        var fields: [String: JSONValue] = [:]
        if let limit { fields[CodingKeys.limit.stringValue] = .integer(Int64(limit)) }
        if let before { fields[CodingKeys.before.stringValue] = .integer(before) }
        return .object(fields)
    }
}

public struct ListLettersReply: Codable, Sendable, Equatable {
    public var letters: [LetterSummary]
    public init(letters: [LetterSummary]) { self.letters = letters }
}

public struct LetterIdParameters: VarlinkParameters, Equatable {
    public var id: Int64
    public enum CodingKeys: String, CodingKey, CaseIterable { case id }
    public init(id: Int64) { self.id = id }
}

public struct LogCheckInParameters: VarlinkParameters, Equatable {
    public var intensity: Int
    public var said: String?
    public var trigger: CriticTrigger?
    public var about: String?
    public var tags: [String]?
    public var rereadNow: Bool?
    public enum CodingKeys: String, CodingKey, CaseIterable { case intensity, said, trigger, about, tags, rereadNow }

    public init(
        intensity: Int, said: String? = nil, trigger: CriticTrigger? = nil, about: String? = nil,
        tags: [String]? = nil, rereadNow: Bool? = nil
    ) {
        self.intensity = intensity
        self.said = said
        self.trigger = trigger
        self.about = about
        self.tags = tags
        self.rereadNow = rereadNow
    }
}

extension LogCheckInParameters {
    /// The parameters as JSON, field by field, as their Codable encoding has them (absent
    /// fields left out): letterctl sends a check-in without Foundation's JSON encoder, whose
    /// set-up is a sizeable part of a check-in's time (see letterctl's `DaemonConnection`).
    /// `JSONWriterTests` hold the two encodings equal.
    public var json: JSONValue {
        var fields: [String: JSONValue] = [CodingKeys.intensity.stringValue: .integer(Int64(intensity))]
        if let said { fields[CodingKeys.said.stringValue] = .string(said) }
        if let trigger { fields[CodingKeys.trigger.stringValue] = .string(trigger.rawValue) }
        if let about { fields[CodingKeys.about.stringValue] = .string(about) }
        if let tags { fields[CodingKeys.tags.stringValue] = .array(tags.map(JSONValue.string)) }
        if let rereadNow { fields[CodingKeys.rereadNow.stringValue] = .bool(rereadNow) }
        return .object(fields)
    }
}

extension LogCheckInParameters {
    /// Everything in it the person wrote, as the help note's check reads it.
    public var writtenTexts: [String?] { [said, about] + (tags ?? []) }
}

public struct LogCheckInReply: Codable, Sendable, Equatable {
    public var checkIn: CriticCheckIn
    public var chosen: ChosenLetter?
    public var offeredPromptId: Int64?
    public var invitation: Prompt?
    /// The help note, when the check-in called for it.
    public var help: HelpNote?
    public init(checkIn: CriticCheckIn, chosen: ChosenLetter?, offeredPromptId: Int64?, invitation: Prompt?, help: HelpNote? = nil) {
        self.checkIn = checkIn
        self.chosen = chosen
        self.offeredPromptId = offeredPromptId
        self.invitation = invitation
        self.help = help
    }
}

public struct DeclineInvitationReply: Codable, Sendable, Equatable {
    public var declined: Int
    public init(declined: Int) { self.declined = declined }
}

public struct ListCheckInsParameters: VarlinkParameters, Equatable {
    public var limit: Int?
    public var before: Int64?
    public var since: Date?
    public var trigger: CriticTrigger?
    public var style: ThinkingStyle?
    public var about: String?
    public var tag: String?
    public enum CodingKeys: String, CodingKey, CaseIterable { case limit, before, since, trigger, style, about, tag }

    public init(
        limit: Int? = nil, before: Int64? = nil, since: Date? = nil, trigger: CriticTrigger? = nil,
        style: ThinkingStyle? = nil, about: String? = nil, tag: String? = nil
    ) {
        self.limit = limit
        self.before = before
        self.since = since
        self.trigger = trigger
        self.style = style
        self.about = about
        self.tag = tag
    }
}

public struct ListCheckInsReply: Codable, Sendable, Equatable {
    public var checkIns: [CriticCheckIn]
    public init(checkIns: [CriticCheckIn]) { self.checkIns = checkIns }
}

/// The voice as a correction gives it: `unclear` clears it.
public enum CorrectedVoice: String, Codable, Sendable, CaseIterable {
    case firstPerson, secondPerson, unclear

    public var voice: CriticVoice? { CriticVoice(rawValue: rawValue) }
}

public struct CorrectCheckInParameters: VarlinkParameters, Equatable {
    public var id: Int64
    public var styles: [ThinkingStyle]?
    public var voice: CorrectedVoice?
    public enum CodingKeys: String, CodingKey, CaseIterable { case id, styles, voice }

    public init(id: Int64, styles: [ThinkingStyle]? = nil, voice: CorrectedVoice? = nil) {
        self.id = id
        self.styles = styles
        self.voice = voice
    }
}

public struct CheckInReply: Codable, Sendable, Equatable {
    public var checkIn: CriticCheckIn
    public init(checkIn: CriticCheckIn) { self.checkIn = checkIn }
}

public struct SearchParameters: VarlinkParameters, Equatable {
    public var query: String
    public var limit: Int?
    public enum CodingKeys: String, CodingKey, CaseIterable { case query, limit }

    public init(query: String, limit: Int? = nil) {
        self.query = query
        self.limit = limit
    }
}

extension SearchParameters {
    /// The parameters as their Codable encoding has them (see ``LogCheckInParameters/json``).
    public var json: JSONValue {
        var fields: [String: JSONValue] = [CodingKeys.query.stringValue: .string(query)]
        if let limit { fields[CodingKeys.limit.stringValue] = .integer(Int64(limit)) }
        return .object(fields)
    }
}

/// The store's results are the reply as they are: hits, and `rankedNewest` when the search
/// was narrowed to the newest matches.
public typealias SearchReply = SearchResults

public struct DaemonStatus: Codable, Sendable, Equatable {
    public var version: String
    public var letters: Int
    public var versions: Int
    public var checkIns: Int
    public var databasePath: String
    public var startedAt: Date
    /// Why letterd is degraded, until a write succeeds again.
    public var problem: String?
    public var backupDirectory: String
    /// The newest backup's path, and when it was written.
    public var lastBackup: String?
    public var lastBackupAt: Date?

    public init(
        version: String, counts: StoreCounts, databasePath: String, startedAt: Date, problem: String? = nil,
        backupDirectory: String, lastBackup: String? = nil, lastBackupAt: Date? = nil
    ) {
        self.version = version
        self.letters = counts.letters
        self.versions = counts.versions
        self.checkIns = counts.checkIns
        self.databasePath = databasePath
        self.startedAt = startedAt
        self.problem = problem
        self.backupDirectory = backupDirectory
        self.lastBackup = lastBackup
        self.lastBackupAt = lastBackupAt
    }
}

public struct StatusReply: Codable, Sendable, Equatable {
    public var status: DaemonStatus
    public init(status: DaemonStatus) { self.status = status }
}

// MARK: - Backups

/// The interface's `Backup` type: one copy of the store.
public struct BackupInfo: Codable, Sendable, Equatable {
    public var path: String
    public var bytes: Int64
    public var letters: Int
    public var versions: Int
    public var checkIns: Int
    public var createdAt: Date

    public init(path: String, bytes: Int64, counts: StoreCounts, createdAt: Date) {
        self.path = path
        self.bytes = bytes
        self.letters = counts.letters
        self.versions = counts.versions
        self.checkIns = counts.checkIns
        self.createdAt = createdAt
    }
}

public struct BackupReply: Codable, Sendable, Equatable {
    public var backup: BackupInfo
    public init(backup: BackupInfo) { self.backup = backup }
}

public struct ListBackupsReply: Codable, Sendable, Equatable {
    public var backups: [BackupInfo]
    public var directory: String
    public var keepDaily: Int
    public init(backups: [BackupInfo], directory: String, keepDaily: Int) {
        self.backups = backups
        self.directory = directory
        self.keepDaily = keepDaily
    }
}

public struct RestoreBackupParameters: VarlinkParameters, Equatable {
    public var path: String
    public var dryRun: Bool?
    public enum CodingKeys: String, CodingKey, CaseIterable { case path, dryRun }
    public init(path: String, dryRun: Bool? = nil) {
        self.path = path
        self.dryRun = dryRun
    }
}

public struct RestoreBackupReply: Codable, Sendable, Equatable {
    public var backup: BackupInfo
    public var savedFirst: BackupInfo?
    public init(backup: BackupInfo, savedFirst: BackupInfo?) {
        self.backup = backup
        self.savedFirst = savedFirst
    }
}

// MARK: - The schedule

public struct ListDueParameters: VarlinkParameters, Equatable {
    public var all: Bool?
    public enum CodingKeys: String, CodingKey, CaseIterable { case all }
    public init(all: Bool? = nil) { self.all = all }
}

extension ListDueParameters {
    /// The parameters as their Codable encoding has them (see ``LogCheckInParameters/json``).
    public var json: JSONValue {
        .object(all.map { [CodingKeys.all.stringValue: .bool($0)] } ?? [:])
    }
}

public struct ListDueReply: Codable, Sendable, Equatable {
    public var prompts: [Prompt]
    public var pausedUntil: Date?
    public var selfCheckInvited: Bool
    public init(prompts: [Prompt], pausedUntil: Date?, selfCheckInvited: Bool) {
        self.prompts = prompts
        self.pausedUntil = pausedUntil
        self.selfCheckInvited = selfCheckInvited
    }
}

public struct GetScheduleParameters: VarlinkParameters, Equatable {
    public var id: Int64?
    public enum CodingKeys: String, CodingKey, CaseIterable { case id }
    public init(id: Int64? = nil) { self.id = id }
}

/// A letter's spacing on the wire (the daemon's `Spacing`, with the unit in the name).
public struct SpacingInfo: Codable, Sendable, Equatable {
    public var ease: Double
    public var intervalSeconds: Double
    public var unhelpfulStreak: Int
    public init(ease: Double, intervalSeconds: Double, unhelpfulStreak: Int) {
        self.ease = ease
        self.intervalSeconds = intervalSeconds
        self.unhelpfulStreak = unhelpfulStreak
    }
}

public struct GetScheduleReply: Codable, Sendable, Equatable {
    public var prompts: [Prompt]
    public var spacing: SpacingInfo?
    public var rereads: [Reread]?
    public var pausedUntil: Date?
    public var nextNotificationAt: Date?
    public init(prompts: [Prompt], spacing: SpacingInfo?, rereads: [Reread]?, pausedUntil: Date?, nextNotificationAt: Date?) {
        self.prompts = prompts
        self.spacing = spacing
        self.rereads = rereads
        self.pausedUntil = pausedUntil
        self.nextNotificationAt = nextNotificationAt
    }
}

public struct RecordRereadParameters: VarlinkParameters, Equatable {
    public var id: Int64
    public var rating: ReadingRating?
    public var noticed: String?
    public var criticBefore: Int?
    public var criticAfter: Int?
    public var believable: Int?
    public enum CodingKeys: String, CodingKey, CaseIterable { case id, rating, noticed, criticBefore, criticAfter, believable }
    public init(
        id: Int64, rating: ReadingRating? = nil, noticed: String? = nil, criticBefore: Int? = nil, criticAfter: Int? = nil,
        believable: Int? = nil
    ) {
        self.id = id
        self.rating = rating
        self.noticed = noticed
        self.criticBefore = criticBefore
        self.criticAfter = criticAfter
        self.believable = believable
    }
}

public struct RecordRereadReply: Codable, Sendable, Equatable {
    public var reread: Reread
    public var next: Prompt?
    /// The help note, when what the reread stirred up called for it.
    public var help: HelpNote?
    public init(reread: Reread, next: Prompt?, help: HelpNote? = nil) {
        self.reread = reread
        self.next = next
        self.help = help
    }
}

public struct SkipPromptReply: Codable, Sendable, Equatable {
    public var skipped: Prompt
    public var next: Prompt?
    public init(skipped: Prompt, next: Prompt?) {
        self.skipped = skipped
        self.next = next
    }
}

public struct SnoozeParameters: VarlinkParameters, Equatable {
    public var id: Int64
    public var seconds: Double
    public enum CodingKeys: String, CodingKey, CaseIterable { case id, seconds }
    public init(id: Int64, seconds: Double) {
        self.id = id
        self.seconds = seconds
    }
}

public struct PromptsReply: Codable, Sendable, Equatable {
    public var prompts: [Prompt]
    public init(prompts: [Prompt]) { self.prompts = prompts }
}

public struct PauseParameters: VarlinkParameters, Equatable {
    public var seconds: Double
    public enum CodingKeys: String, CodingKey, CaseIterable { case seconds }
    public init(seconds: Double) { self.seconds = seconds }
}

public struct PauseReply: Codable, Sendable, Equatable {
    public var pausedUntil: Date
    public init(pausedUntil: Date) { self.pausedUntil = pausedUntil }
}

public struct GetStatsParameters: VarlinkParameters, Equatable {
    public var days: Int?
    public enum CodingKeys: String, CodingKey, CaseIterable { case days }
    public static let defaultDays = 28
    public static let dayRange = 7...366
    public init(days: Int? = nil) { self.days = days }
}

public struct GetStatsReply: Codable, Sendable, Equatable {
    public var stats: Stats
    public init(stats: Stats) { self.stats = stats }
}

public struct GetCriticProfileParameters: VarlinkParameters, Equatable {
    public var withVersions: Bool?
    public enum CodingKeys: String, CodingKey, CaseIterable { case withVersions }
    public init(withVersions: Bool? = nil) { self.withVersions = withVersions }
}

public struct GetCriticProfileReply: Codable, Sendable, Equatable {
    public var profile: CriticProfile?
    public var versions: [CriticProfile]?
    public init(profile: CriticProfile?, versions: [CriticProfile]?) {
        self.profile = profile
        self.versions = versions
    }
}

public struct SaveCriticProfileParameters: VarlinkParameters, Equatable {
    public var answers: CriticProfile.Answers
    public enum CodingKeys: String, CodingKey, CaseIterable { case answers }
    public init(answers: CriticProfile.Answers) { self.answers = answers }
}

public struct CriticProfileReply: Codable, Sendable, Equatable {
    public var profile: CriticProfile
    /// The help note, when the answers' words called for it.
    public var help: HelpNote?
    public init(profile: CriticProfile, help: HelpNote? = nil) {
        self.profile = profile
        self.help = help
    }
}

public struct GetSelfCheckReply: Codable, Sendable, Equatable {
    public var version: Int
    public var statements: [String]
    public var scores: [SelfCheckScore]
    public var invited: Bool
    public init(version: Int, statements: [String], scores: [SelfCheckScore], invited: Bool) {
        self.version = version
        self.statements = statements
        self.scores = scores
        self.invited = invited
    }
}

public struct RecordSelfCheckParameters: VarlinkParameters, Equatable {
    public var answers: [Bool]
    public enum CodingKeys: String, CodingKey, CaseIterable { case answers }
    public init(answers: [Bool]) { self.answers = answers }
}

public struct RecordSelfCheckReply: Codable, Sendable, Equatable {
    public var score: SelfCheckScore
    public init(score: SelfCheckScore) { self.score = score }
}

public struct ReflectOnLetterReply: Codable, Sendable, Equatable {
    public var version: Int
    public var enabled: Bool
    public var availableFrom: Date?
    public var notes: [LetterReflections.Note]
    public var qualities: [String]
    public init(version: Int, enabled: Bool, availableFrom: Date?, notes: [LetterReflections.Note], qualities: [String]) {
        self.version = version
        self.enabled = enabled
        self.availableFrom = availableFrom
        self.notes = notes
        self.qualities = qualities
    }
}

public struct GetConfigReply: Codable, Sendable, Equatable {
    public var path: String
    public var settings: String
    /// The first line a new letter starts with, from `[letter]` ("Dear Sam,"); nil without a name.
    public var greeting: String?
    /// The help note as configured, for a client that checks what is typed before sending it.
    public var help: HelpNote
    public init(path: String, settings: String, greeting: String? = nil, help: HelpNote) {
        self.path = path
        self.settings = settings
        self.greeting = greeting
        self.help = help
    }
}

// MARK: - Export and import

public enum ExportFormat: String, Codable, Sendable, CaseIterable {
    case markdown, html, json

    /// The file name extension.
    public var fileExtension: String {
        switch self {
        case .markdown: return "md"
        case .html: return "html"
        case .json: return "json"
        }
    }
}

public struct ExportParameters: VarlinkParameters, Equatable {
    public var format: ExportFormat
    public var letters: [Int64]?
    public var since: Date?
    public var withVersions: Bool?
    public var withRereads: Bool?
    public var withCheckIns: Bool?
    public enum CodingKeys: String, CodingKey, CaseIterable { case format, letters, since, withVersions, withRereads, withCheckIns }

    public init(
        format: ExportFormat, letters: [Int64]? = nil, since: Date? = nil, withVersions: Bool? = nil, withRereads: Bool? = nil,
        withCheckIns: Bool? = nil
    ) {
        self.format = format
        self.letters = letters
        self.since = since
        self.withVersions = withVersions
        self.withRereads = withRereads
        self.withCheckIns = withCheckIns
    }
}

public struct ExportReply: Codable, Sendable, Equatable {
    public var path: String
    public var letters: Int
    public var bytes: Int
    public init(path: String, letters: Int, bytes: Int) {
        self.path = path
        self.letters = letters
        self.bytes = bytes
    }
}

public struct ImportParameters: VarlinkParameters, Equatable {
    public var path: String
    public var dryRun: Bool?
    public enum CodingKeys: String, CodingKey, CaseIterable { case path, dryRun }
    public init(path: String, dryRun: Bool? = nil) {
        self.path = path
        self.dryRun = dryRun
    }
}

public struct ImportReply: Codable, Sendable, Equatable {
    public var added: ImportSummary
    public init(added: ImportSummary) { self.added = added }
}
