import Foundation
import GRDB
import LetterCore

extension LetterDatabase {
    /// How many matching rows of each kind a search ranks: the newest this many letters and
    /// this many check-ins. bm25 costs a few microseconds a row, so ranking every row that holds
    /// a common word took tens of milliseconds at 100k letters and 1M check-ins (`make bench`);
    /// a person's own store is far below this, and a second word narrows any search under it.
    public static let searchRankedMatches = 500

    /// Full-text search over letters (latest versions) and check-ins, best match first.
    ///
    /// Every word of the query must appear (after stemming and folding of accents), in any order.
    /// Results are ranked by SQLite's bm25; in letters a match in the "about" line weighs twice
    /// a match in the text, tags one and a half times. Both tables' scores are merged into one
    /// list: bm25 values are on the same footing, though not strictly comparable across tables.
    /// When more than `ranked` letters (or check-ins) match, only the newest `ranked` of them
    /// are ranked, and the results say so.
    public func search(_ query: String, limit: Int, ranked: Int = searchRankedMatches) async throws -> SearchResults {
        guard let pattern = FullTextQuery.allOf(query) else {
            throw InvalidInput("query", "has no words to search for")
        }
        return try await read { db in
            let letterFloor = try Self.newestMatchesFloor(db, table: "letterSearch", pattern: pattern, keeping: ranked)
            let checkInFloor = try Self.newestMatchesFloor(db, table: "criticCheckInSearch", pattern: pattern, keeping: ranked)
            // Ranked first, snippets after: snippet() costs a pass over each row's text, so it
            // is made only for the rows shown, not for every match (a common word in 100k
            // letters, or a long letter full of it, made a search take seconds; Tests/fuzz).
            let best = try Row.fetchAll(db, sql: """
                SELECT 'letter' AS kind, rowid AS id, bm25(letterSearch, 2.0, 0.5, 1.0, 1.5) AS rank
                FROM letterSearch WHERE letterSearch MATCH :pattern AND rowid >= :letterFloor
                UNION ALL
                SELECT 'checkIn', rowid, bm25(criticCheckInSearch, 1.0, 1.0)
                FROM criticCheckInSearch WHERE criticCheckInSearch MATCH :pattern AND rowid >= :checkInFloor
                ORDER BY rank, id DESC
                LIMIT :limit
                """, arguments: [
                    "pattern": pattern, "limit": limit,
                    "letterFloor": letterFloor ?? 0, "checkInFloor": checkInFloor ?? 0,
                ])
            let hits = try best.map { row in
                let kind = SearchHit.Kind(rawValue: row["kind"]) ?? .letter
                let id: Int64 = row["id"]
                let snippet = try Self.snippet(db, kind: kind, id: id, pattern: pattern)
                return SearchHit(kind: kind, id: id, snippet: LetterSummary.excerpt(of: snippet, limit: Self.snippetLimit), rank: row["rank"])
            }
            let narrowed = letterFloor != nil || checkInFloor != nil
            return SearchResults(hits: hits, rankedNewest: narrowed ? ranked : nil)
        }
    }

    /// The most of a hit's text a search shows, in characters.
    static let snippetLimit = 200

    /// A few words around the match. A check-in short enough to show whole is shown whole:
    /// snippet() seeks the word's match list once per row (~0.15 ms each for a word in 10k
    /// check-ins, `make bench`), and a check-in is seldom longer than a line or two.
    static func snippet(_ db: Database, kind: SearchHit.Kind, id: Int64, pattern: String) throws -> String {
        if kind == .checkIn, let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT said, about FROM criticCheckIn WHERE id = ?
            """), arguments: [id]) {
            let whole = [row["said"] as String?, row["about"] as String?].compactMap { $0 }.filter { !$0.isEmpty }
                .joined(separator: " — ")
            if whole.count <= snippetLimit { return whole }
        }
        let table = kind == .letter ? "letterSearch" : "criticCheckInSearch"
        // A cached statement: one of two, prepared once, not once a hit.
        return try String.fetchOne(db.cachedStatement(sql: """
            SELECT snippet(\(table), -1, '', '', '…', 16) FROM \(table) WHERE \(table) MATCH ? AND rowid = ?
            """), arguments: [pattern, id]) ?? ""
    }

    /// The rowid of the `count`-th newest row of a full-text `table` matching `pattern`, or nil
    /// when no more than `count` rows match. Rows below it are left out of a ranking: finding
    /// it walks the match list from its newest end, which is cheap; bm25 over every match is not.
    static func newestMatchesFloor(_ db: Database, table: String, pattern: String, keeping count: Int) throws -> Int64? {
        precondition(count > 0, "a ranking keeps at least one row")
        // One past the count: the floor applies only when something would be left out.
        let rowids = try Int64.fetchAll(db, sql: """
            SELECT rowid FROM \(table) WHERE \(table) MATCH ? ORDER BY rowid DESC LIMIT 2 OFFSET ?
            """, arguments: [pattern, count - 1])
        return rowids.count == 2 ? rowids[0] : nil
    }
}
