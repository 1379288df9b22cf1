import Foundation
import GRDB
import LetterCore
@testable import LetterStore
import TestSupport
import Testing

/// The store writes times with `StoredTime`, and stores written before hold GRDB's text for the
/// same times: the two must agree byte for byte, or a lookup `WHERE at = ?` and the order of
/// rows would change under a person's letters.
@Suite("Times as the store writes them")
struct StoredTimeTests {
    /// GRDB's text for `date` (its DateFormatter).
    static func grdbText(_ date: Date) -> String { String.fromDatabaseValue(date.databaseValue)! }

    static func expectSame(_ date: Date, sourceLocation: SourceLocation = #_sourceLocation) {
        let ours = StoredTime.text(date)
        #expect(ours == grdbText(date), "at \(date.timeIntervalSinceReferenceDate)", sourceLocation: sourceLocation)
    }

    @Test("a few times, written out")
    func knownTimes() {
        let cases: [(Double, String)] = [
            (0, "1970-01-01 00:00:00.000"),
            (951_782_400.123, "2000-02-29 00:00:00.123"),
            (1_795_000_000.5, "2026-11-18 11:06:40.500"),
            (-2_208_988_800, "1900-01-01 00:00:00.000"),
            (253_402_300_799.5, "9999-12-31 23:59:59.500"),
        ]
        for (seconds, text) in cases {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(StoredTime.text(date) == text)
            #expect(Self.grdbText(date) == text)
        }
    }

    @Test("random times from 1583 to 9999, as stored (whole milliseconds) and not")
    func randomTimes() {
        var random = SeededRandom(seed: 0x5707_ED71)
        let low = -12_219_292_800.0 + 86_400 * 80  // 1583-03-22, clear of the Julian calendar
        let high = 253_402_300_799.0
        for _ in 0..<20_000 {
            let seconds = Double.random(in: low...high, using: &random)
            Self.expectSame(Date(timeIntervalSince1970: seconds))
            Self.expectSame(Date(timeIntervalSince1970: seconds).roundedToMilliseconds)
        }
        // The years people write in: dense around now.
        for _ in 0..<20_000 {
            let seconds = Double.random(in: 1_500_000_000...2_200_000_000, using: &random)
            Self.expectSame(Date(timeIntervalSince1970: seconds))
            Self.expectSame(Date(timeIntervalSince1970: seconds).roundedToMilliseconds)
        }
    }

    @Test("a hair either side of a millisecond, a second, midnight and a new year")
    func boundaries() {
        let edges: [Double] = [0, 86_400, 946_684_800, 951_782_400, 1_798_761_600, 4_107_542_400, 1_795_000_000.001]
        for edge in edges {
            for nudge in [-1e-3, -1e-4, -1e-6, -1e-7, -1e-9, 0, 1e-9, 1e-7, 1e-6, 1e-4, 1e-3] {
                Self.expectSame(Date(timeIntervalSince1970: edge + nudge))
                // Dates built from the reference date, as Foundation holds them.
                Self.expectSame(Date(timeIntervalSinceReferenceDate: edge - 978_307_200 + nudge))
            }
            var date = Date(timeIntervalSince1970: edge)
            for _ in 0..<64 {
                date = Date(timeIntervalSinceReferenceDate: date.timeIntervalSinceReferenceDate.nextDown)
                Self.expectSame(date)
            }
        }
    }

    @Test("before 1583 and after 9999 the text is GRDB's own")
    func outsideTheRange() {
        for seconds in [-12_219_292_800.0 - 1, -62_135_596_800, 253_402_300_800, 300_000_000_000] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(StoredTime.text(date) == nil)
            #expect(StoredTime.databaseValue(date) == date.databaseValue)
        }
    }

    @Test("rows write their times in the stored text, and read them back")
    func rowsRoundTrip() async throws {
        let (store, clock) = try makeStore()
        clock.set(Date(timeIntervalSince1970: 1_795_000_000.123))
        let letter = try await store.writeLetter(LetterDraft(text: "Dear me, this was hard and you kept going."))
        let text = try await store.read { db in
            try String.fetchOne(db, sql: "SELECT createdAt FROM letter WHERE id = ?", arguments: [letter.id])
        }
        #expect(text == "2026-11-18 11:06:40.123")
        let stored = try #require(text)
        #expect(StoredTime.text(letter.createdAt) == stored)
        let readBack = try await store.read { db in
            try Date.fetchOne(db, sql: "SELECT createdAt FROM letter WHERE id = ?", arguments: [letter.id])
        }
        #expect(readBack.flatMap(StoredTime.text) == stored)
    }
}
