import Foundation
import Logging
import NIOCore
import ServiceLifecycle
import ServiceLifecycleTestKit
import Synchronization
import TestSupport
import VarlinkProtocol
@testable import VarlinkServer
import Testing

private struct SlowParameters: VarlinkParameters {
    var milliseconds: Int
    enum CodingKeys: String, CodingKey, CaseIterable { case milliseconds }
}

/// Counts calls that started and calls that finished, so a test can see work in flight.
private final class Progress: Sendable {
    let started = Atomic<Int>(0)
    let finished = Atomic<Int>(0)
}

private struct BigParameters: VarlinkParameters {
    var kilobytes: Int
    enum CodingKeys: String, CodingKey, CaseIterable { case kilobytes }
}

private struct BigReply: Codable, Sendable { var text: String }

private func makeServer(
    socket: String, progress: Progress, allowedUID: UInt32 = getuid(), maximumConnections: Int = 128,
    listening: AsyncStream<Void>.Continuation
) -> VarlinkServer {
    var router = VarlinkRouter(
        identity: .init(vendor: "t", product: "t", version: "1", url: "man:t(1)"),
        invalidRequest: { VarlinkError("org.example.T.InvalidRequest", ["reason": .string($0)]) },
        mapError: { _, _ in VarlinkError("org.example.T.Failed") })
    router.addInterface(name: "org.example.T", description: "interface org.example.T\n")
    router.register("org.example.T.Slow") { (p: SlowParameters) -> NoParameters in
        progress.started.add(1, ordering: .sequentiallyConsistent)
        // Shutdown must not cancel a call in flight: if it did, this sleep would throw and the
        // call would never count as finished.
        try await Task.sleep(for: .milliseconds(p.milliseconds))
        progress.finished.add(1, ordering: .sequentiallyConsistent)
        return NoParameters()
    }
    router.register("org.example.T.Big") { (p: BigParameters) in
        BigReply(text: String(repeating: "x", count: p.kilobytes * 1024))
    }
    var configuration = VarlinkServer.Configuration(
        binding: .path(socket), maximumMessageBytes: 1024,
        tooLargeError: { VarlinkError("org.example.T.TooLarge", ["limit": .integer(Int64($0))]) },
        permissionDeniedError: VarlinkError("org.example.T.PermissionDenied"))
    configuration.allowedUID = allowedUID
    configuration.limits.maximumConnections = maximumConnections
    configuration.limits.shutdownGracePeriod = .seconds(2)
    return VarlinkServer(
        configuration: configuration, router: router,
        logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
        onListening: { listening.yield() })
}

/// Runs a server for the body's duration, then shuts it down gracefully and waits for it.
private func withServer(
    allowedUID: UInt32 = getuid(), maximumConnections: Int = 128,
    _ body: @Sendable (String, Progress, GracefulShutdownTestTrigger) async throws -> Void
) async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let socket = directory.path + "/t.sock"
    let progress = Progress()
    try await testGracefulShutdown { trigger in
        let (listening, continuation) = AsyncStream<Void>.makeStream()
        let server = makeServer(
            socket: socket, progress: progress, allowedUID: allowedUID, maximumConnections: maximumConnections,
            listening: continuation)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            var iterator = listening.makeAsyncIterator()
            _ = await iterator.next()
            try await body(socket, progress, trigger)
            trigger.triggerGracefulShutdown()
            try await group.waitForAll()
        }
    }
    #expect(!FileManager.default.fileExists(atPath: socket), "the socket file is removed on shutdown")
}

