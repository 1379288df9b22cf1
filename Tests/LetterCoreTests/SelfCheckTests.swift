import Foundation
import LetterCore
import Testing

@Suite("The self-check's statements")
struct SelfCheckTests {
    /// The clinic article's checklist, as the seed has it: letterd's statements must say the same
    /// things in other words.
    static let seedWording = [
        "I find it hard to be kind to myself",
        "If something goes wrong I automatically blame myself",
        "I don't deserve to do nice things for myself",
        "I am very critical of myself when things aren't going well",
        "I am very critical of myself even when things are going well",
        "When I am having a hard time, I wouldn't even think to look after myself like I would a friend",
        "I focus a lot on my faults and flaws and can't let them go",
        "If I make a mistake I give myself a really hard time",
        "When I am struggling, I don't treat myself with much care",
        "I can't accept mistakes I've made or things I haven't done well",
        "I think over and over about things I don't like about myself",
        "I am not very gentle with myself when I am suffering emotionally",
        "If I make a mistake I feel like I should be punished",
        "I feel like I'm the only one who struggles or fails at things",
    ]

    @Test("fourteen statements, one per item of the checklist, version 2")
    func count() {
        #expect(SelfCheck.statements.count == Self.seedWording.count)
        #expect(SelfCheck.version == 2)
        #expect(SelfCheck.earlierVersions == [1: 12])
        #expect(Set(SelfCheck.statements).count == SelfCheck.statements.count)
    }

    /// Runs of four or more words in a row shared with the seed's sentence.
    static func sharedRuns(_ ours: String, _ seed: String, length: Int = 4) -> [String] {
        func words(_ text: String) -> [String] {
            text.lowercased().replacingOccurrences(of: "’", with: "'")
                .split(whereSeparator: { !$0.isLetter && $0 != "'" }).map(String.init)
        }
        let a = words(ours)
        let b = words(seed)
        guard a.count >= length, b.count >= length else { return [] }
        let seedRuns = Set((0...(b.count - length)).map { b[$0..<($0 + length)].joined(separator: " ") })
        return (0...(a.count - length)).map { a[$0..<($0 + length)].joined(separator: " ") }.filter(seedRuns.contains)
    }

    @Test("in our own words: no statement shares four words in a row with the seed's", arguments: Array(zip(SelfCheck.statements, seedWording)))
    func ownWords(ours: String, seed: String) {
        #expect(Self.sharedRuns(ours, seed).isEmpty, "\(ours)")
    }

    @Test("the check of shared words can fail")
    func sharedRunsFinds() {
        #expect(Self.sharedRuns("After a mistake, I give myself a really tough time.", Self.seedWording[7]) == ["a mistake i give", "mistake i give myself", "i give myself a", "give myself a really"])
    }

    @Test("a self-check needs one answer per statement")
    func score() throws {
        #expect(try SelfCheck.score(Array(repeating: true, count: 14)) == 14)
        #expect(throws: InvalidInput.self) { try SelfCheck.score(Array(repeating: true, count: 12)) }
    }
}
