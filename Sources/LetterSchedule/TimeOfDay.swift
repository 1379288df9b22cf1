/// A wall-clock time of day, "HH:MM", in the person's time zone. "24:00" is allowed as the end of
/// a window, meaning midnight at the end of the day.
public struct TimeOfDay: Sendable, Equatable, Comparable, CustomStringConvertible {
    public let hour: Int
    public let minute: Int

    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour) && (0...59).contains(minute) || (hour == 24 && minute == 0) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// Parses "9:00", "09:30", "24:00".
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let hour = Int(parts[0]), let minute = Int(parts[1])
        else { return nil }
        self.init(hour: hour, minute: minute)
    }

    public var minutesSinceMidnight: Int { hour * 60 + minute }

    public var description: String {
        (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    public static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { a.minutesSinceMidnight < b.minutesSinceMidnight }
}

/// A span of the day, "09:00-21:00". A span whose end is before its start runs over midnight
/// ("22:00-07:30"); one whose start equals its end is empty.
public struct DailyWindow: Sendable, Equatable, CustomStringConvertible {
    public let start: TimeOfDay
    public let end: TimeOfDay

    public init(start: TimeOfDay, end: TimeOfDay) {
        self.start = start
        self.end = end
    }

    /// Parses "09:00-21:00" (spaces allowed around the dash).
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2,
              let start = TimeOfDay(parts[0].trimmingSpaces), let end = TimeOfDay(parts[1].trimmingSpaces),
              start.hour < 24
        else { return nil }
        self.init(start: start, end: end)
    }

    /// The whole day.
    public static let allDay = DailyWindow(start: TimeOfDay(hour: 0, minute: 0)!, end: TimeOfDay(hour: 24, minute: 0)!)

    public var isEmpty: Bool { start == end }
    public var crossesMidnight: Bool { end < start }

    public var description: String { "\(start)-\(end)" }
}

extension Substring {
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
