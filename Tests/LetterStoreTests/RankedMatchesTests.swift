import Foundation
import GRDB
import LetterCore
@testable import LetterStore
import TestSupport
import Testing

@Suite("Ranking full-text matches")
struct RankedMatchesTests {
    static let letterWeights = [2.0, 0.25, 1.0, 1.5]

    /// bm25() of every row of `table` matching `pattern`, by rowid.
    static func sqliteRanks(_ db: Database, table: String, pattern: String) throws -> [Int64: Double] {
        let weights = letterWeights.map { "\($0)" }.joined(separator: ", ")
        return Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: """
            SELECT rowid, bm25(\(table), \(weights)) AS rank FROM \(table) WHERE \(table) MATCH ?
            """, arguments: [pattern]).map { ($0["rowid"], $0["rank"]) })
    }

    static func expectSame(_ ours: RankedMatches, _ sqlite: [Int64: Double], _ label: String) {
        #expect(ours.ranks.count == sqlite.count, "\(label): every match ranked")
        for (id, rank) in ours.ranks {
            let expected = sqlite[id] ?? .nan
            #expect(abs(rank - expected) <= 1e-12 * abs(expected), "\(label), row \(id): \(rank) here, \(expected) from SQLite")
        }
        #expect(ours.ranks.map(\.rank) == ours.ranks.map(\.rank).sorted(), "\(label): best first")
    }

    @Test("with nothing left out, the ranks are SQLite's bm25(), for any-word and every-word queries")
    func sameAsBM25() async throws {
        let (store, _, _) = try await LetterCorpus.store()
        let queries = [
            FullTextQuery.anyOf(["deadline", "report", "mother"]), FullTextQuery.anyOf(["body"]),
            FullTextQuery.allOf("you are"), FullTextQuery.allOf("kind late"), FullTextQuery.anyOf(["kind", "late", "tired", "money"]),
        ].compactMap { $0 }
        let compared = try await store.writer.read { db in
            var compared = 0
            for query in queries {
                let ours = try RankedMatches(db, table: .letters, query: query, weights: Self.letterWeights, keeping: 10_000)
                #expect(!ours.leftOut)
                Self.expectSame(ours, try Self.sqliteRanks(db, table: "letterSearch", pattern: query.pattern), query.pattern)
                compared += ours.ranks.count
            }
            return compared
        }
        #expect(compared > 20, "the queries match enough rows to compare")
    }

    /// 40 letters of six tokens each, so that the average length over any stretch of them is the
    /// whole table's: "deadline" in every third, "office" in every fifth, both in every fifteenth.
    static func evenLetters(_ store: LetterDatabase) async throws {
        for number in 1...40 {
            let text = switch (number % 3, number % 5) {
            case (0, 0): "Letter \(number) deadline and the office"
            case (0, _): "Letter \(number) and the deadline again"
            case (_, 0): "Letter \(number) and the office again"
            default: "Letter \(number) and the quiet hours"
            }
            _ = try await store.writeLetter(LetterDraft(text: text))
        }
    }

    @Test("with older matches left out, the ranks are bm25() over the letters since the oldest one ranked",
          arguments: [("any", FullTextQuery.anyOf(["deadline", "office"])!), ("every", FullTextQuery.allOf("the deadline")!)])
    func window(label: String, query: FullTextQuery) async throws {
        let (store, _) = try makeStore()
        try await Self.evenLetters(store)
        try await store.writer.write { db in
            let ours = try RankedMatches(db, table: .letters, query: query, weights: Self.letterWeights, keeping: 4)
            #expect(ours.leftOut)
            #expect(ours.ranks.count == 4)
            // The same letters in a table of their own: bm25() counts over all of it.
            let oldest = try #require(ours.ranks.map(\.id).min())
            try db.execute(sql: """
                CREATE VIRTUAL TABLE stretch USING fts5(about, perspective, text, tags, tokenize = 'porter unicode61 remove_diacritics 2');
                INSERT INTO stretch (rowid, about, perspective, text, tags)
                    SELECT rowid, about, perspective, text, tags FROM letterSearch WHERE rowid >= ?;
                """, arguments: [oldest])
            let sqlite = try Self.sqliteRanks(db, table: "stretch", pattern: query.pattern)
            #expect(sqlite.count == 4, "the stretch holds the four newest matches and letters without the words")
            Self.expectSame(ours, sqlite, label)
            // Counted over the whole table, the words would weigh otherwise.
            let whole = try Self.sqliteRanks(db, table: "letterSearch", pattern: query.pattern)
            #expect(ours.ranks.contains { abs($0.rank - whole[$0.id]!) > 1e-6 })
        }
    }

    @Test("a letter deleted inside the stretch still counts there, as a letter without the words")
    func deletedInsideStretch() async throws {
        let (store, _) = try makeStore()
        try await Self.evenLetters(store)
        // Letter 37 has neither word and falls among the four newest matches (33, 36, 39, 40).
        try await store.deleteLetter(id: 37)
        let query = try #require(FullTextQuery.anyOf(["deadline", "office"]))
        try await store.writer.write { db in
            let ours = try RankedMatches(db, table: .letters, query: query, weights: Self.letterWeights, keeping: 4)
            #expect(ours.leftOut)
            let oldest = try #require(ours.ranks.map(\.id).min())
            #expect(oldest < 37)
            // The stretch as it was written: letter 37 back in it, six words like the others.
            try db.execute(sql: """
                CREATE VIRTUAL TABLE stretch USING fts5(about, perspective, text, tags, tokenize = 'porter unicode61 remove_diacritics 2');
                INSERT INTO stretch (rowid, about, perspective, text, tags)
                    SELECT rowid, about, perspective, text, tags FROM letterSearch WHERE rowid >= ?;
                INSERT INTO stretch (rowid, text) VALUES (37, 'Letter 37 and the quiet hours');
                """, arguments: [oldest])
            Self.expectSame(ours, try Self.sqliteRanks(db, table: "stretch", pattern: query.pattern), "deleted")
        }
    }

    @Test("a row's statistics: the table's size, the row's length, each phrase's weighted and plain counts")
    func statistics() throws {
        let queue = try DatabaseQueue()
        try queue.inDatabase { db in
            try MatchStats.register(in: db)
            try db.execute(sql: """
                CREATE VIRTUAL TABLE t USING fts5(a, b);
                INSERT INTO t (rowid, a, b) VALUES (1, 'calm calm sea', 'sea'), (2, 'storm', 'calm'), (3, 'quiet harbour light', '');
                """)
            // The row's length comes from FTS5's table of lengths, as RankedMatches reads it.
            let stats = try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: """
                SELECT t.rowid, letterd_match_stats(t, 2.0, 1.0) AS stats, lengths.sz
                FROM t JOIN t_docsize AS lengths ON lengths.id = t.rowid WHERE t MATCH 'calm OR light'
                """).map { row in
                    let sizes: Data = row["sz"]
                    let length = try #require(sizes.withUnsafeBytes { RowLength.tokens(in: $0, columns: 2) })
                    let blob: Data = row["stats"]
                    let stats = blob.withUnsafeBytes { MatchStats(bytes: $0, phrases: 2, rowTokens: length) }
                    return (row["rowid"] as Int64, try #require(stats))
                })
            #expect(stats[1] == MatchStats(tableRows: 3, tableTokens: 9, rowTokens: 4, frequencies: [4, 0], occurrences: [2, 0]))
            #expect(stats[2] == MatchStats(tableRows: 3, tableTokens: 9, rowTokens: 2, frequencies: [1, 0], occurrences: [1, 0]))
            #expect(stats[3] == MatchStats(tableRows: 3, tableTokens: 9, rowTokens: 3, frequencies: [0, 2], occurrences: [0, 1]))
            #expect(Data(count: 8).withUnsafeBytes { MatchStats(bytes: $0, phrases: 2, rowTokens: 1) } == nil,
                    "a blob of another shape is refused")

            // bm25 by hand for row 1: rows average 3 tokens; "calm" is in 5 of 50 rows.
            let rarity = log((50 - 5 + 0.5) / (5 + 0.5))
            let expected = -rarity * 4 * 2.2 / (4 + 1.2 * (0.25 + 0.75 * 4 / 3))
            #expect(abs(BM25.score(stats[1]!, wordWeights: [rarity, 1]) - expected) < 1e-12)
            #expect(BM25.wordWeight(rows: 10, matches: 8) == 1e-6, "a word in most rows weighs next to nothing")

            #expect {
                try Row.fetchAll(db, sql: "SELECT letterd_match_stats(t, 2.0) FROM t WHERE t MATCH 'calm'")
            } throws: { error in
                "\(error)".contains("wants one weight for each of the 2 columns")
            }
        }
    }

    @Test("a row's length read from FTS5's table of lengths is the number of words in it, short rows and long")
    func rowLengths() throws {
        let queue = try DatabaseQueue()
        try queue.inDatabase { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE t USING fts5(a, b, c)")
            // Lengths around each varint's byte boundaries (127/128, 16383/16384).
            let lengths = [(0, 1, 2), (127, 128, 0), (300, 5, 16_384), (16_383, 0, 1)]
            for (rowid, (a, b, c)) in lengths.enumerated() {
                func words(_ count: Int) -> String { Array(repeating: "calm", count: count).joined(separator: " ") }
                try db.execute(sql: "INSERT INTO t (rowid, a, b, c) VALUES (?, ?, ?, ?)", arguments: [rowid + 1, words(a), words(b), words(c)])
            }
            for (rowid, (a, b, c)) in lengths.enumerated() {
                let sizes = try #require(try Data.fetchOne(db, sql: "SELECT sz FROM t_docsize WHERE id = ?", arguments: [rowid + 1]))
                #expect(sizes.withUnsafeBytes { RowLength.tokens(in: $0, columns: 3) } == Double(a + b + c), "row \(rowid + 1)")
                #expect(sizes.withUnsafeBytes { RowLength.tokens(in: $0, columns: 2) } == nil, "more varints than columns")
            }
        }
        func tokens(_ bytes: [UInt8], columns: Int = 4) -> Double? { bytes.withUnsafeBytes { RowLength.tokens(in: $0, columns: columns) } }
        #expect(tokens([0x81, 0x00, 0x05]) == Double(128 + 5))
        #expect(tokens([0x81]) == nil, "a varint cut short")
        #expect(tokens([]) == 0)
        let nine: [UInt8] = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]
        let read = nine.withUnsafeBytes { RowLength.varint($0, at: 0) }
        #expect(read?.value == UInt64.max - 254 && read?.length == 9, "a ninth byte counts all eight of its bits")
    }

    @Test("a store opened from a file ranks on every connection of its pool")
    func pooledConnections() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try LetterDatabase.open(path: directory.path + "/letterd.sqlite3", clock: ManualWallClock(Date()))
        for number in 1...4 {
            _ = try await store.writeLetter(LetterDraft(text: "Letter \(number), and the deadline."))
            _ = try await store.logCheckIn(CheckInDraft(intensity: 5, said: "the deadline, \(number)"))
        }
        // A search reads on one of the pool's reader connections.
        let found = try await store.search("deadline", limit: 10, ranked: 2)
        #expect(found.rankedNewest == 2)
        #expect(found.hits.count == 4)
        #expect(found.hits.allSatisfy { $0.rank < 0 }, "every hit scored, better than no match")
        // A check-in chooses its letter on the writer's connection.
        let ranks = try await store.writer.write { db in
            try LetterDatabase.fullTextRanks(db, words: ["deadline"], ranked: 2)
        }
        #expect(ranks.count == 2)
        try store.close()
    }
}
