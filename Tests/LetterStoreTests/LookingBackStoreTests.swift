import Foundation
import GRDB
import LetterCore
import LetterSchedule
@testable import LetterStore
import TestSupport
import Testing

/// Stats, the self-check and the critic's profile, against a real (in-memory) store.
@Suite("Looking back in the store")
struct LookingBackStoreTests {
    let berlin: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Berlin")!
        return calendar
    }()
    let rules = ScheduleRules(settings: ScheduleSettings(), timeZone: TimeZone(identifier: "Europe/Berlin")!)

    func date(_ text: String) -> Date {
        var parts = DateComponents()
        let fields = text.split(whereSeparator: { "- :".contains($0) }).map { Int($0)! }
        (parts.year, parts.month, parts.day, parts.hour, parts.minute) = (fields[0], fields[1], fields[2], fields[3], fields[4])
        return berlin.date(from: parts)!
    }

    @Test("days are local calendar days, across the autumn clock change, oldest first, ending today")
    func localDays() async throws {
        let (store, clock) = try makeStore(at: date("2026-10-24 23:30"))
        _ = try await store.logCheckIn(CheckInDraft(intensity: 2, said: "I'm useless", trigger: .fear))  // Sat 24 Oct, 23:30
        clock.set(date("2026-10-25 00:30"))
        _ = try await store.logCheckIn(CheckInDraft(intensity: 6, trigger: .fear))  // Sun 25 Oct (a 25-hour day)
        clock.set(date("2026-10-25 23:59"))
        _ = try await store.logCheckIn(CheckInDraft(intensity: 8, said: "you should have known"))
        let letter = try await store.writeLetter(LetterDraft(text: "Dear you"))
        clock.set(date("2026-10-26 09:00"))
        _ = try await store.recordReread(letterId: letter.id, try RereadDraft(rating: .helped, noticed: nil), rules: rules)
        _ = try await store.recordReread(letterId: letter.id, try RereadDraft(rating: nil, noticed: nil), rules: rules)

        let stats = try await store.stats(days: 7, calendar: berlin)
        #expect(stats.timeZone == "Europe/Berlin")
        #expect(stats.days.map(\.date) == ["2026-10-20", "2026-10-21", "2026-10-22", "2026-10-23", "2026-10-24", "2026-10-25", "2026-10-26"])
        #expect(stats.days.map(\.checkIns) == [0, 0, 0, 0, 1, 2, 0])
        #expect(stats.days[5].meanIntensity == 7)
        #expect(stats.days[3].meanIntensity == nil)
        #expect(stats.days[5].lettersWritten == 1)
        #expect((stats.days[6].rereads, stats.days[6].rereadsHelped, stats.days[6].rereadsDidNotHelp) == (2, 1, 0))
        #expect(stats.triggers.map(\.key) == ["disappointment", "loss", "fear", "other"])
        #expect(stats.triggers.map(\.count) == [0, 0, 2, 0])
        #expect(stats.styles == [
            Stats.Count(key: "labeling", count: 1), Stats.Count(key: "shouldStatement", count: 1),
            Stats.Count(key: "overgeneralising", count: 0),
        ])
        #expect(stats.ratings.map(\.count) == [0, 0, 1, 0])
        // Earlier half (20–22 Oct) has no check-ins: no trend.
        #expect(stats.intensityTrend == nil)
        #expect(stats.totalCheckIns == 3 && stats.totalLetters == 1 && stats.totalRereads == 2)
    }

    @Test("the trend is the later half's mean intensity minus the earlier half's")
    func trend() async throws {
        let (store, clock) = try makeStore(at: date("2026-11-01 12:00"))
        _ = try await store.logCheckIn(CheckInDraft(intensity: 8))
        _ = try await store.logCheckIn(CheckInDraft(intensity: 6))
        clock.set(date("2026-11-13 12:00"))
        _ = try await store.logCheckIn(CheckInDraft(intensity: 4))
        let stats = try await store.stats(days: 14, calendar: berlin)  // 31 Oct – 13 Nov; halves of 7 days
        #expect(stats.intensityTrend == -3)
        #expect(try await store.stats(days: 7, calendar: berlin).intensityTrend == nil)
    }

    @Test("how much quieter the critic was after rereads, and how believable the letters felt, over the period's measured rereads")
    func rereadMeasures() async throws {
        let (store, clock) = try makeStore(at: date("2026-11-01 12:00"))
        let letter = try await store.writeLetter(LetterDraft(text: "Dear you"))
        // Outside the 7 days: not counted.
        _ = try await store.recordReread(
            letterId: letter.id, try RereadDraft(rating: nil, noticed: nil, criticBefore: 9, criticAfter: 0, believable: 0), rules: rules)
        clock.set(date("2026-11-12 12:00"))
        for (before, after, believable) in [(8, 5, 6), (6, 5, nil), (nil, 3, 9), (4, nil, nil)] as [(Int?, Int?, Int?)] {
            _ = try await store.recordReread(
                letterId: letter.id,
                try RereadDraft(rating: nil, noticed: nil, criticBefore: before, criticAfter: after, believable: believable),
                rules: rules)
        }
        let stats = try await store.stats(days: 7, calendar: berlin)
        #expect(stats.quieting == 2 && stats.quietingRereads == 2, "only rereads with both: (3 + 1) / 2")
        #expect(stats.believability == 7.5 && stats.believabilityRereads == 2)
        let rereads = try await store.rereads(ofLetter: letter.id)
        #expect(rereads.map(\.quieting) == [9, 3, 1, nil, nil])
        await #expect(throws: InvalidInput.self) { try RereadDraft(rating: nil, noticed: nil, criticBefore: 11) }
        let empty = try await makeStore().0.stats(days: 7, calendar: berlin)
        #expect(empty.quieting == nil && empty.quietingRereads == 0 && empty.believability == nil)
    }

    @Test("self-checks: scored, declined, offered at most once a month and not in the first week")
    func selfCheck() async throws {
        let (store, clock) = try makeStore()
        #expect(try await store.selfCheckInvited() == false, "nothing written yet")
        _ = try await store.logCheckIn(CheckInDraft(intensity: 3))
        clock.advance(by: 6 * 86_400)
        #expect(try await store.selfCheckInvited() == false, "the first week")
        clock.advance(by: 86_400)
        #expect(try await store.selfCheckInvited() == true)

        let answers = SelfCheck.statements.indices.map { $0 % 3 == 0 }
        let score = try await store.recordSelfCheck(answers)
        #expect(score.score == 5 && score.outOf == 14 && score.version == SelfCheck.version)
        #expect(try await store.selfCheckInvited() == false)
        clock.advance(by: SelfCheck.interval)
        #expect(try await store.selfCheckInvited() == true, "a month later")
        try await store.declineSelfCheck()
        #expect(try await store.selfCheckInvited() == false, "declined: another month")
        #expect(try await store.selfChecks() == [score], "a declined offer is not a score")

        await #expect(throws: InvalidInput.self) { try await store.recordSelfCheck([true, false]) }
        let stored = try await store.read { db in try String.fetchOne(db, sql: "SELECT answers FROM selfCheck WHERE score IS NOT NULL") }
        #expect(stored == "ynnynnynnynnyn")
    }

    @Test("answers to the earlier list of twelve keep their version and score beside the fourteen of today")
    func selfCheckVersions() async throws {
        let (store, clock) = try makeStore()
        try await store.writer.write { db in
            try db.execute(sql: """
                INSERT INTO selfCheck (at, version, answers, score, outOf)
                VALUES ('2026-01-02 03:04:05.000', 1, 'yyyyynnnnnnn', 5, 12)
                """)
        }
        clock.advance(by: 86_400)
        let today = try await store.recordSelfCheck(Array(repeating: true, count: SelfCheck.statements.count))
        let scores = try await store.selfChecks()
        #expect(scores.map(\.version) == [1, 2])
        #expect(scores.map(\.outOf) == [12, 14])
        #expect(scores.map(\.score) == [5, 14])
        #expect(scores.last == today)
        #expect(SelfCheck.statementCount(version: 1) == 12)
        #expect(SelfCheck.statementCount(version: 2) == 14)
        #expect(SelfCheck.statementCount(version: 3) == nil)
    }

    @Test("profile answers are versioned: a change adds a version, the same answers add none, old versions stay")
    func profile() async throws {
        let (store, clock) = try makeStore()
        #expect(try await store.criticProfiles().isEmpty)
        let first = try await store.saveCriticProfile(CriticProfile.Answers(targets: "  my work  ", says: "that I'm lazy"))
        #expect(first.version == 1)
        #expect(first.answers.targets == "my work")
        clock.advance(by: 60)
        #expect(try await store.saveCriticProfile(first.answers) == first)
        let second = try await store.saveCriticProfile(CriticProfile.Answers(targets: "my work", says: "that I'm lazy", sounds: "like a teacher I had"))
        #expect(second.version == 2)
        #expect(try await store.criticProfiles() == [first, second])
        await #expect(throws: InvalidInput.self) {
            try await store.saveCriticProfile(CriticProfile.Answers(costs: String(repeating: "x", count: Limits.saidCharacters + 1)))
        }
        await #expect(throws: (any Error).self) {
            try await store.writer.write { db in try db.execute(sql: "UPDATE criticProfileVersion SET targets = 'x'") }
        }
        await #expect(throws: (any Error).self) {
            try await store.writer.write { db in try db.execute(sql: "DELETE FROM criticProfileVersion") }
        }
    }
}
