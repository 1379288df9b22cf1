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
    /// Results are ranked by bm25, as SQLite computes it; in letters a match in the "about" line weighs twice
    /// a match in the text, tags one and a half times. Both tables' scores are merged into one
    /// list: bm25 values are on the same footing, though not strictly comparable across tables.
    /// When more than `ranked` letters (or check-ins) match, only the newest `ranked` of them
    /// are ranked, each word weighed by how rare it is among the rows since the oldest of them
    /// (``RankedMatches``), and the results say so.
    public func search(_ query: String, limit: Int, ranked: Int = searchRankedMatches) async throws -> SearchResults {
        guard let query = FullTextQuery.allOf(query) else {
            throw InvalidInput("query", "has no words to search for")
        }
        return try await read { db in
            let letters = try RankedMatches(db, table: .letters, query: query, weights: [2.0, 0.5, 1.0, 1.5], keeping: ranked)
            let checkIns = try RankedMatches(db, table: .checkIns, query: query, weights: [1.0, 1.0], keeping: ranked)
            // Ranked first, snippets after: snippet() costs a pass over each row's text, so it
            // is made only for the rows shown, not for every match (a common word in 100k
            // letters, or a long letter full of it, made a search take seconds; Tests/fuzz).
            let best = (letters.ranks.map { (kind: SearchHit.Kind.letter, id: $0.id, rank: $0.rank) }
                + checkIns.ranks.map { (kind: SearchHit.Kind.checkIn, id: $0.id, rank: $0.rank) })
                .sorted { ($0.rank, -$0.id) < ($1.rank, -$1.id) }
                .prefix(limit)
            let snippets: [SearchHit.Kind: [Int64: String]] = [
                .letter: try Self.snippets(db, table: .letters, ids: best.filter { $0.kind == .letter }.map(\.id), pattern: query.pattern),
                .checkIn: try Self.snippets(db, checkIns: best.filter { $0.kind == .checkIn }.map(\.id), pattern: query.pattern),
            ]
            let hits = best.map { best in
                let snippet = snippets[best.kind]?[best.id] ?? ""
                return SearchHit(kind: best.kind, id: best.id, snippet: LetterSummary.excerpt(of: snippet, limit: Self.snippetLimit), rank: best.rank)
            }
            let narrowed = letters.leftOut || checkIns.leftOut
            return SearchResults(hits: hits, rankedNewest: narrowed ? ranked : nil)
        }
    }

    /// The most of a hit's text a search shows, in characters.
    static let snippetLimit = 200

    /// Each of these check-ins, whole when it is short enough to show whole (a check-in is seldom
    /// longer than a line or two), else a few words around the match.
    static func snippets(_ db: Database, checkIns ids: [Int64], pattern: String) throws -> [Int64: String] {
        guard !ids.isEmpty else { return [:] }
        var snippets: [Int64: String] = [:]
        var long: [Int64] = []
        for row in try Row.fetchAll(db, sql: """
            SELECT id, said, about FROM criticCheckIn WHERE id IN \(placeholders(ids.count))
            """, arguments: StatementArguments(ids)) {
            let whole = [row["said"] as String?, row["about"] as String?].compactMap { $0 }.filter { !$0.isEmpty }
                .joined(separator: " — ")
            if whole.count <= snippetLimit {
                snippets[row["id"]] = whole
            } else {
                long.append(row["id"])
            }
        }
        return snippets.merging(try Self.snippets(db, table: .checkIns, ids: long, pattern: pattern)) { $1 }
    }

    /// A few words around the match in each of these rows, by snippet(), in one statement. A statement per row would
    /// set up the query per row, seeking into the word's match list each time (0.11 ms a row for
    /// a word in 18k letters, `make bench`); one statement walks the matches once, from the oldest
    /// row wanted, and makes a snippet only for the rows wanted. (The `+` keeps SQLite from
    /// handing the IN list to FTS5, which would set the query up again for each rowid in it.)
    static func snippets(_ db: Database, table: FullTextTable, ids: [Int64], pattern: String) throws -> [Int64: String] {
        guard let oldest = ids.min() else { return [:] }
        return Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: """
            SELECT rowid, snippet(\(table.name), -1, '', '', '…', 16) AS snippet FROM \(table.name)
            WHERE \(table.name) MATCH ? AND rowid >= ? AND +rowid IN \(placeholders(ids.count))
            """, arguments: [pattern, oldest] + StatementArguments(ids)
        ).map { ($0["rowid"], $0["snippet"] ?? "") })
    }
}
