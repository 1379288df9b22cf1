import Foundation
import LetterSchedule

/// Times in a real time zone with DST, so the tests cross clock changes.
let berlin = TimeZone(identifier: "Europe/Berlin")!

/// A wall-clock time in Berlin: `local(2026, 11, 23, 12, 0)`.
func local(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0, in zone: TimeZone = berlin) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
}

/// A UTC time: `utc(2026, 3, 29, 7, 0)`.
func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
    local(year, month, day, hour, minute, in: TimeZone(identifier: "UTC")!)
}

func rules(_ adjust: (inout ScheduleSettings) -> Void = { _ in }) -> ScheduleRules {
    var settings = ScheduleSettings()
    adjust(&settings)
    return ScheduleRules(settings: settings, timeZone: berlin)
}

func planner(_ rules: ScheduleRules) -> DeliveryPlanner {
    DeliveryPlanner(hours: rules.hours, dailyCap: rules.settings.dailyCap)
}

/// Runs the delivery loop as the daemon does — decide, wait (the clock jumps to the wake time),
/// deliver — from `start` until `end`, and returns each notification: when, and which prompts.
func simulateDeliveries(
    _ planner: DeliveryPlanner, prompts: [DeliveryPlanner.Pending], from start: Date, until end: Date,
    pausedUntil: Date? = nil
) -> [(at: Date, ids: [Int64])] {
    var pending = prompts
    var sent: [(at: Date, ids: [Int64])] = []
    var now = start
    for _ in 0..<1_000 {
        switch planner.decide(pending: pending, sent: sent.map(\.at), pausedUntil: pausedUntil, now: now) {
        case .nothingPending:
            return sent
        case .wait(let until):
            precondition(until > now, "the planner asked to wait for a time already past")
            if until > end { return sent }
            now = until
        case .deliver(let ids):
            precondition(!ids.isEmpty)
            sent.append((now, ids))
            pending.removeAll { ids.contains($0.promptId) }
        }
    }
    fatalError("the delivery loop did not settle")
}
