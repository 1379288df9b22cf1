#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Logging
import VarlinkProtocol

/// Turns one Varlink message into one reply: parses it, finds the method, decodes its
/// parameters strictly, runs the handler, and encodes the result or a named error.
///
/// It knows nothing of sockets (see ``VarlinkServer``) and nothing of the domain (handlers are
/// registered by the application). It answers `org.varlink.service` itself.
public struct VarlinkRouter: Sendable {
    /// Who the service is, for `org.varlink.service.GetInfo`.
    public struct Identity: Sendable {
        public var vendor: String
        public var product: String
        public var version: String
        public var url: String

        public init(vendor: String, product: String, version: String, url: String) {
            self.vendor = vendor
            self.product = product
            self.version = version
            self.url = url
        }
    }

    typealias Handler = @Sendable (_ call: VarlinkCall) async throws -> Data

    private let identity: Identity
    private var interfaces: [String: String] = [:]
    private var handlers: [String: Handler] = [:]
    private let mapError: @Sendable (any Error, VarlinkCall) -> VarlinkError
    private let invalidRequest: @Sendable (String) -> VarlinkError
    /// Logs each call at debug level: the method, how it ended and how long it took. Never the
    /// parameters, which carry what a person wrote.
    public var logger: Logger?

    /// - Parameters:
    ///   - identity: Answered by `GetInfo`.
    ///   - invalidRequest: Builds the error for a message that is not a Varlink call at all.
    ///   - mapError: Turns any error a handler throws, other than a ``VarlinkError``, into one.
    ///     It is the one place the application decides how its errors look on the wire.
    public init(
        identity: Identity,
        invalidRequest: @escaping @Sendable (String) -> VarlinkError,
        mapError: @escaping @Sendable (any Error, VarlinkCall) -> VarlinkError
    ) {
        self.identity = identity
        self.invalidRequest = invalidRequest
        self.mapError = mapError
        self.interfaces[VarlinkService.interfaceName] = VarlinkService.interfaceDescription
    }

    /// Adds an interface; its methods are registered with ``register(_:_:)``.
    public mutating func addInterface(name: String, description: String) {
        interfaces[name] = description
    }

    /// Registers the handler of a fully qualified method name.
    public mutating func register<P: VarlinkParameters, R: Codable & Sendable>(
        _ method: String, _ handler: @escaping @Sendable (P) async throws -> R
    ) {
        add(method, handler) { try VarlinkJSON.encoder().encode(VarlinkReply(parameters: $0)) }
    }

    /// Registers the handler of a method whose reply writes its own JSON (``JSONWritable``):
    /// the reply goes out through ``JSONWriter`` instead of Foundation's `JSONEncoder`.
    public mutating func register<P: VarlinkParameters, R: Codable & Sendable & JSONWritable>(
        _ method: String, _ handler: @escaping @Sendable (P) async throws -> R
    ) {
        add(method, handler) { Data(try JSONWriter.write(.object(["parameters": $0.json]))) }
    }

    /// The handler, with its parameters decoded strictly and its result written by `write`.
    private mutating func add<P: VarlinkParameters, R: Sendable>(
        _ method: String, _ handler: @escaping @Sendable (P) async throws -> R,
        writing write: @escaping @Sendable (R) throws -> Data
    ) {
        handlers[method] = { call in
            let parameters: P = try Self.decodeParameters(call)
            return try write(try await handler(parameters))
        }
    }

