#if canImport(Glibc)
import Glibc
#endif
import CSystemd

/// Tells the service manager how letterd is doing, through `sd_notify(3)`. Without a manager
/// (`NOTIFY_SOCKET` unset) every call is a cheap no-op.
public struct SystemdNotifier: Sendable {
    public init() {}

    /// Startup finished: the socket accepts connections and the store is open.
    public func ready(status: String) {
        send("READY=1\nSTATUS=\(status)")
    }

    /// A one-line human summary, shown by `systemctl --user status letterd`.
    public func status(_ status: String) {
        send("STATUS=\(status)")
    }

    public func stopping() {
        send("STOPPING=1\nSTATUS=Stopping…")
    }

    /// A reload begins. systemd wants the CLOCK_MONOTONIC time with it (sd_notify(3)).
    public func reloading() {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let microseconds = UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
        send("RELOADING=1\nMONOTONIC_USEC=\(microseconds)")
    }

    /// "Still alive"; sent by ``WatchdogService``.
    public func watchdog() {
        send("WATCHDOG=1")
    }

    /// The interval systemd expects `WATCHDOG=1` within (`WatchdogSec=`), or nil if it expects none.
    public func watchdogInterval() -> Duration? {
        var microseconds: UInt64 = 0
        guard sd_watchdog_enabled(0, &microseconds) > 0, microseconds > 0 else { return nil }
        return .microseconds(Int64(microseconds))
    }

    private func send(_ state: String) {
        _ = sd_notify(0, state)
    }
}

/// Sockets passed by systemd socket activation.
public enum SocketActivation {
    /// The first descriptor systemd passes (`SD_LISTEN_FDS_START`).
    public static let firstDescriptor: Int32 = 3

    /// The listening Unix stream socket systemd passed, if letterd was socket-activated.
    /// Clears `LISTEN_FDS` so that nothing letterd starts inherits the claim.
    public static func inheritedSocket() throws -> Int32? {
        let count = sd_listen_fds(1)
        if count < 0 { throw SocketActivationError.invalid(code: count) }
        if count == 0 { return nil }
        if count > 1 { throw SocketActivationError.tooMany(count) }
        guard sd_is_socket_unix(firstDescriptor, Int32(SOCK_STREAM.rawValue), 1, nil, 0) > 0 else {
            throw SocketActivationError.notAUnixListener
        }
        return firstDescriptor
    }
}

public enum SocketActivationError: Error, CustomStringConvertible {
    case invalid(code: Int32)
    case tooMany(Int32)
    case notAUnixListener

    public var description: String {
        switch self {
        case let .invalid(code): return "systemd's LISTEN_FDS could not be read (error \(-code))"
        case let .tooMany(count): return "systemd passed \(count) sockets; letterd.socket should pass exactly one"
        case .notAUnixListener: return "the socket systemd passed is not a listening Unix stream socket; check ListenStream= in letterd.socket"
        }
    }
}
