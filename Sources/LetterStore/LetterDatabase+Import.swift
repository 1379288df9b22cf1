import Foundation
import GRDB
import LetterCore

extension LetterDatabase {
    /// Adds what `document` holds and the store does not, in one transaction: on any error
    /// nothing is written. `document` must be ``ExportDocument/validated()``.
    ///
    /// Records are matched by what they are, not by id (ids differ between stores): a letter
    /// by when it was created and its first version; a version by when it was written and its
    /// text; a reread by its letter, version and time; a check-in by its time, intensity and
    /// words; the rest by their times. So importing the same file twice adds nothing, and a
    /// letter revised both here and in the file keeps both sides' versions, numbered after the
    /// ones here in the order they were written. A new record keeps its id from the file when
    /// this store has never used that id (always, in an empty store, so an export of the result
    /// reads as the file did); otherwise it gets a new one, and references follow it.
    ///
    /// The schedule of a letter already here stays this store's; a new letter brings its
    /// prompts and spacing. Settings already set here are kept.
    public func importDocument(_ document: ExportDocument) async throws -> ImportSummary {
        try await write { db in try Self.importDocument(db, document) }
    }

    /// What ``importDocument(_:)`` would add, found by doing it and rolling it back.
    public func importPreview(_ document: ExportDocument) async throws -> ImportSummary {
        let writer = writer
        do {
            return try await threads.runIfActive {
                try writer.writeWithoutTransaction { db in
                    var summary = ImportSummary()
                    try db.inTransaction {
                        summary = try Self.importDocument(db, document)
                        return .rollback
                    }
                    return summary
                }
            }
        } catch {
            throw StoreError.from(error)
        }
    }

