import Foundation
import GRDB
import LetterCore

extension LetterDatabase {
    /// The store, or the part of it `selection` names, as one ``ExportDocument``, read in one
    /// transaction (a consistent picture even while writes go on).
    ///
    /// `selection.letters` keeps those letters (and their prompts); `since` keeps letters with a
    /// version written since then, and every dated record since then; `withCheckIns` false
    /// leaves check-ins and invitations to write out. Notifications, self-checks, the critic's
    /// profile and settings belong to no letter, so a letter selection leaves them out.
    public func export(_ selection: ExportDocument.Selection, letterdVersion: String) async throws -> ExportDocument {
        let now = clock.now()
        return try await read { db in
            try Self.exportDocument(db, selection, exportedAt: now, letterdVersion: letterdVersion)
        }
    }

    static func exportDocument(
        _ db: Database, _ selection: ExportDocument.Selection, exportedAt: Date, letterdVersion: String
    ) throws -> ExportDocument {
        let since = selection.since
        var letters = try exportedLetters(db, ids: selection.letters, since: since)
        let letterIds = Set(letters.map(\.id))
        if let wanted = selection.letters {
            let missing = wanted.filter { !letterIds.contains($0) }
            if since == nil, let first = missing.first { throw StoreError.letterNotFound(first) }
        }
        letters.sort { $0.id < $1.id }
        var document = ExportDocument(
            exportedAt: exportedAt, letterdVersion: letterdVersion,
            storeMigrations: try migrator.appliedIdentifiers(db).sorted(), selection: selection, letters: letters)
        if selection.withCheckIns {
            document.checkIns = try exportedCheckIns(db, since: since)
        }
        // A letter's prompts go with it, old ones too; an invitation to write belongs to the
        // check-ins, and goes with them.
        document.prompts = try exportedPrompts(db).filter { prompt in
            if let letterId = prompt.letterId { return letterIds.contains(letterId) }
            return selection.withCheckIns && selection.letters == nil && (since == nil || prompt.dueAt >= since!)
        }
        guard selection.letters == nil else { return document }
        document.notifications = try Row.fetchAll(db, sql: "SELECT at, promptCount FROM notification ORDER BY id")
            .map { ExportDocument.Notification(at: $0["at"], promptCount: $0["promptCount"]) }
            .filter { since == nil || $0.at >= since! }
        document.selfChecks = try Row.fetchAll(db, sql: "SELECT * FROM selfCheck ORDER BY id")
            .map { ExportDocument.SelfCheck(id: $0["id"], at: $0["at"], version: $0["version"], answers: $0["answers"], score: $0["score"], outOf: $0["outOf"]) }
            .filter { since == nil || $0.at >= since! }
        document.criticProfile = try Row.fetchAll(db, sql: "SELECT * FROM criticProfileVersion ORDER BY number")
            .map { ExportDocument.CriticProfile(number: $0["number"], at: $0["at"], targets: $0["targets"], says: $0["says"], sounds: $0["sounds"], feels: $0["feels"], costs: $0["costs"]) }
            .filter { since == nil || $0.at >= since! }
        if since == nil {
            document.settings = try Row.fetchAll(db, sql: "SELECT key, value FROM scheduleState ORDER BY key")
                .map { ExportDocument.Setting(key: $0["key"], value: $0["value"]) }
        }
        return document
    }

    private static func exportedLetters(_ db: Database, ids: [Int64]?, since: Date?) throws -> [ExportDocument.Letter] {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let ids {
            conditions.append("id IN \(placeholders(ids.count))")
            arguments += ids
        }
        if let since {
            conditions.append("EXISTS (SELECT 1 FROM letterVersion v WHERE v.letterId = letter.id AND v.createdAt >= ?)")
            arguments.append(since.stored)
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let rows = try Row.fetchAll(db, sql: "SELECT id, createdAt FROM letter \(filter) ORDER BY id", arguments: StatementArguments(arguments))
        var letters: [ExportDocument.Letter] = []
        letters.reserveCapacity(rows.count)
        for row in rows {
            let id: Int64 = row["id"]
            let versions = try Row.fetchAll(db, sql: "SELECT * FROM letterVersion WHERE letterId = ? ORDER BY number", arguments: [id]).map {
                ExportDocument.Version(
                    number: $0["number"], createdAt: $0["createdAt"], about: $0["about"], perspective: $0["perspective"],
                    feeling: $0["feeling"], warmth: $0["warmth"], text: $0["text"])
            }
            let rereads = try Row.fetchAll(db, sql: "SELECT * FROM reread WHERE letterId = ? ORDER BY id", arguments: [id]).map {
                ExportDocument.Reread(
                    id: $0["id"], version: $0["version"], at: $0["at"], rating: $0["rating"], noticed: $0["noticed"],
                    criticBefore: $0["criticBefore"], criticAfter: $0["criticAfter"], believable: $0["believable"])
            }
            let spacing = try Row.fetchOne(db, sql: "SELECT * FROM letterSpacing WHERE letterId = ?", arguments: [id]).map {
                ExportDocument.Spacing(ease: $0["ease"], interval: $0["interval"], unhelpfulStreak: $0["unhelpfulStreak"])
            }
            let tags = try String.fetchAll(db, sql: "SELECT tag FROM letterTag WHERE letterId = ? ORDER BY tag", arguments: [id])
            letters.append(ExportDocument.Letter(
                id: id, createdAt: row["createdAt"], tags: tags, versions: versions, rereads: rereads, spacing: spacing))
        }
        return letters
    }

    private static func exportedCheckIns(_ db: Database, since: Date?) throws -> [ExportDocument.CheckIn] {
        let filter = since == nil ? "" : "WHERE at >= ?"
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM criticCheckIn \(filter) ORDER BY id", arguments: StatementArguments(since.map { [$0.stored] } ?? []))
        return try rows.map { row in
            let id: Int64 = row["id"]
            return ExportDocument.CheckIn(
                id: id, at: row["at"], intensity: row["intensity"], said: row["said"], trigger: row["trigger"], about: row["about"],
                tags: try String.fetchAll(db, sql: "SELECT tag FROM checkInTag WHERE checkInId = ? ORDER BY tag", arguments: [id]),
                styles: try String.fetchAll(db, sql: "SELECT style FROM checkInStyle WHERE checkInId = ? ORDER BY style", arguments: [id]),
                voice: row["voice"], readingCorrectedAt: row["readingCorrectedAt"], suggestedLetterId: row["suggestedLetterId"])
        }
    }

    private static func exportedPrompts(_ db: Database) throws -> [ExportDocument.Prompt] {
        try Row.fetchAll(db, sql: "SELECT * FROM prompt ORDER BY id").map { row in
            ExportDocument.Prompt(
                id: row["id"], letterId: row["letterId"], kind: row["kind"], reason: row["reason"], dueAt: row["dueAt"],
                notifiedAt: row["notifiedAt"], closedAt: row["closedAt"], outcome: row["outcome"], theme: row["theme"],
                checkInId: row["checkInId"])
        }
    }
}
