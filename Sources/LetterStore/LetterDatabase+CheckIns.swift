import Foundation
import GRDB
import LetterCore
import LetterSchedule

/// Which check-ins to list. Every condition given must hold.
public struct CheckInFilter: Sendable, Equatable {
    public var since: Date?
    public var trigger: CriticTrigger?
    public var style: ThinkingStyle?
    /// Words the "about" line contains (case-insensitive).
    public var about: String?
    public var tag: String?

    public init(since: Date? = nil, trigger: CriticTrigger? = nil, style: ThinkingStyle? = nil, about: String? = nil, tag: String? = nil) {
        self.since = since
        self.trigger = trigger
        self.style = style
        self.about = about
        self.tag = tag
    }
}

/// A check-in as stored, with the letter chosen to answer it.
public struct CheckInOutcome: Sendable, Equatable {
    public var checkIn: CriticCheckIn
    /// The letter best suited to reread now; nil when there are no letters yet.
    public var chosen: ChosenLetter?
    /// The reread prompt offered for it, when one was added (none is added when the letter
    /// already has a reread waiting, or when the person is rereading it at once).
    public var offeredPromptId: Int64?
    /// The invitation to write a new letter, when this check-in made one (see ``LoudStretch``).
    public var invitation: Prompt?
}

extension LetterDatabase {
    /// Records a moment when the critic was loud, stamped with the clock's time, and chooses
    /// the letter to come back to (see ``LetterChoice``). With `offer`, the chosen letter, if it
    /// speaks to the check-in, also gets a reread prompt (from `offer`, usually due now), unless it has one waiting already;
    /// the delivery planner then holds it for quiet hours and the daily cap as any other.
    ///
    /// With `invite`, a loud stretch on a theme no letter answers well also makes an invitation
    /// to write a new letter, once per stretch.
    ///
    /// With `crisis` (the help note was given for this check-in), the note is recorded with
    /// it, and it gets no reread prompt and no invitation; it never counts towards a loud
    /// stretch. While the calm after an earlier note lasts (`calmUntil`, from when it was
    /// given), no invitation is made either.
    public func logCheckIn(
        _ draft: CheckInDraft, offer: (@Sendable (Date) -> PlannedPrompt)? = nil, invite: LoudStretch? = nil,
        crisis: Bool = false, calmUntil: (@Sendable (Date) -> Date)? = nil
    ) async throws -> CheckInOutcome {
        let now = clock.now().roundedToMilliseconds
        let matchCache = matchCache
        return try await write { db in
            let themeWords = ThemeWords.words(in: [draft.said ?? "", draft.about ?? "", draft.tags.joined(separator: " ")])
            let trigger = draft.trigger.flatMap { $0 == .other ? nil : $0.rawValue }
            let candidates = try Self.letterCandidates(
                db, themeWords: themeWords, related: trigger.map { [$0] } ?? [], cache: matchCache)
            let chosen = LetterChoice.choose(among: candidates, themeWords: themeWords, tags: draft.tags, now: now)

            var row = CheckInRow(
                id: nil, at: now, intensity: draft.intensity, said: draft.said, trigger: draft.trigger?.rawValue,
                about: draft.about, voice: draft.reading.voice?.rawValue, readingCorrectedAt: nil,
                suggestedLetterId: chosen?.letterId)
            try row.insert(db)
            let id = row.id!
            for tag in draft.tags {
                try db.execute(sql: "INSERT INTO checkInTag (checkInId, tag) VALUES (?, ?)", arguments: [id, tag])
            }
            try Self.insertStyles(db, checkInId: id, draft.reading.orderedStyles)
            if crisis { try Self.insertHelpNote(db, at: now, checkInId: id) }

            var offeredPromptId: Int64? = nil
            // Only a letter that speaks to the check-in is offered; the fallback (no letter
            // fits) is named in the reply, but a notification for it would be noise.
            if let chosen, chosen.fitsTheme, let offer, !crisis {
                let waiting = try Bool.fetchOne(db, sql: """
                    SELECT EXISTS (SELECT 1 FROM prompt
                                   WHERE letterId = ? AND kind = 'reread' AND closedAt IS NULL AND dueAt <= ?)
                    """, arguments: [chosen.letterId, now.stored]) ?? false
                if !waiting {
                    var prompt = PromptRow(letterId: chosen.letterId, offer(now))
                    try prompt.insert(db)
                    offeredPromptId = prompt.id
                }
            }
            var invitation: Prompt? = nil
            if let invite, !crisis {
                // The last invitation, whether one is open, and when the help note was last given
                // (in its calm no invitation is made), in one statement: this runs for every check-in.
                let last = try Row.fetchOne(db, sql: """
                    SELECT max(coalesce(c.at, p.dueAt)) AS at,
                           EXISTS (SELECT 1 FROM prompt WHERE kind = 'write' AND closedAt IS NULL) AS open,
                           (SELECT at FROM helpNote ORDER BY id DESC LIMIT 1) AS noteAt
                    FROM prompt p LEFT JOIN criticCheckIn c ON c.id = p.checkInId
                    WHERE p.kind = 'write'
                    """)
                let noteAt: Date? = last?["noteAt"]
                let calm = noteAt.map { noteAt in calmUntil.map { $0(noteAt) > now } ?? false } ?? false
                if !calm, try invite.shouldInvite(
                    recent: Self.recentIntensities(db, since: now.addingTimeInterval(-invite.lookBack)),
                    chosen: chosen, lastInvitationAt: last?["at"], invitationOpen: last?["open"] ?? false)
                {
                    let theme = draft.about ?? (draft.tags.isEmpty ? nil : draft.tags.joined(separator: ", "))
                    var prompt = PromptRow(letterId: nil, invite.invitation(at: now), theme: theme, checkInId: id)
                    try prompt.insert(db)
                    invitation = try Self.fetchOpenPrompts(db, promptId: prompt.id!)
                }
            }
            let checkIn = row.checkIn(tags: draft.tags, styles: draft.reading.orderedStyles)
            return CheckInOutcome(checkIn: checkIn, chosen: chosen, offeredPromptId: offeredPromptId, invitation: invitation)
        }
    }

