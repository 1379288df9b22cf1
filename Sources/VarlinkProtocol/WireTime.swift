#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Times in the one shape letterd puts on the wire, "2026-11-22T20:41:00.123Z", read and written
/// with integer arithmetic on the proleptic Gregorian calendar in UTC.
///
/// Why not only `Date.ISO8601FormatStyle`: it builds a calendar and a time zone for each use and
/// goes through date components, which cost more than the rest of decoding a reply. `letterctl
/// list` reads 100 times, and every client call pays for the style's first use (a profile of
/// `letterctl status` put 13% of the process in it). Anything else (no milliseconds, an offset,
/// a year outside 1970–9999) is left to the format style, so what is accepted does not change.
enum WireTime {
    private static let length = 24  // "YYYY-MM-DDTHH:MM:SS.mmmZ"
    private static let secondsPerDay: Int64 = 86_400
    /// 2001-01-01 in seconds since 1970: `Date`'s own zero.
    private static let referenceDate: Int64 = 978_307_200

    /// The time `text` names, or nil when it is not exactly the wire shape.
    static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes -> Date? in
            guard bytes.count == length,
                  bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
                  bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "."),
                  bytes[23] == UInt8(ascii: "Z"),
                  let year = number(bytes, 0, 4), let month = number(bytes, 5, 2), let day = number(bytes, 8, 2),
                  let hour = number(bytes, 11, 2), let minute = number(bytes, 14, 2), let second = number(bytes, 17, 2),
                  let millisecond = number(bytes, 20, 3),
                  year >= 1970, (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
                  hour < 24, minute < 60, second < 60
            else { return nil }
            let days = daysSinceEpoch(year: year, month: month, day: day)
            let seconds = days * secondsPerDay + Int64(hour * 3600 + minute * 60 + second)
            // From the reference date, as the format style computes it, so both give the same Date.
            return Date(timeIntervalSinceReferenceDate: Double(seconds - referenceDate) + Double(millisecond) / 1000)
        }
    }

    /// `date` in the wire shape, its milliseconds truncated (the caller rounds first), or nil
    /// outside 1970–9999.
    static func format(_ date: Date) -> String? {
        let interval = date.timeIntervalSince1970
        guard interval >= 0, interval < 253_402_300_800 else { return nil }  // 10000-01-01
        let whole = interval.rounded(.down)
        let seconds = Int64(whole)
        let millisecond = min(Int((interval - whole) * 1000), 999)
        let (days, secondOfDay) = seconds.quotientAndRemainder(dividingBy: secondsPerDay)
        let (year, month, day) = civil(daysSinceEpoch: days)
        var bytes = [UInt8](repeating: 0, count: length)
        put(year, 4, at: 0, in: &bytes)
        bytes[4] = UInt8(ascii: "-")
        put(month, 2, at: 5, in: &bytes)
        bytes[7] = UInt8(ascii: "-")
        put(day, 2, at: 8, in: &bytes)
        bytes[10] = UInt8(ascii: "T")
        put(Int(secondOfDay / 3600), 2, at: 11, in: &bytes)
        bytes[13] = UInt8(ascii: ":")
        put(Int(secondOfDay % 3600 / 60), 2, at: 14, in: &bytes)
        bytes[16] = UInt8(ascii: ":")
        put(Int(secondOfDay % 60), 2, at: 17, in: &bytes)
        bytes[19] = UInt8(ascii: ".")
        put(millisecond, 3, at: 20, in: &bytes)
        bytes[23] = UInt8(ascii: "Z")
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for byte in bytes[start..<start + count] {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func put(_ value: Int, _ count: Int, at start: Int, in bytes: inout [UInt8]) {
        var value = value
        for index in stride(from: start + count - 1, through: start, by: -1) {
            bytes[index] = UInt8(ascii: "0") + UInt8(value % 10)
            value /= 10
        }
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // The two conversions below are Howard Hinnant's days_from_civil and civil_from_days
    // ("chrono-Compatible Low-Level Date Algorithms"), for years from 1970 on: eras of 400
    // years, each year counted from March so that the leap day comes last.

    private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int64 {
        let year = month <= 2 ? year - 1 : year
        let era = year / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return Int64(era * 146_097 + dayOfEra - 719_468)
    }

    private static func civil(daysSinceEpoch days: Int64) -> (year: Int, month: Int, day: Int) {
        let shifted = Int(days) + 719_468
        let era = shifted / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
