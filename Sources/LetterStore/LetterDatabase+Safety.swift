import Foundation
import GRDB
import LetterCore

/// The store's part in what follows the help note (LetterCore's `Safety`): when it was last
/// given, so that the calm after it outlasts a restart.
extension LetterDatabase {
    /// Notes that the help note was given now (for a letter, a reread or answers; a check-in's
    /// is noted with it, by ``logCheckIn(_:offer:invite:crisis:calmUntil:)``).
    public func recordHelpNote() async throws {
        let now = clock.now().roundedToMilliseconds
        try await write { db in try Self.insertHelpNote(db, at: now, checkInId: nil) }
    }

    static func insertHelpNote(_ db: Database, at date: Date, checkInId: Int64?) throws {
        try db.execute(sql: "INSERT INTO helpNote (at, checkInId) VALUES (?, ?)", arguments: [date.stored, checkInId])
    }

    static func fetchLastHelpNoteAt(_ db: Database) throws -> Date? {
        try Date.fetchOne(db, sql: "SELECT at FROM helpNote ORDER BY id DESC LIMIT 1")
    }
}
