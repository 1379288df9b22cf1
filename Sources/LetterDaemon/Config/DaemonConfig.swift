import Logging

/// letterd's settings, as read from `letterd.toml`. Every key is optional; these are the defaults.
/// `Config/letterd.toml` in the repository documents each key; `ConfigSchema` lists what each
/// accepts. All of them apply on reload (SIGHUP) without a restart.
public struct DaemonConfig: Sendable, Equatable {
    /// The least severe messages logged.
    public var logLevel: Logger.Level = .info
    public var server = Server()

    public struct Server: Sendable, Equatable {
        /// Connections beyond this are closed as they arrive.
        public var maxConnections = 128
        /// How long a client may take to finish a message it has started, in seconds.
        public var requestTimeout = 30.0
        /// At shutdown, how long a call in progress may take to finish and deliver its reply.
        public var shutdownGrace = 3.0
    }

    public init() {}
}
