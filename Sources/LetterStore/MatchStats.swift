import Foundation
import GRDB
import GRDBSQLite

/// What FTS5 knows about one row matching a query, for ranking it outside SQL (see
/// ``RankedMatches``): how often each phrase of the query occurs in the row, its length, and the
/// table's size.
///
/// SQLite's own `bm25()` weighs each word by how rare it is in the whole table: before the first
/// row is scored, it walks the word's entire match list to count the rows holding it. For a
/// common word at 100k letters that walk cost about 1 ms a ranking (`make bench`), even when
/// only the newest 200 matches were ranked. The statistics here are the ones bm25 reads per row;
/// the counting is left to the caller, which can do it over the rows it ranks.
///
/// In SQL: `letterd_match_stats(table, w₁ … wₙ)`, one weight per column as for `bm25()`,
/// returns a blob of doubles that ``init(bytes:phrases:rowTokens:)`` reads: everything but the
/// row's length, which the caller reads from FTS5's table of row lengths (``RowLength``) in the
/// same statement. Asking FTS5 for it (`xColumnSize`) ran a statement of its own for each row,
/// a third of a search's time for a common word (`make bench`); a join reads it for a tenth of that.
struct MatchStats: Equatable {
    /// Rows in the whole table.
    var tableRows: Double
    /// Tokens in the whole table, all columns.
    var tableTokens: Double
    /// Tokens in this row, all columns.
    var rowTokens: Double
    /// Per phrase, in the query's order: its occurrences in the row, each weighted by its column.
    var frequencies: [Double]
    /// Per phrase: its occurrences in the row, unweighted (zero when the row lacks it).
    var occurrences: [Double]

    static let functionName = "letterd_match_stats"

    init(tableRows: Double, tableTokens: Double, rowTokens: Double, frequencies: [Double], occurrences: [Double]) {
        (self.tableRows, self.tableTokens, self.rowTokens) = (tableRows, tableTokens, rowTokens)
        (self.frequencies, self.occurrences) = (frequencies, occurrences)
    }

    /// Reads the function's blob where SQLite holds it, for a row `rowTokens` long; nil when it
    /// is not one for `phrases` phrases.
    init?(bytes raw: UnsafeRawBufferPointer, phrases: Int, rowTokens: Double) {
        guard phrases >= 0, raw.count == (2 + 2 * phrases) * MemoryLayout<Double>.size else { return nil }
        func value(_ index: Int) -> Double { raw.loadUnaligned(fromByteOffset: index * MemoryLayout<Double>.size, as: Double.self) }
        (tableRows, tableTokens, self.rowTokens) = (value(0), value(1), rowTokens)
        frequencies = (0..<phrases).map { value(2 + $0) }
        occurrences = (0..<phrases).map { value(2 + phrases + $0) }
    }

    /// Adds the function to a connection. Every connection that ranks needs it.
    static func register(in db: Database) throws {
        let api = FTS5.api(db)
        guard let create = api.pointee.xCreateFunction else {
            throw DatabaseError(resultCode: .SQLITE_ERROR, message: "FTS5 offers no way to add a function")
        }
        let code = create(UnsafeMutablePointer(mutating: api), functionName, nil, matchStats, nil)
        guard code == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "could not add \(functionName) to FTS5")
        }
    }
}

/// SQLite copies the blob before the function returns (GRDB spells it the same way).
private let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

/// The C entry point FTS5 calls for each row. Errors become the statement's error, as with
/// `bm25()`.
private let matchStats: fts5_extension_function = { api, fts, context, count, values in
    guard let api = api?.pointee, let values,
          let columnCount = api.xColumnCount, let phraseCount = api.xPhraseCount,
          let instCount = api.xInstCount, let inst = api.xInst
    else {
        sqlite3_result_error(context, "\(MatchStats.functionName): FTS5 did not offer its API", -1)
        return
    }
    let columns = Int(columnCount(fts))
    let phrases = Int(phraseCount(fts))
    guard Int(count) == columns else {
        sqlite3_result_error(context, "\(MatchStats.functionName): wants one weight for each of the \(columns) columns", -1)
        return
    }
    var instances: Int32 = 0
    var (totals, code) = tableTotals(api, fts)
    if code == SQLITE_OK { code = instCount(fts, &instances) }
    guard code == SQLITE_OK else {
        sqlite3_result_error_code(context, code)
        return
    }
    withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 + 2 * phrases) { out in
        out.initialize(repeating: 0)
        (out[0], out[1]) = (totals.rows, totals.tokens)
        for index in 0..<instances {
            var (phrase, column, offset): (Int32, Int32, Int32) = (0, 0, 0)
            code = inst(fts, index, &phrase, &column, &offset)
            guard code == SQLITE_OK else { break }
            guard phrase >= 0, Int(phrase) < phrases, column >= 0, Int(column) < columns else { continue }
            out[2 + Int(phrase)] += sqlite3_value_double(values[Int(column)])
            out[2 + phrases + Int(phrase)] += 1
        }
        guard code == SQLITE_OK else {
            sqlite3_result_error_code(context, code)
            return
        }
        sqlite3_result_blob(context, out.baseAddress, Int32(out.count * MemoryLayout<Double>.size), transient)
    }
}

/// The table's row and token counts, read once per query and kept in the query's auxiliary
/// data, as FTS5's own `bm25()` does. FTS5 reads them afresh from the index on every
/// `xRowCount` and `xColumnTotalSize` call, which made two index reads for each row ranked.
private func tableTotals(_ api: Fts5ExtensionApi, _ fts: OpaquePointer?) -> (totals: (rows: Double, tokens: Double), code: Int32) {
    guard let getAux = api.xGetAuxdata, let setAux = api.xSetAuxdata,
          let rowCount = api.xRowCount, let totalSize = api.xColumnTotalSize
    else { return ((0, 0), SQLITE_ERROR) }
    if let kept = getAux(fts, 0) {
        let values = kept.assumingMemoryBound(to: Double.self)
        return ((values[0], values[1]), SQLITE_OK)
    }
    var rows: sqlite3_int64 = 0
    var tokens: sqlite3_int64 = 0
    var code = rowCount(fts, &rows)
    if code == SQLITE_OK { code = totalSize(fts, -1, &tokens) }
    guard code == SQLITE_OK else { return ((0, 0), code) }
    let totals = (rows: Double(rows), tokens: Double(tokens))
    // Kept when memory allows; otherwise the next row reads the totals again. (A failing
    // xSetAuxdata frees `memory` itself.)
    if let memory = sqlite3_malloc(Int32(2 * MemoryLayout<Double>.size)) {
        let values = memory.assumingMemoryBound(to: Double.self)
        (values[0], values[1]) = totals
        _ = setAux(fts, memory, sqlite3_free)
    }
    return (totals, SQLITE_OK)
}
