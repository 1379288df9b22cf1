import Foundation

/// Okapi BM25 as SQLite's FTS5 computes it in `bm25()` (fts5_aux.c): the same k1 and b, the same
/// column weights, the same floor on the weight of a word found in most rows. Kept here so a
/// ranking can count how rare a word is over the rows it ranks (``RankedMatches``), not only
/// over the whole table.
enum BM25 {
    static let k1 = 1.2
    static let b = 0.75
    /// The least weight a word has: its rarity weight is negative once it is in more than half
    /// the rows, and FTS5 raises it to this.
    static let leastWordWeight = 1e-6

    /// A word's weight by how rare it is: `matches` of `rows` rows hold it.
    static func wordWeight(rows: Double, matches: Double) -> Double {
        let idf = log((rows - matches + 0.5) / (matches + 0.5))
        return idf > 0 ? idf : leastWordWeight
    }

    /// A row's score from its statistics and each phrase's word weight. Lower is a better
    /// match, as with `bm25()`; the average row length is the whole table's.
    static func score(_ row: MatchStats, wordWeights: [Double]) -> Double {
        let averageLength = row.tableTokens / row.tableRows
        var sum = 0.0
        for (frequency, weight) in zip(row.frequencies, wordWeights) {
            sum += weight * (frequency * (k1 + 1)) / (frequency + k1 * (1 - b + b * row.rowTokens / averageLength))
        }
        return -sum
    }
}
