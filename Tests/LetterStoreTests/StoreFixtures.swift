import Foundation
import GRDB
import LetterCore
@testable import LetterStore
import TestSupport

/// A fresh in-memory store with a clock the test controls.
func makeStore(at start: Date = Date(timeIntervalSince1970: 1_800_000_000)) throws -> (LetterDatabase, ManualWallClock) {
    let clock = ManualWallClock(start)
    return (try LetterDatabase(DatabaseQueue(), clock: clock), clock)
}

func sha(_ path: String) throws -> Data {
    // Byte-for-byte comparison is enough to show a file was not touched.
    try Data(contentsOf: URL(fileURLWithPath: path))
}
