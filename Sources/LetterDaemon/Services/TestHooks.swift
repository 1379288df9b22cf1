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
///   day. The timers follow it: a prompt due at 10:00 on letterd's clock is shown then.
/// - `LETTERD_TEST_HOOKS=clock-offset-file=PATH`: the offset is read from PATH (seconds, as
///   text) at start and again at every SIGUSR1, which then acts as the wall clock being set:
///   every timer wakes to decide again. This is how the fault tests jump the clock forwards
///   and back under a running letterd without touching the machine's clock.
public enum TestHooks {
    /// The clock letterd should use: the system's, or one shifted by a `clock-offset` hook.
    public static func clock(environment: [String: String] = ProcessInfo.processInfo.environment) -> any WallClock {
        for hook in hooks(environment) {
            if hook.hasPrefix("clock-offset="), let seconds = parseOffset(String(hook.dropFirst("clock-offset=".count))) {
                return ShiftedWallClock(offset: seconds)
            }
            if hook.hasPrefix("clock-offset-file=") {
                let path = String(hook.dropFirst("clock-offset-file=".count))
                return ShiftedWallClock(offset: offset(inFile: path) ?? 0)
            }
        }
        return SystemWallClock()
    }

    private static func hooks(_ environment: [String: String]) -> [Substring] {
        environment["LETTERD_TEST_HOOKS"].map { $0.split(separator: ",") } ?? []
    }

    private static func parseOffset(_ text: String) -> Double? {
        guard let seconds = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)), seconds.isFinite else { return nil }
        return seconds
    }

    private static func offset(inFile path: String) -> Double? {
        (try? String(contentsOfFile: path, encoding: .utf8)).flatMap(parseOffset)
    }

    static func install(eventLoops: any EventLoopGroup, clock: any WallClock, logger: Logger) {
        let hooks = hooks(ProcessInfo.processInfo.environment)
        if let shifted = clock as? ShiftedWallClock,
           let hook = hooks.first(where: { $0.hasPrefix("clock-offset-file=") }) {
            let path = String(hook.dropFirst("clock-offset-file=".count))
            logger.warning("test hook enabled: SIGUSR1 sets letterd's clock to the offset in \(path) (now \(shifted.offset) s)")
            Task.detached {
                for await _ in await UnixSignalsSequence(trapping: .sigusr1) {
                    guard let seconds = offset(inFile: path) else {
                        logger.error("test hook: \(path) holds no offset in seconds; the clock is unchanged")
                        continue
                    }
                    shifted.shift(to: seconds)
                    logger.warning("test hook: the clock was set; it now runs \(seconds) s from the system's")
                }
            }
        }
        if hooks.contains("stall-on-sigusr2") {
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
