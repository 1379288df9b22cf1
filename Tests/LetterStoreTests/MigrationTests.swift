import Foundation
import GRDB
import LetterCore
@testable import LetterStore
import TestSupport
import Testing

@Suite("Schema migrations")
struct MigrationTests {
    @Test("the migrations are the ones that shipped, in order")
    func knownMigrations() {
        #expect(LetterDatabase.knownMigrations == [
            "v1-letters-and-check-ins", "v2-full-text-search", "v3-rereads-and-prompts", "v4-critic-readings-and-invitations",
            "v5-letter-feeling", "v6-prompt-by-kind", "v7-row-counts", "v8-help-notes",
            "v9-reread-measures",
        ])
    }

    @Test("a database at the first schema upgrades with its data intact and searchable")
    func upgradeFromV1() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/old.sqlite3"
        // Given a database written by the first schema, with data in every table,
        try writeFirstSchemaStore(at: path)
        // when the program opens it,
        let store = try LetterDatabase.open(path: path, clock: ManualWallClock(Date()))
        defer { try? store.close() }
        // then nothing is lost, and search covers what was there before search existed.
        let letter = try #require(try await store.letter(id: 7))
        #expect(letter.text == "Newer kind words")
        #expect(letter.version == 2)
        #expect(letter.tags == ["work"])
        #expect(try await store.versions(ofLetter: 7).map(\.text) == ["Old kind words", "Newer kind words"])
        #expect(try await store.search("newer", limit: 5).hits.map(\.id) == [7])
        #expect(try await store.search("old", limit: 5).hits.map(\.id) == [7], "the about line is indexed")
        #expect(try await store.search("work", limit: 5).hits.map(\.id) == [7], "tags are indexed")
        #expect(try await store.search("enough", limit: 5).hits.map(\.kind) == [.checkIn])
        #expect(try await store.counts() == StoreCounts(letters: 1, versions: 2, checkIns: 1))
        // New letters continue after the old ids.
        #expect(try await store.writeLetter(LetterDraft(text: "new")).id == 8)
    }
}
