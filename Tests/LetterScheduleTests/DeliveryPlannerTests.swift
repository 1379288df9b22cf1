import Foundation
import LetterSchedule
import Testing

@Suite("When notifications go out")
struct DeliveryPlannerTests {
    @Test("a prompt due inside the preferred hours goes out when it falls due")
    func onTime() {
        let p = planner(rules())
        let pending = [DeliveryPlanner.Pending(promptId: 1, dueAt: local(2026, 11, 23, 15))]
        #expect(p.decide(pending: pending, sent: [], pausedUntil: nil, now: local(2026, 11, 23, 12)) == .wait(until: local(2026, 11, 23, 15)))
        #expect(p.decide(pending: pending, sent: [], pausedUntil: nil, now: local(2026, 11, 23, 15)) == .deliver([1]))
    }

    @Test("a prompt due outside the preferred hours is held until they open, not dropped")
    func heldUntilMorning() {
        let p = planner(rules())
        let pending = [DeliveryPlanner.Pending(promptId: 1, dueAt: local(2026, 11, 23, 22, 30))]
        #expect(p.decide(pending: pending, sent: [], pausedUntil: nil, now: local(2026, 11, 23, 22, 30)) == .wait(until: local(2026, 11, 24, 9)))
        let deliveries = simulateDeliveries(p, prompts: pending, from: local(2026, 11, 23, 20), until: local(2026, 11, 30, 0))
        #expect(deliveries.map(\.at) == [local(2026, 11, 24, 9)])
    }

    @Test("quiet hours inside the preferred hours hold a prompt until they end")
    func quietHours() {
        let p = planner(rules {
            $0.preferredHours = DailyWindow("08:00-22:00")!
            $0.quietHours = DailyWindow("12:00-14:00")!
        })
        let pending = [DeliveryPlanner.Pending(promptId: 7, dueAt: local(2026, 11, 23, 12, 30))]
        #expect(p.decide(pending: pending, sent: [], pausedUntil: nil, now: local(2026, 11, 23, 12, 30)) == .wait(until: local(2026, 11, 23, 14)))
    }

    @Test("quiet hours over midnight hold a late prompt until the morning")
    func quietOverMidnight() {
        let p = planner(rules {
            $0.preferredHours = .allDay
            $0.quietHours = DailyWindow("22:00-07:30")!
        })
        let pending = [DeliveryPlanner.Pending(promptId: 1, dueAt: local(2026, 11, 23, 23))]
        #expect(p.decide(pending: pending, sent: [], pausedUntil: nil, now: local(2026, 11, 23, 23)) == .wait(until: local(2026, 11, 24, 7, 30)))
        // 01:00 is quiet too (the window that began the evening before).
        #expect(p.decide(pending: pending, sent: [], pausedUntil: nil, now: local(2026, 11, 24, 1)) == .wait(until: local(2026, 11, 24, 7, 30)))
    }

    @Test("the daily cap holds further prompts until the next day's preferred hours")
    func dailyCap() {
        let p = planner(rules { $0.dailyCap = 2 })
        let sent = [local(2026, 11, 23, 9, 30), local(2026, 11, 23, 11)]
        let pending = [DeliveryPlanner.Pending(promptId: 3, dueAt: local(2026, 11, 23, 14))]
        #expect(p.decide(pending: pending, sent: sent, pausedUntil: nil, now: local(2026, 11, 23, 15)) == .wait(until: local(2026, 11, 24, 9)))
        // Yesterday's notifications do not count against today.
        #expect(p.decide(pending: pending, sent: sent, pausedUntil: nil, now: local(2026, 11, 24, 9)) == .deliver([3]))
    }

