import Foundation

/// When prompts may arrive: inside the preferred hours, outside the quiet hours, in the
/// person's time zone. Windows are worked out per local day with the calendar, so on a day
/// when the clocks change "09:00" is still 09:00 on the wall; a time that does not exist that
/// day (inside a spring-forward gap) means the first moment after the gap.
public struct AllowedHours: Sendable {
    public let preferred: DailyWindow
    public let quiet: DailyWindow?
    public let calendar: Calendar

    public init(preferred: DailyWindow, quiet: DailyWindow?, timeZone: TimeZone) {
        self.preferred = preferred
        self.quiet = quiet
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// The earliest allowed moment at or after `date`; `date` itself if it is allowed. If the
    /// settings leave no allowed time at all (which the config refuses), `date`.
    public func earliest(atOrAfter date: Date) -> Date {
        for interval in allowedIntervals(around: date) where interval.end > date {
            return max(interval.start, date)
        }
        return date
    }

    public func isAllowed(_ date: Date) -> Bool { earliest(atOrAfter: date) == date }

    /// Whether any moment of the day is allowed at all.
    public var allowsSomeTime: Bool {
        !allowedIntervals(around: Date(timeIntervalSince1970: 0)).isEmpty
    }

    /// The start of the local calendar day `date` falls in.
    public func startOfDay(_ date: Date) -> Date { calendar.startOfDay(for: date) }

    /// The start of the next local calendar day.
    public func startOfNextDay(_ date: Date) -> Date {
        calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: date))!
    }

    /// `time` on the local day of `date`. A time inside a spring-forward gap gives the first
    /// moment after it; a time that happens twice (fall back) gives the first.
    public func at(_ time: TimeOfDay, onDayOf date: Date) -> Date {
        let day = calendar.startOfDay(for: date)
        if time.hour == 24 { return calendar.date(byAdding: .day, value: 1, to: day)! }
        return calendar.date(
            bySettingHour: time.hour, minute: time.minute, second: 0, of: day,
            matchingPolicy: .nextTime, repeatedTimePolicy: .first, direction: .forward) ?? day
    }

    /// Allowed intervals, in order, from the day before `date` to eight days after, so that
    /// windows running over midnight are seen whole.
    func allowedIntervals(around date: Date) -> [DateInterval] {
        var result: [DateInterval] = []
        let firstDay = calendar.date(byAdding: .day, value: -1, to: calendar.startOfDay(for: date))!
        for offset in 0..<10 {
            let day = calendar.date(byAdding: .day, value: offset, to: firstDay)!
            for span in spans(of: preferred, onDayOf: day) {
                result.append(contentsOf: subtractQuiet(from: span, around: day))
            }
        }
        return result.sorted { $0.start < $1.start }
    }

    /// The window as absolute spans starting on the local day of `day` (one span; it may end on
    /// the next day).
    func spans(of window: DailyWindow, onDayOf day: Date) -> [DateInterval] {
        guard !window.isEmpty else { return [] }
        let start = at(window.start, onDayOf: day)
        let endDay = window.crossesMidnight ? calendar.date(byAdding: .day, value: 1, to: day)! : day
        let end = at(window.end, onDayOf: endDay)
        return end > start ? [DateInterval(start: start, end: end)] : []
    }

    private func subtractQuiet(from span: DateInterval, around day: Date) -> [DateInterval] {
        guard let quiet, !quiet.isEmpty else { return [span] }
        var pieces = [span]
        for offset in -1...1 {
            let quietDay = calendar.date(byAdding: .day, value: offset, to: day)!
            for hole in spans(of: quiet, onDayOf: quietDay) {
                pieces = pieces.flatMap { piece -> [DateInterval] in
                    guard hole.start < piece.end, hole.end > piece.start else { return [piece] }
                    var kept: [DateInterval] = []
                    if hole.start > piece.start { kept.append(DateInterval(start: piece.start, end: hole.start)) }
                    if hole.end < piece.end { kept.append(DateInterval(start: hole.end, end: piece.end)) }
                    return kept
                }
            }
        }
        return pieces
    }
}
