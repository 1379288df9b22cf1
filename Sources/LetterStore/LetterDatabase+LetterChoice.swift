import Foundation
import GRDB
import LetterCore

extension LetterDatabase {
    /// How many letters the full-text index offers for a check-in, best match first; the rest
    /// are too far from it to be chosen over these.
    static let matchingCandidates = 20
    /// Letters that do not match at all, newest first, still considered (one may be the only
    /// letter there is, or the one that has helped most).
    static let otherCandidates = 20

    /// The letters that might answer a check-in with these theme words: those the full-text
    /// index matches on any word (ranked by bm25; a match in "about" weighs twice one in the
    /// text, tags one and a half), and some that do not match, with how their rereads landed.
    static func letterCandidates(_ db: Database, themeWords: [String]) throws -> [LetterCandidate] {
        var ranks: [Int64: Double] = [:]
        if let pattern = FTS5Pattern(matchingAnyTokenIn: themeWords.joined(separator: " ")) {
            for row in try Row.fetchAll(db, sql: """
                SELECT rowid AS id, bm25(letterSearch, 2.0, 0.25, 1.0, 1.5) AS rank
                FROM letterSearch WHERE letterSearch MATCH ? ORDER BY rank LIMIT ?
                """, arguments: [pattern, matchingCandidates]) {
                ranks[row["id"]] = row["rank"]
            }
        }
        let matched = Array(ranks.keys)
        let others = try Int64.fetchAll(db, sql: """
            SELECT id FROM letter WHERE id NOT IN \(placeholders(matched.count)) ORDER BY id DESC LIMIT ?
            """, arguments: StatementArguments(matched) + [otherCandidates])
        let ids = matched + others
        guard !ids.isEmpty else { return [] }

        let tags = try Self.tags(db, letterIds: ids)
        var ratings: [Int64: [ReadingRating]] = [:]
        var lastRead: [Int64: Date] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT letterId, at, rating FROM reread WHERE letterId IN \(placeholders(ids.count)) ORDER BY at DESC, id DESC
            """, arguments: StatementArguments(ids)) {
            let letterId: Int64 = row["letterId"]
            if lastRead[letterId] == nil { lastRead[letterId] = row["at"] }
            if let rating = (row["rating"] as String?).flatMap(ReadingRating.init(rawValue:)) {
                ratings[letterId, default: []].append(rating)
            }
        }
        return try Row.fetchAll(db, sql: """
            SELECT v.letterId, v.about, substr(v.text, 1, 4000) AS textStart
            FROM letterVersion v
            WHERE v.letterId IN \(placeholders(ids.count))
              AND v.number = (SELECT max(number) FROM letterVersion WHERE letterId = v.letterId)
            """, arguments: StatementArguments(ids)
        ).map { row in
            let id: Int64 = row["letterId"]
            return LetterCandidate(
                letterId: id, about: row["about"], tags: tags[id] ?? [], textStart: row["textStart"],
                rank: ranks[id], ratings: ratings[id] ?? [], lastReadAt: lastRead[id])
        }
    }
}
