#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Why a file cannot be imported. Nothing is written in any of these cases.
public struct ImportRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    /// Where in the file, as a path ("letters[2].versions[0].text"); empty for the whole file.
    public var field: String
    public var reason: String

    public init(_ field: String, _ reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { field.isEmpty ? reason : "\(field) \(reason)" }
}

extension ExportDocument {
    /// The document with every record checked against the rules letterd applies when the
    /// person writes it (lengths, scales, names of kinds), and against itself (unique ids,
    /// references that resolve). What letterd exported passes unchanged; a hand-made or damaged
    /// file is refused at the first problem, named by its place in the file.
    public func validated() throws(ImportRefusal) -> ExportDocument {
        guard format == Self.formatName else {
            throw ImportRefusal("format", "is \"\(format)\", not \"\(Self.formatName)\": this is not a letterd export")
        }
        guard schemaVersion >= 1 else { throw ImportRefusal("schemaVersion", "is \(schemaVersion); it starts at 1") }
        guard schemaVersion <= Self.currentSchemaVersion else {
            throw ImportRefusal("schemaVersion", "is \(schemaVersion), from a newer letterd (this one reads up to \(Self.currentSchemaVersion)); import it with that version")
        }
        var document = self
        try inRange(letters.map(\.id), "letters", "id")
        try inRange(checkIns.map(\.id), "checkIns", "id")
        try inRange(prompts.map(\.id), "prompts", "id")
        try inRange(selfChecks.map(\.id), "selfChecks", "id")
        try inRange(criticProfile.map { Int64($0.number) }, "criticProfile", "number")
        try unique(letters.map(\.id), "letters", "id")
        for (index, letter) in letters.enumerated() {
            document.letters[index] = try Self.checked(letter, at: "letters[\(index)]")
        }
        let letterIds = Set(letters.map(\.id))
        try unique(checkIns.map(\.id), "checkIns", "id")
        for (index, checkIn) in checkIns.enumerated() {
            document.checkIns[index] = try Self.checked(checkIn, at: "checkIns[\(index)]")
        }
        let checkInIds = Set(checkIns.map(\.id))
        try unique(prompts.map(\.id), "prompts", "id")
        for (index, prompt) in prompts.enumerated() {
            let place = "prompts[\(index)]"
            try known(PromptKind.self, prompt.kind, "\(place).kind")
            try known(PromptReason.self, prompt.reason, "\(place).reason")
            if let outcome = prompt.outcome { try oneOf(["done", "skipped", "superseded"], outcome, "\(place).outcome") }
            guard (prompt.closedAt == nil) == (prompt.outcome == nil) else {
                throw ImportRefusal(place, "has a closedAt without an outcome, or an outcome without a closedAt")
            }
            guard (prompt.kind == PromptKind.write.rawValue) == (prompt.letterId == nil) else {
                throw ImportRefusal("\(place).letterId", "must be given for a reread or rework, and only for them")
            }
            if let letterId = prompt.letterId, !letterIds.contains(letterId) {
                throw ImportRefusal("\(place).letterId", "is \(letterId), a letter not in the file")
            }
            if let checkInId = prompt.checkInId, !checkInIds.contains(checkInId) {
                document.prompts[index].checkInId = nil  // its check-in was not exported with it
            }
            try optional(prompt.theme, "\(place).theme", Limits.aboutCharacters)
        }
        for (index, notification) in notifications.enumerated() where notification.promptCount < 0 {
            throw ImportRefusal("notifications[\(index)].promptCount", "is \(notification.promptCount); it cannot be negative")
        }
        try unique(selfChecks.map(\.id), "selfChecks", "id")
        for (index, check) in selfChecks.enumerated() {
            let place = "selfChecks[\(index)]"
            guard check.version >= 1, check.outOf >= 1, check.outOf <= 100 else { throw ImportRefusal(place, "has a version or outOf out of range") }
            if let count = LetterCore.SelfCheck.statementCount(version: check.version), check.outOf != count {
                throw ImportRefusal("\(place).outOf", "is \(check.outOf); version \(check.version) of the self-check has \(count) statements")
            }
            if let answers = check.answers {
                guard answers.count == check.outOf, answers.allSatisfy({ $0 == "y" || $0 == "n" }), let score = check.score, (0...check.outOf).contains(score) else {
                    throw ImportRefusal(place, "must have outOf answers, each y or n, and a score from 0 to outOf")
                }
            } else if check.score != nil {
                throw ImportRefusal("\(place).score", "is given without answers")
            }
        }
        try unique(criticProfile.map { Int64($0.number) }, "criticProfile", "number")
        for (index, profile) in criticProfile.enumerated() {
            let place = "criticProfile[\(index)]"
            guard profile.number >= 1 else { throw ImportRefusal("\(place).number", "is \(profile.number); it starts at 1") }
            for (name, value) in [("targets", profile.targets), ("says", profile.says), ("sounds", profile.sounds), ("feels", profile.feels), ("costs", profile.costs)] {
                try optional(value, "\(place).\(name)", Limits.saidCharacters)
            }
        }
        try unique(settings.map(\.key), "settings", "key")
        for (index, setting) in settings.enumerated() {
            try Self.check(setting, at: "settings[\(index)]")
        }
        return document
    }

