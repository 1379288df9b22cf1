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
    /// Read this config file instead of `$XDG_CONFIG_HOME/letterd/letterd.toml`.
    public var configPath: String?
    /// Log debug messages whatever the config says.
    public var verbose: Bool

    public init(socketPath: String? = nil, configPath: String? = nil, verbose: Bool = false) {
        self.socketPath = socketPath
        self.configPath = configPath
        self.verbose = verbose
    }
}

/// Start-up and shutdown of the daemon, in order:
/// private umask → socket activation? → paths → config → store (checked, migrated) → socket →
/// READY=1 → serve, reload on SIGHUP, ping the watchdog → SIGTERM/SIGINT → STOPPING=1 →
/// finish calls in flight → close the store → exit 0.
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
        // SIGHUP means "reload"; until ReloadService traps it, a SIGHUP (a reload racing the
        // start) must not terminate letterd, which is SIGHUP's default action.
        signal(SIGHUP, SIG_IGN)
        let logger = Logger(label: "letterd")

        let inherited: Int32?
        let paths: DaemonPaths
        do {
            inherited = try SocketActivation.inheritedSocket()
            var environment = ProcessInfo.processInfo.environment
            if inherited != nil, environment["XDG_RUNTIME_DIR"] == nil, options.socketPath == nil {
                environment["XDG_RUNTIME_DIR"] = "/run/user/\(getuid())"  // only used to name the socket in messages
            }
            paths = try DaemonPaths.resolve(environment: environment, socket: options.socketPath, config: options.configPath)
        } catch {
            logger.critical("cannot start: \(error)")
            return ExitStatus.config
        }

        let config: DaemonConfig
        do {
            config = try ConfigFile.load(path: paths.configPath, required: paths.configRequired)
        } catch {
            for problem in error.errors { logger.error("\(problem)") }
            logger.critical("cannot start: the settings in \(paths.configPath) have mistakes (above); fix them, or move the file aside to use the defaults")
            return ExitStatus.config
        }
        applyLogLevel(config, verbose: options.verbose)

        do {
            try DaemonPaths.ensureDirectory(paths.dataDirectory, tighten: true)
            if inherited == nil {
                let socketDirectory = (paths.socketPath as NSString).deletingLastPathComponent
                try DaemonPaths.ensureDirectory(socketDirectory, tighten: options.socketPath == nil)
            }
        } catch {
            logger.critical("cannot start: \(error)\(SandboxHint.forFilesystemError(error))")
            return ExitStatus.cannotCreate
        }

        let database: LetterDatabase
        do {
            database = try LetterDatabase.open(path: paths.databasePath, clock: clock)
        } catch let error as StoreOpenError {
            logger.critical("cannot start: \(error)")
            return ExitStatus.dataError
        } catch {
            logger.critical("cannot start: opening \(paths.databasePath) failed: \(error)\(SandboxHint.forFilesystemError(error))")
            return ExitStatus.dataError
        }

        let notifier = SystemdNotifier()
        let status = StatusLine(database: database, notifier: notifier)
        let scheduler: PromptScheduler
        do {
            scheduler = try PromptScheduler(database: database, config: config, clock: clock, logger: logger)
        } catch {
            logger.critical("cannot start: the scheduler's timer cannot be created: \(error)")
            return ExitStatus.software
        }
        let current = CurrentConfig(config, path: paths.configPath)
        let backups = BackupDirectory(dataDirectory: paths.dataDirectory, database: database, clock: clock)
        let dailyBackups: DailyBackupService
        do {
            dailyBackups = try DailyBackupService(backups: backups, settings: current, clock: clock, logger: logger)
        } catch {
            logger.critical("cannot start: the backup timer cannot be created: \(error)")
            return ExitStatus.software
        }
        let router = makeRouter(
            database: database, paths: paths, startedAt: clock.now(), status: status, scheduler: scheduler,
            settings: current, backups: backups, logger: logger)
        let binding: ServerBinding =
            inherited.map { .inherited(descriptor: $0, path: paths.socketPath) } ?? .path(paths.socketPath)
        var serverConfiguration = VarlinkServer.Configuration(
            binding: binding, maximumMessageBytes: LettersInterface.maximumRequestBytes,
            tooLargeError: LettersErrors.requestTooLarge, permissionDeniedError: LettersErrors.permissionDenied)
        serverConfiguration.limits = serverLimits(config)
        let server = VarlinkServer(
            configuration: serverConfiguration, router: router, logger: logger, onListening: { await status.ready() })
        TestHooks.install(eventLoops: server.group, clock: clock, logger: logger)

        let reload = ReloadService(
            configPath: paths.configPath, configRequired: paths.configRequired,
            apply: { [verbose = options.verbose] config in
                applyLogLevel(config, verbose: verbose)
                server.update(limits: serverLimits(config))
                scheduler.update(config)
                current.replace(with: config)
                dailyBackups.nudge()
            },
            status: status, logger: logger)
        // Services stop in reverse order: the notice says STOPPING=1 first, then the server
        // drains its connections. The watchdog and reload services stop with them.
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: scheduler), .init(service: dailyBackups), .init(service: server), .init(service: reload),
            .init(service: StoreCheckService(database: database, logger: logger), successTerminationBehavior: .ignore),
        ]
        if let interval = notifier.watchdogInterval() {
            services.append(.init(service: WatchdogService(
                interval: interval, eventLoops: server.group, database: database, notifier: notifier, logger: logger)))
        }
        services.append(.init(service: ShutdownNotice(notifier: notifier)))
        let group = ServiceGroup(
            configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))

        var exitStatus = ExitStatus.ok
        var damaged = false
        do {
            try await group.run()
        } catch let error as StoreOpenError {
            logger.critical("cannot go on: \(error)")
            exitStatus = ExitStatus.dataError
            damaged = true
        } catch let error as SocketPathError {
            logger.critical("cannot start: \(error)")
            exitStatus = ExitStatus.unavailable
        } catch {
            logger.critical("stopped on an error: \(error)")
            exitStatus = ExitStatus.software
        }
        do {
            try database.close(checkpoint: !damaged)
        } catch {
            logger.error("closing the database failed: \(error)")
        }
        logger.info("stopped")
        return exitStatus
    }

    static func makeRouter(
        database: LetterDatabase, paths: DaemonPaths, startedAt: Date, status: StatusLine,
        scheduler: PromptScheduler, settings: CurrentConfig, backups: BackupDirectory, logger: Logger
    ) -> VarlinkRouter {
        var router = VarlinkRouter(
            identity: .init(vendor: "letterd", product: "letterd", version: LetterdVersion.current, url: "man:letterd(1)"),
            invalidRequest: LettersErrors.invalidRequest,
            mapError: { error, call in
                if let reason = LettersErrors.degradation(for: error) { status.degraded(reason) }
                return LettersErrors.varlinkError(for: error, call: call, logger: logger)
            })
        router.logger = logger
        LettersEndpoint(
            database: database, databasePath: paths.databasePath, startedAt: startedAt, status: status, scheduler: scheduler,
            settings: settings, backups: backups)
            .register(on: &router)
        return router
    }

    /// `--verbose` wins over the settings file, at start and on every reload.
    static func applyLogLevel(_ config: DaemonConfig, verbose: Bool) {
        LogLevelControl.level = verbose ? .debug : config.logLevel
    }

    static func serverLimits(_ config: DaemonConfig) -> VarlinkServer.Limits {
        var limits = VarlinkServer.Limits()
        limits.maximumConnections = config.server.maxConnections
        limits.stalledRequestTimeout = .nanoseconds(Int64(config.server.requestTimeout * 1e9))
        limits.shutdownGracePeriod = .nanoseconds(Int64(config.server.shutdownGrace * 1e9))
        return limits
    }
}
