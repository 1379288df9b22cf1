import Foundation
import GRDB
import LetterCore
import LetterSchedule

/// The schedule's part of the store: prompts, rereads, spacing, notifications and the pause.
/// The rules (when things fall due) come from `LetterSchedule`; each method here applies them
/// inside one transaction, so a prompt is never closed without its successor being written.
extension LetterDatabase {
    /// Open prompts joined with their letters, for replies and notifications. An invitation to
    /// write has no letter: its theme stands in for the about line, and its excerpt is empty
    /// (what the critic said is not repeated back in lists and notifications).
    static let openPromptSQL = """
        SELECT p.id, p.letterId, p.kind, p.reason, p.dueAt, p.notifiedAt,
               coalesce(v.about, p.theme) AS about,
               coalesce(substr(v.text, 1, 400), '') AS textStart
        FROM prompt p
        LEFT JOIN letterVersion v ON v.letterId = p.letterId
            AND v.number = (SELECT max(number) FROM letterVersion WHERE letterId = p.letterId)
        WHERE p.closedAt IS NULL
        """

    /// Open prompts, earliest first: all of them, those of one letter, or those due by a time.
    public func openPrompts(letterId: Int64? = nil, dueBy: Date? = nil, limit: Int = 1_000) async throws -> [Prompt] {
        try await read { db in try Self.fetchOpenPrompts(db, letterId: letterId, dueBy: dueBy, limit: limit) }
    }

    /// What the delivery planner works from: the open prompts no notification has named yet
    /// that are due by `now`, or, if none is, the one that comes due first. The planner needs
    /// no more (the earliest time, and what to deliver), and a store of 100k letters holds an
    /// open prompt for each: loading them all on every scheduler turn cost ~200 ms (`make bench`).
    /// Both queries walk `promptOpenByDue` from its start.
    ///
    /// With `calm` (invitations to write or rework are held after the help note), also the
    /// first reread not yet due: the planner may deliver it while the others wait.
    public func pendingDeliveries(dueBy now: Date, calm: Bool = false) async throws -> [DeliveryPlanner.Pending] {
        try await read { db in
            let pending = "SELECT id, dueAt, kind FROM prompt WHERE closedAt IS NULL AND notifiedAt IS NULL"
            var rows = try Row.fetchAll(db, sql: pending + " AND dueAt <= ? ORDER BY dueAt, id", arguments: [now.stored])
            if rows.isEmpty {
                rows = try Row.fetchAll(db, sql: pending + " ORDER BY dueAt, id LIMIT 1")
            }
            if calm {
                rows += try Row.fetchAll(
                    db, sql: pending + " AND kind = 'reread' AND dueAt > ? ORDER BY dueAt, id LIMIT 1", arguments: [now.stored])
            }
            return rows.map { row in
                // A kind this build does not know (written by a newer letterd) waits like an invitation.
                DeliveryPlanner.Pending(promptId: row[0], dueAt: row[1], kind: PromptKind(rawValue: row[2]) ?? .write)
            }
        }
    }

    /// Open prompts by id (those still open; closed or unknown ids are left out).
    public func openPrompts(ids: [Int64]) async throws -> [Prompt] {
        try await read { db in
            try PromptWithLetterRow.fetchAll(
                db, sql: Self.openPromptSQL + " AND p.id IN \(Self.placeholders(ids.count))"
                    + " ORDER BY p.dueAt, p.id",
                arguments: StatementArguments(ids)
            ).map(\.prompt)
        }
    }

    /// Notes that a notification named these prompts, and when, for the daily cap.
    public func recordNotification(promptIds: [Int64]) async throws {
        let now = clock.now().roundedToMilliseconds
        try await write { db in
            try db.execute(
                sql: "UPDATE prompt SET notifiedAt = ? WHERE closedAt IS NULL AND id IN \(Self.placeholders(promptIds.count))",
                arguments: StatementArguments([now.stored] as [any DatabaseValueConvertible] + promptIds))
            try db.execute(sql: "INSERT INTO notification (at, promptCount) VALUES (?, ?)", arguments: [now.stored, promptIds.count])
        }
    }

    /// When notifications went out since `date`.
    public func notificationTimes(since date: Date) async throws -> [Date] {
        try await read { db in
            try Date.fetchAll(db, sql: "SELECT at FROM notification WHERE at >= ? ORDER BY at", arguments: [date.stored])
        }
    }

