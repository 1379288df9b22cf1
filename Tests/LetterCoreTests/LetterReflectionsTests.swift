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
    ]

    @Test("helpful passages get no notes", arguments: helpful)
    func helpfulPassages(_ passage: Passage) {
        #expect(LetterReflections.notes(on: passage.text).map(\.kind) == passage.expected)
    }

    @Test("unhelpful passages are caught", arguments: unhelpful)
    func unhelpfulPassages(_ passage: Passage) {
        #expect(LetterReflections.notes(on: passage.text).map(\.kind) == passage.expected)
    }

    @Test("a note quotes its line, names the words as written, and suggests something kinder")
    func noteShape() throws {
        let letter = "Dear me,\n\nIt has been a hard week.\nYou SHOULD have asked for help sooner.\n"
        let note = try #require(LetterReflections.notes(on: letter).first)
        #expect(note.line == 4)
        #expect(note.quote == "You SHOULD have asked for help sooner.")
        #expect(note.phrase == "SHOULD")
        #expect(note.suggestion.contains("It might help to"))
        for kind in LetterReflections.Kind.allCases {
            #expect(!kind.suggestion.lowercased().contains(" should "), "suggestions do not lecture: \(kind)")
        }
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
