#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Where letterd keeps its files, following the XDG Base Directory specification.
///
/// - data: `$XDG_DATA_HOME/letterd/letterd.sqlite3` (default `~/.local/share/letterd/`)
/// - socket: `$XDG_RUNTIME_DIR/letterd/letterd.sock`
///
/// Both directories are private to the user (0700).
public struct DaemonPaths: Sendable, Equatable {
    public var dataDirectory: String
    public var databasePath: String
    public var socketPath: String
    /// `$XDG_CONFIG_HOME/letterd/letterd.toml` (default `~/.config/letterd/letterd.toml`), or
    /// the file given with `--config`.
    public var configPath: String
    /// Whether the config file was named by the person (then it must exist).
    public var configRequired: Bool

    public static let socketDirectoryName = "letterd"
    public static let socketName = "letterd.sock"
    public static let databaseName = "letterd.sqlite3"

    /// Resolves the paths from the environment; `socket` and `config` override theirs.
    public static func resolve(
        environment: [String: String] = ProcessInfo.processInfo.environment, socket: String? = nil,
        config: String? = nil
    ) throws -> DaemonPaths {
        let dataHome: String
        if let value = environment["XDG_DATA_HOME"], value.hasPrefix("/") {
            dataHome = value
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            dataHome = home + "/.local/share"
        } else {
            throw DaemonPathsError.noHome
        }
        let socketPath: String
        if let socket {
            socketPath = socket
        } else if let runtime = environment["XDG_RUNTIME_DIR"], runtime.hasPrefix("/") {
            socketPath = runtime + "/" + socketDirectoryName + "/" + socketName
        } else {
            throw DaemonPathsError.noRuntimeDirectory
        }
        let configHome = environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? environment["HOME"].map { $0 + "/.config" } ?? "/nonexistent"
        let dataDirectory = dataHome + "/letterd"
        return DaemonPaths(
            dataDirectory: dataDirectory, databasePath: dataDirectory + "/" + databaseName, socketPath: socketPath,
            configPath: config ?? configHome + "/letterd/letterd.toml", configRequired: config != nil)
    }

    /// Creates a directory (and its parents) if needed, private to the user (0700).
    ///
    /// `tighten` also makes an existing directory 0700; it is set only for letterd's own
    /// directories, never for one the user named (`--socket /tmp/x.sock` must not touch /tmp).
    public static func ensureDirectory(_ path: String, tighten: Bool) throws {
        var info = stat()
        if stat(path, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                throw DaemonPathsError.cannotCreate(path, "it exists and is not a directory")
            }
            if tighten, (info.st_mode & 0o077) != 0, chmod(path, 0o700) != 0 {
                throw DaemonPathsError.cannotCreate(path, String(cString: strerror(errno)))
            }
            return
        }
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw DaemonPathsError.cannotCreate(path, (error as NSError).localizedDescription)
        }
    }
}

public enum DaemonPathsError: Error, CustomStringConvertible {
    case noHome
    case noRuntimeDirectory
    case cannotCreate(String, String)

    public var description: String {
        switch self {
        case .noHome:
            return "neither XDG_DATA_HOME nor HOME is set to an absolute path, so letterd does not know where to keep your letters"
        case .noRuntimeDirectory:
            return "XDG_RUNTIME_DIR is not set, so letterd does not know where to put its socket. Log in through a session that sets it (systemd-logind does), or pass --socket PATH"
        case let .cannotCreate(path, reason):
            return "cannot create the directory \(path): \(reason)"
        }
    }
}
