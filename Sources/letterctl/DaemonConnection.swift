#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
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
        guard let address = UnixSocketAddress(path: path) else {
            throw ClientError.usage("the socket path is longer than \(UnixSocketAddress.maximumPathBytes) bytes: \(path)")
        }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw ClientError.internalFailure("cannot create a socket: \(Self.lastError())") }
        let connected = address.connect(fd)
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
        let request: Data
        do {
            request = try VarlinkJSON.encoder().encode(VarlinkRequest(method: method, parameters: parameters))
        } catch {
            throw ClientError.internalFailure("cannot encode the request: \(error)")
        }
        let reply: Data
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
        do {
            if try VarlinkJSON.decoder().decode(VarlinkReplyHeader.self, from: reply).error != nil {
                let failure = try VarlinkJSON.decoder().decode(VarlinkErrorReply.self, from: reply)
                throw ClientError.remote(VarlinkError(failure.error, failure.parameters?.objectFields ?? [:]))
            }
            return try VarlinkJSON.decoder().decode(VarlinkReply<R>.self, from: reply).parameters
        } catch let error as ClientError {
            throw error
        } catch {
            throw ClientError.internalFailure("letterd's reply could not be read (\(error)); is letterctl the same version as letterd?")
        }
    }

    private func send(_ message: Data) throws(ClientError) {
        var bytes = [UInt8](message)
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

    private func receive() throws(ClientError) -> Data {
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
                return Data(reply)
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
