#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CivilDays

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
            let days = Int64(CivilDays.daysSinceEpoch(year: year, month: month, day: day))
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
        let bytes = CivilTimeText.bytes(
            daysSinceEpoch: Int(days), millisecondOfDay: Int(secondOfDay) * 1000 + millisecond,
            separator: UInt8(ascii: "T"), end: UInt8(ascii: "Z"))
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

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
