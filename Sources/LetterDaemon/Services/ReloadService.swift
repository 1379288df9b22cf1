import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// Re-reads the config file on SIGHUP (`systemctl --user reload letterd`).
///
/// A file with any problem is refused whole: each problem is logged with its file, line and key,
/// and letterd keeps running on the settings it had. Around the reload systemd is told
/// `RELOADING=1` and then `READY=1`, as `Type=notify-reload` expects (and as `Type=notify`
/// accepts on systemd 252).
struct ReloadService: Service, CustomStringConvertible {
    var description: String { "ReloadService" }

    let configPath: String
    let configRequired: Bool
    let apply: @Sendable (DaemonConfig) -> Void
    let status: StatusLine
    let logger: Logger

    func run() async throws {
        for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() {
            await reload()
        }
    }

    func reload() async {
        status.notifier.reloading()
        do {
            let config = try ConfigFile.load(path: configPath, required: configRequired)
            apply(config)
            if FileManager.default.fileExists(atPath: configPath) {
                logger.info("reloaded the settings from \(configPath)")
            } else {
                logger.info("no settings file at \(configPath); using the defaults")
            }
        } catch {
            for problem in error.errors { logger.error("\(problem)") }
            logger.error("the settings in \(configPath) were not applied; letterd keeps its previous settings")
        }
        status.notifier.ready(status: status.text())
    }
}
