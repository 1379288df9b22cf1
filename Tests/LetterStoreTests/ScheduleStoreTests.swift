import Foundation
import GRDB
import LetterCore
import LetterSchedule
@testable import LetterStore
import TestSupport
import Testing

/// The schedule's transactions against a real (in-memory) SQLite store.
@Suite("Prompts and rereads in the store")
struct ScheduleStoreTests {
    let rules = ScheduleRules(settings: ScheduleSettings(), timeZone: TimeZone(identifier: "Europe/Berlin")!)

    func writeLetter(_ store: LetterDatabase, _ text: String = "Dear you, it makes sense that this hurts.") async throws -> Letter {
        let rules = rules
        return try await store.writeLetter(try LetterDraft(text: text, about: "the deadline")) { rules.promptsForNewLetter(writtenAt: $0) }
    }

    @Test("a new letter gets its first reread and its rework invitation, and neither is due at once")
    func newLetter() async throws {
        let (store, clock) = try makeStore()
        let letter = try await writeLetter(store)
        let open = try await store.openPrompts()
        #expect(open.map(\.kind) == [.reread, .rework])
        #expect(open.map(\.reason) == [.firstReread, .nextDayRework])
        #expect(open[0].about == "the deadline")
        #expect(open[0].excerpt.hasPrefix("Dear you, it makes sense"))
        #expect(try await store.openPrompts(dueBy: clock.now()).isEmpty)
        clock.advance(by: 3 * 3_600)
        #expect(try await store.openPrompts(dueBy: clock.now()).map(\.letterId) == [letter.id])
    }

    @Test("a reread closes the reread prompt, keeps the rework invitation, and schedules the next reread")
    func reread() async throws {
        let (store, clock) = try makeStore()
        let letter = try await writeLetter(store)
        clock.advance(by: 4 * 3_600)
        let (reread, next) = try await store.recordReread(
            letterId: letter.id, try RereadDraft(rating: .helped, noticed: "warmth in my chest"), rules: rules)
        #expect(reread.version == 1)
        #expect(reread.rating == .helped)
        #expect(reread.noticed == "warmth in my chest")
        #expect(next?.kind == .reread)
        #expect(next?.reason == .spacedReread)
        #expect(next?.dueAt == clock.now().addingTimeInterval(2 * 86_400).roundedToMilliseconds)
        let open = try await store.openPrompts(letterId: letter.id)
        #expect(open.map(\.kind) == [.rework, .reread])
        #expect(try await store.spacing(ofLetter: letter.id).interval == 2 * 86_400)
        #expect(try await store.rereads(ofLetter: letter.id).map(\.id) == [reread.id])
    }

    @Test("rereads that stop helping bring one rework invitation, not one per reread")
    func stopsHelping() async throws {
        let (store, clock) = try makeStore()
        let letter = try await writeLetter(store)
        // The next-day invitation is answered by skipping it, so only the new one can be open.
        clock.advance(by: 86_400)
        _ = try await store.skipPrompt(letterId: letter.id, rules: rules)  // the first reread (earliest)
        _ = try await store.skipPrompt(letterId: letter.id, rules: rules)  // the rework invitation
        for _ in 0..<2 {
            clock.advance(by: 3 * 86_400)
            _ = try await store.recordReread(letterId: letter.id, try RereadDraft(rating: .didNotHelp, noticed: nil), rules: rules)
        }
        let open = try await store.openPrompts(letterId: letter.id)
        #expect(open.map(\.kind) == [.rework])
        #expect(open.first?.reason == .notResonating)
        // Another unhelpful reread while the invitation waits adds no second one.
        for _ in 0..<2 {
            _ = try await store.recordReread(letterId: letter.id, try RereadDraft(rating: .didNotHelp, noticed: nil), rules: rules)
        }
        #expect(try await store.openPrompts(letterId: letter.id).filter { $0.kind == .rework }.count == 1)
    }

