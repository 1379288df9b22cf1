import Foundation
import TestSupport
import Testing
import VarlinkProtocol

/// JSON as Foundation reads it into a JSONValue: the reference the reader is held to.
private func foundationReading(_ bytes: [UInt8]) -> JSONValue? {
    try? JSONDecoder().decode(JSONValue.self, from: Data(bytes))
}

@Suite("Reading JSON without Foundation (letterctl's replies)")
struct JSONReaderTests {
    @Test("reads what Foundation's encoder writes, compact and pretty, as Foundation reads it")
    func agreesWithFoundationOnItsOwnText() throws {
        var random = RandomJSON(seed: 0x4A53_4F4E)
        for round in 0..<2_000 {
            let value = random.value()
            let encoder = JSONEncoder()
            encoder.outputFormatting = round.isMultiple(of: 2) ? [.sortedKeys] : [.prettyPrinted]
            let text = Array(try encoder.encode(value))
            let read = try JSONReader.parse(text)
            #expect(read.afterRoundTrip == value.afterRoundTrip, "round \(round): \(String(decoding: text, as: UTF8.self))")
            #expect(read.afterRoundTrip == foundationReading(text)?.afterRoundTrip)
        }
    }

    @Test("takes and refuses the same texts as Foundation, with the same values, over 20,000 damaged texts")
    func agreesWithFoundationOnDamagedText() throws {
        var random = RandomJSON(seed: 0xDA_4A6E)
        let alphabet = Array(#"{}[]:,"\-+.eE0123456789 tfnrulsaxu/\#n"#.utf8) + [0x00, 0x01, 0x80, 0xC3, 0xA9, 0xFF, 0xED, 0xA0]
        var accepted = 0
        for round in 0..<20_000 {
            var text = Array(try JSONEncoder().encode(random.value()))
            for _ in 0..<Int.random(in: 1...3, using: &random.random) {
                let at = Int.random(in: 0...text.count, using: &random.random)
                switch Int.random(in: 0..<3, using: &random.random) {
                case 0 where at < text.count: text.remove(at: at)
                case 1 where at < text.count: text[at] = alphabet.randomElement(using: &random.random)!
                default: text.insert(alphabet.randomElement(using: &random.random)!, at: at)
                }
            }
            let ours = try? JSONReader.parse(text)
            if ours != nil { accepted += 1 }
            // Foundation is lenient in two ways the reader is not, and the Varlink framing
            // never needs: it reads a NUL byte as whitespace (NUL ends a Varlink message), and
            // it takes a trailing comma ("[1,]").
            if text.contains(0) || hasTrailingComma(text) { continue }
            #expect(ours?.numbersAsDoubles == foundationReading(text)?.numbersAsDoubles, "round \(round): \(text)")
        }
        // The damage must leave a fair share readable, or the comparison says little.
        #expect(accepted > 1_000)
    }

    @Test("escapes, surrogate pairs and non-ASCII text")
    func strings() throws {
        #expect(try JSONReader.parse(Array(#""a\"b\\c\/d\b\f\n\r\t\u0041\u00e9\u65e5\ud83d\udc9b""#.utf8))
            == .string("a\"b\\c/d\u{8}\u{c}\n\r\tAé日💛"))
        #expect(try JSONReader.parse(Array("\"日本 💛\"".utf8)) == .string("日本 💛"))
    }

    @Test("numbers: exact 64-bit integers, everything else a Double")
    func numbers() throws {
        #expect(try JSONReader.parse(Array("9223372036854775807".utf8)) == .integer(.max))
        #expect(try JSONReader.parse(Array("-9223372036854775808".utf8)) == .integer(.min))
        #expect(try JSONReader.parse(Array("9223372036854775808".utf8)) == .number(9_223_372_036_854_775_808))
        #expect(try JSONReader.parse(Array("-0".utf8)) == .integer(0))
        #expect(try JSONReader.parse(Array("2.5".utf8)) == .number(2.5))
        #expect(try JSONReader.parse(Array("1E3".utf8)) == .number(1000))
        #expect(try JSONReader.parse(Array("1e-2".utf8)) == .number(0.01))
    }

