#if canImport(Glibc)
import Glibc
#endif
import VarlinkProtocol

/// Getting a socket path ready to bind without stealing it from a daemon that is still using it.
enum SocketPath {
    /// Removes a stale socket file left by a daemon that died, and refuses if a live one answers.
    static func prepare(_ path: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard (info.st_mode & S_IFMT) == S_IFSOCK else {
            throw SocketPathError.notASocket(path)
        }
        if isAccepting(path) {
            throw SocketPathError.inUse(path)
        }
        unlink(path)
    }

    /// Whether something is listening on the socket at `path`.
    static func isAccepting(_ path: String) -> Bool {
        guard let address = UnixSocketAddress(path: path) else { return false }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return address.connect(fd) == 0
    }
}

public enum SocketPathError: Error, Equatable, CustomStringConvertible {
    case notASocket(String)
    case inUse(String)

    public var description: String {
        switch self {
        case let .notASocket(path):
            return "\(path) exists and is not a socket; letterd will not replace it. Move it aside or pass --socket."
        case let .inUse(path):
            return "another letterd is already answering on \(path). Stop it first (systemctl --user stop letterd.service letterd.socket), or pass --socket."
        }
    }
}
