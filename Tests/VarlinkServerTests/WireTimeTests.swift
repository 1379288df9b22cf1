import Foundation
@testable import VarlinkProtocol
import TestSupport
import Testing

/// `WireTime` is a faster path to what `Date.ISO8601FormatStyle` does for letterd's one wire
/// shape; these tests hold it to the format style's own answers.
@Suite("Wire times")
struct WireTimeTests {
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    @Test("the times letterd stores (whole milliseconds, 1970 to 9999) format and parse as the format style does")
    func storedTimes() throws {
        var random = SeededRandom(seed: 7)
        var samples = [0, 951_782_400_000, 1_800_000_000_675, 253_402_300_799_999]  // 1970, 2000-02-29, .675, the last of 9999
        for _ in 0..<20_000 { samples.append(Int.random(in: 0..<253_402_300_800_000, using: &random)) }
        for milliseconds in samples {
            let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
            let rounded = date.addingTimeInterval(0.0005)
            let expected = rounded.formatted(Self.style)
            #expect(WireTime.format(rounded) == expected)
            let parsed = try #require(WireTime.parse(expected), "\(expected)")
            #expect(parsed == (try Self.style.parse(expected)), "\(expected)")
        }
    }

    @Test("times taken from a clock (sub-millisecond) format as the format style does")
    func clockTimes() {
        var random = SeededRandom(seed: 11)
        for _ in 0..<20_000 {
            let date = Date(timeIntervalSince1970: Double.random(in: 1_600_000_000..<2_200_000_000, using: &random))
            #expect(VarlinkJSON.format(date) == date.addingTimeInterval(0.0005).formatted(Self.style), "\(date.timeIntervalSince1970)")
        }
    }

    @Test("anything but the exact wire shape is left to the format style", arguments: [
        "2027-01-15T08:00:00Z", "2027-01-15T08:00:00.123+01:00", "2027-01-15 08:00:00.123Z", "2027-02-29T08:00:00.000Z",
        "2027-13-15T08:00:00.000Z", "2027-01-15T24:00:00.000Z", "1969-12-31T23:59:59.999Z", "2027-01-15T08:00:00.1a3Z",
        "2027-01-15T08:00:00.123Zz", "２027-01-15T08:00:00.123Z",
    ])
    func otherShapes(text: String) {
        #expect(WireTime.parse(text) == nil)
    }

    @Test("before 1970 and after 9999 are left to the format style")
    func outOfRange() {
        #expect(WireTime.format(Date(timeIntervalSince1970: -1)) == nil)
        #expect(WireTime.format(Date(timeIntervalSince1970: 253_402_300_800)) == nil)
        #expect(VarlinkJSON.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59.000Z")
    }
}