    @Test("a new version answers the rework invitation, supersedes the old reread, and rests before its own")
    func revision() async throws {
        let (store, clock) = try makeStore()
        let letter = try await writeLetter(store)
        clock.advance(by: 86_400)
        let rules = rules
        _ = try await store.reviseLetter(id: letter.id, try LetterDraft(text: "Dear you, softer now.")) {
            rules.promptsAfterRevision(at: $0)
        }
        let open = try await store.openPrompts(letterId: letter.id)
        #expect(open.count == 1)
        #expect(open.first?.reason == .afterRework)
        #expect(open.first?.dueAt == clock.now().addingTimeInterval(3 * 3_600).roundedToMilliseconds)
        #expect(open.first?.excerpt == "Dear you, softer now.")
        let outcomes = try await store.writer.read { db in
            try String.fetchAll(db, sql: "SELECT outcome FROM prompt WHERE closedAt IS NOT NULL ORDER BY id")
        }
        #expect(outcomes == ["superseded", "done"])
    }

    @Test("skipping: the next reread comes after the gap; nothing open means NothingScheduled")
    func skip() async throws {
        let (store, clock) = try makeStore()
        let letter = try await writeLetter(store)
        clock.advance(by: 4 * 3_600)
        let (skipped, next) = try await store.skipPrompt(letterId: letter.id, rules: rules)
        #expect(skipped.kind == .reread)
        #expect(next?.kind == .reread)
        #expect(next?.dueAt == clock.now().addingTimeInterval(2 * 86_400).roundedToMilliseconds)
        // The earliest open prompt is now tomorrow's rework invitation; skipping it needs no
        // replacement, since a reread is already waiting.
        let (skippedRework, afterRework) = try await store.skipPrompt(letterId: letter.id, rules: rules)
        #expect(skippedRework.kind == .rework)
        #expect(afterRework == nil)
        #expect(try await store.openPrompts(letterId: letter.id).map(\.id) == [next?.id])
        try await store.deleteLetter(id: letter.id)
        await #expect(throws: StoreError.letterNotFound(letter.id)) {
            try await store.skipPrompt(letterId: letter.id, rules: rules)
        }
        let other = try await writeLetter(store)
        try await store.writer.write { db in try db.execute(sql: "UPDATE prompt SET closedAt = dueAt, outcome = 'done'") }
        await #expect(throws: StoreError.nothingScheduled(other.id)) {
            try await store.skipPrompt(letterId: other.id, rules: rules)
        }
        await #expect(throws: StoreError.nothingScheduled(other.id)) {
            try await store.snooze(letterId: other.id, until: clock.now().addingTimeInterval(60))
        }
    }

    @Test("the planner is given the prompts due by now, or else only the one that comes due first")
    func pendingDeliveriesAreWhatThePlannerNeeds() async throws {
        let (store, clock) = try makeStore()
        for _ in 0..<3 {
            _ = try await writeLetter(store)
            clock.advance(by: 60)
        }
        let open = try await store.openPrompts(dueBy: clock.now().addingTimeInterval(365 * 86_400))
            .sorted { ($0.dueAt, $0.id) < ($1.dueAt, $1.id) }
        #expect(open.count >= 6)
        #expect(open[0].dueAt > clock.now())
        // Nothing due: only the first to come, which is all the planner needs to set its timer.
        #expect(try await store.pendingDeliveries(dueBy: clock.now()).map(\.promptId) == [open[0].id])
        // Some due: all of those (and only those), in order.
        let second = open[1].dueAt
        #expect(try await store.pendingDeliveries(dueBy: second).map(\.promptId) == open.filter { $0.dueAt <= second }.map(\.id))
        // A notified prompt is not offered again.
        try await store.recordNotification(promptIds: [open[0].id])
        #expect(try await store.pendingDeliveries(dueBy: clock.now()).map(\.promptId) == [open[1].id])
    }

    @Test("snoozing moves what falls due before the end of the snooze, and it will be notified again")
    func snooze() async throws {
        let (store, clock) = try makeStore()
        let letter = try await writeLetter(store)
        clock.advance(by: 4 * 3_600)
        let due = try await store.openPrompts(dueBy: clock.now())
        try await store.recordNotification(promptIds: due.map(\.id))
        #expect(try await store.openPrompts(dueBy: clock.now()).first?.notifiedAt == clock.now().roundedToMilliseconds)
        #expect(try await store.pendingDeliveries(dueBy: clock.now()).map(\.promptId) == [due[0].id + 1])  // only the rework is left to notify
        #expect(try await store.notificationTimes(since: clock.now().addingTimeInterval(-60)) == [clock.now().roundedToMilliseconds])

        let until = clock.now().addingTimeInterval(2 * 3_600)
        let prompts = try await store.snooze(letterId: letter.id, until: until)
        #expect(try await store.openPrompts(dueBy: clock.now()).isEmpty)
        let reread = try #require(prompts.first { $0.kind == .reread })
        #expect(reread.dueAt == until.roundedToMilliseconds)
        #expect(reread.notifiedAt == nil)
        // The rework invitation, due tomorrow morning, after the snooze ends, is left alone.
        let written = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(prompts.first { $0.kind == .rework }?.dueAt == rules.nextDay(after: written).roundedToMilliseconds)
    }

    @Test("a pause is kept in the store until lifted")
    func pause() async throws {
        let (store, clock) = try makeStore()
        #expect(try await store.deliveryHolds().pausedUntil == nil)
        let until = clock.now().addingTimeInterval(3 * 86_400)
        try await store.setPause(until: until)
        #expect(try await store.deliveryHolds().pausedUntil == until.roundedToMilliseconds)
        try await store.setPause(until: nil)
        #expect(try await store.deliveryHolds().pausedUntil == nil)
    }

    @Test("due's one read gives what the three separate reads give")
    func dueList() async throws {
        let (store, clock) = try makeStore()
        func matchesSeparateReads(_ note: String) async throws {
            let now = clock.now()
            for dueBy in [now, nil] {
                let due = try await store.dueList(dueBy: dueBy, now: now)
                #expect(due.prompts == (try await store.openPrompts(dueBy: dueBy)), "\(note)")
                #expect(due.pausedUntil == (try await store.activePause(now: now)), "\(note)")
                #expect(due.selfCheckInvited == (try await store.selfCheckInvited()), "\(note)")
            }
        }
        try await matchesSeparateReads("an empty store")
        _ = try await writeLetter(store)
        try await matchesSeparateReads("a letter just written: nothing due yet")
        try await store.setPause(until: clock.now().addingTimeInterval(86_400))
        clock.advance(by: 8 * 86_400)
        try await matchesSeparateReads("a week on: prompts due, the pause over, the self-check on offer")
        let weekOn = try await store.dueList(dueBy: clock.now(), now: clock.now())
        #expect(weekOn.prompts.count == 2 && weekOn.selfCheckInvited && weekOn.pausedUntil == nil)
        let until = clock.now().addingTimeInterval(3_600)
        try await store.setPause(until: until)
        try await matchesSeparateReads("paused for another hour")
        #expect(try await store.dueList(dueBy: nil, now: clock.now()).pausedUntil == until.roundedToMilliseconds)
    }

    @Test("deleting a letter takes its prompts and rereads with it")
    func deleteCascades() async throws {
        let (store, _) = try makeStore()
        let letter = try await writeLetter(store)
        _ = try await store.recordReread(letterId: letter.id, try RereadDraft(rating: nil, noticed: nil), rules: rules)
        try await store.deleteLetter(id: letter.id)
        let counts = try await store.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT (SELECT count(*) FROM prompt) + (SELECT count(*) FROM reread) + (SELECT count(*) FROM letterSpacing)")
        }
        #expect(counts == 0)
    }

    @Test("a reread's note is checked like any text: control characters are refused")
    func rereadInput() {
        #expect(throws: InvalidInput.self) { try RereadDraft(rating: .helped, noticed: "a\u{1B}[2Jb") }
        #expect(try! RereadDraft(rating: nil, noticed: "   ").noticed == nil)
    }

    @Test("letters from before the schedule existed each get a reread when the store is upgraded")
    func upgradeSchedulesOldLetters() async throws {
        let queue = try DatabaseQueue()
        try LetterDatabase.migrator.migrate(queue, upTo: "v2-full-text-search")
        try await queue.write { db in
            try db.execute(sql: """
                INSERT INTO letter (id, createdAt) VALUES (3, '2026-01-02 03:04:05.000'), (4, '2026-02-02 03:04:05.000');
                INSERT INTO letterVersion (letterId, number, text, createdAt)
                    VALUES (3, 1, 'Old kind words', '2026-01-02 03:04:05.000'), (4, 1, 'More', '2026-02-02 03:04:05.000');
                """)
        }
        let store = try LetterDatabase(queue, clock: ManualWallClock(Date()))
        let open = try await store.openPrompts()
        #expect(open.map(\.letterId) == [3, 4])
        #expect(open.allSatisfy { $0.kind == .reread && $0.reason == .spacedReread })
        #expect(try await store.openPrompts(dueBy: Date().addingTimeInterval(1)).count == 2)
    }
}
