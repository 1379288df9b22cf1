import Foundation
import GRDB
import LetterCore
@testable import LetterStore
import Testing

@Suite("Letters and their versions")
struct LetterVersionTests {
    @Test("a new letter is version 1, stamped with the clock's time, tags sorted")
    func writeLetter() async throws {
        let (store, clock) = try makeStore()
        let letter = try await store.writeLetter(
            LetterDraft(text: "Dear me", about: "the exam", perspective: "a wise friend", warmth: 6), tags: ["school", "Exams"])
        #expect(letter.version == 1)
        #expect(letter.createdAt == clock.now())
        #expect(letter.updatedAt == clock.now())
        #expect(letter.tags == ["exams", "school"])
        #expect(try await store.letter(id: letter.id) == letter)
    }

    @Test("an edit adds a version and leaves the earlier one exactly as it was")
    func reviseKeepsEveryVersion() async throws {
        let (store, clock) = try makeStore()
        let first = try await store.writeLetter(LetterDraft(text: "First words", about: "the exam", warmth: 4))
        clock.advance(by: 86_400)
        let second = try await store.reviseLetter(id: first.id, LetterDraft(text: "Kinder words"))
        #expect(second.version == 2)
        #expect(second.text == "Kinder words")
        #expect(second.about == "the exam", "about carries over when the edit leaves it out")
        #expect(second.warmth == nil, "warmth belongs to the writing of each version")
        #expect(second.createdAt == first.createdAt)
        #expect(second.updatedAt == clock.now())

        let versions = try await store.versions(ofLetter: first.id)
        #expect(versions.map(\.number) == [1, 2])
        #expect(versions[0].text == "First words")
        #expect(versions[0].warmth == 4)
        #expect(versions[0].createdAt == first.createdAt)
    }

    @Test("the feeling named with a letter is kept, carries over to a new version, and can change")
    func feeling() async throws {
        let (store, _) = try makeStore()
        let first = try await store.writeLetter(LetterDraft(text: "Dear me", about: "the exam", feeling: "  ashamed, tired "))
        #expect(first.feeling == "ashamed, tired")
        let second = try await store.reviseLetter(id: first.id, LetterDraft(text: "Dear me, gently"))
        #expect(second.feeling == "ashamed, tired")
        let third = try await store.reviseLetter(id: first.id, LetterDraft(text: "Dear me, gently.", feeling: "calmer"))
        #expect(third.feeling == "calmer")
        #expect(try await store.versions(ofLetter: first.id).map(\.feeling) == ["ashamed, tired", "ashamed, tired", "calmer"])
        #expect(throws: InvalidInput.self) { try LetterDraft(text: "x", feeling: String(repeating: "a", count: 501)) }
    }

