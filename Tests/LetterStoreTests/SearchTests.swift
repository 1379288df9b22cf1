import Foundation
import GRDB
import LetterCore
@testable import LetterStore
import Testing

@Suite("Full-text search over letters and check-ins")
struct SearchTests {
    @Test("a letter about the words outranks one that mentions them in passing")
    func rankingPrefersAbout() async throws {
        let (store, _) = try makeStore()
        let passing = try await store.writeLetter(LetterDraft(
            text: "A long letter about my sister and the holidays, family dinners, old photographs, "
                + "and many other things; somewhere in here a deadline is mentioned once."))
        let focused = try await store.writeLetter(LetterDraft(
            text: "Missing the deadline does not make you a failure. Deadlines slip for everyone.",
            about: "missing the project deadline"))
        let hits = try await store.search("deadline", limit: 10).hits
        #expect(hits.map(\.id) == [focused.id, passing.id])
        #expect(hits.allSatisfy { $0.kind == .letter })
        #expect(hits[0].rank < hits[1].rank, "bm25: lower is better")
    }

    @Test("every word must match, in any form: stemming and accents are folded")
    func tokens() async throws {
        let (store, _) = try makeStore()
        let letter = try await store.writeLetter(LetterDraft(text: "Worrying about deadlines at the café"))
        #expect(try await store.search("deadline", limit: 5).hits.map(\.id) == [letter.id])
        #expect(try await store.search("worried", limit: 5).hits.map(\.id) == [letter.id])
        #expect(try await store.search("cafe", limit: 5).hits.map(\.id) == [letter.id])
        #expect(try await store.search("deadline holiday", limit: 5).hits.isEmpty)
    }

    @Test("search sees the latest version only")
    func latestVersion() async throws {
        let (store, _) = try makeStore()
        let letter = try await store.writeLetter(LetterDraft(text: "harsh words"))
        _ = try await store.reviseLetter(id: letter.id, LetterDraft(text: "gentle words"))
        #expect(try await store.search("harsh", limit: 5).hits.isEmpty)
        #expect(try await store.search("gentle", limit: 5).hits.map(\.id) == [letter.id])
    }

    @Test("tags and check-ins are searched too")
    func tagsAndCheckIns() async throws {
        let (store, _) = try makeStore()
        let letter = try await store.writeLetter(LetterDraft(text: "Dear me"), tags: ["gardening"])
        let checkIn = try await store.logCheckIn(CheckInDraft(intensity: 6, said: "a useless parent", about: "bedtime")).checkIn
        #expect(try await store.search("garden", limit: 5).hits.map(\.id) == [letter.id])
        let hits = try await store.search("bedtime", limit: 5).hits
        #expect(hits.map(\.kind) == [.checkIn])
        #expect(hits.first?.id == checkIn.id)
        #expect(hits.first?.snippet == "a useless parent — bedtime", "a short check-in is shown whole")

        // A long one is cut around the match, which lies past what an excerpt would show.
        let long = String(repeating: "always the same old story, ", count: 12) + "and then the lighthouse keeper"
        _ = try await store.logCheckIn(CheckInDraft(intensity: 4, said: long))
        let snippet = try #require(try await store.search("lighthouse", limit: 5).hits.first?.snippet)
        #expect(snippet.contains("lighthouse"))
        #expect(snippet.count < long.count)
    }

    @Test("each hit's snippet is its own row's, for letters, short check-ins and long ones alike")
    func snippetsPerHit() async throws {
        let (store, _) = try makeStore()
        let names = ["amber", "birch", "cedar", "dune", "elm", "fern"]
        var expected: [String: String] = [:]
        for (index, name) in names.enumerated() {
            let filler = String(repeating: "the same old story again, ", count: 10)
            switch index % 3 {
            case 0:
                let letter = try await store.writeLetter(LetterDraft(text: "\(filler) The \(name) lighthouse keeper waved."))
                expected["letter \(letter.id)"] = name
            case 1:
                let checkIn = try await store.logCheckIn(CheckInDraft(intensity: 4, said: "\(filler) then the \(name) lighthouse")).checkIn
                expected["checkIn \(checkIn.id)"] = name
            default:
                let checkIn = try await store.logCheckIn(CheckInDraft(intensity: 4, said: "the \(name) lighthouse")).checkIn
                expected["checkIn \(checkIn.id)"] = name
            }
        }
        let hits = try await store.search("lighthouse", limit: 10).hits
        #expect(hits.count == names.count)
        for hit in hits {
            let name = try #require(expected["\(hit.kind) \(hit.id)"])
            #expect(hit.snippet.contains("\(name) lighthouse"), "\(hit.kind) \(hit.id): \(hit.snippet)")
            #expect(hit.snippet.count <= LetterDatabase.snippetLimit)
        }
    }

    @Test("FTS syntax in a query is searched as words, never parsed as a query", arguments: [
        "\"unbalanced", "AND OR NOT", "dead*", "a:b", "(x", "NEAR(a b)", "^start", "'; DROP TABLE letter; --",
    ])
    func hostileQueries(query: String) async throws {
        let (store, _) = try makeStore()
        _ = try await store.writeLetter(LetterDraft(text: "a b x start dead drop table letter"))
        _ = try await store.search(query, limit: 5).hits
        #expect(try await store.counts().letters == 1)
    }

    @Test("a query with no words is refused, naming the query")
    func emptyQuery() async throws {
        let (store, _) = try makeStore()
        await #expect(throws: InvalidInput.self) { try await store.search("  ", limit: 5).hits }
        await #expect(throws: InvalidInput.self) { try await store.search("!!!", limit: 5).hits }
    }

    @Test("the limit holds")
    func limit() async throws {
        let (store, _) = try makeStore()
        for _ in 1...5 { _ = try await store.logCheckIn(CheckInDraft(intensity: 5, said: "same words")) }
        #expect(try await store.search("words", limit: 3).hits.count == 3)
    }

    @Test("when more rows match than a search ranks, the newest are ranked, and the results say so")
    func rankedNewest() async throws {
        let (store, _) = try makeStore()
        // The oldest letter is the best match: the word is its "about" line as well.
        let oldest = try await store.writeLetter(LetterDraft(text: "The deadline again.", about: "the deadline"))
        var newer: [Int64] = []
        for number in 1...4 {
            newer.append(try await store.writeLetter(LetterDraft(text: "Letter \(number), where a deadline comes up once.")).id)
        }
        let all = try await store.search("deadline", limit: 10, ranked: 5)
        #expect(all.rankedNewest == nil, "five match and five are ranked: nothing is left out")
        #expect(all.hits.first?.id == oldest.id)
        #expect(all.hits.count == 5)

        let newest = try await store.search("deadline", limit: 10, ranked: 3)
        #expect(newest.rankedNewest == 3)
        #expect(Set(newest.hits.map(\.id)) == Set(newer.suffix(3)), "the three newest letters, and only they")

        // Letters and check-ins are each held to the newest `ranked` of their own kind.
        var checkIns: [Int64] = []
        for _ in 1...3 {
            checkIns.append(try await store.logCheckIn(CheckInDraft(intensity: 5, said: "the deadline, again")).checkIn.id)
        }
        let both = try await store.search("deadline", limit: 10, ranked: 2)
        #expect(both.rankedNewest == 2)
        #expect(both.hits.filter { $0.kind == .letter }.map(\.id).sorted() == Array(newer.suffix(2)))
        #expect(both.hits.filter { $0.kind == .checkIn }.map(\.id).sorted() == Array(checkIns.suffix(2)))
    }
}
