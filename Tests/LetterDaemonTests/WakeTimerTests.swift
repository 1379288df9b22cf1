import Foundation
@testable import LetterDaemon
import Testing

@Suite("WakeTimer and a shifted clock")
struct WakeTimerTests {
    @Test("a shift of letterd's clock wakes a wait with clockChanged, and the timer then follows the shifted clock")
    func shiftWakesTimers() async throws {
        let clock = ShiftedWallClock(offset: 0)
        let timer = try WakeTimer(clock: clock)
        // A bound for the test, not a figure: if the timer kept the unshifted clock, the waits
        // below would last a day; stopping it makes them end `.stopped`, which fails the test.
        let guardTask = Task {
            try await Task.sleep(for: .seconds(60))
            timer.stop()
        }
        defer {
            guardTask.cancel()
            timer.stop()
        }
        async let reason = timer.wait(until: clock.now().addingTimeInterval(86_400))
        try await Task.sleep(for: .milliseconds(100))
        clock.shift(to: 86_400 - 1)
        #expect(await reason == .clockChanged)
        // letterd's clock is now a day (less a second) ahead: a day from the system's now is
        // about a second away on it.
        #expect(await timer.wait(until: Date().addingTimeInterval(86_400)) == .due)
    }

    @Test("a clock set back while waiting wakes the wait too, and a later time is waited for again")
    func shiftBack() async throws {
        let clock = ShiftedWallClock(offset: 3_600)
        let timer = try WakeTimer(clock: clock)
        defer { timer.stop() }
        async let reason = timer.wait(until: clock.now().addingTimeInterval(600))
        try await Task.sleep(for: .milliseconds(100))
        clock.shift(to: 0)
        #expect(await reason == .clockChanged)
        // Nothing queued after the change: a nudge is what ends the next wait, not a stale wake.
        timer.nudge()
        #expect(await timer.wait(until: clock.now().addingTimeInterval(3_600)) == .nudged)
    }
}
