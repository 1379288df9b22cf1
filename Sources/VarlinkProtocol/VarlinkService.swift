/// The `org.varlink.service` interface every Varlink service answers: who it is, and what its
/// interfaces look like.
public enum VarlinkService {
    public static let interfaceName = "org.varlink.service"

    /// The interface's description, as the Varlink specification gives it.
    public static let interfaceDescription = """
        # The Varlink Service Interface is provided by every varlink service. It
        # describes the service and the interfaces it implements.
        interface org.varlink.service

        # Get a list of all the interfaces a service provides and information
        # about the implementation.
        method GetInfo() -> (
          vendor: string,
          product: string,
          version: string,
          url: string,
          interfaces: []string
        )

        # Get the description of an interface that is implemented by this service.
        method GetInterfaceDescription(interface: string) -> (description: string)

        # The requested interface was not found.
        error InterfaceNotFound (interface: string)

        # The requested method was not found
        error MethodNotFound (method: string)

        # The interface defines the requested method, but the service does not
        # implement it.
        error MethodNotImplemented (method: string)

        # One of the passed parameters is invalid.
        error InvalidParameter (parameter: string)

        # Client is denied access
        error PermissionDenied ()

        # Method is expected to be called with 'more' set to true, but wasn't
        error ExpectedMore ()

        """

    public struct Info: Codable, Sendable, Equatable {
        public var vendor: String
        public var product: String
        public var version: String
        public var url: String
        public var interfaces: [String]

        public init(vendor: String, product: String, version: String, url: String, interfaces: [String]) {
            self.vendor = vendor
            self.product = product
            self.version = version
            self.url = url
            self.interfaces = interfaces
        }
    }

    public struct GetInterfaceDescriptionParameters: VarlinkParameters {
        public var interface: String
        public enum CodingKeys: String, CodingKey, CaseIterable { case interface }
        public init(interface: String) { self.interface = interface }
    }

    public struct InterfaceDescription: Codable, Sendable, Equatable {
        public var description: String
        public init(description: String) { self.description = description }
    }
}

/// Parameters of a method: decoded strictly. Any field not among `CodingKeys` is refused with
/// `org.varlink.service.InvalidParameter` naming it, so a typo in a script ("warmt") is an error
/// instead of being silently ignored.
public protocol VarlinkParameters: Codable, Sendable {
    associatedtype CodingKeys: CodingKey & CaseIterable
}

extension NoParameters: VarlinkParameters {
    public enum CodingKeys: CodingKey, CaseIterable {}

    public init(from decoder: any Decoder) throws {
        _ = try decoder.container(keyedBy: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        _ = encoder.container(keyedBy: CodingKeys.self)
    }
}
