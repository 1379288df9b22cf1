import Foundation
import VarlinkProtocol

/// A plain blocking Unix-socket client for tests that need to send exact bytes: half messages,
/// garbage, pipelined calls. Replies are read up to their NUL terminator.
public final class UnixSocketClient: @unchecked Sendable {  // used by one task at a time
    public let fd: Int32

    public enum Failure: Error { case connect(String), send(String), timeout, closed }

    public init(path: String, timeoutSeconds: Int = 10) throws {
        // `self.fd` is set only once connected: if init throws after setting it, deinit would
        // close the number a second time, and in a test process that number may by then belong
        // to a socket the server under test just accepted.
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        let result = UnixSocketAddress(path: path)?.connect(descriptor) ?? -1
        if result != 0 {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw Failure.connect(reason)
        }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        fd = descriptor
    }

    deinit { close(fd) }

    private var pending: [UInt8] = []

    public func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if sent < 0 { throw Failure.send(String(cString: strerror(errno))) }
            offset += sent
        }
    }

    /// Sends a text followed by the NUL terminator.
    public func send(message: String) throws { try send(Array(message.utf8) + [0]) }

    /// The next NUL-terminated message as text.
    public func receive() throws -> String {
        while true {
            if let end = pending.firstIndex(of: 0) {
                let message = String(decoding: pending[..<end], as: UTF8.self)
                pending.removeSubrange(...end)
                return message
            }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 { throw errno == EAGAIN ? Failure.timeout : Failure.closed }
            if count == 0 { throw Failure.closed }
            pending.append(contentsOf: chunk[..<count])
        }
    }

    /// The next message, parsed as a JSON object.
    public func receiveJSON() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(receive().utf8)) as? [String: Any] ?? [:]
    }

    /// Sends a call and returns the reply as a JSON object.
    public func call(_ message: String) throws -> [String: Any] {
        try send(message: message)
        return try receiveJSON()
    }

    /// Sends a call and returns the name of the error it got, or nil for a successful reply.
    public func callError(_ message: String) throws -> String? {
        try call(message)["error"] as? String
    }

    /// Whether the peer has closed the connection (reads until EOF or timeout).
    public func isClosedByPeer() -> Bool {
        do {
            while true { _ = try receive() }
        } catch Failure.closed {
            return true
        } catch {
            return false
        }
    }
}

/// Runs blocking work (socket reads, waiting for a process) on a thread of its own, so that it
/// never occupies one of the few threads Swift's concurrency pool has, which the code under test
/// needs to make progress.
public func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.start()
    }
}
