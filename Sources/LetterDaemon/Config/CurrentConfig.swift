import Synchronization

/// The settings letterd runs on now: those read at start, replaced on each successful reload.
/// Methods that depend on a setting read it here at the moment they run.
final class CurrentConfig: Sendable {
    /// Where the settings come from (it may not exist: then they are the defaults).
    let path: String
    private let value: Mutex<DaemonConfig>

    init(_ config: DaemonConfig, path: String) {
        self.path = path
        self.value = Mutex(config)
    }

    var config: DaemonConfig { value.withLock { $0 } }

    func replace(with config: DaemonConfig) { value.withLock { $0 = config } }
}
