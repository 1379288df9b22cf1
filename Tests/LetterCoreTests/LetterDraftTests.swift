@testable import LetterCore
import TestSupport
import Testing

@Suite("A letter's draft is checked before anything is stored")
struct LetterDraftTests {
    @Test("text is kept as written, apart from whitespace at its ends")
    func trimsOnlyTheEnds() throws {
        let draft = try LetterDraft(text: "\n\n  Dear me,\n\n  it makes sense.  \n\n")
        #expect(draft.text == "Dear me,\n\n  it makes sense.")
    }

    @Test("an empty or blank letter is refused, naming the text", arguments: ["", "   ", "\n\t\n"])
    func refusesEmpty(text: String) {
        #expect(throws: InvalidInput("text", "is empty; nothing was saved")) { try LetterDraft(text: text) }
    }

    @Test("text over 256 KiB is refused; exactly 256 KiB is accepted")
    func enforcesTheSizeLimit() throws {
        let limit = Limits.letterTextBytes
        #expect(try LetterDraft(text: String(repeating: "a", count: limit)).text.utf8.count == limit)
        let error = #expect(throws: InvalidInput.self) { try LetterDraft(text: String(repeating: "a", count: limit + 1)) }
        #expect(error?.parameter == "text")
        // Multi-byte characters count in bytes, not characters.
        #expect(throws: InvalidInput.self) { try LetterDraft(text: String(repeating: "é", count: limit / 2 + 1)) }
    }

    @Test("control characters are refused with their line; tab, newline and CR are fine")
    func refusesControlCharacters() throws {
        #expect(try LetterDraft(text: "a\tb\r\nc").text == "a\tb\r\nc")
        let error = #expect(throws: InvalidInput.self) { try LetterDraft(text: "line one\nline\u{0}two") }
        #expect(error?.parameter == "text")
        #expect(error?.reason == "contains the control character U+0000 on line 2")
        #expect(throws: InvalidInput.self) { try LetterDraft(text: "escape \u{1B}[2J") }
        #expect(throws: InvalidInput.self) { try LetterDraft(text: "ok", about: "bell \u{7}") }
        // C1 controls too: U+009B is CSI, a terminal escape in one character.
        let csi = #expect(throws: InvalidInput.self) { try LetterDraft(text: "a\u{9B}2Jb") }
        #expect(csi?.reason == "contains the control character U+009B on line 1")
        #expect(throws: InvalidInput.self) { try LetterDraft(text: "del \u{7F}") }
        #expect(try LetterDraft(text: "no-break\u{A0}space").text == "no-break\u{A0}space", "U+00A0 is just past C1")
    }

    @Test("warmth is 0 to 10", arguments: [-1, 11, Int.max, Int.min])
    func warmthOutOfRange(value: Int) {
        let error = #expect(throws: InvalidInput.self) { try LetterDraft(text: "ok", warmth: value) }
        #expect(error?.parameter == "warmth")
    }

    @Test("optional fields: blank means absent, long is refused")
    func optionalFields() throws {
        let draft = try LetterDraft(text: "ok", about: "   ", perspective: " a wise, kind friend ", warmth: 0)
        #expect(draft.about == nil)
        #expect(draft.perspective == "a wise, kind friend")
        #expect(draft.warmth == 0)
        let error = #expect(throws: InvalidInput.self) {
            try LetterDraft(text: "ok", perspective: String(repeating: "x", count: Limits.perspectiveCharacters + 1))
        }
        #expect(error?.parameter == "perspective")
    }

    @Test("Unicode text survives unchanged: emoji, right-to-left, combining marks")
    func unicode() throws {
        let text = "🌱 שלום, e\u{301}cole — 你好"
        #expect(try LetterDraft(text: text).text == text)
    }

    @Test("tags are trimmed, lower-cased and de-duplicated in order")
    func tags() throws {
        #expect(try LetterDraft.tags([" Work ", "family", "work"]) == ["work", "family"])
        #expect(throws: InvalidInput.self) { try LetterDraft.tags(["two words"]) }
        #expect(throws: InvalidInput.self) { try LetterDraft.tags(["a,b"]) }
        #expect(throws: InvalidInput.self) { try LetterDraft.tags([""]) }
        #expect(throws: InvalidInput.self) { try LetterDraft.tags([String(repeating: "t", count: 65)]) }
        #expect(throws: InvalidInput.self) { try LetterDraft.tags((0...32).map { "t\($0)" }) }
        #expect(try LetterDraft.tags((0..<32).map { "t\($0)" }).count == 32)
    }
}

