import Foundation
import GRDB
import LetterCore
@testable import LetterStore
import TestSupport
import Testing

/// The letters a check-in's words match are kept only while the letters stay as they are:
/// after every kind of change, what the cache gives must be what a fresh search gives.
@Suite("Letters matched by check-ins, kept between them")
struct LetterMatchCacheTests {
    /// The candidates for `words` (trigger "fear") through the cache, and found afresh in the
    /// same transaction; and the ranks, by letter.
    static func cachedAndFresh(_ store: LetterDatabase, _ words: [String]) async throws -> (cached: [LetterCandidate], fresh: [LetterCandidate], ranks: [Int64: Double]) {
        let cache = store.matchCache
        let (cached, fresh) = try await store.write { db in
            (try LetterDatabase.letterCandidates(db, themeWords: words, related: ["fear"], cache: cache),
             try LetterDatabase.letterCandidates(db, themeWords: words, related: ["fear"]))
        }
        return (cached, fresh, Dictionary(uniqueKeysWithValues: cached.compactMap { c in c.rank.map { (c.letterId, $0) } }))
    }

    /// Letters so that "deadline" is rare enough to rank (bm25 gives nothing to a word in every row).
    static func storeWithLetters() async throws -> (LetterDatabase, Letter) {
        let (store, _) = try makeStore()
        let deadline = try await store.writeLetter(LetterDraft(text: "The deadline came and went.", about: "work"))
        for _ in 1...4 { _ = try await store.writeLetter(LetterDraft(text: "A walk by the sea.")) }
        return (store, deadline)
    }

    @Test("letters are found once and reused while none changes; their rereads are read each time")
    func reused() async throws {
        let (store, deadline) = try await Self.storeWithLetters()
        let first = try await Self.cachedAndFresh(store, ["deadline"])
        #expect(first.cached == first.fresh)
        #expect(first.ranks[deadline.id] != nil)
        #expect(store.matchCache.count == 1)
        _ = try await store.logCheckIn(try CheckInDraft(intensity: 5, said: "you missed the deadline"))
        let again = try await Self.cachedAndFresh(store, ["deadline"])
        #expect(again.cached == first.cached, "a check-in changes no letter")
        #expect(store.matchCache.count >= 2, "the check-in's own words were kept too")

        try await store.write { db in
            try db.execute(sql: """
                INSERT INTO reread (letterId, version, at, rating) VALUES (?, 1, '2027-01-01 00:00:00.000', 'helpedALot')
                """, arguments: [deadline.id])
        }
        let reread = try await Self.cachedAndFresh(store, ["deadline"])
        #expect(reread.cached == reread.fresh)
        #expect(reread.cached.first { $0.letterId == deadline.id }?.ratings == [.helpedALot], "a new reread counts at once")
        #expect(store.matchCache.count >= 2, "a reread changes no letter")
    }

    @Test("a new letter, a new version, a tag and a deletion each make the letters be found afresh")
    func forgottenOnEveryLetterChange() async throws {
        let (store, deadline) = try await Self.storeWithLetters()
        _ = try await Self.cachedAndFresh(store, ["deadline"])
        #expect(store.matchCache.count == 1)

        let newer = try await store.writeLetter(LetterDraft(text: "Another deadline, and another.", about: "deadline"))
        var now = try await Self.cachedAndFresh(store, ["deadline"])
        #expect(now.cached == now.fresh)
        #expect(now.ranks[newer.id] != nil, "the new letter is ranked")

        _ = try await store.reviseLetter(id: deadline.id, LetterDraft(text: "It came and went; I am still here."))
        now = try await Self.cachedAndFresh(store, ["deadline"])
        #expect(now.cached == now.fresh)
        #expect(now.ranks[deadline.id] == nil, "the revised letter no longer says the word")

        try await store.write { db in
            try db.execute(sql: "INSERT INTO letterTag (letterId, tag) VALUES (?, 'deadline')", arguments: [deadline.id])
        }
        now = try await Self.cachedAndFresh(store, ["deadline"])
        #expect(now.cached == now.fresh)
        #expect(now.ranks[deadline.id] != nil, "the tag matches")

        try await store.deleteLetter(id: newer.id)
        now = try await Self.cachedAndFresh(store, ["deadline"])
        #expect(now.cached == now.fresh)
        #expect(!now.cached.contains { $0.letterId == newer.id }, "a deleted letter is not a candidate")
    }

    @Test("letters found after a change that is rolled back are forgotten")
    func forgottenOnRollback() async throws {
        let (store, _) = try await Self.storeWithLetters()
        struct Undo: Error {}
        let cache = store.matchCache
        await #expect(throws: Undo.self) {
            try await store.write { db in
                try db.execute(sql: "INSERT INTO letter (id, createdAt) VALUES (99, '2026-01-01 00:00:00.000')")
                try db.execute(sql: """
                    INSERT INTO letterVersion (letterId, number, text, createdAt)
                    VALUES (99, 1, 'deadline deadline deadline', '2026-01-01 00:00:00.000')
                    """)
                let inside = try LetterDatabase.letterCandidates(db, themeWords: ["deadline"], related: ["fear"], cache: cache)
                #expect(inside.first { $0.letterId == 99 }?.rank != nil)
                throw Undo()
            }
        }
        let after = try await Self.cachedAndFresh(store, ["deadline"])
        #expect(after.cached == after.fresh)
        #expect(!after.cached.contains { $0.letterId == 99 }, "the letter that never was is not a candidate")
    }

    @Test("a commit by another connection to the file makes the letters be found afresh")
    func forgottenWhenAnotherConnectionWrites() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/letterd.sqlite3"
        let store = try LetterDatabase.open(path: path, clock: ManualWallClock(Date(timeIntervalSince1970: 1_800_000_000)))
        let deadline = try await store.writeLetter(LetterDraft(text: "The deadline came and went."))
        for _ in 1...4 { _ = try await store.writeLetter(LetterDraft(text: "A walk by the sea.")) }
        #expect(try await Self.cachedAndFresh(store, ["deadline"]).ranks[deadline.id] != nil)

        let other = try DatabaseQueue(path: path)
        try await other.write { db in
            // Straight into the index: nothing this connection's observer could see.
            try db.execute(sql: "DELETE FROM letterSearch WHERE rowid = ?", arguments: [deadline.id])
        }
        try other.close()
        let after = try await Self.cachedAndFresh(store, ["deadline"])
        #expect(after.cached == after.fresh)
        #expect(after.ranks[deadline.id] == nil)
        try store.close()
    }
}
