/// A UTC time written "YYYY-MM-DD HH:MM:SS.mmm" with integer arithmetic, as UTF-8 bytes, for a
/// day counted from 1970-01-01 and a millisecond within it.
///
/// Shared by the wire's time stamps (VarlinkProtocol's WireTime, separator "T" and a "Z" after)
/// and the store's (LetterStore's StoredTime, separator " "): they differ only in how they get
/// the day and the millisecond from a `Date`, and in those two characters.
public enum CivilTimeText {
    /// The 23 bytes of the time, and `end` after them if given; `days` must fall in the years
    /// 0 to 9999.
    public static func bytes(
        daysSinceEpoch days: Int, millisecondOfDay: Int, separator: UInt8, end: UInt8? = nil
    ) -> [UInt8] {
        let (year, month, day) = CivilDays.date(daysSinceEpoch: days)
        var bytes = [UInt8](repeating: 0, count: end == nil ? 23 : 24)
        if let end { bytes[23] = end }
        put(year, 4, at: 0, in: &bytes)
        bytes[4] = UInt8(ascii: "-")
        put(month, 2, at: 5, in: &bytes)
        bytes[7] = UInt8(ascii: "-")
        put(day, 2, at: 8, in: &bytes)
        bytes[10] = separator
        put(millisecondOfDay / 3_600_000, 2, at: 11, in: &bytes)
        bytes[13] = UInt8(ascii: ":")
        put(millisecondOfDay / 60_000 % 60, 2, at: 14, in: &bytes)
        bytes[16] = UInt8(ascii: ":")
        put(millisecondOfDay / 1000 % 60, 2, at: 17, in: &bytes)
        bytes[19] = UInt8(ascii: ".")
        put(millisecondOfDay % 1000, 3, at: 20, in: &bytes)
        return bytes
    }

    private static func put(_ value: Int, _ count: Int, at start: Int, in bytes: inout [UInt8]) {
        var value = value
        for index in stride(from: start + count - 1, through: start, by: -1) {
            bytes[index] = UInt8(ascii: "0") + UInt8(value % 10)
            value /= 10
        }
    }
}
