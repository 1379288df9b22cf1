#if canImport(Glibc)
import Glibc
#endif
import NIOCore

/// Who is on the other end of a Unix socket, as the kernel reports it (`SO_PEERCRED`).
/// It cannot be forged by the peer, unlike anything the peer could send.
public struct PeerCredentials: Sendable, Equatable {
    public var pid: Int32
    public var uid: UInt32
    public var gid: UInt32

    /// Reads the credentials of a connected Unix-socket channel.
    static func of(_ channel: any Channel) async throws -> PeerCredentials {
        guard let provider = channel as? any SocketOptionProvider else {
            throw PeerCredentialsUnavailable()
        }
        let credentials: KernelCredentials = try await provider.unsafeGetSocketOption(
            level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED)
        ).get()
        return PeerCredentials(pid: credentials.pid, uid: credentials.uid, gid: credentials.gid)
    }
}

struct PeerCredentialsUnavailable: Error {}

/// The kernel's `struct ucred`. Glibc declares it only under `_GNU_SOURCE`, which Swift's Glibc
/// module does not set, so it is restated here with the same layout (three 32-bit fields on Linux).
struct KernelCredentials: Sendable {
    var pid: Int32 = 0
    var uid: UInt32 = 0
    var gid: UInt32 = 0
}
