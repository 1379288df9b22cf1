import Foundation
import GRDB
import GRDBSQLite

/// A full-text index of the store.
enum FullTextTable: String {
    /// Letters, one row per letter holding its latest version (rowid = `letter.id`).
    case letters = "letterSearch"
    /// Check-ins (rowid = `criticCheckIn.id`).
    case checkIns = "criticCheckInSearch"

    var name: String { rawValue }

    /// FTS5's own table of row lengths, one short row per indexed row under the same rowid
    /// (the `%_docsize` table of the FTS5 documentation; ``RowLength`` reads its `sz` blobs).
    var rowSizes: String { "\(rawValue)_docsize" }
}

/// The rows of one full-text table matching a query, ranked by bm25 (lower is better).
///
/// When more than `keeping` rows match, only the newest `keeping` are ranked: scoring every
/// match of a common word took tens of milliseconds at 100k letters and 1M check-ins
/// (`make bench`), and a person's own store is far below the count. A word's weight is then how
/// rare it is among the rows since the oldest one ranked, so the weights are bm25's own over
/// that stretch of the table; with nothing left out they are bm25's own, and so are the ranks.
///
/// One statement walks the matches from the newest, stopping one past `keeping`, and reads each
/// row's statistics (``MatchStats``). When any one phrase makes a row match, those rows also
/// say how many rows hold each phrase; otherwise each phrase is counted, over the same stretch.
struct RankedMatches {
    /// Every match ranked, with its rank, best first (ties: newest first).
    let ranks: [(id: Int64, rank: Double)]
    /// Whether older matches were left out.
    let leftOut: Bool

    init(_ db: Database, table: FullTextTable, query: FullTextQuery, weights: [Double], keeping count: Int) throws {
        precondition(count > 0, "a ranking keeps at least one row")
        let weightList = weights.map { "\($0)" }.joined(separator: ", ")
        let phrases = query.phrases.count
        // Each row's id and blobs read where SQLite holds them: copying every row into a `Row`
        // and its blob into a `Data` was a tenth of a search's time (`make bench`, twice).
        var matches: [(id: Int64, stats: MatchStats)] = []
        matches.reserveCapacity(count + 1)
        let statement = try db.cachedStatement(sql: """
            SELECT m.rowid, \(MatchStats.functionName)(\(table.name), \(weightList)), lengths.sz
            FROM \(table.name) AS m LEFT JOIN \(table.rowSizes) AS lengths ON lengths.id = m.rowid
            WHERE m.\(table.name) MATCH ? ORDER BY m.rowid DESC LIMIT ?
            """)
        try statement.setArguments([query.pattern, count + 1])
        let ids = try Int64.fetchCursor(statement)
        while let id = try ids.next() {
            let raw = statement.sqliteStatement
            func blob(_ column: Int32) -> UnsafeRawBufferPointer {
                UnsafeRawBufferPointer(start: sqlite3_column_blob(raw, column), count: Int(sqlite3_column_bytes(raw, column)))
            }
            // FTS5 itself calls a missing length a damaged index.
            guard sqlite3_column_type(raw, 2) == SQLITE_BLOB, let length = RowLength.tokens(in: blob(2), columns: weights.count) else {
                throw DatabaseError(resultCode: .SQLITE_CORRUPT_VTAB, message: "\(table.rowSizes) has no length for row \(id)")
            }
            guard let stats = MatchStats(bytes: blob(1), phrases: phrases, rowTokens: length) else {
                throw DatabaseError(resultCode: .SQLITE_MISMATCH, message: "\(MatchStats.functionName) returned an unexpected value")
            }
            matches.append((id, stats))
        }
        let leftOut = matches.count > count
        self.leftOut = leftOut
        if leftOut { matches.removeLast() }
        guard let oldest = matches.last else {
            ranks = []
            return
        }

        let rows = leftOut ? try Self.rows(db, table: table, since: oldest.id) : oldest.stats.tableRows
        let holding: [Double]
        if query.matchesEachPhrase {
            holding = (0..<phrases).map { phrase in Double(matches.count { $0.stats.occurrences[phrase] > 0 }) }
        } else {
            holding = try query.phrases.map { phrase in
                Double(try Int64.fetchOne(db, sql: """
                    SELECT count(*) FROM \(table.name) WHERE \(table.name) MATCH ? AND rowid >= ?
                    """, arguments: [phrase, leftOut ? oldest.id : Int64.min]) ?? 0)
            }
        }
        let wordWeights = holding.map { BM25.wordWeight(rows: rows, matches: $0) }
        ranks = matches
            .map { (id: $0.id, rank: BM25.score($0.stats, wordWeights: wordWeights)) }
            .sorted { ($0.rank, -$0.id) < ($1.rank, -$1.id) }
    }

    /// Rows of the table from `rowid` to the newest, counted by their rowids' span: rows are
    /// numbered in the order they were written, so without deletions this is the count, and a
    /// deleted row counts as a row without the words. Counting them one by one walked every row
    /// of the stretch: a fifth of a search's time for a common word (45k of 1M check-ins,
    /// `make bench`), where the newest rowid is one lookup.
    static func rows(_ db: Database, table: FullTextTable, since rowid: Int64) throws -> Double {
        let newest = try Int64.fetchOne(db, sql: "SELECT max(rowid) FROM \(table.rowSizes)") ?? rowid
        return Double(max(newest - rowid + 1, 1))
    }
}
