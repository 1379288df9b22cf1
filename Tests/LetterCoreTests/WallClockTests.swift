import Foundation
import LetterCore
import Testing

@Suite("The injected clock")
struct WallClockTests {
    @Test("a manual clock moves only when told, forwards or back")
    func manualClock() {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let clock = ManualWallClock(start)
        #expect(clock.now() == start)
        clock.advance(by: 3_600)
        #expect(clock.now() == start.addingTimeInterval(3_600))
        clock.set(start.addingTimeInterval(-86_400))
        #expect(clock.now() == start.addingTimeInterval(-86_400))
    }

    @Test("times round to the nearest millisecond, the precision letterd stores")
    func milliseconds() {
        #expect(Date(timeIntervalSince1970: 1.2344).roundedToMilliseconds == Date(timeIntervalSince1970: 1.234))
        #expect(Date(timeIntervalSince1970: 1.2346).roundedToMilliseconds == Date(timeIntervalSince1970: 1.235))
    }
}

@Suite("Durations written with units")
struct DurationTextTests {
    @Test("accepted forms", arguments: [
        ("500ms", 0.5), ("30s", 30.0), ("5m", 300.0), ("2h", 7_200.0), ("1d", 86_400.0), ("1w", 604_800.0),
        ("1h30m", 5_400.0), ("1.5h", 5_400.0), (" 2 h ", 7_200.0),
    ])
    func accepted(text: String, seconds: Double) {
        #expect(DurationText.seconds(text) == seconds)
    }

    @Test("refused forms", arguments: ["", "30", "s", "5 minutes", "-5s", "1x", "1e3s", "1..2s", "h1"])
    func refused(text: String) {
        #expect(DurationText.seconds(text) == nil)
    }
}