@Suite("The socket server, in process")
struct VarlinkServerLiveTests {
    @Test("graceful shutdown lets a call in flight finish and reply, closes idle connections, refuses new calls")
    func shutdownFinishesInFlightCalls() async throws {
        try await withServer { socket, progress, trigger in
            let busy = try UnixSocketClient(path: socket)
            let idle = try UnixSocketClient(path: socket)
            try busy.send(message: #"{"method":"org.example.T.Slow","parameters":{"milliseconds":300}}"#)
            while progress.started.load(ordering: .sequentiallyConsistent) == 0 { try await Task.sleep(for: .milliseconds(5)) }
            trigger.triggerGracefulShutdown()
            // The call that had started finishes and its reply arrives; then the connection closes.
            let reply = try await onThread { try busy.receive() }
            #expect(reply == #"{"parameters":{}}"#)
            #expect(progress.finished.load(ordering: .sequentiallyConsistent) == 1)
            #expect(try await onThread { busy.isClosedByPeer() })
            #expect(try await onThread { idle.isClosedByPeer() })
        }
    }

    @Test("a peer of another uid gets PermissionDenied and is disconnected; its call never runs")
    func refusesOtherUsers() async throws {
        try await withServer(allowedUID: getuid() &+ 1) { socket, progress, _ in
            let client = try UnixSocketClient(path: socket)
            let error = try await onThread {
                try client.callError(#"{"method":"org.example.T.Slow","parameters":{"milliseconds":1}}"#)
            }
            #expect(error == "org.example.T.PermissionDenied")
            #expect(try await onThread { client.isClosedByPeer() })
            #expect(progress.started.load(ordering: .sequentiallyConsistent) == 0)
        }
    }

    @Test("connections beyond the cap are closed at once; the others keep working")
    func connectionCap() async throws {
        try await withServer(maximumConnections: 2) { socket, _, _ in
            try await onThread {
                let first = try UnixSocketClient(path: socket)
                let second = try UnixSocketClient(path: socket)
                #expect(try first.callError(#"{"method":"org.varlink.service.GetInfo"}"#) == nil)
                #expect(try second.callError(#"{"method":"org.varlink.service.GetInfo"}"#) == nil)
                let third = try UnixSocketClient(path: socket)
                #expect(third.isClosedByPeer())
                #expect(try first.callError(#"{"method":"org.varlink.service.GetInfo"}"#) == nil)
            }
        }
    }

    @Test("an oversized message gets TooLarge and the connection closes; a second client is unaffected")
    func oversized() async throws {
        try await withServer { socket, _, _ in
            try await onThread {
                let bystander = try UnixSocketClient(path: socket)
                let client = try UnixSocketClient(path: socket)
                try client.send(Array(repeating: UInt8(ascii: "x"), count: 2048))
                let reply = try client.receiveJSON()
                #expect(reply["error"] as? String == "org.example.T.TooLarge")
                #expect(client.isClosedByPeer())
                #expect(try bystander.callError(#"{"method":"org.varlink.service.GetInfo"}"#) == nil)
            }
        }
    }

    @Test("binding refuses a path where a live server already answers, and replaces a stale socket file")
    func socketPathGuard() async throws {
        try await withServer { socket, _, _ in
            #expect(throws: SocketPathError.inUse(socket)) { try SocketPath.prepare(socket) }
        }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let regular = directory.path + "/not-a-socket"
        _ = FileManager.default.createFile(atPath: regular, contents: Data("keep".utf8))
        #expect(throws: SocketPathError.notASocket(regular)) { try SocketPath.prepare(regular) }
        #expect(FileManager.default.contents(atPath: regular) == Data("keep".utf8))
    }

    @Test("a peer that never reads its replies cannot hold shutdown beyond the grace period")
    func shutdownWithANonReader() async throws {
        // Timed from the moment shutdown is asked for (withServer asks as the body returns), not
        // from the test's start: under `make test` the whole suite runs at once on two cores,
        // and starting the server and sending 4 MiB of calls alone took over 8 s there.
        let shutdownAskedAt = Mutex<ContinuousClock.Instant?>(nil)
        try await withServer { socket, _, _ in
            let hog = try UnixSocketClient(path: socket)
            // Far more reply than the socket buffers hold; the peer reads none of it.
            let call = #"{"method":"org.example.T.Big","parameters":{"kilobytes":512}}"#
            try await onThread { for _ in 0..<8 { try hog.send(message: call) } }
            try await Task.sleep(for: .milliseconds(200))
            shutdownAskedAt.withLock { $0 = ContinuousClock.now }
        }
        let askedAt = try #require(shutdownAskedAt.withLock { $0 })
        #expect(ContinuousClock.now - askedAt < .seconds(8), "the grace period is 2 s")
    }

    @Test("connections arriving while the server shuts down are closed, never a crash", arguments: 0..<10)
    func connectionsDuringShutdown(round: Int) async throws {
        let stop = Atomic<Bool>(false)
        try await withServer { socket, _, trigger in
            let connector = Thread {
                while !stop.load(ordering: .relaxed) {
                    if let client = try? UnixSocketClient(path: socket, timeoutSeconds: 1) {
                        _ = try? client.callError(#"{"method":"org.varlink.service.GetInfo"}"#)
                    }
                }
            }
            connector.start()
            try await Task.sleep(for: .milliseconds(20 + round * 5))
            trigger.triggerGracefulShutdown()
        }
        stop.store(true, ordering: .relaxed)
    }
}
