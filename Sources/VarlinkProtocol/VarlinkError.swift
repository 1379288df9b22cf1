/// A named Varlink error, as it goes on the wire: `{"error": "name", "parameters": {...}}`.
public struct VarlinkError: Error, Codable, Sendable, Equatable {
    public var error: String
    public var parameters: JSONValue

    public init(_ name: String, _ parameters: [String: JSONValue] = [:]) {
        self.error = name
        self.parameters = .object(parameters)
    }

    public var name: String { error }

    /// A string parameter of the error, if it has one by that name.
    public func string(_ key: String) -> String? {
        if case let .object(fields) = parameters, case let .string(value)? = fields[key] { return value }
        return nil
    }

    public static func invalidParameter(_ parameter: String) -> VarlinkError {
        VarlinkError("org.varlink.service.InvalidParameter", ["parameter": .string(parameter)])
    }

    public static func methodNotFound(_ method: String) -> VarlinkError {
        VarlinkError("org.varlink.service.MethodNotFound", ["method": .string(method)])
    }

    public static func interfaceNotFound(_ interface: String) -> VarlinkError {
        VarlinkError("org.varlink.service.InterfaceNotFound", ["interface": .string(interface)])
    }

    public static func methodNotImplemented(_ method: String) -> VarlinkError {
        VarlinkError("org.varlink.service.MethodNotImplemented", ["method": .string(method)])
    }
}
