#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization
import VarlinkProtocol

/// A Varlink server on a Unix stream socket, run as a `Service`.
///
/// Each connection is served in its own child task: messages are read in order and answered in
/// order (so pipelined calls get their replies in sequence), one at a time. What one client
/// does — garbage, a half-sent message, never reading its replies — stays inside its own task
/// and connection: the peer is checked (`SO_PEERCRED`), messages are capped in size, a started
/// message must finish within a timeout, and the number of connections is capped.
///
/// On graceful shutdown the listener closes, idle connections close, and a connection in the
/// middle of a call finishes it, sends the reply, then closes; `run()` returns after that, so
/// writes in flight complete (and are acknowledged) before the store is closed.
public final class VarlinkServer: Service, CustomStringConvertible {
    public var description: String { "VarlinkServer(\(configuration.binding))" }

    public struct Configuration: Sendable {
        public var binding: ServerBinding
        /// The longest message accepted, in bytes, without its NUL.
        public var maximumMessageBytes: Int
        /// The only user allowed to connect; by default the one the server runs as.
        public var allowedUID: UInt32 = getuid()
        /// The reply to a message over the size limit (sent just before closing).
        public var tooLargeError: @Sendable (Int) -> VarlinkError
        /// The reply to a peer that is not `allowedUID` (sent just before closing).
        public var permissionDeniedError: VarlinkError
        /// Limits that can change while the server runs (see ``VarlinkServer/update(limits:)``).
        public var limits = Limits()

        public init(
            binding: ServerBinding, maximumMessageBytes: Int,
            tooLargeError: @escaping @Sendable (Int) -> VarlinkError, permissionDeniedError: VarlinkError
        ) {
            self.binding = binding
            self.maximumMessageBytes = maximumMessageBytes
            self.tooLargeError = tooLargeError
            self.permissionDeniedError = permissionDeniedError
        }
    }

    /// The limits a config reload can change. New values apply to connections accepted after
    /// the change, and the grace period to the next shutdown.
    public struct Limits: Sendable, Equatable {
        /// Connections beyond this are closed as soon as they are accepted.
        public var maximumConnections = 128
        /// How long a peer may take between starting a message and finishing it.
        public var stalledRequestTimeout: TimeAmount = .seconds(30)
        /// At shutdown, how long a connection in the middle of a call may take to finish it and
        /// deliver the reply (a peer that never reads its replies would otherwise hold shutdown).
        public var shutdownGracePeriod: TimeAmount = .seconds(3)

        public init() {}
    }

    typealias Connection = NIOAsyncChannel<VarlinkFrame, ByteBuffer>

    private let configuration: Configuration
    private let router: VarlinkRouter
    private let logger: Logger
    private let onListening: @Sendable () async -> Void

    /// The event loops serving connections (for the watchdog to check they still turn).
    public let group: any EventLoopGroup
    private let connections = OpenConnections()
    private let limits: Mutex<Limits>

    /// - Parameter onListening: Called once the socket accepts connections (the moment to tell
    ///   systemd `READY=1`).
    public init(
        configuration: Configuration, router: VarlinkRouter, logger: Logger,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        onListening: @escaping @Sendable () async -> Void = {}
    ) {
        self.configuration = configuration
        self.limits = Mutex(configuration.limits)
        self.router = router
        self.logger = logger
        self.group = group
        self.onListening = onListening
    }

    /// Changes the limits while the server runs.
    public func update(limits newLimits: Limits) {
        limits.withLock { $0 = newLimits }
    }

    var currentLimits: Limits { limits.withLock { $0 } }

    public func run() async throws {
        let listener = try await bind()
        logger.info("listening on \(configuration.binding)")
        await onListening()
        let connections = self.connections
        try await withGracefulShutdownHandler {
            try await withThrowingDiscardingTaskGroup { group in
                try await listener.executeThenClose { inbound in
                    for try await channel in inbound {
                        group.addTask { await self.serve(channel) }
                    }
                }
            }
        } onGracefulShutdown: {
            listener.channel.close(promise: nil)
            connections.closeAll(gracePeriod: self.currentLimits.shutdownGracePeriod)
        }
        if case let .path(path) = configuration.binding {
            unlink(path)
        }
        logger.info("stopped listening")
    }

