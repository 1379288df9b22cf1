#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The JSON settings both ends use. Times travel as ISO 8601 strings in UTC with milliseconds
/// ("2026-11-22T20:41:00.123Z"); Varlink has no time type.
public enum VarlinkJSON {
    static let timeStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(format(date))
        }
        return encoder
    }

    /// A time as sent on the wire, rounded to the nearest millisecond. The format style
    /// truncates, and a binary double for .675 s is a hair under it, so half a millisecond is
    /// added first; otherwise the same stored time could go out as .675 once and .674 later.
    public static func format(_ date: Date) -> String {
        let rounded = date.addingTimeInterval(0.0005)
        return WireTime.format(rounded) ?? rounded.formatted(timeStyle)
    }

    /// A time from the wire: with milliseconds, as letterd sends them, or without.
    public static func parseTime(_ text: String) -> Date? {
        WireTime.parse(text) ?? (try? timeStyle.parse(text)) ?? (try? Date.ISO8601FormatStyle().parse(text))
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = parseTime(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "expected an ISO 8601 time like 2026-11-22T20:41:00.000Z")
            }
            return date
        }
        return decoder
    }
}
