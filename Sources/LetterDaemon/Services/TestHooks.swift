import Foundation
import Logging
import NIOCore
import UnixSignals

/// Ways for tests to put letterd in states that are hard to reach otherwise. All are off unless
/// `LETTERD_TEST_HOOKS` is set, and none is reachable over the socket.
///
/// - `LETTERD_TEST_HOOKS=stall-on-sigusr2`: SIGUSR2 blocks one event loop forever, as a bug
///   (a deadlock, an endless loop) would; the watchdog must then stop pinging and systemd must
///   restart letterd. Used by the systemd tests.
enum TestHooks {
    static func install(eventLoops: any EventLoopGroup, logger: Logger) {
        guard let hooks = ProcessInfo.processInfo.environment["LETTERD_TEST_HOOKS"] else { return }
        if hooks.split(separator: ",").contains("stall-on-sigusr2") {
            logger.warning("test hook enabled: SIGUSR2 will stall an event loop")
            Task.detached {
                for await _ in await UnixSignalsSequence(trapping: .sigusr2) {
                    logger.warning("test hook: stalling an event loop now")
                    eventLoops.next().execute {
                        while true { sleep(3_600) }
                    }
                }
            }
        }
    }
}