    static func importDocument(_ db: Database, _ document: ExportDocument) throws -> ImportSummary {
        var summary = ImportSummary()
        var letterIds: [Int64: Int64] = [:]
        var newLetters = Set<Int64>()
        for letter in document.letters.sorted(by: { $0.id < $1.id }) {
            if let local = try matchingLetter(db, letter) {
                letterIds[letter.id] = local
                try merge(db, letter, into: local, summary: &summary)
            } else {
                let local = try insert(db, table: "letter", id: letter.id, columns: ["createdAt"], values: [letter.createdAt])
                letterIds[letter.id] = local
                newLetters.insert(letter.id)
                for version in letter.versions { try insert(db, version, letterId: local, number: version.number) }
                try insertTags(db, table: "letterTag", owner: "letterId", id: local, tags: letter.tags)
                for reread in letter.rereads.sorted(by: { $0.id < $1.id }) {
                    try insert(db, reread, letterId: local, version: reread.version)
                    summary.rereads += 1
                }
                if let spacing = letter.spacing {
                    try db.execute(
                        sql: "INSERT INTO letterSpacing (letterId, ease, interval, unhelpfulStreak) VALUES (?, ?, ?, ?)",
                        arguments: [local, spacing.ease, spacing.interval, spacing.unhelpfulStreak])
                }
                summary.letters += 1
            }
        }

        var checkInIds: [Int64: Int64] = [:]
        for checkIn in document.checkIns.sorted(by: { $0.id < $1.id }) {
            if let local = try Int64.fetchOne(db, sql: """
                SELECT id FROM criticCheckIn WHERE at = ? AND intensity = ? AND said IS ? ORDER BY id LIMIT 1
                """, arguments: [checkIn.at.stored, checkIn.intensity, checkIn.said]) {
                checkInIds[checkIn.id] = local
                continue
            }
            let local = try insert(
                db, table: "criticCheckIn", id: checkIn.id,
                columns: ["at", "intensity", "said", "\"trigger\"", "about", "voice", "readingCorrectedAt", "suggestedLetterId"],
                values: [checkIn.at, checkIn.intensity, checkIn.said, checkIn.trigger, checkIn.about, checkIn.voice,
                         checkIn.readingCorrectedAt, checkIn.suggestedLetterId.flatMap { letterIds[$0] }])
            checkInIds[checkIn.id] = local
            try insertTags(db, table: "checkInTag", owner: "checkInId", id: local, tags: checkIn.tags)
            for style in checkIn.styles {
                try db.execute(sql: "INSERT INTO checkInStyle (checkInId, style) VALUES (?, ?)", arguments: [local, style])
            }
            summary.checkIns += 1
        }

        for prompt in document.prompts.sorted(by: { $0.id < $1.id }) {
            if let letterId = prompt.letterId {
                // A letter already here keeps this store's schedule.
                guard newLetters.contains(letterId) else { continue }
            } else if try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM prompt WHERE kind = 'write' AND dueAt = ? AND theme IS ?)
                """, arguments: [prompt.dueAt.stored, prompt.theme]) == true {
                continue
            }
            _ = try insert(
                db, table: "prompt", id: prompt.id,
                columns: ["letterId", "kind", "reason", "dueAt", "notifiedAt", "closedAt", "outcome", "theme", "checkInId"],
                values: [prompt.letterId.flatMap { letterIds[$0] }, prompt.kind, prompt.reason, prompt.dueAt, prompt.notifiedAt,
                         prompt.closedAt, prompt.outcome, prompt.theme, prompt.checkInId.flatMap { checkInIds[$0] }])
            summary.prompts += 1
        }

        for notification in document.notifications
        where try !Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM notification WHERE at = ?)", arguments: [notification.at.stored])! {
            try db.execute(sql: "INSERT INTO notification (at, promptCount) VALUES (?, ?)", arguments: [notification.at.stored, notification.promptCount])
        }
        for check in document.selfChecks.sorted(by: { $0.id < $1.id })
        where try !Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM selfCheck WHERE at = ? AND version = ?)", arguments: [check.at.stored, check.version])! {
            _ = try insert(
                db, table: "selfCheck", id: check.id, columns: ["at", "version", "answers", "score", "outOf"],
                values: [check.at, check.version, check.answers, check.score, check.outOf])
            summary.selfChecks += 1
        }
        for profile in document.criticProfile.sorted(by: { $0.number < $1.number }) {
            let fields: [(any DatabaseValueConvertible)?] = [profile.targets, profile.says, profile.sounds, profile.feels, profile.costs]
            let present = try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM criticProfileVersion
                WHERE at = ? AND targets IS ? AND says IS ? AND sounds IS ? AND feels IS ? AND costs IS ?)
                """, arguments: StatementArguments([profile.at.stored as (any DatabaseValueConvertible)?] + fields))!
            if present { continue }
            let last = try Int.fetchOne(db, sql: "SELECT max(number) FROM criticProfileVersion") ?? 0
            let number = profile.number > last ? profile.number : last + 1
            try db.execute(
                sql: "INSERT INTO criticProfileVersion (number, at, targets, says, sounds, feels, costs) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: StatementArguments([number as (any DatabaseValueConvertible)?, profile.at.stored] + fields))
            summary.criticProfileVersions += 1
        }
        for setting in document.settings {
            try db.execute(sql: "INSERT OR IGNORE INTO scheduleState (key, value) VALUES (?, ?)", arguments: [setting.key, setting.value])
            summary.settings += db.changesCount
        }
        return summary
    }

    /// The letter here that is `letter`: created at the same moment with the same first version.
    private static func matchingLetter(_ db: Database, _ letter: ExportDocument.Letter) throws -> Int64? {
        let first = letter.versions[0]
        return try Int64.fetchOne(db, sql: """
            SELECT letter.id FROM letter JOIN letterVersion v ON v.letterId = letter.id AND v.number = 1
            WHERE letter.createdAt = ? AND v.createdAt = ? AND v.text = ?
            ORDER BY letter.id LIMIT 1
            """, arguments: [letter.createdAt.stored, first.createdAt.stored, first.text])
    }

    /// Versions and rereads of `letter` that the letter here lacks, and its tags.
    private static func merge(_ db: Database, _ letter: ExportDocument.Letter, into local: Int64, summary: inout ImportSummary) throws {
        var numbers: [Int: Int] = [:]  // the file's version number -> the number here
        for version in letter.versions {
            if let number = try Int.fetchOne(db, sql: """
                SELECT number FROM letterVersion WHERE letterId = ? AND createdAt = ? AND text = ? ORDER BY number LIMIT 1
                """, arguments: [local, version.createdAt.stored, version.text]) {
                numbers[version.number] = number
                continue
            }
            let next = (try Int.fetchOne(db, sql: "SELECT max(number) FROM letterVersion WHERE letterId = ?", arguments: [local]) ?? 0) + 1
            try insert(db, version, letterId: local, number: next)
            numbers[version.number] = next
            summary.versionsAdded += 1
        }
        try insertTags(db, table: "letterTag", owner: "letterId", id: local, tags: letter.tags)
        for reread in letter.rereads.sorted(by: { $0.id < $1.id }) {
            let version = numbers[reread.version] ?? reread.version
            let present = try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM reread WHERE letterId = ? AND version = ? AND at = ?)
                """, arguments: [local, version, reread.at.stored])!
            if present { continue }
            try insert(db, reread, letterId: local, version: version)
            summary.rereads += 1
        }
    }

    private static func insert(_ db: Database, _ version: ExportDocument.Version, letterId: Int64, number: Int) throws {
        try db.execute(sql: """
            INSERT INTO letterVersion (letterId, number, about, perspective, feeling, text, warmth, createdAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [letterId, number, version.about, version.perspective, version.feeling, version.text, version.warmth, version.createdAt.stored])
    }

    private static func insert(_ db: Database, _ reread: ExportDocument.Reread, letterId: Int64, version: Int) throws {
        _ = try insert(
            db, table: "reread", id: reread.id,
            columns: ["letterId", "version", "at", "rating", "noticed", "criticBefore", "criticAfter", "believable"],
            values: [letterId, version, reread.at, reread.rating, reread.noticed, reread.criticBefore, reread.criticAfter, reread.believable])
    }

    private static func insertTags(_ db: Database, table: String, owner: String, id: Int64, tags: [String]) throws {
        for tag in tags {
            try db.execute(sql: "INSERT OR IGNORE INTO \(table) (\(owner), tag) VALUES (?, ?)", arguments: [id, tag])
        }
    }

    /// Inserts a row, with the file's `id` when this store has never used it (AUTOINCREMENT
    /// promises an id is never reused, so an id at or below the table's high-water mark gets a
    /// new one instead). Returns the row's id here.
    private static func insert(
        _ db: Database, table: String, id: Int64, columns: [String], values: [(any DatabaseValueConvertible)?]
    ) throws -> Int64 {
        let used = try Int64.fetchOne(db, sql: """
            SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?), 0), coalesce((SELECT max(id) FROM \(table)), 0))
            """, arguments: [table]) ?? 0
        let keep = id > used
        let names = (keep ? ["id"] : []) + columns
        let arguments = StatementArguments((keep ? [id] : []) + values)
        try db.execute(
            sql: "INSERT INTO \(table) (\(names.joined(separator: ", "))) VALUES \(placeholders(names.count))",
            arguments: arguments)
        return keep ? id : db.lastInsertedRowID
    }
}