    /// Binds the listener. Accepted connections come out as plain channels, registered (or
    /// refused) right there on the event loop, with reading paused; a serving task wraps each in
    /// a `NIOAsyncChannel` only when it is ready to serve it (see ``serve(_:)``).
    ///
    /// Wrapping in the child initializer instead leaves a window (apple/swift-nio#2813): a
    /// connection accepted while the listener closes is dropped unserved, and dropping an
    /// unfinished `NIOAsyncChannel` is a fatal error. A plain channel is simply closed.
    private func bind() async throws -> NIOAsyncChannel<any Channel, Never> {
        let configuration = self.configuration
        let connections = self.connections
        let logger = self.logger
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 128)
            .childChannelOption(.autoRead, value: false)
            // A peer may send its calls and shut down its side at once; it still gets its
            // replies, and the connection closes after the last one.
            .childChannelOption(.allowRemoteHalfClosure, value: true)
        let initializer: @Sendable (any Channel) -> EventLoopFuture<any Channel> = { channel in
            channel.eventLoop.makeCompletedFuture {
                let current = self.currentLimits
                guard connections.open(channel, limit: current.maximumConnections) else {
                    logger.warning("refused a connection: \(current.maximumConnections) already open, or shutting down")
                    channel.close(promise: nil)
                    return channel
                }
                channel.closeFuture.whenComplete { _ in connections.closed(channel) }
                try channel.pipeline.syncOperations.addHandler(
                    StalledRequestHandler(timeout: current.stalledRequestTimeout))
                try channel.pipeline.syncOperations.addHandler(
                    ByteToMessageHandler(VarlinkFrameDecoder(maximumBytes: configuration.maximumMessageBytes)))
                try channel.pipeline.syncOperations.addHandler(AcceptedConnectionHold())
                return channel
            }
        }
        switch configuration.binding {
        case let .path(path):
            try SocketPath.prepare(path)
            let listener = try await bootstrap.bind(
                unixDomainSocketPath: path, cleanupExistingSocketFile: false, childChannelInitializer: initializer)
            chmod(path, 0o600)
            return listener
        case let .inherited(descriptor, _):
            return try await bootstrap.bind(descriptor, childChannelInitializer: initializer)
        }
    }

    /// Serves one connection until the peer leaves, misbehaves beyond repair, or shutdown.
    private func serve(_ channel: any Channel) async {
        guard connections.isOpen(channel) else { return }
        let connection: Connection
        do {
            connection = try await channel.eventLoop.submit {
                let connection = try Connection(
                    wrappingChannelSynchronously: channel,
                    configuration: .init(backPressureStrategy: .init(lowWatermark: 1, highWatermark: 2)))
                // What arrived before now (a peer that sent and half-closed at once) goes first.
                let hold = try channel.pipeline.syncOperations.handler(type: AcceptedConnectionHold.self)
                channel.pipeline.syncOperations.removeHandler(hold, promise: nil)
                // Reading was paused at accept; the async channel now owns it, with backpressure.
                try channel.syncOptions?.setOption(.autoRead, value: true)
                channel.read()
                return connection
            }.get()
        } catch {
            channel.close(promise: nil)
            return
        }
        do {
            try await connection.executeThenClose { inbound, outbound in
                let peer = try await PeerCredentials.of(connection.channel)
                guard peer.uid == configuration.allowedUID else {
                    logger.warning("refused a connection from uid \(peer.uid) (pid \(peer.pid)): letterd serves only uid \(configuration.allowedUID)")
                    try await outbound.write(Self.frame(VarlinkJSON.encoder().encode(configuration.permissionDeniedError)))
                    return
                }
                for try await frame in inbound {
                    switch frame {
                    case let .message(buffer):
                        guard connections.beginCall(on: connection.channel) else { return }
                        let reply = await router.respond(to: Data(buffer.readableBytesView))
                        if let reply { try await outbound.write(Self.frame(reply)) }
                        guard connections.endCall(on: connection.channel) else { return }
                    case .tooLarge:
                        logger.notice("closing a connection that sent a message over \(configuration.maximumMessageBytes) bytes")
                        let error = configuration.tooLargeError(configuration.maximumMessageBytes)
                        try await outbound.write(Self.frame(VarlinkJSON.encoder().encode(error)))
                        return
                    }
                }
            }
        } catch {
            // A peer that vanished mid-reply, or a connection closed at shutdown: nothing to do
            // for the others. Logged at debug because it is routine.
            logger.debug("connection ended: \(error)")
        }
    }

    private static func frame(_ data: Data) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(data.count + 1)
        buffer.writeBytes(data)
        buffer.writeInteger(UInt8(0))
        return buffer
    }
}

/// The connections being served, so shutdown can close them and the cap can be enforced.
///
/// At shutdown an idle connection is closed at once; one in the middle of a call is left to
/// finish it and send its reply, and closes right after. A client therefore never loses the
/// acknowledgement of a write that was made.
final class OpenConnections: Sendable {
    private struct Entry {
        let channel: any Channel
        var busy = false
    }

    private struct State {
        var entries: [ObjectIdentifier: Entry] = [:]
        var closing = false
    }

    private let state = Mutex(State())

    /// Registers a connection as it is accepted; false if the server is shutting down or full.
    func open(_ channel: any Channel, limit: Int) -> Bool {
        state.withLock { state in
            guard !state.closing, state.entries.count < limit else { return false }
            state.entries[ObjectIdentifier(channel)] = Entry(channel: channel)
            return true
        }
    }

    func closed(_ channel: any Channel) {
        _ = state.withLock { $0.entries.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    /// Marks the start of a call; false if shutdown has begun and the call must not start.
    func beginCall(on channel: any Channel) -> Bool {
        state.withLock { state in
            guard !state.closing else { return false }
            state.entries[ObjectIdentifier(channel)]?.busy = true
            return true
        }
    }

    /// Marks the end of a call; false if shutdown began meanwhile and the connection must close.
    func endCall(on channel: any Channel) -> Bool {
        state.withLock { state in
            state.entries[ObjectIdentifier(channel)]?.busy = false
            return !state.closing
        }
    }

    func isOpen(_ channel: any Channel) -> Bool {
        state.withLock { $0.entries[ObjectIdentifier(channel)] != nil }
    }

    /// Begins shutdown: closes idle connections now; busy ones close after their reply, or
    /// when the grace period runs out (the call's work itself is never cancelled).
    func closeAll(gracePeriod: TimeAmount) {
        let (idle, busy) = state.withLock { state in
            state.closing = true
            let entries = Array(state.entries.values)
            return (entries.filter { !$0.busy }.map(\.channel), entries.filter(\.busy).map(\.channel))
        }
        for channel in idle { channel.close(promise: nil) }
        for channel in busy {
            channel.eventLoop.scheduleTask(in: gracePeriod) { channel.close(promise: nil) }
        }
    }
}
