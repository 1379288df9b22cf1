import LetterStore
import Logging
import NIOCore
import ServiceLifecycle

/// Pings systemd's watchdog (`WatchdogSec=`) at half the interval, but only after checking that
/// the parts that do the work still turn: every event loop serving connections runs a task, and
/// the store's writer queue runs a no-op. If either is stuck, the pings stop and systemd
/// restarts letterd; a timer that pinged regardless would hide exactly that.
///
/// Without `WatchdogSec=` this service does nothing and letterd has no periodic wake-ups.
struct WatchdogService: Service, CustomStringConvertible {
    var description: String { "WatchdogService" }

    let interval: Duration
    let eventLoops: any EventLoopGroup
    let database: LetterDatabase
    let notifier: SystemdNotifier
    let logger: Logger

    /// Waits on an event loop's timer rather than `Task.sleep`, which on Linux goes through
    /// libdispatch's worker pool and would start its once-a-second pool monitor.
    private func sleep(for duration: Duration) async throws {
        let (seconds, attoseconds) = duration.components
        let loop = eventLoops.next()
        let scheduled = loop.scheduleTask(in: .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)) {}
        try await withTaskCancellationHandler {
            try await scheduled.futureResult.get()
        } onCancel: {
            scheduled.cancel()
        }
        try Task.checkCancellation()
    }

    func run() async throws {
        logger.debug("watchdog: proving liveness every \(interval / 2)")
        // Cancelled at graceful shutdown, so a sleep of half the interval never holds up a stop.
        try? await cancelWhenGracefulShutdown {
            while true {
                try await sleep(for: interval / 2)
                do {
                    for loop in eventLoops.makeIterator() {
                        try await loop.submit {}.get()
                    }
                    try await database.ping()
                    notifier.watchdog()
                } catch is CancellationError {
                    throw CancellationError()
                } catch {
                    logger.error("watchdog: a liveness check failed (\(error)); not telling systemd all is well")
                }
            }
        }
    }
}
