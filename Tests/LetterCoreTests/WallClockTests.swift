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
