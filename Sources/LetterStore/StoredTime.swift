import CivilDays
import Foundation
import GRDB

/// A time as the store writes it: the text GRDB writes for a `Date`, "yyyy-MM-dd HH:mm:ss.SSS"
/// in UTC, worked out here instead of by GRDB's `DateFormatter`.
///
/// Why: that formatter is ICU's. Its first use loads ICU's locale, calendar and number data,
/// which was a large part of letterd's memory at rest (`make bench`, "RSS idle"), and each use
/// costs far more than the arithmetic below, on every check-in.
///
/// The text is GRDB's byte for byte, so the stores written before read and sort the same:
/// `StoredTimeTests` compare the two over many times, including ones a hair either side of a
/// millisecond, a second and midnight. The arithmetic follows Foundation's and ICU's, in the
/// same floating-point steps: Foundation rounds the time to milliseconds since 1970 (a
/// `Double`), and ICU floors them into days and truncates the milliseconds of the day. Before 1583 ICU counts days on the Julian
/// calendar, and after 9999 the year has more digits: those times go to GRDB's formatter.
enum StoredTime {
    /// What GRDB would store for `date`.
    static func databaseValue(_ date: Date) -> DatabaseValue {
        text(date).map { $0.databaseValue } ?? date.databaseValue
    }

    /// The stored text, or nil outside the years 1583 to 9999.
    static func text(_ date: Date) -> String? {
        // CFDateFormatter's conversion (which rounds to the nearest millisecond), then ICU's
        // Calendar::computeFields (ClockMath::floorDivide).
        let milliseconds = (date.timeIntervalSinceReferenceDate + 978_307_200.0) * 1000.0 + 0.5
        guard milliseconds.isFinite else { return nil }
        let days = (milliseconds / 86_400_000.0).rounded(.down)
        guard days >= -141_349, days <= 2_932_896 else { return nil }  // 1583-01-01 ... 9999-12-31
        let millisecondOfDay = Int(milliseconds - days * 86_400_000.0)
        let bytes = CivilTimeText.bytes(
            daysSinceEpoch: Int(days), millisecondOfDay: millisecondOfDay, separator: UInt8(ascii: " "))
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The row types encode their times with `StoredTime` (GRDB's default goes to its formatter).
protocol StoredTimeRecord: EncodableRecord {}

extension StoredTimeRecord {
    static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        .custom { StoredTime.databaseValue($0) }
    }
}

extension Date {
    /// This time as a statement argument, in the store's text (see `StoredTime`).
    var stored: DatabaseValue { StoredTime.databaseValue(self) }
}
