/// Where the server listens: a path it binds itself, or a socket it inherits already listening
/// (systemd socket activation passes it as file descriptor 3).
public enum ServerBinding: Sendable, Equatable, CustomStringConvertible {
    case path(String)
    case inherited(descriptor: Int32, path: String?)

    public var description: String {
        switch self {
        case let .path(path): return path
        case let .inherited(descriptor, path): return path.map { "\($0) (fd \(descriptor) from systemd)" } ?? "fd \(descriptor) from systemd"
        }
    }
}