    @Test("after a week of downtime, everything that fell due goes out once, in one notification")
    func coalescedCatchUp() {
        let p = planner(rules())
        let pending = [
            DeliveryPlanner.Pending(promptId: 1, dueAt: local(2026, 11, 16, 15)),
            DeliveryPlanner.Pending(promptId: 2, dueAt: local(2026, 11, 18, 10)),
            DeliveryPlanner.Pending(promptId: 3, dueAt: local(2026, 11, 20, 19)),
            DeliveryPlanner.Pending(promptId: 4, dueAt: local(2026, 11, 25, 10)),
        ]
        let deliveries = simulateDeliveries(p, prompts: pending, from: local(2026, 11, 23, 11), until: local(2026, 11, 30, 0))
        #expect(deliveries.count == 2)
        #expect(deliveries[0].at == local(2026, 11, 23, 11))
        #expect(deliveries[0].ids == [1, 2, 3])
        #expect(deliveries[1].at == local(2026, 11, 25, 10))
        #expect(deliveries[1].ids == [4])
    }

    @Test("coming back from downtime in the night, the catch-up waits for the morning")
    func catchUpRespectsHours() {
        let p = planner(rules())
        let pending = [
            DeliveryPlanner.Pending(promptId: 1, dueAt: local(2026, 11, 20, 15)),
            DeliveryPlanner.Pending(promptId: 2, dueAt: local(2026, 11, 21, 15)),
        ]
        let deliveries = simulateDeliveries(p, prompts: pending, from: local(2026, 11, 23, 23, 40), until: local(2026, 11, 30, 0))
        #expect(deliveries.count == 1)
        #expect(deliveries[0].at == local(2026, 11, 24, 9))
        #expect(deliveries[0].ids == [1, 2])
    }

    @Test("a pause holds every prompt until it ends, then they go out together")
    func pause() {
        let p = planner(rules())
        let pending = [
            DeliveryPlanner.Pending(promptId: 1, dueAt: local(2026, 11, 23, 15)),
            DeliveryPlanner.Pending(promptId: 2, dueAt: local(2026, 11, 25, 15)),
        ]
        let deliveries = simulateDeliveries(
            p, prompts: pending, from: local(2026, 11, 23, 12), until: local(2026, 12, 10, 0),
            pausedUntil: local(2026, 11, 28, 6))
        #expect(deliveries.count == 1)
        #expect(deliveries[0].at == local(2026, 11, 28, 9))  // the pause ends at 06:00, before the preferred hours
        #expect(deliveries[0].ids == [1, 2])
    }

    @Test("spring forward: a window opening inside the skipped hour opens when the clocks land")
    func springForward() {
        let p = planner(rules { $0.preferredHours = DailyWindow("02:30-21:00")! })
        let pending = [DeliveryPlanner.Pending(promptId: 1, dueAt: local(2026, 3, 28, 22))]
        // 02:30 does not exist on 29 March 2026 in Berlin: the first moment after the gap is 03:00 CEST.
        #expect(p.decide(pending: pending, sent: [], pausedUntil: nil, now: local(2026, 3, 28, 22)) == .wait(until: utc(2026, 3, 29, 1)))
    }

    @Test("spring forward: 09:00 is 09:00 on the wall, an hour earlier in UTC than the day before")
    func springForwardWallClock() {
        let p = planner(rules())
        let pending = [DeliveryPlanner.Pending(promptId: 1, dueAt: local(2026, 3, 28, 22))]
        #expect(p.decide(pending: pending, sent: [], pausedUntil: nil, now: local(2026, 3, 28, 22)) == .wait(until: utc(2026, 3, 29, 7)))
    }

    @Test("fall back: a prompt due in the repeated hour goes out once, not twice")
    func fallBack() {
        let p = planner(rules { $0.preferredHours = .allDay })
        // 02:30 happens twice on 25 October 2026 in Berlin: 00:30 UTC (CEST) and 01:30 UTC (CET).
        let pending = [DeliveryPlanner.Pending(promptId: 1, dueAt: utc(2026, 10, 25, 0, 30))]
        let deliveries = simulateDeliveries(p, prompts: pending, from: local(2026, 10, 24, 20), until: local(2026, 10, 27, 0))
        #expect(deliveries.count == 1)
        #expect(deliveries[0].at == utc(2026, 10, 25, 0, 30))
    }

