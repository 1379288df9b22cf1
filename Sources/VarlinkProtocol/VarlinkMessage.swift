/// A method call as it arrives: `{"method": "iface.Method", "parameters": {...}, "oneway": true}`.
/// Parameters are kept as raw JSON until the method is known (see `VarlinkRouter`).
public struct VarlinkCall: Codable, Sendable, Equatable {
    public var method: String
    public var parameters: JSONValue?
    /// The caller wants no reply.
    public var oneway: Bool?
    /// The caller accepts several replies. letterd's methods answer once, which the spec allows.
    public var more: Bool?
    public var upgrade: Bool?

    public init(method: String, parameters: JSONValue? = nil, oneway: Bool? = nil, more: Bool? = nil) {
        self.method = method
        self.parameters = parameters
        self.oneway = oneway
        self.more = more
    }

    /// The interface part of `method` ("org.varlink.service" of "org.varlink.service.GetInfo").
    public var interface: String {
        guard let dot = method.lastIndex(of: ".") else { return "" }
        return String(method[..<dot])
    }

    /// The member part of `method` ("GetInfo").
    public var member: String {
        guard let dot = method.lastIndex(of: ".") else { return method }
        return String(method[method.index(after: dot)...])
    }
}

/// A call with typed parameters, as a client sends it.
public struct VarlinkRequest<Parameters: Encodable & Sendable>: Encodable, Sendable {
    public var method: String
    public var parameters: Parameters
    public var oneway: Bool?

    public init(method: String, parameters: Parameters, oneway: Bool? = nil) {
        self.method = method
        self.parameters = parameters
        self.oneway = oneway
    }
}

/// A successful reply: `{"parameters": {...}}`.
public struct VarlinkReply<Parameters: Sendable>: Sendable {
    public var parameters: Parameters
    public var continues: Bool?

    public init(parameters: Parameters) { self.parameters = parameters }
}

extension VarlinkReply: Encodable where Parameters: Encodable {}
extension VarlinkReply: Decodable where Parameters: Decodable {}

/// Parameters for methods that take none, and replies that carry none.
public struct NoParameters: Sendable, Equatable {
    public init() {}
}
