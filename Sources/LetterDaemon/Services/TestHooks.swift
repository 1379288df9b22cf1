import Foundation
import LetterCore
import Logging
import NIOCore
import UnixSignals

/// Ways for tests to put letterd in states that are hard to reach otherwise. All are off unless
/// `LETTERD_TEST_HOOKS` is set, and none is reachable over the socket.
///
/// - `LETTERD_TEST_HOOKS=stall-on-sigusr2`: SIGUSR2 blocks one event loop forever, as a bug
///   (a deadlock, an endless loop) would; the watchdog must then stop pinging and systemd must
///   restart letterd. Used by the systemd tests.
/// - `LETTERD_TEST_HOOKS=clock-offset=SECONDS`: letterd's clock runs SECONDS ahead of (or, if
///   negative, behind) the system's, to test what it answers a day later without waiting a
///   day. Only what letterd computes from its clock moves: the scheduler's timer still waits on
///   the system clock, so notifications are not what this is for.
public enum TestHooks {
    /// The clock letterd should use: the system's, or shifted by the `clock-offset` hook.
    public static func clock(environment: [String: String] = ProcessInfo.processInfo.environment) -> any WallClock {
        guard let hooks = environment["LETTERD_TEST_HOOKS"] else { return SystemWallClock() }
        for hook in hooks.split(separator: ",") where hook.hasPrefix("clock-offset=") {
            if let seconds = Double(hook.dropFirst("clock-offset=".count)), seconds.isFinite {
                return OffsetWallClock(offset: seconds)
            }
        }
        return SystemWallClock()
    }

    struct OffsetWallClock: WallClock {
        let offset: Double
        func now() -> Date { Date().addingTimeInterval(offset) }
    }

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