    /// Records a reread of a letter's latest version and schedules what follows from it: its
    /// open reread prompts close as done, the spacing moves with the rating, and the next
    /// prompt (a reread, or a rework invitation if it has stopped helping) is written.
    public func recordReread(letterId: Int64, _ draft: RereadDraft, rules: ScheduleRules) async throws -> (Reread, next: Prompt?) {
        let now = clock.now().roundedToMilliseconds
        return try await write { db in
            guard let latest = try Self.fetchLatestRow(db, id: letterId) else { throw StoreError.letterNotFound(letterId) }
            var reread = RereadRow(
                id: nil, letterId: letterId, version: latest.number, at: now,
                rating: draft.rating?.rawValue, noticed: draft.noticed, criticBefore: draft.criticBefore,
                criticAfter: draft.criticAfter, believable: draft.believable)
            try reread.insert(db)
            try Self.closeOpenPrompts(db, letterId: letterId, kind: .reread, outcome: "done", at: now)
            let (spacing, planned) = rules.afterReread(try Self.spacing(db, letterId: letterId), rating: draft.rating, at: now)
            try SpacingRow(letterId: letterId, spacing).save(db)
            var next: PromptRow? = nil
            // A rework invitation already waiting is enough; a second would only nag.
            let reworkWaiting = try Self.hasOpenPrompt(db, letterId: letterId, kind: .rework)
            if planned.kind == .reread || !reworkWaiting {
                var row = PromptRow(letterId: letterId, planned)
                try row.insert(db)
                next = row
            }
            let nextPrompt = try next.flatMap { try Self.fetchOpenPrompts(db, promptId: $0.id!) }
            return (reread.reread, nextPrompt)
        }
    }

    /// Skips a letter's earliest open prompt ("not this time") and schedules what follows.
    /// Returns the skipped prompt and the one that replaces it, if any.
    public func skipPrompt(letterId: Int64, rules: ScheduleRules) async throws -> (skipped: Prompt, next: Prompt?) {
        let now = clock.now().roundedToMilliseconds
        return try await write { db in
            guard try Self.fetchLatestRow(db, id: letterId) != nil else { throw StoreError.letterNotFound(letterId) }
            guard let skipped = try Self.fetchOpenPrompts(db, letterId: letterId, dueBy: nil, limit: 1).first else {
                throw StoreError.nothingScheduled(letterId)
            }
            try db.execute(
                sql: "UPDATE prompt SET closedAt = ?, outcome = 'skipped' WHERE id = ?", arguments: [now.stored, skipped.id])
            let rereadOpen = try Self.hasOpenPrompt(db, letterId: letterId, kind: .reread)
            guard skipped.kind == .rework || !rereadOpen,
                  let planned = rules.afterSkip(
                    try Self.spacing(db, letterId: letterId), kind: skipped.kind, at: now, rereadStillOpen: rereadOpen)
            else { return (skipped, nil) }
            var row = PromptRow(letterId: letterId, planned)
            try row.insert(db)
            return (skipped, try Self.fetchOpenPrompts(db, promptId: row.id!))
        }
    }

    /// Holds a letter's open prompts that fall due before `until` until then. They are
    /// notified again when they come due.
    public func snooze(letterId: Int64, until: Date) async throws -> [Prompt] {
        try await write { db in
            guard try Self.fetchLatestRow(db, id: letterId) != nil else { throw StoreError.letterNotFound(letterId) }
            guard try Self.hasOpenPrompt(db, letterId: letterId, kind: nil) else { throw StoreError.nothingScheduled(letterId) }
            try db.execute(
                sql: "UPDATE prompt SET dueAt = ?, notifiedAt = NULL WHERE letterId = ? AND closedAt IS NULL AND dueAt < ?",
                arguments: [until.roundedToMilliseconds.stored, letterId, until.roundedToMilliseconds.stored])
            return try Self.fetchOpenPrompts(db, letterId: letterId, dueBy: nil, limit: 100)
        }
    }

    /// Holds the given prompts until `until` ("Later" on a notification).
    public func snooze(promptIds: [Int64], until: Date) async throws {
        try await write { db in
            try db.execute(
                sql: "UPDATE prompt SET dueAt = ?, notifiedAt = NULL WHERE closedAt IS NULL AND dueAt < ? AND id IN \(Self.placeholders(promptIds.count))",
                arguments: StatementArguments([until.roundedToMilliseconds.stored, until.roundedToMilliseconds.stored] as [any DatabaseValueConvertible] + promptIds))
        }
    }

    /// A letter's rereads, oldest first.
    public func rereads(ofLetter letterId: Int64) async throws -> [Reread] {
        try await read { db in
            try RereadRow.filter(Column("letterId") == letterId).order(Column("at"), Column("id")).fetchAll(db).map(\.reread)
        }
    }

    /// The letter's spacing (the defaults if it has had no reread yet).
    public func spacing(ofLetter letterId: Int64) async throws -> Spacing {
        try await read { db in try Self.spacing(db, letterId: letterId) }
    }

