import Foundation
import LetterCore
@testable import LetterStore
import TestSupport
import Testing

@Suite("Restoring a backup")
struct RestoreTests {
    @Test("a backup from the first schema is brought up to this one before it replaces the store")
    func restoreOlderBackup() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let old = directory.path + "/old.sqlite3"
        try writeFirstSchemaStore(at: old)
        let offered = try sha(old)
        let store = try LetterDatabase.open(path: directory.path + "/letterd.sqlite3", clock: ManualWallClock(Date()))
        defer { try? store.close() }
        _ = try await store.writeLetter(LetterDraft(text: "Written before the restore"))

        let (restored, saved) = try await store.restore(from: old, savingCurrentTo: { directory.path + "/before.sqlite3" })

        #expect(restored.counts == StoreCounts(letters: 1, versions: 2, checkIns: 1))
        #expect(saved.counts == StoreCounts(letters: 1, versions: 1, checkIns: 0))
        #expect(try await store.letter(id: 7)?.text == "Newer kind words")
        #expect(try await store.versions(ofLetter: 7).map(\.text) == ["Old kind words", "Newer kind words"])
        // The counts come from the table migration v7 adds, and search from v2's index: both
        // exist only if the copy was upgraded.
        #expect(try await store.counts() == StoreCounts(letters: 1, versions: 2, checkIns: 1))
        #expect(try await store.search("work", limit: 5).hits.map(\.id) == [7])
        #expect(try await store.writeLetter(LetterDraft(text: "after")).id == 8)
        // The offered file is read, never written; the working copy is gone.
        #expect(try sha(old) == offered)
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/before.sqlite3.restoring"))
        #expect(store.closedQueues.withLock { $0.count } == 1, "the upgrade's GRDB queue is kept, closed")
    }

    @Test("a backup at this schema is restored without opening a GRDB queue")
    func restoreCurrentBackup() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try LetterDatabase.open(path: directory.path + "/letterd.sqlite3", clock: ManualWallClock(Date()))
        defer { try? store.close() }
        let kept = try await store.writeLetter(LetterDraft(text: "Kept in the backup"))
        _ = try await store.backup(to: { directory.path + "/backup.sqlite3" })
        _ = try await store.writeLetter(LetterDraft(text: "Written after the backup"))

        let (restored, saved) = try await store.restore(from: directory.path + "/backup.sqlite3", savingCurrentTo: { directory.path + "/before.sqlite3" })

        #expect(restored.counts.letters == 1)
        #expect(saved.counts.letters == 2)
        #expect(try await store.counts().letters == 1)
        #expect(try await store.letter(id: kept.id)?.text == "Kept in the backup")
        #expect(store.closedQueues.withLock { $0.count } == 0)
    }
}
