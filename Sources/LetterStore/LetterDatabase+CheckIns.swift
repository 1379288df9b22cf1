import Foundation
import GRDB
import LetterCore

extension LetterDatabase {
    /// Records a moment when the critic was loud, stamped with the clock's time.
    public func logCheckIn(_ draft: CheckInDraft) async throws -> CriticCheckIn {
        let now = clock.now().roundedToMilliseconds
        return try await write { db in
            var row = CheckInRow(
                id: nil, at: now, intensity: draft.intensity, said: draft.said,
                trigger: draft.trigger?.rawValue, about: draft.about)
            try row.insert(db)
            return row.checkIn
        }
    }

    /// Check-ins, newest first, `limit` at a time; pass the last id seen as `before` for the next page.
    public func checkIns(limit: Int, before: Int64? = nil) async throws -> [CriticCheckIn] {
        try await read { db in
            var request = CheckInRow.order(Column("id").desc).limit(limit)
            if let before { request = request.filter(Column("id") < before) }
            return try request.fetchAll(db).map(\.checkIn)
        }
    }
}
