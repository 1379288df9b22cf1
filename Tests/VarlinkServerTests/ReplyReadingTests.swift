import Foundation
import LetterCore
import LetterProtocol
import TestSupport
import Testing
import VarlinkProtocol

/// letterctl reads its everyday replies by hand (`ReadableReply`, `JSONObjectReader`), not
/// through `Decodable`. These tests hold the two readings to each other: on replies as
/// letterd's encoder writes them, the hand reading gives back the very value; on damaged ones
/// (fields removed, nulled or of another type, unknown names, fractions, huge numbers) it
/// refuses exactly what `JSONValueDecoder` refuses, and otherwise reads the same value.
@Suite("Everyday replies read by hand, as Decodable reads them")
struct ReplyReadingTests {
    @Test("list replies", arguments: [UInt64(1), 2])
    func listLetters(seed: UInt64) throws {
        var make = RandomReplies(seed: seed)
        try check(count: 300, &make) { make in ListLettersReply(letters: make.some { $0.letterSummary() }) }
    }

    @Test("due replies", arguments: [UInt64(3), 4])
    func listDue(seed: UInt64) throws {
        var make = RandomReplies(seed: seed)
        try check(count: 300, &make) { make in
            ListDueReply(prompts: make.some { $0.prompt() }, pausedUntil: make.maybe { $0.date() }, selfCheckInvited: make.bool())
        }
    }

    @Test("search replies", arguments: [UInt64(5), 6])
    func search(seed: UInt64) throws {
        var make = RandomReplies(seed: seed)
        try check(count: 300, &make) { make in
            SearchResults(hits: make.some { $0.searchHit() }, rankedNewest: make.maybe { $0.integer(-5...1000) })
        }
    }

    @Test("check-in replies", arguments: [UInt64(7), 8])
    func checkIn(seed: UInt64) throws {
        var make = RandomReplies(seed: seed)
        try check(count: 300, &make) { make in
            LogCheckInReply(
                checkIn: make.checkIn(), chosen: make.maybe { $0.chosenLetter() },
                offeredPromptId: make.maybe { Int64($0.integer(0...1_000_000)) }, invitation: make.maybe { $0.prompt() },
                help: make.maybe { HelpNote(note: $0.json.string(), resources: $0.some { $0.json.string() }) })
        }
    }

    @Test("a damaged reply says where: the field's path and what was wrong")
    func failurePath() throws {
        let reply: JSONValue = .object(["letters": .array([.object(["id": .string("seven")])])])
        #expect(throws: JSONReadFailure.self) { try ListLettersReply(json: reply) }
        do {
            _ = try ListLettersReply(json: reply)
        } catch {
            #expect(error.description == "letters[0].id: expected a whole number")
        }
    }

    /// Encodes `count` random replies as letterd does, and damages each in a few ways.
    private func check<R: ReadableReply & Codable & Equatable>(
        count: Int, _ make: inout RandomReplies, _ reply: (inout RandomReplies) -> R
    ) throws {
        var damagedRead = 0
        var damagedRefused = 0
        for _ in 0..<count {
            let value = reply(&make)
            let json = try JSONReader.parse(Array(VarlinkJSON.encoder().encode(value)))
            #expect(try R(json: json) == value)
            for _ in 0..<4 {
                let damaged = make.damage(json)
                let byHand = Result { () throws(JSONReadFailure) in try R(json: damaged) }
                let decoded = Result { try JSONValueDecoder().decode(R.self, from: damaged) }
                switch (byHand, decoded) {
                case let (.success(a), .success(b)):
                    #expect(a == b, "\(damaged)")
                    damagedRead += 1
                case (.failure, .failure):
                    damagedRefused += 1
                default:
                    Issue.record("the readings differ on \(damaged): by hand \(byHand), Decodable \(decoded)")
                }
            }
        }
        #expect(damagedRead > count / 10 && damagedRefused > count / 10, "read \(damagedRead), refused \(damagedRefused)")
    }
}

/// letterd writes the same everyday replies by hand (`JSONWritable`), not through
/// `JSONEncoder`: on random replies, the two writings are the same JSON, and letterctl's
/// reading gives back the very value.
@Suite("Everyday replies written by hand, as Encodable writes them")
struct ReplyWritingTests {
    @Test("list, due and search replies", arguments: [UInt64(11), 12])
    func sameAsEncodable(seed: UInt64) throws {
        var make = RandomReplies(seed: seed)
        var compared = 0
        for _ in 0..<300 {
            try check(ListLettersReply(letters: make.some { $0.letterSummary() }))
            try check(ListDueReply(prompts: make.some { $0.prompt() }, pausedUntil: make.maybe { $0.date() }, selfCheckInvited: make.bool()))
            try check(SearchResults(hits: make.some { $0.searchHit() }, rankedNewest: make.maybe { $0.integer(-5...1000) }))
            compared += 3
        }
        #expect(compared == 900)
    }

