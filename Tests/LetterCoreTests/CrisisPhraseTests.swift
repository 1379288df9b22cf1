@testable import LetterCore
import Testing

/// The crisis phrase list (`crisis-phrases.txt`) against how people really write at their
/// lowest, and against everyday idioms that must stay quiet.
@Suite("The crisis phrase list")
struct CrisisPhraseTests {
    /// Each of these must get the help note. Lower and upper case, with and without
    /// apostrophes, misspelt, in slang, at the start, middle and end of a text.
    static let mustCatch: [String] = [
        "i cant go on",
        "I can't go on",
        "I can’t go on like this",
        "i cant go on the pain is too much",
        "I can't go on. The train was late again and I just can't.",
        "cannot go on anymore",
        "I cant do this anymore",
        "I can't do this any more",
        "whats the point of anything, i cant do this anymore",
        "What's the point of living",
        "what is the point in life",
        "no point living",
        "there's no point in living",
        "no reason to live",
        "nothing left to live for",
        "life isn't worth living",
        "this life is not worth living",
        "I wish I was dead",
        "wish i were dead",
        "I wish I'd never been born",
        "sometimes i wish i wasnt alive",
        "I'd be better off dead",
        "everyone would be better off without me",
        "they'd all be happier without me",
        "I don't want to be alive anymore",
        "i dont want to be here anymore",
        "I do not want to be alive",
        "don't wanna be here any more",
        "I don't want to live",
        "i dont want to wake up tomorrow",
        "I want to disappear",
        "i just wanna disappear",
        "I want it all to end",
        "I want to end it all",
        "sometimes I think about ending it",
        "I want to kill myself",
        "gonna kill my self",
        "kms",
        "honestly i might just kms",
        "kys",
        "you should just kill yourself",
        "you should just die",
        "you deserve to die",
        "i want to unalive myself",
        "thinking about unaliving",
        "I want to die",
        "i wanna die",
        "I WANT TO DIE",
        "I don't want to die, I just want it to stop",
        "I'd rather be dead",
        "suicidal again",
        "I've been having suicidal thoughts",
        "thinking about suicide",
        "i keep thinking about sucide",
        "feeling sui today",
        "I want to hurt myself",
        "I hurt myself again last night",
        "self harm",
        "the self-harm urges are back",
        "I started selfharming again",
        "i've been cutting myself",
        "I want to take all my pills",
        "i've lost the will to live",
        "tired of living",
        "I'm so tired of being alive",
        "I'm a burden to everyone",
        "I won't be here much longer",
        "I'm going to end my life",
        "I want to take my own life",
        "I want to go to sleep and never wake up",
        "ça recommence — ÜBER alles, I want to die 😞",
        "Dear me,\nI know you have been thinking you can't go on.\nI am here.",
        "I can't go on the way things are",
        "I'm tired of living like this",
        "I can't go on living like this",
        "I just want to end it",
        "i wanna end it",
        "I'm going to end it tonight",
        "not wanting to be alive",
        "not wanting to live anymore",
        "nobody would miss me if i was gone",
        "I feel like ending it",
        "I don't see a way out",
    ]

    /// Each of these must stay quiet: everyday idioms with death, dying, killing and going on in
    /// them, and ordinary hard days.
    static let mustStayQuiet: [String] = [
        "dead tired",
        "I could kill for a coffee",
        "this deadline is killing me",
        "I'm dying to see it",
        "the battery died",
        "I could die of embarrassment",
        "my phone is dead again",
        "the plant died while I was away",
        "I'm dead on my feet",
        "we killed it at the presentation",
        "I nearly died laughing",
        "that joke killed me",
        "my feet are killing me",
        "the suspense is killing me",
        "I'd kill to have her confidence",
        "I'm dying for a holiday",
        "bored to death",
        "scared to death of the interview",
        "sick to death of the noise",
        "over my dead body",
        "it's a dead-end job",
        "I can't go on the trip this weekend",
        "we can't go on holiday this year",
        "I can't go on the rollercoaster",
        "what's the point of this meeting",
        "there's no point in arguing about it",
        "in the end it all worked out",
        "In the end, it all worked out fine",
        "I ran 5 kms this morning",
        "I ran 10 kms yesterday",
        "I'm tired of living in this city",
        "I want to disappear under a blanket",
        "I want to disappear for a while and read",
        "I want to live abroad one day",
        "I want to live a kinder life",
        "you are useless",
        "you always ruin things",
        "I'm such an idiot",
        "I should have known better",
        "nobody likes me",
        "I hate how I look",
        "I made a mistake at work and I can't stop thinking about it",
        "the critic says I will never be good enough",
        "I hurt my back lifting boxes",
        "the suit was too tight",
        "a self-help book",
        "my self-esteem is low",
        "I killed the bug in the code",
        "I'll kill two birds with one stone",
        "I felt so sure",
        "I want to end it with him, it's over",
        "we need to end it with them before Friday",
        "I feel like dyeing my hair",
        "suicida",
        "end it al",
        "want to di",
        "",
    ]