    /// No notification before this time; nil lifts the pause.
    public func setPause(until date: Date?) async throws {
        try await write { db in
            if let date {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO scheduleState (key, value) VALUES ('pausedUntil', ?)",
                    arguments: [date.roundedToMilliseconds.stored])
            } else {
                try db.execute(sql: "DELETE FROM scheduleState WHERE key = 'pausedUntil'")
            }
        }
    }

    /// What holds notifications back, in one read: the end of a pause (past or not), and when
    /// the help note was last given (the calm after it is the rules' to work out).
    public func deliveryHolds() async throws -> (pausedUntil: Date?, lastHelpNoteAt: Date?) {
        try await read { db in (try Self.fetchPausedUntil(db), try Self.fetchLastHelpNoteAt(db)) }
    }

    /// What `letterctl due` shows, in one read: the open prompts due by `dueBy` (all of them
    /// when nil), the end of a pause still running at `now`, and whether the monthly
    /// self-check is on offer (``selfCheckInvited()``). One read rather than three: each
    /// read is a hop to the store's threads and back, and those hops were most of the time
    /// letterd took to answer (`make bench`).
    public func dueList(dueBy: Date?, now: Date) async throws -> (prompts: [Prompt], pausedUntil: Date?, selfCheckInvited: Bool) {
        try await read { db in
            let prompts = try Self.fetchOpenPrompts(db, letterId: nil, dueBy: dueBy, limit: 1_000)
            return (prompts, try Self.fetchActivePause(db, now: now), try Self.fetchSelfCheckInvited(db, now: now))
        }
    }

    /// The end of the pause, if one is in force at `now`.
    public func activePause(now: Date) async throws -> Date? {
        try await read { db in try Self.fetchActivePause(db, now: now) }
    }

    static func fetchPausedUntil(_ db: Database) throws -> Date? {
        try Date.fetchOne(db, sql: "SELECT value FROM scheduleState WHERE key = 'pausedUntil'")
    }

    static func fetchActivePause(_ db: Database, now: Date) throws -> Date? {
        guard let until = try fetchPausedUntil(db), until > now else { return nil }
        return until
    }

    // MARK: - Inside transactions

    /// "(?,?,?)": one placeholder per value of an `IN` list.
    static func placeholders(_ count: Int) -> String {
        "(" + Array(repeating: "?", count: count).joined(separator: ",") + ")"
    }

    static func fetchOpenPrompts(_ db: Database, letterId: Int64?, dueBy: Date?, limit: Int) throws -> [Prompt] {
        var sql = openPromptSQL
        var arguments: StatementArguments = []
        if let letterId {
            sql += " AND p.letterId = ?"
            arguments += [letterId]
        }
        if let dueBy {
            sql += " AND p.dueAt <= ?"
            arguments += [dueBy.roundedToMilliseconds.stored]
        }
        sql += " ORDER BY p.dueAt, p.id LIMIT ?"
        arguments += [limit]
        return try PromptWithLetterRow.fetchAll(db, sql: sql, arguments: arguments).map(\.prompt)
    }

    static func fetchOpenPrompts(_ db: Database, promptId: Int64) throws -> Prompt? {
        try PromptWithLetterRow.fetchOne(db, sql: openPromptSQL + " AND p.id = ?", arguments: [promptId])?.prompt
    }

    static func closeOpenPrompts(_ db: Database, letterId: Int64, kind: PromptKind?, outcome: String, at date: Date) throws {
        var sql = "UPDATE prompt SET closedAt = ?, outcome = ? WHERE letterId = ? AND closedAt IS NULL"
        var arguments: StatementArguments = [date.stored, outcome, letterId]
        if let kind {
            sql += " AND kind = ?"
            arguments += [kind.rawValue]
        }
        try db.execute(sql: sql, arguments: arguments)
    }

    static func hasOpenPrompt(_ db: Database, letterId: Int64, kind: PromptKind?) throws -> Bool {
        var sql = "SELECT EXISTS (SELECT 1 FROM prompt WHERE letterId = ? AND closedAt IS NULL"
        var arguments: StatementArguments = [letterId]
        if let kind {
            sql += " AND kind = ?"
            arguments += [kind.rawValue]
        }
        return try Bool.fetchOne(db, sql: sql + ")", arguments: arguments) ?? false
    }

    static func spacing(_ db: Database, letterId: Int64) throws -> Spacing {
        try SpacingRow.fetchOne(db, key: letterId)?.spacing ?? Spacing()
    }

    static func insertPrompts(_ db: Database, letterId: Int64, _ planned: [PlannedPrompt]) throws {
        for prompt in planned {
            var row = PromptRow(letterId: letterId, prompt)
            try row.insert(db)
        }
    }
}
