#if canImport(Glibc)
import Glibc
#endif

/// A Unix-socket path as the C socket calls want it. Shared by the client's blocking connection,
/// the server's stale-socket check and the tests, so that the one fiddly conversion is written once.
public struct UnixSocketAddress: Sendable {
    public let path: String
    private let storage: sockaddr_un

    /// The longest path that fits, in bytes (`sun_path` less its terminating NUL).
    public static let maximumPathBytes = MemoryLayout<sockaddr_un>.size - MemoryLayout<sa_family_t>.size - 1

    /// Nil if the path is too long for a socket address.
    public init?(path: String) {
        guard path.utf8.count <= Self.maximumPathBytes else { return nil }
        self.path = path
        self.storage = Self.address(path)
    }

    /// Calls `body` with the address as a `sockaddr` pointer and its length.
    public func withSockaddr<T>(_ body: (UnsafePointer<sockaddr>, socklen_t) throws -> T) rethrows -> T {
        try Self.withSockaddr(storage, body)
    }

    /// `path` as a socket address; the caller has checked that it fits.
    private static func address(_ path: String) -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path.utf8)
            raw[path.utf8.count] = 0
        }
        return address
    }

    private static func withSockaddr<T>(
        _ address: sockaddr_un, _ body: (UnsafePointer<sockaddr>, socklen_t) throws -> T
    ) rethrows -> T {
        try withUnsafePointer(to: address) {
            try $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                try body($0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
    }

    /// `connect(2)` on `descriptor` to `path`; returns 0 or -1 with `errno` set, or nil when the
    /// path is too long for a socket address. For a short-lived client: no value of this type
    /// is made, so its metadata (and that of the C `sockaddr_un` in it) is never set up.
    public static func connect(_ descriptor: Int32, to path: String) -> Int32? {
        guard path.utf8.count <= maximumPathBytes else { return nil }
        return withSockaddr(address(path)) { Glibc.connect(descriptor, $0, $1) }
    }

    /// `connect(2)` on `descriptor`; returns 0 or -1 with `errno` set.
    public func connect(_ descriptor: Int32) -> Int32 {
        withSockaddr { Glibc.connect(descriptor, $0, $1) }
    }

    /// `bind(2)` on `descriptor`; returns 0 or -1 with `errno` set.
    public func bind(_ descriptor: Int32) -> Int32 {
        withSockaddr { Glibc.bind(descriptor, $0, $1) }
    }
}
