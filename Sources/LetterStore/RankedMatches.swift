import Foundation
import GRDB

/// A full-text index of the store.
enum FullTextTable: String {
    /// Letters, one row per letter holding its latest version (rowid = `letter.id`).
    case letters = "letterSearch"
    /// Check-ins (rowid = `criticCheckIn.id`).
    case checkIns = "criticCheckInSearch"

    var name: String { rawValue }

    /// FTS5's own table of row lengths, one short row per indexed row under the same rowid
    /// (the `%_docsize` table of the FTS5 documentation). Counting its rowids reads far less
    /// than counting the indexed table's: 0.3 ms against 1.1 ms for the newest 45k of 1M
    /// check-ins (`make bench` data).
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
        // A cursor, each blob read where SQLite holds it: copying every row into a `Row` and
        // its blob into a `Data` was a tenth of a search's time (`make bench`).
        var matches: [(id: Int64, stats: MatchStats)] = []
        matches.reserveCapacity(count + 1)
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT rowid, \(MatchStats.functionName)(\(table.name), \(weightList))
            FROM \(table.name) WHERE \(table.name) MATCH ? ORDER BY rowid DESC LIMIT ?
            """, arguments: [query.pattern, count + 1])
        while let row = try cursor.next() {
            let stats = try row.withUnsafeData(atIndex: 1) { blob in blob.flatMap { MatchStats(blob: $0, phrases: phrases) } }
            guard let stats else {
                throw DatabaseError(resultCode: .SQLITE_MISMATCH, message: "\(MatchStats.functionName) returned an unexpected value")
            }
            matches.append((row[0], stats))
        }
        let leftOut = matches.count > count
        self.leftOut = leftOut
        if leftOut { matches.removeLast() }
        guard let oldest = matches.last else {
            ranks = []
            return
        }

        let rows = leftOut
            ? Double(try Int64.fetchOne(db, sql: "SELECT count(*) FROM \(table.rowSizes) WHERE rowid >= ?", arguments: [oldest.id]) ?? 0)
            : oldest.stats.tableRows
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
}
