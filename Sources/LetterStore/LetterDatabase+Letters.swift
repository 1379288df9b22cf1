import Foundation
import GRDB
import LetterCore
import LetterSchedule

extension LetterDatabase {
    /// Letters joined with their latest version. `LatestLetterRow` decodes it.
    static let latestVersionSQL = """
        SELECT l.id, l.createdAt, v.number, v.about, v.feeling, v.perspective, v.text, v.warmth, v.createdAt AS updatedAt
        FROM letter l
        JOIN letterVersion v ON v.letterId = l.id
            AND v.number = (SELECT max(number) FROM letterVersion WHERE letterId = l.id)
        """

    /// Stores a new letter as its version 1, with the prompts `plan` schedules for it (from the
    /// moment it was written).
    public func writeLetter(
        _ draft: LetterDraft, tags: [String] = [], plan: @escaping @Sendable (Date) -> [PlannedPrompt] = { _ in [] }
    ) async throws -> Letter {
        let tags = try LetterDraft.tags(tags)
        let now = clock.now().roundedToMilliseconds
        return try await write { db in
            var letter = LetterRow(id: nil, createdAt: now)
            try letter.insert(db)
            let id = letter.id!
            for tag in tags {
                try LetterTagRow(letterId: id, tag: tag).insert(db)
            }
            try LetterVersionRow(draft: draft, letterId: id, number: 1, at: now).insert(db)
            try Self.insertPrompts(db, letterId: id, plan(now))
            // A new letter answers any invitation to write one.
            try Self.closeInvitations(db, outcome: "done", at: now)
            return try Self.fetchLetter(db, id: id)!
        }
    }

    /// Adds a new version to a letter; earlier versions stay as they are. `about` and
    /// `perspective` (and the feeling) carry over from the latest version when the draft leaves them out; warmth
    /// belongs to the writing of each version and does not.
    ///
    /// A new version settles the letter's open prompts (a rework invitation is answered; a
    /// reread of the old text is superseded), starts its spacing afresh, and schedules what
    /// `plan` says (a first reread of the new text after a pause).
    public func reviseLetter(
        id: Int64, _ draft: LetterDraft, plan: @escaping @Sendable (Date) -> [PlannedPrompt] = { _ in [] }
    ) async throws -> Letter {
        let now = clock.now().roundedToMilliseconds
        return try await write { db in
            guard let latest = try Self.fetchLatestRow(db, id: id) else { throw StoreError.letterNotFound(id) }
            let version = LetterVersionRow(
                letterId: id, number: latest.number + 1,
                about: draft.about ?? latest.about,
                feeling: draft.feeling ?? latest.feeling,
                perspective: draft.perspective ?? latest.perspective,
                text: draft.text, warmth: draft.warmth, createdAt: now)
            try version.insert(db)
            try Self.closeOpenPrompts(db, letterId: id, kind: .rework, outcome: "done", at: now)
            try Self.closeOpenPrompts(db, letterId: id, kind: .reread, outcome: "superseded", at: now)
            try db.execute(sql: "DELETE FROM letterSpacing WHERE letterId = ?", arguments: [id])
            try Self.insertPrompts(db, letterId: id, plan(now))
            return try Self.fetchLetter(db, id: id)!
        }
    }

    /// The letter as it reads now, or nil.
    public func letter(id: Int64) async throws -> Letter? {
        try await read { db in try Self.fetchLetter(db, id: id) }
    }

    /// Every version of a letter, oldest first; empty if there is no such letter.
    public func versions(ofLetter id: Int64) async throws -> [LetterVersion] {
        try await read { db in
            try LetterVersionRow
                .filter(Column("letterId") == id)
                .order(Column("number"))
                .fetchAll(db)
                .map(\.version)
        }
    }

    /// Letters, newest first, `limit` at a time; pass the last id seen as `before` for the next page.
    public func letters(limit: Int, before: Int64? = nil) async throws -> [LetterSummary] {
        try await read { db in
            var sql = Self.latestVersionSQL
            var arguments: StatementArguments = []
            if let before {
                sql += " WHERE l.id < ?"
                arguments += [before]
            }
            sql += " ORDER BY l.id DESC LIMIT ?"
            arguments += [limit]
            let rows = try LatestLetterRow.fetchAll(db, sql: sql, arguments: arguments)
            let tags = try Self.tags(db, letterIds: rows.map(\.id))
            return rows.map { $0.summary(tags: tags[$0.id] ?? []) }
        }
    }

    /// Deletes a letter with all its versions and tags. This is the only way text leaves the
    /// store, and the client asks the person to confirm before calling it.
    public func deleteLetter(id: Int64) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM letter WHERE id = ?", arguments: [id])
            if db.changesCount == 0 { throw StoreError.letterNotFound(id) }
        }
    }

    static func fetchLatestRow(_ db: Database, id: Int64) throws -> LatestLetterRow? {
        try LatestLetterRow.fetchOne(db, sql: latestVersionSQL + " WHERE l.id = ?", arguments: [id])
    }

    static func fetchLetter(_ db: Database, id: Int64) throws -> Letter? {
        guard let row = try fetchLatestRow(db, id: id) else { return nil }
        return row.letter(tags: try tags(db, letterIds: [id])[id] ?? [])
    }

    /// Tags for a set of letters, each list sorted.
    static func tags(_ db: Database, letterIds: [Int64]) throws -> [Int64: [String]] {
        guard !letterIds.isEmpty else { return [:] }
        let rows = try LetterTagRow
            .filter(letterIds.contains(Column("letterId")))
            .order(Column("letterId"), Column("tag"))
            .fetchAll(db)
        return Dictionary(grouping: rows, by: \.letterId).mapValues { $0.map(\.tag) }
    }
}

extension LetterVersionRow {
    init(draft: LetterDraft, letterId: Int64, number: Int, at date: Date) {
        self.init(
            letterId: letterId, number: number, about: draft.about, feeling: draft.feeling, perspective: draft.perspective,
            text: draft.text, warmth: draft.warmth, createdAt: date)
    }
}