    /// The check-ins since `date`, newest first (at most a thousand), as the loud-stretch rule
    /// sees them: those the help note was given for are left out (a crisis is no reason to
    /// invite writing). Times as milliseconds since 1970 (what is stored), worked out by SQLite:
    /// parsing a thousand date strings in Swift was 1.5 ms of a check-in on a busy store (`make
    /// bench`). Columns are read by position, not name: a lookup by name lower-cases it, per row.
    static func recentIntensities(_ db: Database, since date: Date) throws -> [LoudStretch.CheckIn] {
        try Row.fetchAll(db, sql: """
            SELECT CAST(round((julianday(at) - 2440587.5) * 86400000.0) AS INTEGER), intensity
            FROM criticCheckIn WHERE at >= ?
                AND id NOT IN (SELECT checkInId FROM helpNote WHERE checkInId IS NOT NULL)
            ORDER BY at DESC, id DESC LIMIT 1000
            """, arguments: [date.stored]
        ).map { LoudStretch.CheckIn(at: Date(timeIntervalSince1970: Double($0[0] as Int64) / 1000), intensity: $0[1]) }
    }

    /// Declines the open invitations to write a new letter ("not now"). The next comes, if the
    /// critic is loud again, in a later stretch. Returns how many were open.
    @discardableResult
    public func declineInvitations() async throws -> Int {
        let now = clock.now().roundedToMilliseconds
        return try await write { db in
            try Self.closeInvitations(db, outcome: "skipped", at: now)
            return db.changesCount
        }
    }

