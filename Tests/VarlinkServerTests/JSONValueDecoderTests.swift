import Foundation
import VarlinkProtocol
import Testing

private enum Mood: String, Codable { case calm, tense }

private struct Nested: Codable, Equatable {
    var tags: [String]
    var mood: Mood?
    var inner: Inner
    var ids: [Int64]
    struct Inner: Codable, Equatable { var flag: Bool; var ratio: Double }
}

private func value(_ json: String) throws -> JSONValue {
    try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
}

@Suite("Decoding parameters from a parsed JSON value")
struct JSONValueDecoderTests {
    @Test("arrays, optional enums, nested objects and numbers come out as JSONDecoder would give them")
    func roundTrip() throws {
        let json = #"{"tags":["a","b"],"mood":"calm","inner":{"flag":true,"ratio":0.5},"ids":[1,9007199254740992]}"#
        let decoded = try JSONValueDecoder().decode(Nested.self, from: value(json))
        #expect(decoded == Nested(tags: ["a", "b"], mood: .calm, inner: .init(flag: true, ratio: 0.5), ids: [1, 9_007_199_254_740_992]))
        #expect(try JSONValueDecoder().decode(Nested.self, from: value(json)) == JSONDecoder().decode(Nested.self, from: Data(json.utf8)))
    }

    @Test("errors carry the exact path", arguments: [
        (#"{"tags":["a",3],"inner":{"flag":true,"ratio":1},"ids":[]}"#, "tags.1"),
        (#"{"tags":[],"mood":"angry","inner":{"flag":true,"ratio":1},"ids":[]}"#, "mood"),
        (#"{"tags":[],"inner":{"flag":1,"ratio":1},"ids":[]}"#, "inner.flag"),
        (#"{"tags":[],"inner":{"flag":true},"ids":[]}"#, "inner.ratio"),
        (#"{"tags":[],"inner":{"flag":true,"ratio":1},"ids":[1.5]}"#, "ids.0"),
        (#"{"tags":[],"inner":{"flag":true,"ratio":1},"ids":[9007199254740993e4]}"#, "ids.0"),
    ])
    func paths(json: String, path: String) throws {
        do {
            _ = try JSONValueDecoder().decode(Nested.self, from: value(json))
            Issue.record("decoded invalid input")
        } catch let error as DecodingError {
            let found: [any CodingKey]
            switch error {
            case let .keyNotFound(key, context): found = context.codingPath + [key]
            case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context): found = context.codingPath
            @unknown default: found = []
            }
            #expect(found.map(\.stringValue).joined(separator: ".") == path)
        }
    }
}

private struct Identifier: Codable { var id: Int64 }

@Suite("Numbers and times on the wire")
struct WireNumberTests {
    @Test("64-bit integers arrive exactly, beyond 2^53 too")
    func exactIntegers() throws {
        #expect(try JSONValueDecoder().decode(Identifier.self, from: value(#"{"id":9007199254740993}"#)).id == 9_007_199_254_740_993)
        #expect(try JSONValueDecoder().decode(Identifier.self, from: value(#"{"id":9223372036854775807}"#)).id == Int64.max)
        #expect(try JSONValueDecoder().decode(Identifier.self, from: value(#"{"id":5.0}"#)).id == 5)
        // Written with a fraction or exponent but exactly an integer: Foundation parses it exactly.
        #expect(try JSONValueDecoder().decode(Identifier.self, from: value(#"{"id":9007199254740993.0}"#)).id == 9_007_199_254_740_993)
    }

    @Test("numbers that cannot be an exact Int64 are refused", arguments: [
        "9223372036854775808", "1e19", "1.5", "-1e300",
    ])
    func refusedIntegers(number: String) throws {
        #expect(throws: DecodingError.self) {
            try JSONValueDecoder().decode(Identifier.self, from: value(#"{"id":"# + number + "}"))
        }
    }

    @Test("times go out in UTC with exactly the stored millisecond, even where binary doubles fall short")
    func timeFormat() throws {
        for millisecond in [0, 1, 123, 674, 675, 999] {
            let date = Date(timeIntervalSince1970: 1_800_000_000 + Double(millisecond) / 1000)
            let text = VarlinkJSON.format(date)
            #expect(text == "2027-01-15T08:00:00.\(String(format: "%03d", millisecond))Z")
            let parsed = try VarlinkJSON.decoder().decode([Date].self, from: Data("[\"\(text)\"]".utf8))[0]
            #expect(VarlinkJSON.format(parsed) == text, "a time read back prints the same")
        }
    }

    private struct Since: Codable, Equatable { var since: Date?; var times: [Date]? }

    @Test("times in parameters are read from ISO 8601 strings, with or without milliseconds; anything else names the field")
    func timesInParameters() throws {
        let decoded = try JSONValueDecoder().decode(
            Since.self, from: value(#"{"since":"2027-01-15T08:00:00.123Z","times":["2027-01-15T08:00:00Z"]}"#))
        #expect(decoded.since.map(VarlinkJSON.format) == "2027-01-15T08:00:00.123Z")
        #expect(decoded.times == [Date(timeIntervalSince1970: 1_800_000_000)])
        for bad in [#"{"since":"yesterday"}"#, #"{"since":1800000000}"#, #"{"since":"2027-13-40T99:00:00Z"}"#] {
            let error = #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(Since.self, from: value(bad)) }
            guard case let .dataCorrupted(context)? = error else {
                Issue.record("expected dataCorrupted for \(bad), got \(String(describing: error))")
                continue
            }
            #expect(context.codingPath.map(\.stringValue) == ["since"])
        }
    }
}
