import Testing
@testable import letterctl

@Suite("Joining strings without the generic algorithm")
struct ConcatenationTests {
    @Test("concatenated(separator:from:) gives what joined(separator:) gives, for any strings, separator and start")
    func sameAsJoined() {
        let pieces = ["", " ", "a", "calm", "“always” or “never”", "é", "e\u{301}", "\n", "; ", "👩‍👩‍👧", "ok, fine"]
        var generator = SystemRandomNumberGenerator()
        var compared = 0
        for _ in 0..<2_000 {
            let count = Int.random(in: 0...6, using: &generator)
            let parts = (0..<count).map { _ in pieces.randomElement(using: &generator)! + pieces.randomElement(using: &generator)! }
            let separator = pieces.randomElement(using: &generator)!
            #expect(parts.concatenated(separator: separator) == parts.joined(separator: separator), "\(parts) with \(separator)")
            let first = Int.random(in: 0...count, using: &generator)
            #expect(parts.concatenated(separator: separator, from: first) == parts.dropFirst(first).joined(separator: separator),
                    "\(parts) from \(first) with \(separator)")
            compared += 1
        }
        #expect(compared == 2_000)
        #expect([String]().concatenated(separator: ", ") == "")
        #expect(["one"].concatenated(separator: ", ") == "one")
        #expect(["one", "two", "three"].concatenated(separator: ", ") == "one, two, three")
    }

    @Test("what the critic did reads as a list: one way, two ways joined by \"and\", three with commas")
    func readingLists() throws {
        let one = CriticFormatting.describe(.labeling)
        let two = CriticFormatting.describe(.shouldStatement)
        let three = CriticFormatting.describe(.overgeneralising)
        #expect(CriticFormatting.list([one]) == one)
        #expect(CriticFormatting.list([one, two]) == "\(one) and \(two)")
        #expect(CriticFormatting.list([one, two, three]) == "\(one), \(two) and \(three)")
    }
}