    @Test("every line of the shipped file reads")
    func fileParses() throws {
        let text = String(decoding: PackageResources.crisis_phrases_txt, as: UTF8.self)
        _ = try CrisisPhrases(parsing: text)
        #expect(CrisisPhrases.shipped.phrases.count > 60)
        #expect(CrisisPhrases.shipped.phrases.contains { $0.quiet })
    }

    @Test("the table is big enough to mean something")
    func tableSize() {
        #expect(Self.mustCatch.count >= 60)
        #expect(Self.mustStayQuiet.count >= 40)
    }

    @Test("how people say it is caught", arguments: mustCatch)
    func caught(_ text: String) {
        #expect(CrisisPhrases.shipped.firstMatch(in: text) != nil, "\(text)")
        #expect(Safety.needsNote(texts: [nil, text]))
    }

    @Test("everyday idioms stay quiet", arguments: mustStayQuiet)
    func quiet(_ text: String) {
        let match = CrisisPhrases.shipped.firstMatch(in: text)
        #expect(match == nil, "\(text): matched line \(match?.line ?? 0), \(match?.words ?? [])")
        #expect(!Safety.needsNote(texts: [text]))
    }

    @Test("the top of the scale calls for the note whatever the words; 9 does not")
    func intensity() {
        #expect(Safety.needsNote(intensity: 10, texts: []))
        #expect(Safety.needsNote(intensity: 10, texts: ["I made a small mistake"]))
        #expect(!Safety.needsNote(intensity: 9, texts: ["you are useless", nil]))
        #expect(!Safety.needsNote(texts: []))
    }

    @Test("how a text is read: lower case, apostrophes gone, words of letters and digits, clauses")
    func tokens() {
        let tokens = CrisisPhrases.tokens("I Can’t go-on... Self-harm? 5kms; ÜBER café")
        #expect(tokens.map(\.word) == ["i", "cant", "go", "on", "self", "harm", "5kms", "über", "café"])
        #expect(tokens.map(\.clause) == [0, 0, 0, 0, 3, 3, 4, 5, 5])
        #expect(CrisisPhrases.tokens("10 km").map(\.isNumber) == [true, false])
        #expect(CrisisPhrases.tokens("").isEmpty)
        #expect(CrisisPhrases.tokens("😞 — !").isEmpty)
    }

    @Test("the longest phrase starting first wins; quiet phrases stay inside one clause")
    func overlaps() throws {
        let list = try CrisisPhrases(parsing: """
            cant go on
            cant go on the way
            quiet: cant go on the
            quiet: <n> kms
            kms
            (a|) b (c|)
            """)
        #expect(list.firstMatch(in: "i cant go on") != nil)
        #expect(list.firstMatch(in: "i cant go on the") == nil, "the quiet phrase is longer")
        #expect(list.firstMatch(in: "i cant go on the way") != nil, "the crisis phrase is longer again")
        #expect(list.firstMatch(in: "i cant go on. the") != nil, "a quiet phrase does not cross a clause")
        #expect(list.firstMatch(in: "ran 5 kms") == nil)
        #expect(list.firstMatch(in: "ran 5 kms, kms") != nil, "words after a quiet phrase are still read")
        #expect(list.firstMatch(in: "b")?.words == ["b"], "optional slots at either end")
        #expect(list.firstMatch(in: "a b c")?.words == ["a", "b", "c"], "the longest way through the slots")
        #expect(list.firstMatch(in: "a c") == nil)
    }

    @Test("a malformed phrase list is refused with its line")
    func parseErrors() {
        #expect(throws: CrisisPhrases.ParseError(line: 2, problem: "a ( is not closed")) {
            try CrisisPhrases(parsing: "# comment\n(a|b c")
        }
        #expect(throws: CrisisPhrases.ParseError.self) { try CrisisPhrases(parsing: "(a|)") }
        #expect(throws: CrisisPhrases.ParseError.self) { try CrisisPhrases(parsing: "(a)") }
        #expect(throws: CrisisPhrases.ParseError.self) { try CrisisPhrases(parsing: "((a|b)|c)") }
        #expect(throws: CrisisPhrases.ParseError.self) { try CrisisPhrases(parsing: "Can't") }
        #expect(throws: CrisisPhrases.ParseError.self) { try CrisisPhrases(parsing: "quiet:") }
    }

    @Test("the default resources are region-neutral, and the note says nothing is lost")
    func defaults() {
        #expect(Safety.defaultResources.contains { $0.contains("local emergency number") })
        #expect(!Safety.defaultResources.contains { $0.contains("911") || $0.contains("999") || $0.contains("112") })
        #expect(Safety.note(resources: ["x"]) == HelpNote(note: Safety.noteText + " " + Safety.keptText, resources: ["x"]))
        #expect(Safety.keptText.contains("kept"))
        #expect(Safety.note(resources: ["x"], saved: false) == HelpNote(note: Safety.noteText, resources: ["x"]),
                "when saving failed, the note does not say it was kept")
        #expect(!Safety.noteText.contains("kept"))
    }
}
