import Foundation
import GRDB
import LetterCore

extension LetterDatabase {
    /// Full-text search over letters (latest versions) and check-ins, best match first.
    ///
    /// Every word of the query must appear (after stemming and folding of accents), in any order.
    /// Results are ranked by SQLite's bm25; in letters a match in the "about" line weighs twice
    /// a match in the text, tags one and a half times. Both tables' scores are merged into one
    /// list: bm25 values are on the same footing, though not strictly comparable across tables.
    public func search(_ query: String, limit: Int) async throws -> [SearchHit] {
        guard let pattern = FTS5Pattern(matchingAllTokensIn: query) else {
            throw InvalidInput("query", "has no words to search for")
        }
        return try await read { db in
            try Row.fetchAll(db, sql: """
                SELECT 'letter' AS kind, rowid AS id,
                       bm25(letterSearch, 2.0, 0.5, 1.0, 1.5) AS rank,
                       snippet(letterSearch, -1, '', '', '…', 16) AS snippet
                FROM letterSearch WHERE letterSearch MATCH :pattern
                UNION ALL
                SELECT 'checkIn', rowid,
                       bm25(criticCheckInSearch, 1.0, 1.0),
                       snippet(criticCheckInSearch, -1, '', '', '…', 16)
                FROM criticCheckInSearch WHERE criticCheckInSearch MATCH :pattern
                ORDER BY rank, id DESC
                LIMIT :limit
                """, arguments: ["pattern": pattern, "limit": limit])
            .map { row in
                SearchHit(
                    kind: SearchHit.Kind(rawValue: row["kind"]) ?? .letter, id: row["id"],
                    snippet: LetterSummary.excerpt(of: row["snippet"] ?? "", limit: 200), rank: row["rank"])
            }
        }
    }
}