    @Test("refuses what is not JSON, saying where", arguments: [
        ("", 0), (" ", 1), ("[1,]", 3), (#"{"a":1,}"#, 7), ("01", 1), ("1.", 2), (".5", 0), ("+1", 0), ("tru", 0),
        (#""abc"#, 4), (#""\x""#, 2), (#""\ud800""#, 7), (#""\udc00""#, 7), (#""\ud800\u0041""#, 13),
        ("[1] 2", 4), ("1e400", 0), ("-", 1), ("{1:2}", 1), (#"{"a" 1}"#, 5), ("[1 2]", 3), ("nul", 0),
    ])
    func refusals(text: String, offset: Int) {
        #expect(throws: JSONReader.Failure.self) { try JSONReader.parse(Array(text.utf8)) }
        do {
            _ = try JSONReader.parse(Array(text.utf8))
        } catch {
            #expect(error.offset == offset, "\(text): \(error)")
        }
    }

    @Test("refuses raw control characters and invalid UTF-8 inside strings")
    func badStringBytes() {
        for bytes: [UInt8] in [[0x22, 0x61, 0x0A, 0x22], [0x22, 0x00, 0x22], [0x22, 0xFF, 0x22], [0x22, 0xC3, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22]] {
            #expect(throws: JSONReader.Failure.self, "\(bytes)") { try JSONReader.parse(bytes) }
        }
    }

    @Test("nesting is limited, so hostile input cannot exhaust the stack")
    func depth() throws {
        let limit = JSONReader.maximumDepth
        let deepest = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        #expect(throws: Never.self) { try JSONReader.parse(Array(deepest.utf8)) }
        let tooDeep = String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)
        #expect(throws: JSONReader.Failure.self) { try JSONReader.parse(Array(tooDeep.utf8)) }
        let hostile = String(repeating: "[", count: 1_000_000)
        #expect(throws: JSONReader.Failure.self) { try JSONReader.parse(Array(hostile.utf8)) }
    }

    @Test("a repeated key keeps its first value, as Foundation's reader does")
    func repeatedKey() throws {
        #expect(try JSONReader.parse(Array(#"{"a":1,"a":2}"#.utf8)) == .object(["a": .integer(1)]))
    }

    @Test("a NUL byte and a trailing comma are not JSON, though Foundation's reader takes them")
    func foundationsLeniency() {
        for text: [UInt8] in [[0x30, 0x00], [0x00, 0x39], Array("[null,]".utf8), Array(#"{"a":1,}"#.utf8)] {
            #expect(throws: JSONReader.Failure.self, "\(text)") { try JSONReader.parse(text) }
        }
    }
}

/// A ',' followed, after any whitespace, by ']' or '}' (inside a string or not: a damaged text
/// that merely might hold one is left out of the comparison).
private func hasTrailingComma(_ text: [UInt8]) -> Bool {
    let whitespace: Set<UInt8> = [0x20, 0x0A, 0x0D, 0x09]
    for (index, byte) in text.enumerated() where byte == UInt8(ascii: ",") {
        if let next = text[(index + 1)...].first(where: { !whitespace.contains($0) }),
           next == UInt8(ascii: "]") || next == UInt8(ascii: "}") {
            return true
        }
    }
    return false
}

extension JSONValue {
    /// Every number as a Double. Foundation reads a whole number written with a fraction or an
    /// exponent ("2.0E16") as an integer where it can, the reader as a Double: the same number.
    fileprivate var numbersAsDoubles: JSONValue {
        switch self {
        case let .integer(integer): .number(Double(integer))
        case let .array(elements): .array(elements.map(\.numbersAsDoubles))
        case let .object(fields): .object(fields.mapValues(\.numbersAsDoubles))
        default: self
        }
    }
}

