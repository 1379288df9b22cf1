#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CivilDays

/// A calendar date on the proleptic Gregorian calendar, read from and written as plain text
/// without Foundation's locale-aware formatting (the client has no ICU). Month names are English,
/// like the rest of letterctl's words.
struct CalendarDay: Equatable, Comparable {
    var year: Int
    var month: Int
    var day: Int

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Reads "2026-11-22"; nil for anything else.
    init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
        // Rejects "2026-02-31" and the like: the day must survive a round trip.
        guard CalendarDay(daysSinceEpoch: daysSinceEpoch) == self else { return nil }
    }

    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day a moment falls on, `utcOffsetSeconds` east of UTC.
    init(_ date: Date, utcOffsetSeconds: Int) {
        let seconds = (date.timeIntervalSince1970 + Double(utcOffsetSeconds)).rounded(.down)
        let days = Int((seconds / 86_400).rounded(.down))
        self.init(daysSinceEpoch: days)
    }

    /// Days since 1970-01-01.
    var daysSinceEpoch: Int { CivilDays.daysSinceEpoch(year: year, month: month, day: day) }

    /// The date `daysSinceEpoch` days after 1970-01-01.
    init(daysSinceEpoch: Int) {
        let (year, month, day) = CivilDays.date(daysSinceEpoch: daysSinceEpoch)
        self.init(year: year, month: month, day: day)
    }

    var monthName: String { Self.monthNames[month - 1] }

    /// "22 Nov", or "22 Nov 2026".
    func text(withYear: Bool = false) -> String {
        withYear ? "\(day) \(monthName) \(year)" : "\(day) \(monthName)"
    }

    static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}
