import LetterCore
import Testing

/// Notes on a letter's phrasing, on a table of passages: helpful ones get none, unhelpful ones
/// are caught with their line and the words that caught the eye.
@Suite("Reflections on a letter")
struct LetterReflectionsTests {
    struct Passage: Sendable, CustomTestStringConvertible {
        var text: String
        var expected: [LetterReflections.Kind]
        var testDescription: String { text }
    }

    static let helpful: [Passage] = [
        Passage(text: "Dear you, it makes sense that you feel hurt. You cared about that friendship.", expected: []),
        Passage(text: "I'd like you to know that you are not alone in this; many people feel the same.", expected: []),
        Passage(text: "You did the best you could with what you had at the time.", expected: []),
        Passage(text: "Of course this is painful, because it matters to you.", expected: []),
        Passage(text: "When the critic says “you should have known”, I hear how scared it is.", expected: []),
        Passage(text: "Your mum used to say 'you must try harder', and it still echoes.", expected: []),
        Passage(text: "You are not stupid, and you are not lazy. You were exhausted.", expected: []),
        Passage(text: "Just now, reading this, I hope you feel a little warmth.", expected: []),
        Passage(text: "When you're ready, we could think about one small step together.", expected: []),
        Passage(text: "It is understandable that you feel anxious; our brains can make things hard.", expected: []),
        Passage(text: "Ich weiß, dass du dein Bestes gegeben hast. Du musst nichts beweisen.", expected: []),
        Passage(text: "Deadlines have been heavy, and you've kept going anyway.", expected: []),
    ]

    /// Warm lines that share a word with an unhelpful one: a "must" that feels with you, a
    /// "however" of degree, "but you know I'm here", a name negated, reported, asked about, or
    /// a feeling named. None may draw a note.
    static let empathic: [Passage] = [
        Passage(text: "You must have been so frightened.", expected: []),
        Passage(text: "It must have felt so lonely, and still you kept going.", expected: []),
        Passage(text: "You must've been exhausted by the end of it.", expected: []),
        Passage(text: "That must be so hard for you.", expected: []),
        Passage(text: "You must be exhausted after a week like this.", expected: []),
        Passage(text: "You must be feeling raw today, and that makes sense.", expected: []),
        Passage(text: "There must be a way through this, and we can find it together.", expected: []),
        Passage(text: "However hard it gets, I'm here.", expected: []),
        Passage(text: "however much it hurts, I'm with you", expected: []),
        Passage(text: "However you feel about it tomorrow, I'm on your side.", expected: []),
        Passage(text: "However things turn out, you tried, and that matters.", expected: []),
        Passage(text: "I know it's hard, but you know I'm here for you.", expected: []),
        Passage(text: "It stings, but you know how much I care about you.", expected: []),
        Passage(text: "You felt stupid in that meeting, and that hurt.", expected: []),
        Passage(text: "You felt like such an idiot, and anyone would have.", expected: []),
        Passage(text: "You are not lazy; you were worn out.", expected: []),
        Passage(text: "That mistake doesn't make you a failure.", expected: []),
        Passage(text: "Nobody who knows you thinks you're useless.", expected: []),
        Passage(text: "The critic calls you lazy, and I hear how frightened it is.", expected: []),
        Passage(text: "You were afraid you were a burden to them.", expected: []),
        Passage(text: "Does that make you a failure? It makes you human.", expected: []),
        Passage(text: "It's not that you're weak; you have carried a lot.", expected: []),
    ]

    static let labels: [Passage] = [
        Passage(text: "you lazy thing, still in bed at ten", expected: [.label]),
        Passage(text: "You're pathetic for crying over this.", expected: [.label]),
        Passage(text: "you are so stupid sometimes", expected: [.label]),
        Passage(text: "Oh you idiot, you did it again.", expected: [.label]),
        Passage(text: "Honestly, you were such a fool to trust them.", expected: [.label]),
        Passage(text: "What a loser.", expected: [.label]),
        Passage(text: "I know it was hard, but you're a complete failure at this.", expected: [.label]),
        // Written in the first person, as some letters are, the name is still the critic's.
        Passage(text: "I am such an idiot for forgetting.", expected: [.label]),
        // A negation in another clause does not take the name back.
        Passage(text: "You're not perfect, you idiot.", expected: [.label]),
    ]

