import Foundation
import GRDB
import LetterCore
import LetterSchedule
@testable import LetterStore
import Testing

@Suite("Export and import")
struct ExportImportTests {
    static let whole = ExportDocument.Selection()
    static let rules = ScheduleRules(settings: ScheduleSettings(), timeZone: TimeZone(identifier: "Europe/Berlin")!)

    /// A store with two letters (one revised), a tag, a check-in and the prompts they made.
    func filledStore() async throws -> (LetterDatabase, ManualWallClock) {
        let (store, clock) = try makeStore()
        let rules = Self.rules
        let first = try await store.writeLetter(
            LetterDraft(text: "Dear me, 🌱 you did your best.", about: "the exam", warmth: 6), tags: ["exams"]
        ) { rules.promptsForNewLetter(writtenAt: $0) }
        clock.advance(by: 3_600)
        _ = try await store.writeLetter(LetterDraft(text: "שלום, את לא לבד. e\u{301}", about: "loneliness")) {
            rules.promptsForNewLetter(writtenAt: $0)
        }
        clock.advance(by: 86_400)
        _ = try await store.reviseLetter(id: first.id, LetterDraft(text: "Dear me, kinder now.")) { rules.promptsAfterRevision(at: $0) }
        _ = try await store.logCheckIn(CheckInDraft(intensity: 6, said: "you always fail", trigger: .fear, tags: ["work"]))
        return (store, clock)
    }

    func json(_ document: ExportDocument) throws -> String {
        var copy = document
        copy.exportedAt = Date(timeIntervalSince1970: 0)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return String(decoding: try encoder.encode(copy), as: UTF8.self)
    }

    @Test("a whole export imported into an empty store exports the same, ids included")
    func roundTrip() async throws {
        let (source, _) = try await filledStore()
        let exported = try await source.export(Self.whole, letterdVersion: "test")
        #expect(exported.letters.map(\.versions.count) == [2, 1])
        #expect(exported.checkIns.count == 1 && !exported.prompts.isEmpty)

        let (target, _) = try makeStore()
        let added = try await target.importDocument(try exported.validated())
        #expect(added.letters == 2 && added.checkIns == 1 && added.prompts == exported.prompts.count)
        let again = try await target.export(Self.whole, letterdVersion: "test")
        #expect(try json(again) == json(exported))
    }

    @Test("importing the same document twice adds nothing the second time")
    func idempotent() async throws {
        let (source, _) = try await filledStore()
        let exported = try await source.export(Self.whole, letterdVersion: "test")
        let (target, _) = try makeStore()
        _ = try await target.importDocument(exported)
        let counts = try await target.counts()
        #expect(try await target.importDocument(exported).isEmpty)
        #expect(try await source.importDocument(exported).isEmpty, "importing a store's own export adds nothing")
        #expect(try await target.counts() == counts)
    }

    @Test("a letter revised on both sides keeps both sides' versions, in the order written")
    func conflictKeepsBoth() async throws {
        let (here, clock) = try await filledStore()
        // The other machine's clock runs two minutes ahead: its edit is the later one.
        let (there, _) = try makeStore(at: clock.now().addingTimeInterval(120))
        _ = try await there.importDocument(try await here.export(Self.whole, letterdVersion: "test"))
        clock.advance(by: 60)
        _ = try await here.reviseLetter(id: 1, LetterDraft(text: "Written here."))
        _ = try await there.reviseLetter(id: 1, LetterDraft(text: "Written there."))

        let theirs = try await there.export(Self.whole, letterdVersion: "test")
        let added = try await here.importDocument(theirs)
        #expect(added.versionsAdded == 1 && added.letters == 0)
        let texts = try await here.versions(ofLetter: 1).map(\.text)
        #expect(texts == ["Dear me, 🌱 you did your best.", "Dear me, kinder now.", "Written here.", "Written there."])
        #expect(try await here.importDocument(theirs).isEmpty)
    }

    @Test("an id this store has used is not reused; references follow the new id")
    func usedIdsAreNotReused() async throws {
        let (source, _) = try await filledStore()
        let exported = try await source.export(Self.whole, letterdVersion: "test")
        let (target, _) = try makeStore(at: Date(timeIntervalSince1970: 1_900_000_000))
        let own = try await target.writeLetter(LetterDraft(text: "A letter of this store's own."))
        try await target.deleteLetter(id: own.id)  // id 1 is used, though free now
        _ = try await target.importDocument(exported)
        let letters = try await target.export(Self.whole, letterdVersion: "test").letters
        #expect(!letters.map(\.id).contains(1))
        let moved = try #require(letters.first { $0.versions[0].text.hasPrefix("Dear me") })
        let prompts = try await target.export(Self.whole, letterdVersion: "test").prompts
        #expect(prompts.contains { $0.letterId == moved.id })
        #expect(!prompts.contains { $0.letterId == 1 })
    }

    @Test("a failing record leaves the store as it was: one transaction")
    func allOrNothing() async throws {
        let (source, _) = try await filledStore()
        var exported = try await source.export(Self.whole, letterdVersion: "test")
        // Past validation (as if it were skipped): SQLite's own check refuses the second letter.
        exported.letters[1].versions[0].warmth = 42
        let (target, _) = try makeStore()
        await #expect(throws: (any Error).self) { try await target.importDocument(exported) }
        #expect(try await target.counts() == StoreCounts(letters: 0, versions: 0, checkIns: 0))
    }

    @Test("validation names the place of the first problem")
    func validationNamesThePlace() async throws {
        let (source, _) = try await filledStore()
        let good = try await source.export(Self.whole, letterdVersion: "test")
        var bad = good
        bad.letters[1].versions[0].warmth = 42
        #expect(throws: ImportRefusal.self) { try bad.validated() }
        do { _ = try bad.validated() } catch { #expect(error.field == "letters[1].versions[0].warmth") }
        bad = good
        bad.schemaVersion = ExportDocument.currentSchemaVersion + 1
        do { _ = try bad.validated() } catch { #expect(error.field == "schemaVersion" && error.reason.contains("newer letterd")) }
        bad = good
        bad.checkIns.append(bad.checkIns[0])
        do { _ = try bad.validated() } catch { #expect(error.field == "checkIns[1].id") }
        bad = good
        bad.letters[0].versions[1].number = 3
        do { _ = try bad.validated() } catch { #expect(error.field == "letters[0].versions[1].number") }
        #expect(try good.validated() == good, "what letterd exports passes unchanged")
    }

    @Test("a letter selection exports those letters and their prompts only")
    func selection() async throws {
        let (source, _) = try await filledStore()
        let part = try await source.export(ExportDocument.Selection(letters: [2], withCheckIns: false), letterdVersion: "test")
        #expect(part.letters.map(\.id) == [2])
        #expect(part.checkIns.isEmpty && part.prompts.allSatisfy { $0.letterId == 2 })
        await #expect(throws: StoreError.letterNotFound(9)) {
            _ = try await source.export(ExportDocument.Selection(letters: [1, 9]), letterdVersion: "test")
        }
    }
}
