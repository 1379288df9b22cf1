#if canImport(Glibc)
import Glibc
#endif
import Foundation
import LetterCore
import LetterProtocol
import LetterStore
import Logging
import ServiceLifecycle
import VarlinkProtocol
import VarlinkServer

/// What `letterd`'s command line can change.
public struct DaemonOptions: Sendable {
    /// Listen here instead of `$XDG_RUNTIME_DIR/letterd/letterd.sock`.
    public var socketPath: String?
    public var logLevel: Logger.Level

    public init(socketPath: String? = nil, logLevel: Logger.Level = .info) {
        self.socketPath = socketPath
        self.logLevel = logLevel
    }
}

/// Start-up and shutdown of the daemon, in order:
/// private umask → socket activation? → paths → store (checked, migrated) → socket → READY=1 →
/// serve until SIGTERM/SIGINT → STOPPING=1 → finish calls in flight → close the store → exit 0.
///
/// The store opens before the socket binds, so no client ever reaches a half-ready daemon.
public enum LetterDaemon {
    /// sysexits(3) codes, so a failed start says what kind of failure it was.
    public enum ExitStatus {
        public static let ok: Int32 = 0
        public static let dataError: Int32 = 65
        public static let unavailable: Int32 = 69
        public static let software: Int32 = 70
        public static let cannotCreate: Int32 = 73
        public static let config: Int32 = 78
    }

    public static func run(_ options: DaemonOptions, clock: any WallClock = SystemWallClock()) async -> Int32 {
        umask(0o077)
        signal(SIGPIPE, SIG_IGN)
        // SIGHUP will mean "reload the config" (next issue); until then it must not kill us.
        signal(SIGHUP, SIG_IGN)
        var logger = Logger(label: "letterd")
        logger.logLevel = options.logLevel

        let inherited: Int32?
        let paths: DaemonPaths
        do {
            inherited = try SocketActivation.inheritedSocket()
            var environment = ProcessInfo.processInfo.environment
            if inherited != nil, environment["XDG_RUNTIME_DIR"] == nil, options.socketPath == nil {
                environment["XDG_RUNTIME_DIR"] = "/run/user/\(getuid())"  // only used to name the socket in messages
            }
            paths = try DaemonPaths.resolve(environment: environment, socket: options.socketPath)
        } catch {
            logger.critical("cannot start: \(error)")
            return ExitStatus.config
        }

        do {
            try DaemonPaths.ensureDirectory(paths.dataDirectory, tighten: true)
            if inherited == nil {
                let socketDirectory = (paths.socketPath as NSString).deletingLastPathComponent
                try DaemonPaths.ensureDirectory(socketDirectory, tighten: options.socketPath == nil)
            }
        } catch {
            logger.critical("cannot start: \(error)")
            return ExitStatus.cannotCreate
        }

        let database: LetterDatabase
        do {
            database = try LetterDatabase.open(path: paths.databasePath, clock: clock)
        } catch let error as StoreOpenError {
            logger.critical("cannot start: \(error)")
            return ExitStatus.dataError
        } catch {
            logger.critical("cannot start: opening \(paths.databasePath) failed: \(error)")
            return ExitStatus.dataError
        }

        let notifier = SystemdNotifier()
        let startedAt = clock.now()
        let status = StatusLine(database: database, notifier: notifier)
        var router = VarlinkRouter(
            identity: .init(vendor: "letterd", product: "letterd", version: LetterdVersion.current, url: "man:letterd(1)"),
            invalidRequest: LettersErrors.invalidRequest,
            mapError: { [logger] error, call in LettersErrors.varlinkError(for: error, call: call, logger: logger) })
        LettersEndpoint(
            database: database, databasePath: paths.databasePath, startedAt: startedAt,
            onChange: { await status.refresh() }
        ).register(on: &router)

        let binding: ServerBinding =
            inherited.map { .inherited(descriptor: $0, path: paths.socketPath) } ?? .path(paths.socketPath)
        let server = VarlinkServer(
            configuration: .init(
                binding: binding, maximumMessageBytes: LettersInterface.maximumRequestBytes,
                tooLargeError: LettersErrors.requestTooLarge, permissionDeniedError: LettersErrors.permissionDenied),
            router: router, logger: logger,
            onListening: { await status.ready() })

        // Services stop in reverse order: the notifier says STOPPING=1 first, then the server
        // drains its connections.
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: server), .init(service: ShutdownNotice(notifier: notifier))],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        var exitStatus = ExitStatus.ok
        do {
            try await group.run()
        } catch let error as SocketPathError {
            logger.critical("cannot start: \(error)")
            exitStatus = ExitStatus.unavailable
        } catch {
            logger.critical("stopped on an error: \(error)")
            exitStatus = ExitStatus.software
        }
        do {
            try database.close()
        } catch {
            logger.error("closing the database failed: \(error)")
        }
        logger.info("stopped")
        return exitStatus
    }
}

/// Sends `STOPPING=1` as soon as graceful shutdown begins.
struct ShutdownNotice: Service {
    let notifier: SystemdNotifier

    func run() async throws {
        try? await gracefulShutdown()
        notifier.stopping()
    }
}

/// The human status line systemd shows ("3 letters, 12 check-ins").
struct StatusLine: Sendable {
    let database: LetterDatabase
    let notifier: SystemdNotifier

    func ready() async {
        notifier.ready(status: await text())
    }

    func refresh() async {
        notifier.status(await text())
    }

    func text() async -> String {
        guard let counts = try? await database.counts() else { return "Running; the store could not be read" }
        return "\(counts.letters) \(counts.letters == 1 ? "letter" : "letters"), "
            + "\(counts.checkIns) \(counts.checkIns == 1 ? "check-in" : "check-ins")"
    }
}
