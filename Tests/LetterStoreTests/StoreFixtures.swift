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

/// A database file as the first schema (v1) wrote it, with a row in every table: letter 7, with
/// two versions ("Old kind words", then "Newer kind words") and the tag "work", and one check-in.
func writeFirstSchemaStore(at path: String) throws {
    let queue = try DatabaseQueue(path: path)
    defer { try? queue.close() }
    try LetterDatabase.migrator.migrate(queue, upTo: "v1-letters-and-check-ins")
    try queue.write { db in
        try db.execute(sql: """
            INSERT INTO letter (id, createdAt) VALUES (7, '2026-01-02 03:04:05.000');
            INSERT INTO letterVersion (letterId, number, about, text, warmth, createdAt)
                VALUES (7, 1, 'the old job', 'Old kind words', 5, '2026-01-02 03:04:05.000'),
                       (7, 2, 'the old job', 'Newer kind words', NULL, '2026-01-03 03:04:05.000');
            INSERT INTO letterTag (letterId, tag) VALUES (7, 'work');
            INSERT INTO criticCheckIn (at, intensity, said, "trigger") VALUES ('2026-01-04 00:00:00.000', 8, 'never good enough', 'disappointment');
            """)
    }
}
