#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The fields of one JSON object, read by hand into a type's fields.
///
/// Why not `Decodable`: in a short-lived process, the first decoding of each type sets up its
/// generic containers (`KeyedDecodingContainer<Type.CodingKeys>` and the boxes behind it),
/// each looked up by its mangled name. For letterctl's everyday replies that set-up was a
/// tenth of the command's time (`make bench`). Reading the fields by name needs none of it.
///
/// The rules are ``JSONValueDecoder``'s, so a reply reads the same either way (the tests of
/// LetterProtocol's readers hold them to it): a field that is absent or null is nil where
/// optional and an error where not; fields not asked for are ignored; whole numbers follow
/// ``JSONValue/wholeNumber(as:)``; times are ``VarlinkJSON/parseTime(_:)``'s.
public struct JSONObjectReader {
    private let fields: [String: JSONValue]
    /// Where this object is in the reply, for error messages ("letters[3]").
    private let path: String

    public init(_ value: JSONValue, path: String = "") throws(JSONReadFailure) {
        guard case let .object(fields) = value else { throw JSONReadFailure(path: path, problem: "expected an object") }
        self.fields = fields
        self.path = path
    }

    // MARK: Required fields

    public func string(_ key: String) throws(JSONReadFailure) -> String {
        try Self.string(required(key), at: at(key))
    }

    public func bool(_ key: String) throws(JSONReadFailure) -> Bool {
        guard case let .bool(value) = try required(key) else { throw JSONReadFailure(path: at(key), problem: "expected a boolean") }
        return value
    }

    public func integer<T: FixedWidthInteger>(_ key: String, as type: T.Type = T.self) throws(JSONReadFailure) -> T {
        try Self.integer(required(key), as: type, at: at(key))
    }

    public func double(_ key: String) throws(JSONReadFailure) -> Double {
        switch try required(key) {
        case let .number(value): return value
        case let .integer(value): return Double(value)
        default: throw JSONReadFailure(path: at(key), problem: "expected a number")
        }
    }

    public func date(_ key: String) throws(JSONReadFailure) -> Date {
        try Self.date(required(key), at: at(key))
    }

    /// A string that must be one of `T`'s raw values.
    public func value<T: RawRepresentable>(_ key: String, as type: T.Type) throws(JSONReadFailure) -> T where T.RawValue == String {
        try Self.value(required(key), as: type, at: at(key))
    }

    public func strings(_ key: String) throws(JSONReadFailure) -> [String] {
        try Self.array(required(key), at: at(key)) { value, path throws(JSONReadFailure) in try Self.string(value, at: path) }
    }

    public func values<T: RawRepresentable>(_ key: String, as type: T.Type) throws(JSONReadFailure) -> [T] where T.RawValue == String {
        try Self.array(required(key), at: at(key)) { value, path throws(JSONReadFailure) in try Self.value(value, as: type, at: path) }
    }

    /// A nested object, read by `read`.
    public func object<T>(_ key: String, _ read: (JSONObjectReader) throws(JSONReadFailure) -> T) throws(JSONReadFailure) -> T {
        try read(JSONObjectReader(required(key), path: at(key)))
    }

    /// An array of objects, each read by `read`.
    public func objects<T>(_ key: String, _ read: (JSONObjectReader) throws(JSONReadFailure) -> T) throws(JSONReadFailure) -> [T] {
        try Self.array(required(key), at: at(key)) { value, path throws(JSONReadFailure) in try read(JSONObjectReader(value, path: path)) }
    }

    // MARK: Optional fields: nil when absent or null

    public func optionalString(_ key: String) throws(JSONReadFailure) -> String? {
        guard let value = optional(key) else { return nil }
        return try Self.string(value, at: at(key))
    }

    public func optionalInteger<T: FixedWidthInteger>(_ key: String, as type: T.Type = T.self) throws(JSONReadFailure) -> T? {
        guard let value = optional(key) else { return nil }
        return try Self.integer(value, as: type, at: at(key))
    }

    public func optionalDate(_ key: String) throws(JSONReadFailure) -> Date? {
        guard let value = optional(key) else { return nil }
        return try Self.date(value, at: at(key))
    }

    public func optionalValue<T: RawRepresentable>(_ key: String, as type: T.Type) throws(JSONReadFailure) -> T? where T.RawValue == String {
        guard let value = optional(key) else { return nil }
        return try Self.value(value, as: type, at: at(key))
    }

    public func optionalStrings(_ key: String) throws(JSONReadFailure) -> [String]? {
        guard optional(key) != nil else { return nil }
        return try strings(key)
    }

    public func optionalObject<T>(_ key: String, _ read: (JSONObjectReader) throws(JSONReadFailure) -> T) throws(JSONReadFailure) -> T? {
        guard optional(key) != nil else { return nil }
        return try object(key, read)
    }

    // MARK: Values

    private func required(_ key: String) throws(JSONReadFailure) -> JSONValue {
        guard let value = fields[key] else { throw JSONReadFailure(path: at(key), problem: "missing") }
        return value
    }

    private func optional(_ key: String) -> JSONValue? {
        guard let value = fields[key], value != .null else { return nil }
        return value
    }

    private func at(_ key: String) -> String {
        path.isEmpty ? key : path + "." + key
    }

    private static func string(_ value: JSONValue, at path: String) throws(JSONReadFailure) -> String {
        guard case let .string(text) = value else { throw JSONReadFailure(path: path, problem: "expected a string") }
        return text
    }

    private static func integer<T: FixedWidthInteger>(_ value: JSONValue, as type: T.Type, at path: String) throws(JSONReadFailure) -> T {
        switch value.wholeNumber(as: type) {
        case let .success(number): return number
        case .failure(.notANumber): throw JSONReadFailure(path: path, problem: "expected a whole number")
        case let .failure(.outOfRange(reason)): throw JSONReadFailure(path: path, problem: reason)
        }
    }

    private static func date(_ value: JSONValue, at path: String) throws(JSONReadFailure) -> Date {
        guard case let .string(text) = value, let date = VarlinkJSON.parseTime(text) else {
            throw JSONReadFailure(path: path, problem: "expected an ISO 8601 time like 2026-11-22T20:41:00.000Z")
        }
        return date
    }

    private static func value<T: RawRepresentable>(_ value: JSONValue, as type: T.Type, at path: String) throws(JSONReadFailure) -> T
    where T.RawValue == String {
        guard let result = T(rawValue: try string(value, at: path)) else {
            throw JSONReadFailure(path: path, problem: "not one of the values letterctl knows")
        }
        return result
    }

    private static func array<T>(
        _ value: JSONValue, at path: String, _ element: (JSONValue, String) throws(JSONReadFailure) -> T
    ) throws(JSONReadFailure) -> [T] {
        guard case let .array(values) = value else { throw JSONReadFailure(path: path, problem: "expected an array") }
        var result: [T] = []
        result.reserveCapacity(values.count)
        for (index, value) in values.enumerated() {
            result.append(try element(value, "\(path)[\(index)]"))
        }
        return result
    }
}

/// A field a ``JSONObjectReader`` could not read, and where it is.
public struct JSONReadFailure: Error, CustomStringConvertible {
    public let path: String
    public let problem: String

    public var description: String {
        path.isEmpty ? problem : "\(path): \(problem)"
    }
}