    static let unhelpful: [Passage] = [
        Passage(text: "You should have seen it coming.", expected: [.should]),
        Passage(text: "You MUST stop worrying about this.", expected: [.should]),
        Passage(text: "Why don't you just call her and apologise?", expected: [.whyDontYou, .just]),
        Passage(text: "Why can’t you let it go?", expected: [.whyDontYou]),
        Passage(text: "You need to take better care of yourself.", expected: [.instruction]),
        Passage(text: "It would help you if you went to bed earlier.", expected: [.instruction]),
        Passage(text: "Just relax, it will pass.", expected: [.just]),
        Passage(text: "Your upset is understandable. However, you tend to be black and white about things.", expected: [.however]),
        Passage(text: "Maybe you are over-reacting a little.", expected: [.invalidation]),
        Passage(text: "I know it hurt. Stop making mountains out of molehills.", expected: [.invalidation]),
        Passage(text: "You're too sensitive, it's not a big deal.", expected: [.invalidation]),
        Passage(text: "Honestly, you idiot, it was only a meeting.", expected: [.label]),
        Passage(text: "You ought to be kinder to yourself.", expected: [.should]),
        // A "must" that lays down a rule is still a "should".
        Passage(text: "You must be stronger than this.", expected: [.should]),
        Passage(text: "You must try harder next time.", expected: [.should]),
        Passage(text: "Everything must be perfect before you show it.", expected: [.should]),
        Passage(text: "You mustn't cry about it.", expected: [.should]),
        Passage(text: "You must see these things as the ups and downs of life.", expected: [.should]),
        // A "however" or "but you know" that turns against the warmth, with or without a comma.
        Passage(text: "I am sad you are upset. However you know you tend to see things in black and white.", expected: [.however]),
        Passage(text: "You worked hard. You are, however, too sensitive.", expected: [.however, .invalidation]),
        Passage(text: "It makes sense, but you know you always take things too personally.", expected: [.however]),
        Passage(text: "That hurt, but you know how you get.", expected: [.however]),
    ]

    @Test("helpful passages get no notes", arguments: helpful)
    func helpfulPassages(_ passage: Passage) {
        #expect(LetterReflections.notes(on: passage.text).map(\.kind) == passage.expected)
    }

    @Test("unhelpful passages are caught", arguments: unhelpful)
    func unhelpfulPassages(_ passage: Passage) {
        #expect(LetterReflections.notes(on: passage.text).map(\.kind) == passage.expected)
    }

    @Test("empathic lines that share a word with unhelpful ones get no notes", arguments: empathic)
    func empathicPassages(_ passage: Passage) {
        #expect(LetterReflections.notes(on: passage.text).map(\.kind) == passage.expected)
    }

    @Test("the critic's names said of you are noted as labels", arguments: labels)
    func labelPassages(_ passage: Passage) {
        #expect(LetterReflections.notes(on: passage.text).map(\.kind) == passage.expected)
    }

    @Test("a label note names the word the critic used, not another in the line", arguments: [
        ("You are not lazy, you idiot.", "idiot"),
        ("The critic calls you lazy; honestly, you are so stupid.", "stupid"),
        ("You're not stupid, but honestly you're so lazy.", "lazy"),
    ])
    func labelPhrase(text: String, phrase: String) throws {
        let note = try #require(LetterReflections.notes(on: text).first { $0.kind == .label })
        #expect(note.phrase == phrase)
    }

    /// Gilbert's notes list "It would help you if you…" among the unhelpful phrasings: the
    /// suggestions must not give orders or "shoulds" of their own.
    @Test("no suggestion instructs, or says what would help", arguments: LetterReflections.Kind.allCases)
    func suggestionsDoNotInstruct(_ kind: LetterReflections.Kind) {
        // The words a note is about may be named, in quotation marks; everything else, the
        // examples in quotation marks included, is checked.
        var text = kind.suggestion.lowercased().replacing("’", with: "'")
        for named in ["“should”", "“just”", "“however”", "“why don't you…”"] { text = text.replacing(named, with: "") }
        for phrase in ["it might help to", "it would help", "you need", "need to", "try to", "should", "must",
                       "have to", "ought", "i'd love for you to", "make sure", "why don't you"] {
            #expect(!text.contains(phrase), "\(kind): \(phrase)")
        }
        // No sentence opens with an order.
        for sentence in text.split(separator: /[.?!]\s+/) {
            let first = sentence.split(separator: " ").first.map(String.init) ?? ""
            #expect(!["let", "try", "say", "use", "avoid", "write", "stop", "don't", "remember", "be", "keep"].contains(first),
                    "\(kind): \(sentence)")
        }
        #expect(LetterReflections.notes(on: kind.suggestion).isEmpty, "\(kind)'s suggestion, read as a letter, draws a note")
    }

    @Test("a note quotes its line, names the words as written, and suggests something kinder")
    func noteShape() throws {
        let letter = "Dear me,\n\nIt has been a hard week.\nYou SHOULD have asked for help sooner.\n"
        let note = try #require(LetterReflections.notes(on: letter).first)
        #expect(note.line == 4)
        #expect(note.quote == "You SHOULD have asked for help sooner.")
        #expect(note.phrase == "SHOULD")
        #expect(note.suggestion == LetterReflections.Kind.should.suggestion)
        #expect(note.suggestion.contains("together"), "a shared wondering, not advice")
        #expect(!note.suggestion.contains("It might help to"))
    }

    @Test("the same kind is noted once per line; different lines each get theirs")
    func perLine() {
        let notes = LetterReflections.notes(on: "You should rest. You should eat.\nYou should sleep.")
        #expect(notes.map(\.line) == [1, 2])
    }

    @Test("eight qualities to answer for oneself, as questions")
    func qualities() {
        #expect(LetterReflections.qualities.count == 8)
        #expect(LetterReflections.qualities.allSatisfy { $0.hasSuffix("?") })
    }
}