    private func check<R: JSONWritable & ReadableReply & Codable & Equatable>(_ value: R) throws {
        let written = try JSONReader.parse(JSONWriter.write(value.json))
        let encoded = try JSONReader.parse(Array(VarlinkJSON.encoder().encode(value)))
        #expect(written == encoded, "\(value)")
        #expect(try R(json: written) == value)
    }
}

/// Random replies with every optional field sometimes absent, and a way to damage them.
private struct RandomReplies {
    var json: RandomJSON

    init(seed: UInt64) { json = RandomJSON(seed: seed) }

    mutating func bool() -> Bool { Bool.random(using: &json.random) }
    mutating func integer(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &json.random) }
    mutating func maybe<T>(_ make: (inout Self) -> T) -> T? { bool() ? make(&self) : nil }
    mutating func some<T>(_ make: (inout Self) -> T) -> [T] { (0..<integer(0...4)).map { _ in make(&self) } }
    mutating func pick<T: CaseIterable>(_ type: T.Type) -> T { T.allCases.randomElement(using: &json.random)! }
    mutating func id() -> Int64 { Int64.random(in: 1...Int64.max, using: &json.random) }

    /// A time as the wire carries it (to the millisecond, and as read back).
    mutating func date() -> Date {
        let date = Date(timeIntervalSince1970: Double(integer(0...4_000_000_000_000)) / 1000)
        return VarlinkJSON.parseTime(VarlinkJSON.format(date))!
    }

    mutating func letterSummary() -> LetterSummary {
        LetterSummary(
            id: id(), about: maybe { $0.json.string() }, perspective: maybe { $0.json.string() }, excerpt: json.string(),
            tags: some { $0.json.string() }, version: integer(1...500), createdAt: date(), updatedAt: date())
    }

    mutating func prompt() -> Prompt {
        Prompt(
            id: id(), letterId: maybe { $0.id() }, kind: pick(PromptKind.self), reason: pick(PromptReason.self),
            dueAt: date(), notifiedAt: maybe { $0.date() }, about: maybe { $0.json.string() }, excerpt: json.string())
    }

    mutating func searchHit() -> SearchHit {
        SearchHit(
            kind: bool() ? .letter : .checkIn, id: id(), snippet: json.string(),
            rank: bool() ? Double(integer(-50...0)) : -Double.random(in: 0...40, using: &json.random))
    }

    mutating func checkIn() -> CriticCheckIn {
        CriticCheckIn(
            id: id(), at: date(), intensity: integer(0...10), said: maybe { $0.json.string() },
            trigger: maybe { $0.pick(CriticTrigger.self) }, about: maybe { $0.json.string() }, tags: some { $0.json.string() },
            styles: some { $0.pick(ThinkingStyle.self) }, voice: maybe { $0.pick(CriticVoice.self) }, readingCorrected: bool())
    }

    mutating func chosenLetter() -> ChosenLetter {
        ChosenLetter(
            letterId: id(), about: maybe { $0.json.string() }, excerpt: json.string(), reason: json.string(),
            fitsTheme: bool(), lastRating: maybe { $0.pick(ReadingRating.self) })
    }

    /// `value` with one place changed: a field removed or added, or a value replaced by null,
    /// by another kind of value, by a number near an integer's limits, or by a string that
    /// may or may not be a name or a time.
    mutating func damage(_ value: JSONValue) -> JSONValue {
        switch value {
        case var .object(fields) where !fields.isEmpty && integer(0...3) > 0:
            let key = fields.keys.sorted()[integer(0...(fields.count - 1))]
            switch integer(0...5) {
            case 0: fields[key] = nil
            case 1: fields["unexpected"] = json.value()
            default: fields[key] = damage(fields[key]!)
            }
            return .object(fields)
        case var .array(elements) where !elements.isEmpty && integer(0...3) > 0:
            let index = integer(0...(elements.count - 1))
            elements[index] = damage(elements[index])
            return .array(elements)
        default:
            let names = ["letter", "checkIn", "reread", "fear", "labeling", "firstPerson", "helped", "criticLoud", "nope",
                         "2026-11-22T20:41:00.000Z", "2026-11-22T20:41:00Z", "yesterday", ""]
            switch integer(0...8) {
            case 0: return .null
            case 1: return .string(names[integer(0...(names.count - 1))])
            case 2: return .integer([Int64.max, Int64.min, 0, -1, 2_147_483_648][integer(0...4)])
            case 3: return .number([2.5, 3.0, 1e300, -0.0, 9_007_199_254_740_993.0][integer(0...4)])
            case 4: return .bool(bool())
            case 5: return .array([])
            case 6: return .object([:])
            default: return json.value()
            }
        }
    }
}
