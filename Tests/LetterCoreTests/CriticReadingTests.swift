import LetterCore
import Testing

@Suite("Recognising the critic's thinking styles")
struct CriticReadingTests {
    typealias Case = (text: String, styles: Set<ThinkingStyle>, voice: CriticVoice?)

    static let cases: [Case] = [
        // Labels applied to oneself or to "you".
        ("I'm such an idiot", [.labeling], .firstPerson),
        ("you are so useless", [.labeling], .secondPerson),
        ("You idiot.", [.labeling], .secondPerson),
        ("YOU ARE PATHETIC!!!", [.labeling], .secondPerson),
        ("i am a complete failure", [.labeling], .firstPerson),
        ("What a loser.", [.labeling], .secondPerson),
        ("you’re worthless", [.labeling], .secondPerson),
        // "Should" statements.
        ("You should have known better", [.shouldStatement], .secondPerson),
        ("I must be perfect at this", [.shouldStatement], .firstPerson),
        ("you ought to be further along by now", [.shouldStatement], .secondPerson),
        ("I shouldn't have said that", [.shouldStatement], .firstPerson),
        // A "must" that lays down a rule is a "should" statement.
        ("you must try harder", [.shouldStatement], .secondPerson),
        ("Must try harder.", [.shouldStatement], nil),
        ("I must never let anyone down", [.shouldStatement, .overgeneralising], .firstPerson),
        ("you mustn't cry about it", [.shouldStatement], .secondPerson),
        ("I must be stronger than this", [.shouldStatement], .firstPerson),
        ("my work must be flawless", [.shouldStatement], .firstPerson),
        ("you must see it differently", [.shouldStatement], .secondPerson),
        // A "must" that guesses at what is so is not: mind-reading and self-blame hurt, but they
        // are not rules held over oneself. A name inside the guess still counts as one.
        ("my boss must think I'm useless", [.labeling], .firstPerson),
        ("she must hate me", [], .firstPerson),
        ("they must all be laughing at me", [], .firstPerson),
        ("it must be my fault", [], .firstPerson),
        ("it must be all my fault again", [], .firstPerson),
        ("I must have messed it up again", [], .firstPerson),
        ("you must have known", [], .secondPerson),
        ("I must look ridiculous", [], .firstPerson),
        ("there must be something wrong with me", [], .firstPerson),
        ("I must be so stupid", [.labeling], .firstPerson),
        // Overgeneralising.
        ("I always mess this up", [.overgeneralising], .firstPerson),
        ("You never get anything right", [.overgeneralising], .secondPerson),
        ("Nobody wants me around", [.overgeneralising], .firstPerson),
        ("everything I touch falls apart", [.overgeneralising], .firstPerson),
        // Several at once.
        ("You always ruin everything, you idiot. You should just give up.", [.labeling, .overgeneralising, .shouldStatement], .secondPerson),
        ("I'm useless and I always will be", [.labeling, .overgeneralising], .firstPerson),
        // Negations: no label rather than a wrong one.
        ("I'm not useless", [], .firstPerson),
        ("I am not a failure, I'm just tired", [], .firstPerson),
        ("I don't always get it wrong", [], .firstPerson),
        ("you're not stupid", [], .secondPerson),
        // Names not applied to the person.
        ("that was a stupid idea", [], nil),
        ("my stupid printer jammed again", [], .firstPerson),
        ("the word \"useless\" keeps coming back", [], nil),
        ("I feel like a failure", [], .firstPerson),
        // Quoted words of the critic still count; quoting the word alone does not.
        ("it said \"you're pathetic\"", [.labeling], .secondPerson),
        ("My boss called the draft \"useless\" in the meeting", [], .firstPerson),
        // Not English: nothing rather than guesses.
        ("Du bist so dumm und nutzlos", [], nil),
        ("Ich bin ein Idiot", [], nil),
        ("eres un fracaso total", [], nil),
        ("Je suis nul, toujours nul", [], nil),
        ("Ты идиот", [], nil),
        ("お前は役立たずだ", [], nil),
        // Nothing to recognise.
        ("", [], nil),
        ("tired today", [], nil),
    ]

    @Test("a table of real-sounding sentences", arguments: cases)
    func reads(_ example: Case) {
        let reading = CriticReader.read(example.text)
        #expect(reading.styles == example.styles, "\(example.text)")
        #expect(reading.voice == example.voice, "\(example.text)")
    }
}

/// The same "must" read both ways, on its own: a rule, or a guess at what is so.
@Suite("A rule or a guess: the two senses of \"must\"")
struct MustSenseTests {
    @Test("guesses", arguments: [
        "you must have been so frightened", "it must have felt so lonely", "that must be so hard",
        "you must be exhausted", "you must be feeling awful", "she must hate me", "my boss must think I'm useless",
        "it must be my fault", "I must be to blame", "it must hurt", "I must seem so needy",
        "there must be a way through this", "you must be the worst friend ever",
    ])
    func guess(_ text: String) throws {
        let words = text.lowercased().split(separator: " ").map(String.init)
        let must = try #require(words.firstIndex(of: "must"))
        #expect(CriticReader.mustIsAGuess(words, at: must))
    }

    @Test("rules", arguments: [
        "I must be perfect", "you must try harder", "must do better", "everything must be right",
        "you must be kinder to yourself", "I must have everything under control", "you must see it differently",
        "we must not fail", "I must know everything", "you must", "there must be no mistakes",
    ])
    func rule(_ text: String) throws {
        let words = text.lowercased().split(separator: " ").map(String.init)
        let must = try #require(words.firstIndex(of: "must"))
        #expect(!CriticReader.mustIsAGuess(words, at: must))
    }
}

@Suite("Theme words")
struct ThemeWordsTests {
    @Test("small words go, theme words stay in order, each once")
    func words() {
        #expect(ThemeWords.words(in: ["I'm such an idiot, I always miss the deadlines", "work deadlines"])
            == ["miss", "deadlines", "work"], "the critic's own words (idiot, always) say how it talks, not what about")
    }

    @Test("a rough stem matches plural and -ing forms")
    func stems() {
        #expect(ThemeWords.shared(["deadlines", "failing", "sister"], with: ["deadline", "failed", "brother"]) == ["deadlines", "failing"])
    }
}