    /// The settings letterctl can change, each with its own kind of value.
    private static func check(_ setting: Setting, at place: String) throws(ImportRefusal) {
        switch setting.key {
        case "pausedUntil":
            // Stored as SQLite stores a time: "2026-11-23 10:00:00.000", in UTC.
            guard let value = setting.value, Self.isStoredTime(value) else {
                throw ImportRefusal("\(place).value", "must be a time like 2026-11-23 10:00:00.000 (UTC) for pausedUntil")
            }
        default:
            throw ImportRefusal("\(place).key", "is \"\(setting.key.prefix(40))\", not a setting letterd knows (pausedUntil)")
        }
    }

    /// "YYYY-MM-DD HH:MM:SS.SSS" with each part in its range: how GRDB stores a `Date`, and
    /// so the only form the schedule can read back.
    static func isStoredTime(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 23 else { return false }
        var numbers: [Int] = []
        var current = 0
        for (index, scalar) in scalars.enumerated() {
            let separator: Unicode.Scalar? = [4: "-", 7: "-", 10: " ", 13: ":", 16: ":", 19: "."][index]
            if let separator {
                guard scalar == separator else { return false }
                numbers.append(current)
                current = 0
            } else {
                guard ("0"..."9").contains(scalar) else { return false }
                current = current * 10 + Int(scalar.value - 48)
            }
        }
        numbers.append(current)
        let (month, day, hour, minute, second) = (numbers[1], numbers[2], numbers[3], numbers[4], numbers[5])
        return (1...12).contains(month) && (1...31).contains(day) && hour < 24 && minute < 60 && second < 60
    }

    private static func checked(_ letter: Letter, at place: String) throws(ImportRefusal) -> Letter {
        var letter = letter
        guard !letter.versions.isEmpty else { throw ImportRefusal("\(place).versions", "is empty; a letter has at least one version") }
        for (index, version) in letter.versions.enumerated() {
            let versionPlace = "\(place).versions[\(index)]"
            guard version.number == index + 1 else {
                throw ImportRefusal("\(versionPlace).number", "is \(version.number); versions are numbered 1, 2, 3… in order")
            }
            do {
                let draft = try LetterDraft(
                    text: version.text, about: version.about, perspective: version.perspective, warmth: version.warmth,
                    feeling: version.feeling)
                letter.versions[index] = Version(
                    number: version.number, createdAt: version.createdAt, about: draft.about, perspective: draft.perspective,
                    feeling: draft.feeling, warmth: draft.warmth, text: draft.text)
            } catch {
                throw ImportRefusal("\(versionPlace).\(error.parameter)", error.reason)
            }
        }
        do throws(InvalidInput) {
            guard letter.tags.count <= Limits.tagsPerLetter else {
                throw InvalidInput("tags", "has \(letter.tags.count) tags; the limit is \(Limits.tagsPerLetter)")
            }
            letter.tags = try LetterDraft.tags(letter.tags)
        } catch {
            throw ImportRefusal("\(place).tags", error.reason)
        }
        try inRange(letter.rereads.map(\.id), "\(place).rereads", "id")
        try unique(letter.rereads.map(\.id), "\(place).rereads", "id")
        for (index, reread) in letter.rereads.enumerated() {
            let rereadPlace = "\(place).rereads[\(index)]"
            guard (1...letter.versions.count).contains(reread.version) else {
                throw ImportRefusal("\(rereadPlace).version", "is \(reread.version); the letter has \(letter.versions.count) versions")
            }
            if let rating = reread.rating { try known(ReadingRating.self, rating, "\(rereadPlace).rating") }
            try optional(reread.noticed, "\(rereadPlace).noticed", Limits.noticedCharacters)
            for (value, field) in [(reread.criticBefore, "criticBefore"), (reread.criticAfter, "criticAfter"), (reread.believable, "believable")] {
                if let value, !Limits.scale.contains(value) {
                    throw ImportRefusal("\(rereadPlace).\(field)", "is \(value); it runs from 0 to 10")
                }
            }
        }
        if let spacing = letter.spacing {
            guard spacing.ease.isFinite, spacing.ease > 0, spacing.ease < 100, spacing.interval.isFinite, spacing.interval >= 0,
                  spacing.interval <= 100 * 366 * 86_400, spacing.unhelpfulStreak >= 0 else {
                throw ImportRefusal("\(place).spacing", "has values out of range")
            }
        }
        return letter
    }

