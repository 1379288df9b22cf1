import Foundation
import LetterCore
import LetterProtocol
import TestSupport
import Testing
import VarlinkProtocol

@Suite("Writing JSON without Foundation (letterctl's check-in)")
struct JSONWriterTests {
    @Test("writes what Foundation's encoder writes (sorted keys, slashes as they are), byte for byte")
    func agreesWithFoundation() throws {
        var random = RandomJSON(seed: 0x5752_4954)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for round in 0..<5_000 {
            let value = random.value()
            let ours = try JSONWriter.write(value)
            let theirs = Array(try encoder.encode(value))
            #expect(ours == theirs, "round \(round): \(String(decoding: ours, as: UTF8.self)) against \(String(decoding: theirs, as: UTF8.self))")
        }
    }

    @Test("what it writes reads back as the same value")
    func roundTrip() throws {
        var random = RandomJSON(seed: 0x5254)
        for _ in 0..<5_000 {
            let value = random.value()
            #expect(try JSONReader.parse(JSONWriter.write(value)) == value.afterRoundTrip)
        }
    }

    @Test("refuses numbers JSON cannot hold", arguments: [Double.nan, .infinity, -.infinity])
    func nonFinite(number: Double) {
        #expect(throws: JSONWriter.Failure.self) { try JSONWriter.write(.array([.number(number)])) }
    }

    @Test("a check-in's parameters, written field by field, are their Codable encoding")
    func checkInParameters() throws {
        var random = RandomJSON(seed: 0xC4EC)
        func maybe<T>(_ make: () -> T) -> T? { Bool.random(using: &random.random) ? make() : nil }
        for _ in 0..<2_000 {
            let parameters = LogCheckInParameters(
                intensity: Int.random(in: -5...15, using: &random.random),
                said: maybe { random.string() },
                trigger: maybe { CriticTrigger.allCases.randomElement(using: &random.random)! },
                about: maybe { random.string() },
                tags: maybe { (0..<Int.random(in: 0...3, using: &random.random)).map { _ in random.string() } },
                rereadNow: maybe { Bool.random(using: &random.random) })
            let codable = try JSONReader.parse(Array(JSONEncoder().encode(parameters)))
            #expect(parameters.json == codable)
            #expect(try JSONValueDecoder().decode(LogCheckInParameters.self, from: parameters.json) == parameters)
        }
    }

    @Test("list, search and due parameters, written field by field, are their Codable encoding")
    func queryParameters() throws {
        var random = RandomJSON(seed: 0x9E4D)
        func maybe<T>(_ make: () -> T) -> T? { Bool.random(using: &random.random) ? make() : nil }
        for _ in 0..<1_000 {
            let page = PageParameters(
                limit: maybe { Int.random(in: -2_000...2_000, using: &random.random) },
                before: maybe { Int64.random(in: .min ... .max, using: &random.random) })
            #expect(page.json == (try JSONReader.parse(Array(JSONEncoder().encode(page)))))
            #expect(try JSONValueDecoder().decode(PageParameters.self, from: page.json) == page)

            let search = SearchParameters(query: random.string(), limit: maybe { Int.random(in: -5...5_000, using: &random.random) })
            #expect(search.json == (try JSONReader.parse(Array(JSONEncoder().encode(search)))))
            #expect(try JSONValueDecoder().decode(SearchParameters.self, from: search.json) == search)

            let due = ListDueParameters(all: maybe { Bool.random(using: &random.random) })
            #expect(due.json == (try JSONReader.parse(Array(JSONEncoder().encode(due)))))
            #expect(try JSONValueDecoder().decode(ListDueParameters.self, from: due.json) == due)
        }
    }
}
