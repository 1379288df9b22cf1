import Foundation
import GRDB
import LetterCore
import LetterSchedule
@testable import LetterStore
import TestSupport
import Testing

/// Check-ins with what was recognised in them, their filters, and invitations to write.
@Suite("The critic in the store")
struct CriticStoreTests {
    let rules = ScheduleRules(settings: ScheduleSettings(), timeZone: TimeZone(identifier: "Europe/Berlin")!)

    @Test("a check-in keeps its tags and what was recognised; a correction replaces only what it names")
    func readingAndCorrection() async throws {
        let (store, _) = try makeStore()
        let logged = try await store.logCheckIn(
            CheckInDraft(intensity: 7, said: "You idiot, you should have known", tags: ["Work", "work", "deadlines"])).checkIn
        #expect(logged.tags == ["work", "deadlines"])
        #expect(logged.styles == [.labeling, .shouldStatement])
        #expect(logged.voice == .secondPerson)
        #expect(!logged.readingCorrected)
        #expect(try await store.checkIns(limit: 1) == [CriticCheckIn(
            id: logged.id, at: logged.at, intensity: 7, said: logged.said, trigger: nil, about: nil,
            tags: ["deadlines", "work"], styles: [.labeling, .shouldStatement], voice: .secondPerson)])

        let voiceOnly = try await store.correctReading(checkInId: logged.id, styles: nil, voice: .some(.firstPerson))
        #expect(voiceOnly.styles == [.labeling, .shouldStatement])
        #expect(voiceOnly.voice == .firstPerson)
        #expect(voiceOnly.readingCorrected)
        let cleared = try await store.correctReading(checkInId: logged.id, styles: [.overgeneralising], voice: .some(nil))
        #expect(cleared.styles == [.overgeneralising])
        #expect(cleared.voice == nil)
        await #expect(throws: StoreError.checkInNotFound(99)) {
            try await store.correctReading(checkInId: 99, styles: [], voice: nil)
        }
    }

    @Test("check-ins filter by time, trigger, style, about and tag, every condition at once")
    func filters() async throws {
        let (store, clock) = try makeStore()
        let old = try await store.logCheckIn(CheckInDraft(intensity: 5, said: "I always fail", trigger: .fear, about: "The exam")).checkIn
        clock.advance(by: 3 * 86_400)
        let should = try await store.logCheckIn(
            CheckInDraft(intensity: 6, said: "you should be better", trigger: .fear, about: "exam results", tags: ["study"])).checkIn
        let loss = try await store.logCheckIn(CheckInDraft(intensity: 4, said: "I'm a failure", trigger: .loss)).checkIn
        func ids(_ filter: CheckInFilter) async throws -> [Int64] { try await store.checkIns(filter, limit: 50).map(\.id) }

        #expect(try await ids(CheckInFilter()) == [loss.id, should.id, old.id])
        #expect(try await ids(CheckInFilter(since: clock.now().addingTimeInterval(-86_400))) == [loss.id, should.id])
        #expect(try await ids(CheckInFilter(trigger: .fear)) == [should.id, old.id])
        #expect(try await ids(CheckInFilter(style: .overgeneralising)) == [old.id])
        #expect(try await ids(CheckInFilter(style: .labeling)) == [loss.id])
        #expect(try await ids(CheckInFilter(about: "EXAM")) == [should.id, old.id], "about matches any case")
        #expect(try await ids(CheckInFilter(about: "%")) == [], "no wildcards")
        #expect(try await ids(CheckInFilter(tag: "Study")) == [should.id])
        #expect(try await ids(CheckInFilter(trigger: .fear, about: "exam", tag: "study")) == [should.id])
        #expect(try await ids(CheckInFilter(trigger: .loss, style: .shouldStatement)) == [])
    }

    @Test("a loud stretch with no fitting letter makes one invitation; writing a letter answers it; declining waits for the next stretch")
    func invitationToWrite() async throws {
        let (store, clock) = try makeStore()
        let invite = LoudStretch(settings: CriticSettings())
        func checkIn(_ intensity: Int) async throws -> CheckInOutcome {
            try await store.logCheckIn(
                CheckInDraft(intensity: intensity, said: "you ruin every dinner", about: "cooking for friends"), invite: invite)
        }
        #expect(try await checkIn(5).invitation == nil)
        clock.advance(by: 3_600)
        #expect(try await checkIn(5).invitation == nil)
        clock.advance(by: 3_600)
        let third = try await checkIn(5)
        let invitation = try #require(third.invitation, "the third check-in within a day is a loud stretch")
        #expect(invitation.kind == .write && invitation.reason == .criticLoud && invitation.letterId == nil)
        #expect(invitation.about == "cooking for friends")
        #expect(invitation.excerpt == "", "what the critic said is not repeated back")
        #expect(try await store.openPrompts(dueBy: clock.now()).map(\.id) == [invitation.id])
        clock.advance(by: 3_600)
        #expect(try await checkIn(9).invitation == nil, "one per stretch, not one per check-in")

        // Writing a letter answers the invitation.
        _ = try await store.writeLetter(LetterDraft(text: "Dear you, cooking for friends is brave.", about: "cooking for friends"))
        #expect(try await store.openPrompts().filter { $0.kind == .write }.isEmpty)
        clock.advance(by: 3_600)
        #expect(try await checkIn(9).invitation == nil, "a fitting letter not yet tried answers the stretch")

        // Two quiet days, then a new loud stretch on a theme no letter speaks to: a new invitation; declined, it stays declined.
        clock.advance(by: 2 * 86_400)
        let next = try await store.logCheckIn(CheckInDraft(intensity: 9, said: "you are a terrible driver", about: "the parking"), invite: invite)
        #expect(next.invitation?.about == "the parking")
        #expect(try await store.declineInvitations() == 1)
        clock.advance(by: 3_600)
        #expect(try await store.logCheckIn(CheckInDraft(intensity: 9, said: "terrible driver"), invite: invite).invitation == nil)
    }

    @Test("a check-in the help note was given for gets no reread offer and no invitation, and starts the calm")
    func crisisCheckIn() async throws {
        let (store, clock) = try makeStore()
        let rules = ScheduleRules(settings: ScheduleSettings(), timeZone: TimeZone(identifier: "UTC")!)
        let invite = LoudStretch(settings: CriticSettings())
        let offer: @Sendable (Date) -> PlannedPrompt = { rules.promptForCriticReturn(at: $0) }
        let calm: @Sendable (Date) -> Date = { rules.calmUntil(afterNoteAt: $0) }
        _ = try await store.writeLetter(LetterDraft(text: "Dear you, the exam was hard and you kept going.", about: "the exam"))
        let before = try await store.openPrompts().count
        #expect(try await store.deliveryHolds().lastHelpNoteAt == nil)

        // At 10 and about the exam: without the note this would offer the letter and invite writing.
        let crisis = try await store.logCheckIn(
            CheckInDraft(intensity: 10, said: "I failed the exam and I cant go on", about: "the exam"),
            offer: offer, invite: invite, crisis: true, calmUntil: calm)
        #expect(crisis.chosen?.fitsTheme == true, "a letter is still named")
        #expect(crisis.offeredPromptId == nil)
        #expect(crisis.invitation == nil)
        #expect(try await store.openPrompts().count == before)
        #expect(try await store.deliveryHolds().lastHelpNoteAt == clock.now().roundedToMilliseconds)

        // The same day, a loud check-in on a theme no letter answers: no invitation while the calm lasts…
        clock.advance(by: 3_600)
        let loud = try await store.logCheckIn(
            CheckInDraft(intensity: 9, said: "you ruin every dinner", about: "cooking"), offer: offer, invite: invite,
            calmUntil: calm)
        #expect(loud.invitation == nil)
        // …and after it, one: this check-in alone is loud (9), the crisis one did not count.
        clock.advance(by: 86_400)
        let later = try await store.logCheckIn(
            CheckInDraft(intensity: 9, said: "you ruin every dinner", about: "cooking"), offer: offer, invite: invite,
            calmUntil: calm)
        #expect(later.invitation != nil)
    }

    @Test("a crisis check-in never counts towards a loud stretch")
    func crisisNotCounted() async throws {
        let (store, clock) = try makeStore()
        let invite = LoudStretch(settings: CriticSettings())
        // Two ordinary check-ins and a crisis one within a day: the loud-stretch rule needs three.
        _ = try await store.logCheckIn(CheckInDraft(intensity: 5, said: "you ruin it", about: "work"), invite: invite)
        clock.advance(by: 600)
        _ = try await store.logCheckIn(CheckInDraft(intensity: 5, said: "i cant go on", about: "work"), invite: invite, crisis: true)
        clock.advance(by: 600)
        // No calm rule given (calmUntil nil): only the counting is under test here.
        #expect(try await store.logCheckIn(CheckInDraft(intensity: 5, said: "you ruin it", about: "work"), invite: invite).invitation == nil)
        clock.advance(by: 600)
        #expect(try await store.logCheckIn(CheckInDraft(intensity: 5, said: "you ruin it", about: "work"), invite: invite).invitation != nil,
                "three ordinary ones make the stretch")
    }

    @Test("in the calm, the planner is also told of the first reread not yet due")
    func pendingInCalm() async throws {
        let (store, clock) = try makeStore()
        let rules = ScheduleRules(settings: ScheduleSettings(), timeZone: TimeZone(identifier: "UTC")!)
        _ = try await store.writeLetter(LetterDraft(text: "Dear you.", about: "the garden")) { rules.promptsForNewLetter(writtenAt: $0) }
        let invitation = try #require(try await store.logCheckIn(
            CheckInDraft(intensity: 9, said: "you ruin every dinner", about: "cooking"),
            invite: LoudStretch(settings: CriticSettings())).invitation)
        // Due now: the invitation. The first reread falls due in 3 hours.
        let plain = try await store.pendingDeliveries(dueBy: clock.now())
        #expect(plain.map(\.promptId) == [invitation.id])
        #expect(plain.map(\.kind) == [.write])
        // In the calm the invitation waits, so the planner must also know when the reread comes.
        let calm = try await store.pendingDeliveries(dueBy: clock.now(), calm: true)
        #expect(calm.map(\.kind) == [.write, .reread])
        #expect(calm.last?.dueAt == clock.now().roundedToMilliseconds.addingTimeInterval(3 * 3_600))
        try await store.recordHelpNote()
        #expect(try await store.deliveryHolds().lastHelpNoteAt == clock.now().roundedToMilliseconds)
    }

    @Test("an invitation to write is notified, snoozed and declined like a prompt, and the letter-less row obeys the schema")
    func invitationInTheSchedule() async throws {
        let (store, clock) = try makeStore()
        let outcome = try await store.logCheckIn(
            CheckInDraft(intensity: 10, said: "nobody could love this"), invite: LoudStretch(settings: CriticSettings()))
        let invitation = try #require(outcome.invitation)
        #expect(invitation.about == nil)
        #expect(try await store.pendingDeliveries(dueBy: clock.now()).map(\.promptId) == [invitation.id])
        try await store.recordNotification(promptIds: [invitation.id])
        #expect(try await store.pendingDeliveries(dueBy: clock.now()).isEmpty)
        try await store.snooze(promptIds: [invitation.id], until: clock.now().addingTimeInterval(7_200))
        #expect(try await store.openPrompts(ids: [invitation.id]).first?.dueAt == clock.now().addingTimeInterval(7_200))
        await #expect(throws: (any Error).self) {
            try await store.writer.write { db in
                try db.execute(sql: "INSERT INTO prompt (letterId, kind, reason, dueAt) VALUES (NULL, 'reread', 'spacedReread', 0)")
            }
        }
    }

    @Test("upgrading keeps prompts and reads the check-ins logged before styles existed")
    func upgradeFromV3() async throws {
        let queue = try DatabaseQueue()
        try LetterDatabase.migrator.migrate(queue, upTo: "v3-rereads-and-prompts")
        try await queue.write { db in
            try db.execute(sql: """
                INSERT INTO letter (id, createdAt) VALUES (3, '2026-01-02 03:04:05.000');
                INSERT INTO letterVersion (letterId, number, text, createdAt) VALUES (3, 1, 'Kind words', '2026-01-02 03:04:05.000');
                INSERT INTO prompt (letterId, kind, reason, dueAt) VALUES (3, 'reread', 'firstReread', '2026-01-02 06:04:05.000');
                INSERT INTO prompt (letterId, kind, reason, dueAt, closedAt, outcome)
                    VALUES (3, 'rework', 'nextDayRework', '2026-01-03 10:00:00.000', '2026-01-03 11:00:00.000', 'done');
                INSERT INTO criticCheckIn (at, intensity, said) VALUES ('2026-01-04 00:00:00.000', 8, 'I am such a loser');
                INSERT INTO criticCheckIn (at, intensity, said) VALUES ('2026-01-04 00:00:01.000', 3, NULL);
                """)
        }
        let store = try LetterDatabase(queue, clock: ManualWallClock(Date(timeIntervalSince1970: 1_800_000_000)))
        let open = try await store.openPrompts()
        #expect(open.map(\.letterId) == [3])
        #expect(open.map(\.reason) == [.firstReread])
        let closed = try await store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM prompt WHERE closedAt IS NOT NULL") }
        #expect(closed == 1)
        let checkIns = try await store.checkIns(limit: 10)
        #expect(checkIns.map(\.styles) == [[], [.labeling]])
        #expect(checkIns.last?.voice == .firstPerson)
        #expect(try await store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM pragma_foreign_key_check") } == 0)
    }
}