    /// Answers one message (without its NUL terminator). Returns nil when no reply is due
    /// (a `oneway` call).
    public func respond(to message: Data) async -> Data? {
        guard String(validating: message, as: UTF8.self) != nil else {
            return encode(invalidRequest("the message is not valid UTF-8"))
        }
        let call: VarlinkCall
        do {
            call = try VarlinkJSON.decoder().decode(VarlinkCall.self, from: message)
        } catch let DecodingError.dataCorrupted(context) {
            // A value JSONValue cannot hold inside the parameters (1e400): name the parameter.
            let path = context.codingPath.map(\.stringValue)
            if path.count >= 2, path[0] == "parameters" {
                return encode(VarlinkError.invalidParameter(path[1]))
            }
            return encode(invalidRequest("the message is not valid JSON (or holds a number beyond a 64-bit float's range)"))
        } catch {
            return encode(invalidRequest("the message is not a Varlink call: it needs a \"method\" string and, optionally, a \"parameters\" object"))
        }
        switch call.parameters {
        case nil, .null?, .object?: break
        default: return reply(to: call, invalidRequest("\"parameters\" must be a JSON object"))
        }

        let started = ContinuousClock.now
        let result: Data
        do {
            result = try await dispatch(call)
        } catch {
            let varlinkError = (error as? VarlinkError) ?? mapError(error, call)
            logger?.debug("\(call.method): \(varlinkError.name) after \(ContinuousClock.now - started)")
            return reply(to: call, varlinkError)
        }
        logger?.debug("\(call.method): answered in \(ContinuousClock.now - started)")
        return call.oneway == true ? nil : result
    }

    private func dispatch(_ call: VarlinkCall) async throws -> Data {
        switch call.method {
        case "org.varlink.service.GetInfo":
            let _: NoParameters = try Self.decodeParameters(call)
            let info = VarlinkService.Info(
                vendor: identity.vendor, product: identity.product, version: identity.version,
                url: identity.url, interfaces: interfaces.keys.sorted())
            return try VarlinkJSON.encoder().encode(VarlinkReply(parameters: info))
        case "org.varlink.service.GetInterfaceDescription":
            let parameters: VarlinkService.GetInterfaceDescriptionParameters = try Self.decodeParameters(call)
            guard let description = interfaces[parameters.interface] else {
                throw VarlinkError.interfaceNotFound(parameters.interface)
            }
            return try VarlinkJSON.encoder().encode(
                VarlinkReply(parameters: VarlinkService.InterfaceDescription(description: description)))
        default:
            if let handler = handlers[call.method] {
                return try await handler(call)
            }
            if interfaces[call.interface] != nil {
                throw VarlinkError.methodNotFound(call.method)
            }
            throw VarlinkError.interfaceNotFound(call.interface)
        }
    }

    private func reply(to call: VarlinkCall, _ error: VarlinkError) -> Data? {
        call.oneway == true ? nil : encode(error)
    }

    private func encode(_ error: VarlinkError) -> Data {
        // Encoding a VarlinkError cannot fail: it holds only strings, numbers and objects.
        (try? VarlinkJSON.encoder().encode(error)) ?? Data(#"{"error":"org.varlink.service.InvalidParameter","parameters":{"parameter":""}}"#.utf8)
    }

    /// Decodes the call's parameters as `P`, refusing unknown fields. A decoding failure names
    /// the top-level field at fault in `org.varlink.service.InvalidParameter`.
    static func decodeParameters<P: VarlinkParameters>(_ call: VarlinkCall) throws -> P {
        let parameters = call.parameters ?? .object([:])
        let known = Set(P.CodingKeys.allCases.map(\.stringValue))
        if let unknown = parameters.objectKeys.filter({ !known.contains($0) }).sorted().first {
            throw VarlinkError.invalidParameter(unknown)
        }
        do {
            return try JSONValueDecoder().decode(P.self, from: parameters == .null ? .object([:]) : parameters)
        } catch let error as DecodingError {
            throw VarlinkError.invalidParameter(error.parameterName)
        }
    }
}

extension DecodingError {
    /// The top-level parameter a decoding error is about ("warmth" for a wrong type in
    /// `parameters.warmth`, or the missing key's name).
    var parameterName: String {
        switch self {
        case let .keyNotFound(key, context):
            return Self.topLevelName(context.codingPath + [key])
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
            return Self.topLevelName(context.codingPath)
        @unknown default:
            return ""
        }
    }

    private static func topLevelName(_ path: [any CodingKey]) -> String {
        path.first?.stringValue ?? "parameters"
    }
}
