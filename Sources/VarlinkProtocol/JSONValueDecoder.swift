#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Decodes a `Decodable` type from an already-parsed ``JSONValue``.
///
/// Foundation's JSONDecoder reports a number that does not fit its target (2.5 or 10^20 for an
/// `Int`) as "not valid JSON" with no coding path, so a server could not say which parameter
/// was wrong. Decoding from the parsed value instead gives every error its exact path, and
/// numbers are converted here with explicit range checks. It also saves parsing the message twice.
public struct JSONValueDecoder {
    public init() {}

    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try decodeValue(T.self, value, codingPath: [])
    }
}

/// Decodes one value. Times are strings on the wire (see ``VarlinkJSON``), read here as
/// JSONDecoder's date strategy would read them.
private func decodeValue<T: Decodable>(_ type: T.Type, _ value: JSONValue, codingPath: [any CodingKey]) throws -> T {
    if T.self == Date.self {
        guard case let .string(text) = value, let date = VarlinkJSON.parseTime(text) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: codingPath, debugDescription: "expected an ISO 8601 time like 2026-11-22T20:41:00.000Z"))
        }
        return date as! T
    }
    return try T(from: ValueDecoder(value: value, codingPath: codingPath))
}

private struct ValueDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case let .object(fields) = value else {
            throw DecodingError.typeMismatch([String: Any].self, .init(codingPath: codingPath, debugDescription: "expected an object"))
        }
        return KeyedDecodingContainer(KeyedContainer(fields: fields, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case let .array(elements) = value else {
            throw DecodingError.typeMismatch([Any].self, .init(codingPath: codingPath, debugDescription: "expected an array"))
        }
        return UnkeyedContainer(elements: elements, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueContainer(value: value, codingPath: codingPath)
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let fields: [String: JSONValue]
    let codingPath: [any CodingKey]
    var allKeys: [Key] { fields.keys.compactMap(Key.init(stringValue:)) }

    func contains(_ key: Key) -> Bool { fields[key.stringValue] != nil }

    func decodeNil(forKey key: Key) throws -> Bool {
        try value(for: key) == .null
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decodeValue(T.self, value(for: key), codingPath: codingPath + [key])
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = fields[key.stringValue], value != .null else { return nil }
        return try decodeValue(T.self, value, codingPath: codingPath + [key])
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try ValueDecoder(value: value(for: key), codingPath: codingPath + [key]).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try ValueDecoder(value: value(for: key), codingPath: codingPath + [key]).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { ValueDecoder(value: .object(fields), codingPath: codingPath) }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        ValueDecoder(value: fields[key.stringValue] ?? .null, codingPath: codingPath + [key])
    }

    private func value(for key: Key) throws -> JSONValue {
        guard let value = fields[key.stringValue] else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "missing"))
        }
        return value
    }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let elements: [JSONValue]
    let codingPath: [any CodingKey]
    var currentIndex = 0
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, elements[currentIndex] == .null else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let decoder = try nextDecoder()
        let value = try decodeValue(T.self, decoder.value, codingPath: decoder.codingPath)
        currentIndex += 1
        return value
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let container = try nextDecoder().container(keyedBy: type)
        currentIndex += 1
        return container
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let container = try nextDecoder().unkeyedContainer()
        currentIndex += 1
        return container
    }

    mutating func superDecoder() throws -> any Decoder {
        let decoder = try nextDecoder()
        currentIndex += 1
        return decoder
    }

    private func nextDecoder() throws -> ValueDecoder {
        let key = IndexKey(intValue: currentIndex)
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(Any.self, .init(codingPath: codingPath + [key], debugDescription: "the array ends here"))
        }
        return ValueDecoder(value: elements[currentIndex], codingPath: codingPath + [key])
    }
}

private struct SingleValueContainer: SingleValueDecodingContainer {
    let value: JSONValue
    let codingPath: [any CodingKey]

    func decodeNil() -> Bool { value == .null }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard case let .bool(result) = value else { throw mismatch(type, "a boolean") }
        return result
    }

    func decode(_ type: String.Type) throws -> String {
        guard case let .string(result) = value else { throw mismatch(type, "a string") }
        return result
    }

    func decode(_ type: Double.Type) throws -> Double {
        switch value {
        case let .number(result): return result
        case let .integer(result): return Double(result)
        default: throw mismatch(type, "a number")
        }
    }

    func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }

    func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try decodeValue(T.self, value, codingPath: codingPath)
    }

    /// A whole number that fits `T` exactly. Integers arrive exact (`.integer`); a number with a
    /// fraction or exponent is accepted only when it is whole and below 2^53 in magnitude, where
    /// a double is still exact (beyond that it may already have been rounded on its way in).
    private func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        switch value.wholeNumber(as: T.self) {
        case let .success(result):
            return result
        case .failure(.notANumber):
            throw mismatch(type, "a whole number")
        case let .failure(.outOfRange(reason)):
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: reason))
        }
    }

    private func mismatch(_ type: Any.Type, _ expected: String) -> DecodingError {
        DecodingError.typeMismatch(type, .init(codingPath: codingPath, debugDescription: "expected \(expected)"))
    }
}

private struct IndexKey: CodingKey {
    var stringValue: String { String(intValue!) }
    var intValue: Int?
    init(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
}

/// Why a JSON value is not a given whole number.
enum WholeNumberFailure: Error {
    case notANumber
    case outOfRange(String)
}

extension JSONValue {
    /// The value as a whole number that fits `T` exactly, as both of letterctl's readings take
    /// one (``JSONValueDecoder`` and ``JSONObjectReader``). Integers arrive exact (`.integer`);
    /// a number with a fraction or exponent is accepted only when it is whole and below 2^53
    /// in magnitude, where a double is still exact (beyond that it may already have been
    /// rounded on its way in).
    func wholeNumber<T: FixedWidthInteger>(as type: T.Type) -> Result<T, WholeNumberFailure> {
        if case let .integer(number) = self {
            guard let result = T(exactly: number) else { return .failure(.outOfRange("\(number) is out of range for \(T.self)")) }
            return .success(result)
        }
        guard case let .number(number) = self else { return .failure(.notANumber) }
        let exactLimit = 9_007_199_254_740_992.0
        guard number.rounded() == number, abs(number) < exactLimit, let result = T(exactly: number) else {
            return .failure(.outOfRange("\(number) is not a whole number in range for \(T.self)"))
        }
        return .success(result)
    }
}
