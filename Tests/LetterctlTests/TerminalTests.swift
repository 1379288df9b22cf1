#if canImport(Glibc)
import Glibc
#endif
import FoundationEssentials
import Testing

@testable import letterctl

@Suite("Times as letterctl prints them")
struct TerminalTests {
    /// In UTC, so the expected text does not depend on the machine's zone. (Nothing else in
    /// this test target reads the zone.)
    init() {
        setenv("TZ", "UTC", 1)
        tzset()
    }

    @Test("a day of the month is not padded, with or without the year")
    func localTime() {
        let singleDigit = Date(timeIntervalSince1970: 1_793_973_900)
        #expect(Terminal.localTime(singleDigit) == "Fri 6 Nov 2026, 14:05")
        #expect(Terminal.localTime(singleDigit, withYear: false) == "Fri 6 Nov, 14:05")
        let twoDigits = Date(timeIntervalSince1970: 1_795_683_600)
        #expect(Terminal.localTime(twoDigits) == "Thu 26 Nov 2026, 09:00")
        #expect(Terminal.localTime(twoDigits, withYear: false) == "Thu 26 Nov, 09:00")
    }
}