    @Test("fall back: the quiet hours still end at their wall-clock time")
    func fallBackQuietHours() {
        let p = planner(rules {
            $0.preferredHours = .allDay
            $0.quietHours = DailyWindow("22:00-07:00")!
        })
        let pending = [DeliveryPlanner.Pending(promptId: 1, dueAt: local(2026, 10, 24, 23))]
        #expect(p.decide(pending: pending, sent: [], pausedUntil: nil, now: local(2026, 10, 24, 23)) == .wait(until: utc(2026, 10, 25, 6)))  // 07:00 CET
    }

    @Test("a clock jumping backwards neither re-sends nor lifts the day's cap")
    func clockJumpsBack() {
        let p = planner(rules { $0.dailyCap = 1 })
        // One notification at 15:00; then the clock is set back to 13:00 the same day.
        let sent = [local(2026, 11, 23, 15)]
        let pending = [DeliveryPlanner.Pending(promptId: 2, dueAt: local(2026, 11, 23, 13, 30))]
        #expect(p.decide(pending: pending, sent: sent, pausedUntil: nil, now: local(2026, 11, 23, 13)) == .wait(until: local(2026, 11, 24, 9)))
        // What was delivered is no longer pending: nothing to send again.
        #expect(p.decide(pending: [], sent: sent, pausedUntil: nil, now: local(2026, 11, 23, 13)) == .nothingPending)
    }

    @Test("a clock jumping forwards over a due time delivers at once (inside the hours)")
    func clockJumpsForward() {
        let p = planner(rules())
        let pending = [DeliveryPlanner.Pending(promptId: 1, dueAt: local(2026, 11, 23, 15))]
        #expect(p.decide(pending: pending, sent: [], pausedUntil: nil, now: local(2026, 11, 23, 16, 45)) == .deliver([1]))
    }
}

@Suite("The calm after the help note")
struct CalmAfterHelpTests {
    @Test("invitations to write or rework wait until the calm ends; a reread due in it goes out alone")
    func heldKinds() {
        let p = planner(rules())
        let calmUntil = local(2026, 11, 24, 4)
        let write = DeliveryPlanner.Pending(promptId: 1, dueAt: local(2026, 11, 23, 15), kind: .write)
        let rework = DeliveryPlanner.Pending(promptId: 2, dueAt: local(2026, 11, 23, 15), kind: .rework)
        let reread = DeliveryPlanner.Pending(promptId: 3, dueAt: local(2026, 11, 23, 16), kind: .reread)
        let now = local(2026, 11, 23, 16)
        #expect(p.decide(pending: [write, rework, reread], sent: [], pausedUntil: nil, calmUntil: calmUntil, now: now) == .deliver([3]))
        // Without the calm, all three go out together.
        #expect(p.decide(pending: [write, rework, reread], sent: [], pausedUntil: nil, now: now) == .deliver([1, 2, 3]))
        // Only held kinds waiting: wake when the calm ends, then the preferred hours open.
        #expect(p.decide(pending: [write, rework], sent: [], pausedUntil: nil, calmUntil: calmUntil, now: now)
            == .wait(until: local(2026, 11, 24, 9)))
        #expect(p.decide(pending: [write, rework], sent: [], pausedUntil: nil, calmUntil: calmUntil, now: local(2026, 11, 24, 9))
            == .deliver([1, 2]))
    }

    @Test("a calm that ended before a prompt fell due changes nothing")
    func pastCalm() {
        let p = planner(rules())
        let write = DeliveryPlanner.Pending(promptId: 1, dueAt: local(2026, 11, 23, 15), kind: .write)
        #expect(p.decide(pending: [write], sent: [], pausedUntil: nil, calmUntil: local(2026, 11, 23, 4), now: local(2026, 11, 23, 15))
            == .deliver([1]))
    }
}