    private static func checked(_ checkIn: CheckIn, at place: String) throws(ImportRefusal) -> CheckIn {
        var checkIn = checkIn
        let trigger: CriticTrigger?
        if let raw = checkIn.trigger {
            try known(CriticTrigger.self, raw, "\(place).trigger")
            trigger = CriticTrigger(rawValue: raw)
        } else {
            trigger = nil
        }
        do {
            let draft = try CheckInDraft(intensity: checkIn.intensity, said: checkIn.said, trigger: trigger, about: checkIn.about, tags: checkIn.tags)
            checkIn.said = draft.said
            checkIn.about = draft.about
            checkIn.tags = draft.tags
        } catch {
            throw ImportRefusal("\(place).\(error.parameter)", error.reason)
        }
        for (index, style) in checkIn.styles.enumerated() { try known(ThinkingStyle.self, style, "\(place).styles[\(index)]") }
        checkIn.styles = ThinkingStyle.allCases.map(\.rawValue).filter(checkIn.styles.contains)
        if let voice = checkIn.voice { try known(CriticVoice.self, voice, "\(place).voice") }
        return checkIn
    }
}

private func unique<T: Hashable>(_ values: [T], _ place: String, _ name: String) throws(ImportRefusal) {
    var seen = Set<T>()
    for (index, value) in values.enumerated() where !seen.insert(value).inserted {
        throw ImportRefusal("\(place)[\(index)].\(name)", "is \(value) again; each \(name) may appear once")
    }
}

private func known<E: RawRepresentable & CaseIterable>(_ type: E.Type, _ raw: String, _ place: String) throws(ImportRefusal) where E.RawValue == String {
    try oneOf(E.allCases.map(\.rawValue), raw, place)
}

private func oneOf(_ names: [String], _ raw: String, _ place: String) throws(ImportRefusal) {
    guard names.contains(raw) else {
        throw ImportRefusal(place, "is \"\(raw.prefix(40))\"; it must be one of \(names.joined(separator: ", "))")
    }
}

/// The same rule as for text the person types (``TextRules/check(_:field:)``), and a length.
private func optional(_ value: String?, _ place: String, _ maxCharacters: Int) throws(ImportRefusal) {
    guard let value else { return }
    guard value.count <= maxCharacters else { throw ImportRefusal(place, "is longer than \(maxCharacters) characters") }
    do {
        try TextRules.check(value, field: place)
    } catch {
        throw ImportRefusal(place, error.reason)
    }
}

/// Ids in a file are at most this: far beyond any real store, and far from SQLite's largest
/// rowid, which would leave AUTOINCREMENT no id to give the next letter.
let largestImportedId: Int64 = 1_000_000_000_000

private func inRange(_ ids: [Int64], _ place: String, _ name: String) throws(ImportRefusal) {
    for (index, id) in ids.enumerated() where !(1...largestImportedId).contains(id) {
        throw ImportRefusal("\(place)[\(index)].\(name)", "is \(id); ids run from 1 to \(largestImportedId)")
    }
}