@Suite("A critic check-in is checked before it is stored")
struct CheckInDraftTests {
    @Test("intensity is 0 to 10")
    func intensity() throws {
        #expect(try CheckInDraft(intensity: 0).intensity == 0)
        #expect(try CheckInDraft(intensity: 10).intensity == 10)
        for value in [-1, 11, 1000] {
            let error = #expect(throws: InvalidInput.self) { try CheckInDraft(intensity: value) }
            #expect(error?.parameter == "intensity")
        }
    }

    @Test("what the critic said is optional, trimmed and bounded")
    func said() throws {
        #expect(try CheckInDraft(intensity: 5, said: "  you always  ").said == "you always")
        #expect(try CheckInDraft(intensity: 5, said: "").said == nil)
        let error = #expect(throws: InvalidInput.self) {
            try CheckInDraft(intensity: 5, said: String(repeating: "x", count: Limits.saidCharacters + 1))
        }
        #expect(error?.parameter == "said")
    }

    @Test("triggers are the four the handout names")
    func triggers() {
        #expect(CriticTrigger.allCases.map(\.rawValue) == ["disappointment", "loss", "fear", "other"])
    }
}

@Suite("Excerpts for lists")
struct ExcerptTests {
    @Test("whitespace folds to single spaces and long text is cut with an ellipsis")
    func excerpt() {
        #expect(LetterSummary.excerpt(of: "  Dear me,\n\n  it\tmakes sense. ") == "Dear me, it makes sense.")
        #expect(LetterSummary.excerpt(of: String(repeating: "a", count: 100), limit: 10) == String(repeating: "a", count: 10) + "…")
        #expect(LetterSummary.excerpt(of: String(repeating: "a", count: 10), limit: 10) == String(repeating: "a", count: 10))
        // Characters as a reader sees them: an accent made of two scalars, a family emoji of five.
        let accented = String(repeating: "e\u{301}", count: 5)
        #expect(LetterSummary.excerpt(of: accented, limit: 3) == String(repeating: "e\u{301}", count: 3) + "…")
        #expect(LetterSummary.excerpt(of: "👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧", limit: 2) == "👨‍👩‍👧👨‍👩‍👧…")
    }

    /// ASCII text is read byte by byte (`asciiExcerpt`), anything else Character by Character.
    /// On random texts of ASCII, whitespace, CR LF, accents that join the letter before them and
    /// emoji, the excerpt must be the Character walk's, whichever way it was made.
    @Test("the byte-by-byte excerpt of ASCII is the Character-by-Character one")
    func asciiExcerptAgrees() {
        let pieces = ["a", "B", "7", ".", " ", "  ", "\t", "\n", "\r\n", "\r", "\u{0B}", "\u{0C}", "\u{01}", "\u{7F}",
                      "\u{301}", "é", "\u{85}", "\u{A0}", "\u{2028}", "👨‍👩‍👧", "—"]
        var generator = SeededRandom(seed: 11)
        var readAsASCII = 0
        for _ in 0..<5_000 {
            let length = Int(generator.next() % 40)
            let text = (0..<length).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            let limit = Int(generator.next() % 12)
            let byCharacter = LetterSummary.excerptByCharacter(of: text, limit: limit)
            #expect(LetterSummary.excerpt(of: text, limit: limit) == byCharacter, "\(Array(text.unicodeScalars))")
            if let ascii = LetterSummary.asciiExcerpt(of: text, limit: limit) {
                readAsASCII += 1
                #expect(ascii == byCharacter)
            }
        }
        #expect(readAsASCII > 200, "the generator should make texts the byte-by-byte path reads")
    }
}