    @Test("revising a letter that does not exist says so")
    func reviseMissing() async throws {
        let (store, _) = try makeStore()
        await #expect(throws: StoreError.letterNotFound(42)) {
            try await store.reviseLetter(id: 42, LetterDraft(text: "x"))
        }
    }

    @Test("the schema itself refuses to change or delete a version")
    func versionsAreImmutableInTheSchema() async throws {
        let (store, _) = try makeStore()
        let letter = try await store.writeLetter(LetterDraft(text: "Original"))
        #expect(throws: DatabaseError.self) {
            try store.writer.write { db in
                try db.execute(sql: "UPDATE letterVersion SET text = 'overwritten' WHERE letterId = ?", arguments: [letter.id])
            }
        }
        #expect(throws: DatabaseError.self) {
            try store.writer.write { db in
                try db.execute(sql: "DELETE FROM letterVersion WHERE letterId = ?", arguments: [letter.id])
            }
        }
        #expect(try await store.letter(id: letter.id)?.text == "Original")
    }

    @Test("deleting a letter removes it, its versions, tags and search entry; its id is never reused")
    func deleteLetter() async throws {
        let (store, _) = try makeStore()
        let letter = try await store.writeLetter(LetterDraft(text: "Gentle words about deadlines"), tags: ["work"])
        _ = try await store.reviseLetter(id: letter.id, LetterDraft(text: "Gentler words about deadlines"))
        try await store.deleteLetter(id: letter.id)
        #expect(try await store.letter(id: letter.id) == nil)
        #expect(try await store.versions(ofLetter: letter.id).isEmpty)
        #expect(try await store.search("deadlines", limit: 10).hits.isEmpty)
        #expect(try await store.counts() == StoreCounts(letters: 0, versions: 0, checkIns: 0))
        let tagCount = try await store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM letterTag") }
        #expect(tagCount == 0)
        let next = try await store.writeLetter(LetterDraft(text: "Another"))
        #expect(next.id > letter.id)
        await #expect(throws: StoreError.letterNotFound(letter.id)) { try await store.deleteLetter(id: letter.id) }
    }

    @Test("letters list newest first, a page at a time")
    func listPages() async throws {
        let (store, clock) = try makeStore()
        for number in 1...5 {
            clock.advance(by: 60)
            _ = try await store.writeLetter(LetterDraft(text: "Letter \(number)\n\nwith   more text"), tags: number == 3 ? ["b", "a"] : [])
        }
        let firstPage = try await store.letters(limit: 2)
        #expect(firstPage.map(\.excerpt) == ["Letter 5 with more text", "Letter 4 with more text"])
        let secondPage = try await store.letters(limit: 2, before: firstPage.last!.id)
        #expect(secondPage.map(\.excerpt) == ["Letter 3 with more text", "Letter 2 with more text"])
        #expect(secondPage[0].tags == ["a", "b"])
        #expect(try await store.letters(limit: 10, before: secondPage.last!.id).count == 1)
    }

    @Test("counts follow every change")
    func counts() async throws {
        let (store, _) = try makeStore()
        let letter = try await store.writeLetter(LetterDraft(text: "one"))
        _ = try await store.reviseLetter(id: letter.id, LetterDraft(text: "two"))
        _ = try await store.logCheckIn(CheckInDraft(intensity: 3)).checkIn
        #expect(try await store.counts() == StoreCounts(letters: 1, versions: 2, checkIns: 1))
        // The counts are kept by triggers: a deleted letter takes its versions with it (ON
        // DELETE CASCADE), and the kept counts agree with a walk of every table.
        let second = try await store.writeLetter(LetterDraft(text: "three"))
        _ = try await store.reviseLetter(id: second.id, LetterDraft(text: "four"))
        try await store.deleteLetter(id: letter.id)
        #expect(try await store.counts() == StoreCounts(letters: 1, versions: 2, checkIns: 1))
        let walked = try await store.read { db in
            StoreCounts(
                letters: try Int.fetchOne(db, sql: "SELECT count(*) FROM letter")!,
                versions: try Int.fetchOne(db, sql: "SELECT count(*) FROM letterVersion")!,
                checkIns: try Int.fetchOne(db, sql: "SELECT count(*) FROM criticCheckIn")!)
        }
        #expect(try await store.counts() == walked)
    }
}

@Suite("Critic check-ins")
struct CheckInStoreTests {
    @Test("a check-in is stored with the clock's time and read back newest first")
    func logAndList() async throws {
        let (store, clock) = try makeStore()
        let first = try await store.logCheckIn(CheckInDraft(intensity: 7, said: "you always mess up", trigger: .fear, about: "the talk")).checkIn
        #expect(first.at == clock.now())
        #expect(first.trigger == .fear)
        clock.advance(by: 30)
        let second = try await store.logCheckIn(CheckInDraft(intensity: 2)).checkIn
        #expect(second.said == nil && second.trigger == nil && second.about == nil)
        let listed = try await store.checkIns(limit: 10)
        #expect(listed == [second, first])
        #expect(try await store.checkIns(limit: 10, before: second.id) == [first])
    }

    @Test("the time in a write's reply is the time stored, to the millisecond")
    func replyTimeIsStoredTime() async throws {
        let (store, clock) = try makeStore(at: Date(timeIntervalSince1970: 1_800_000_000.67549))
        let checkIn = try await store.logCheckIn(CheckInDraft(intensity: 4)).checkIn
        #expect(checkIn.at == Date(timeIntervalSince1970: 1_800_000_000.675))
        #expect(try await store.checkIns(limit: 1).first?.at == checkIn.at)
        clock.advance(by: 0.0004)
        let letter = try await store.writeLetter(LetterDraft(text: "x"))
        #expect(try await store.letter(id: letter.id)?.createdAt == letter.createdAt)
    }

    @Test("the schema refuses out-of-range intensities and unknown triggers even past the domain")
    func schemaChecks() async throws {
        let (store, _) = try makeStore()
        #expect(throws: DatabaseError.self) {
            try store.writer.write { db in
                try db.execute(sql: "INSERT INTO criticCheckIn (at, intensity) VALUES ('2026-01-01 00:00:00.000', 11)")
            }
        }
        #expect(throws: DatabaseError.self) {
            try store.writer.write { db in
                try db.execute(sql: "INSERT INTO criticCheckIn (at, intensity, \"trigger\") VALUES ('2026-01-01 00:00:00.000', 5, 'boredom')")
            }
        }
    }
}