    /// Replaces what letterd recognised in a check-in with the person's own reading. Only what
    /// is given changes: `styles` nil keeps the styles; `voice` nil keeps the voice, `.some(nil)`
    /// clears it.
    public func correctReading(
        checkInId: Int64, styles: [ThinkingStyle]?, voice: CriticVoice??
    ) async throws -> CriticCheckIn {
        let now = clock.now().roundedToMilliseconds
        return try await write { db in
            guard try CheckInRow.fetchOne(db, key: checkInId) != nil else { throw StoreError.checkInNotFound(checkInId) }
            if let styles {
                try db.execute(sql: "DELETE FROM checkInStyle WHERE checkInId = ?", arguments: [checkInId])
                try Self.insertStyles(db, checkInId: checkInId, ThinkingStyle.allCases.filter(styles.contains))
            }
            if let voice {
                try db.execute(sql: "UPDATE criticCheckIn SET voice = ? WHERE id = ?", arguments: [voice?.rawValue, checkInId])
            }
            try db.execute(sql: "UPDATE criticCheckIn SET readingCorrectedAt = ? WHERE id = ?", arguments: [now.stored, checkInId])
            return try Self.fetchCheckIns(db, CheckInRow.filter(key: checkInId)).first!
        }
    }

    /// Check-ins, newest first, `limit` at a time; pass the last id seen as `before` for the next page.
    public func checkIns(_ filter: CheckInFilter = CheckInFilter(), limit: Int, before: Int64? = nil) async throws -> [CriticCheckIn] {
        try await read { db in
            var request = CheckInRow.order(Column("id").desc).limit(limit)
            if let before { request = request.filter(Column("id") < before) }
            if let since = filter.since { request = request.filter(Column("at") >= since.stored) }
            if let trigger = filter.trigger { request = request.filter(Column("trigger") == trigger.rawValue) }
            if let style = filter.style {
                request = request.filter(sql: "id IN (SELECT checkInId FROM checkInStyle WHERE style = ?)", arguments: [style.rawValue])
            }
            if let tag = filter.tag {
                request = request.filter(sql: "id IN (SELECT checkInId FROM checkInTag WHERE tag = ?)", arguments: [tag.lowercased()])
            }
            if let about = filter.about {
                request = request.filter(sql: "instr(lower(about), lower(?)) > 0", arguments: [about])
            }
            return try Self.fetchCheckIns(db, request)
        }
    }

    static func fetchCheckIns(_ db: Database, _ request: QueryInterfaceRequest<CheckInRow>) throws -> [CriticCheckIn] {
        let rows = try request.fetchAll(db)
        let ids = rows.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        let tags = Dictionary(grouping: try Row.fetchAll(
            db, sql: "SELECT checkInId, tag FROM checkInTag WHERE checkInId IN \(placeholders(ids.count)) ORDER BY tag",
            arguments: StatementArguments(ids)), by: { $0["checkInId"] as Int64 })
        let styles = Dictionary(grouping: try Row.fetchAll(
            db, sql: "SELECT checkInId, style FROM checkInStyle WHERE checkInId IN \(placeholders(ids.count))",
            arguments: StatementArguments(ids)), by: { $0["checkInId"] as Int64 })
        return rows.map { row in
            row.checkIn(
                tags: (tags[row.id!] ?? []).map { $0["tag"] },
                styles: (styles[row.id!] ?? []).compactMap { ThinkingStyle(rawValue: $0["style"]) })
        }
    }

    /// Closes every open invitation to write: "done" when a letter was written, "skipped" when declined.
    static func closeInvitations(_ db: Database, outcome: String, at date: Date) throws {
        try db.execute(
            sql: "UPDATE prompt SET closedAt = ?, outcome = ? WHERE kind = 'write' AND closedAt IS NULL", arguments: [date.stored, outcome])
    }

    static func insertStyles(_ db: Database, checkInId: Int64, _ styles: [ThinkingStyle]) throws {
        for style in styles {
            try db.execute(sql: "INSERT INTO checkInStyle (checkInId, style) VALUES (?, ?)", arguments: [checkInId, style.rawValue])
        }
    }
}
