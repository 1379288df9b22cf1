/// Any JSON value. Used where a message's shape is not known in advance: the parameters of a
/// call before the method is looked up, and the parameters of an error reply.
public enum JSONValue: Codable, Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number written without a fraction or exponent that fits in 64 bits, kept exactly.
    case integer(Int64)
    /// Any other number.
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try Self.unlessMismatchHere(decoder, { try container.decode([JSONValue].self) }) {
            self = .array(value)
        } else if let value = try Self.unlessMismatchHere(decoder, { try container.decode([String: JSONValue].self) }) {
            self = .object(value)
        } else {
            // Valid JSON that is none of the above can only be a number no Double can hold (1e400).
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "a number beyond a 64-bit float's range")
        }
    }

    /// Runs `body`; nil if the value at this level is simply not of that kind. An error from
    /// deeper inside (an element that cannot be held) is rethrown with its own path.
    private static func unlessMismatchHere<T>(_ decoder: any Decoder, _ body: () throws -> T) throws -> T? {
        do {
            return try body()
        } catch let DecodingError.typeMismatch(_, context) where context.codingPath.count == decoder.codingPath.count {
            return nil
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case let .bool(value): try container.encode(value)
        case let .integer(value): try container.encode(value)
        case let .number(value):
            if let whole = Self.wholeNumber(value) {
                try container.encode(whole)
            } else {
                try container.encode(value)
            }
        case let .string(value): try container.encode(value)
        case let .array(value): try container.encode(value)
        case let .object(value): try container.encode(value)
        }
    }

    /// A number that goes out as an integer when written (here and by ``JSONWriter``): whole,
    /// and small enough to be exact. Varlink's `int` must not read "3.0".
    static func wholeNumber(_ number: Double) -> Int64? {
        number.rounded() == number && abs(number) < 9.0e15 ? Int64(number) : nil
    }

    /// The keys of an object; empty for anything else.
    public var objectKeys: [String] {
        if case let .object(fields) = self { return Array(fields.keys) }
        return []
    }
}
