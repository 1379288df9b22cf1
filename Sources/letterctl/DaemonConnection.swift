#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import LetterProtocol
import VarlinkProtocol

/// A blocking Varlink connection to letterd: one request, one reply. Plain sockets keep the
/// client small and quick to start (no NIO, no Foundation).
struct DaemonConnection: ~Copyable {
    let path: String
    private let fd: Int32

    /// How long to wait for a reply before giving up.
    static let replyTimeoutSeconds = 60

    init(path: String) throws(ClientError) {
        self.path = path
        guard path.utf8.count <= UnixSocketAddress.maximumPathBytes else {
            throw ClientError.usage("the socket path is longer than \(UnixSocketAddress.maximumPathBytes) bytes: \(path)")
        }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw ClientError.internalFailure("cannot create a socket: \(Self.lastError())") }
        let connected = UnixSocketAddress.connect(fd, to: path)
        if connected != 0 {
            let reason = Self.lastError()
            close(fd)
            throw ClientError.unreachable(path: path, reason: reason)
        }
        var timeout = timeval(tv_sec: Self.replyTimeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        self.fd = fd
    }

    deinit { close(fd) }

    /// Calls `method` and decodes its reply; a Varlink error reply is thrown as ``ClientError/remote(_:)``.
    func call<P: Encodable & Sendable, R: Decodable & Sendable>(
        _ method: String, _ parameters: P, as: R.Type = R.self
    ) throws(ClientError) -> R {
        let request: [UInt8]
        do {
            request = Array(try VarlinkJSON.encoder().encode(VarlinkRequest(method: method, parameters: parameters)))
        } catch {
            throw ClientError.internalFailure("cannot encode the request: \(error)")
        }
        return try Self.decode(R.self, from: exchange(request))
    }

    /// Calls `method` with parameters in JSON form, written without Foundation's JSON encoder
    /// (see ``JSONReader`` for why), and reads the reply by hand (see ``ReadableReply``): the
    /// everyday commands' path.
    func call<R: ReadableReply>(_ method: String, json parameters: JSONValue, reading: R.Type) throws(ClientError) -> R {
        let request: [UInt8]
        do {
            request = try JSONWriter.write(.object(["method": .string(method), "parameters": parameters]))
        } catch {
            throw ClientError.internalFailure("cannot encode the request: \(error)")
        }
        let reply = try exchange(request)
        do {
            return try R(json: reply)
        } catch {
            throw Self.unreadable("\(error)")
        }
    }

    /// Reads a reply's parameters as `R`. Replies are read with ``JSONReader`` and
    /// ``JSONValueDecoder`` rather than Foundation's JSONDecoder, which costs a client a
    /// fifth of a check-in to set up; times are read the same way (``VarlinkJSON/parseTime(_:)``).
    private static func decode<R: Decodable>(_ type: R.Type, from parameters: JSONValue) throws(ClientError) -> R {
        do {
            return try JSONValueDecoder().decode(R.self, from: parameters)
        } catch {
            throw unreadable("\(error)")
        }
    }

    /// Sends a request and returns the reply's parameters (an empty object when it has none);
    /// a Varlink error reply is thrown as ``ClientError/remote(_:)``.
    private func exchange(_ request: [UInt8]) throws(ClientError) -> JSONValue {
        let reply: [UInt8]
        do {
            try send(request)
            reply = try receive()
        } catch {
            // letterd may have answered and closed before reading everything we sent (it
            // refuses a connection, or a request that is too large, that way). Its reply says
            // why, so read it if it is there before reporting the broken connection.
            guard let early = try? receive() else { throw error }
            reply = early
        }
        let parsed: JSONValue
        do {
            parsed = try JSONReader.parse(reply)
        } catch {
            throw Self.unreadable("\(error)")
        }
        guard case let .object(fields) = parsed else { throw Self.unreadable("not a JSON object") }
        if let error = fields["error"] {
            guard case let .string(name) = error else { throw Self.unreadable("an error without a name") }
            throw ClientError.remote(VarlinkError(name, fields["parameters"]?.objectFields ?? [:]))
        }
        return fields["parameters"] ?? .object([:])
    }

    private static func unreadable(_ reason: String) -> ClientError {
        ClientError.internalFailure("letterd's reply could not be read (\(reason)); is letterctl the same version as letterd?")
    }

    private func send(_ message: [UInt8]) throws(ClientError) {
        var bytes = message
        bytes.append(0)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw ClientError.unreachable(path: path, reason: "the connection broke while sending: \(Self.lastError())")
            }
            offset += written
        }
    }

    private func receive() throws(ClientError) -> [UInt8] {
        var reply = [UInt8]()
        // Left uninitialised: zeroing 64 KiB touched 16 pages, 16 page faults on every call,
        // most of a check-in's reply being a few hundred bytes. recv() writes what it reads.
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 1)
        defer { chunk.deallocate() }
        while true {
            let count = recv(fd, chunk.baseAddress, chunk.count, 0)
            if count < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK {
                    throw ClientError.internalFailure("letterd did not answer within \(Self.replyTimeoutSeconds) seconds")
                }
                throw ClientError.unreachable(path: path, reason: "the connection broke while waiting for the reply: \(Self.lastError())")
            }
            if count == 0 {
                throw ClientError.unreachable(path: path, reason: "letterd closed the connection without replying")
            }
            if let end = chunk[..<count].firstIndex(of: 0) {
                reply.append(contentsOf: chunk[..<end])
                return reply
            }
            reply.append(contentsOf: chunk[..<count])
        }
    }

    static func lastError() -> String {
        String(cString: strerror(errno))
    }
}

extension JSONValue {
    var objectFields: [String: JSONValue]? {
        if case let .object(fields) = self { return fields }
        return nil
    }
}
