import TestSupport
import VarlinkProtocol

/// Random JSON values for the reader and writer tests, drawn from a seeded generator so that a
/// failure repeats. Strings mix what needs escaping (quotes, backslashes, control characters),
/// slashes, non-ASCII text and characters outside the Basic Multilingual Plane.
struct RandomJSON {
    var random: SeededRandom

    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    private static let pieces: [String] = [
        "a", "Z", "7", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{8}", "\u{c}", "\u{0}", "\u{1f}", "\u{7f}",
        "é", "ß", "日本", "\u{2028}", "\u{feff}", "💛", "👩‍👩‍👧", "you always mess this up", "{", "]", ":", ",",
    ]

    mutating func string() -> String {
        (0..<Int.random(in: 0...6, using: &random)).map { _ in Self.pieces.randomElement(using: &random)! }.joined()
    }

    mutating func number() -> JSONValue {
        switch Int.random(in: 0..<6, using: &random) {
        case 0: return .integer(Int64.random(in: -1000...1000, using: &random))
        case 1: return .integer(Int64.random(in: Int64.min...Int64.max, using: &random))
        case 2: return .number(Double.random(in: -1...1, using: &random))
        case 3: return .number(Double.random(in: -1e300...1e300, using: &random))
        case 4: return .number(Double(Int.random(in: -20...20, using: &random)) / 8)
        default: return .number(Double.random(in: -1e-6...1e-6, using: &random))
        }
    }

    mutating func value(depth: Int = 0) -> JSONValue {
        let kinds = depth >= 4 ? 5 : 7
        switch Int.random(in: 0..<kinds, using: &random) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2, 3: return number()
        case 4: return .string(string())
        case 5: return .array((0..<Int.random(in: 0...4, using: &random)).map { _ in value(depth: depth + 1) })
        default:
            var fields: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0...4, using: &random) { fields[string()] = value(depth: depth + 1) }
            return .object(fields)
        }
    }
}

extension JSONValue {
    /// The value as it reads back after writing: whole numbers below 2^53 are written as
    /// integers (Varlink's `int` must not read "3.0"), so they come back as `.integer`.
    var afterRoundTrip: JSONValue {
        switch self {
        case let .number(number) where number.rounded() == number && abs(number) < 9.0e15: .integer(Int64(number))
        case let .array(elements): .array(elements.map(\.afterRoundTrip))
        case let .object(fields): .object(fields.mapValues(\.afterRoundTrip))
        default: self
        }
    }
}
