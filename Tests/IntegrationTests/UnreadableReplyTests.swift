import Foundation
import TestSupport
import Testing
import VarlinkProtocol

/// letterctl reads replies with its own JSON reader (no Foundation on its everyday path), so
/// what it makes of a reply it cannot use is tested here, against a stand-in for letterd that
/// answers every call with the same bytes.
@Suite("letterctl against a peer whose replies it cannot use")
struct UnreadableReplyTests {
    @Test("a broken, odd or unknown reply is a clear error (exit 70), for the quick check-in and for any command", arguments: [
        (Array(#"{"parameters":{"checkIn":"#.utf8), "not valid JSON at byte 25: the text ends where a value should be"),
        (Array(#"["parameters"]"#.utf8), "not a JSON object"),
        (Array(#"{"error":42}"#.utf8), "an error without a name"),
        (Array(#"{"parameters":{"checkIn":{"id":"seven"}}}"#.utf8), "letterd's reply could not be read"),
        (Array(#"{"parameters":{"about":""#.utf8) + [0xFF] + Array(#""}}"#.utf8), "not valid JSON at byte 23: a string is not valid UTF-8"),
    ])
    func unreadable(reply: [UInt8], message: String) throws {
        // The quick check-in (letterctl's own reading of the command line) and ArgumentParser's.
        for command in [["log-critic", "6", "you always mess this up"], ["status"]] {
            let result = try CannedReplyServer.answering(reply) { path in
                try runCommand(Binaries.letterctl, command + ["--socket", path], environment: ["PATH": "/usr/bin:/bin"])
            }
            #expect(result.status == 70, "\(command): \(result)")
            #expect(result.stderr.contains(message), "\(command): \(result.stderr)")
            #expect(result.stderr.contains("is letterctl the same version as letterd?"), "\(command): \(result.stderr)")
        }
    }

    @Test("an error reply is letterd's error, whatever else it carries")
    func errorReply() throws {
        let reply = #"{"error":"io.letterd.Letters.LetterNotFound","parameters":{"id":42,"extra":[1,{"x":null}]}}"#
        let result = try CannedReplyServer.answering(Array(reply.utf8)) { path in
            try runCommand(Binaries.letterctl, ["show", "42", "--socket", path], environment: ["PATH": "/usr/bin:/bin"])
        }
        #expect(result.status == 65, "\(result)")
        #expect(result.stderr.contains("there is no letter #42"), "\(result.stderr)")
    }
}

/// A Unix socket that answers one connection with fixed bytes: reads the request up to its
/// NUL, writes `reply` and a NUL, and closes. The socket lives in a temporary directory that is
/// removed afterwards; the thread serving it ends with the call (accept and reads time out).
enum CannedReplyServer {
    static func answering<T>(_ reply: [UInt8], _ body: (String) throws -> T) throws -> T {
        let directory = try TemporaryDirectory(prefix: "letterd-canned")
        defer { directory.remove() }
        let path = directory.path + "/letterd.sock"
        let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        defer { close(listener) }
        guard UnixSocketAddress(path: path)?.bind(listener) == 0, listen(listener, 1) == 0 else {
            throw POSIXError(.EADDRINUSE)
        }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(listener, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let served = DispatchSemaphore(value: 0)
        let thread = Thread {
            defer { served.signal() }
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            defer { close(connection) }
            var timeout = timeval(tv_sec: 10, tv_usec: 0)
            setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var byte: UInt8 = 1
            while byte != 0, recv(connection, &byte, 1, 0) == 1 {}
            let bytes = reply + [0]
            _ = bytes.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        }
        thread.start()
        let result = try body(path)
        served.wait()
        return result
    }
}
