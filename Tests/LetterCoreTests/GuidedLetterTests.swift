import Foundation
import LetterCore
import Testing

@Suite("A guided letter's steps, lines and ideas")
struct GuidedLetterTests {
    @Test("typed lines lose terminal escapes and control characters, and keep the rest", arguments: [
        ("You kept going\u{1B}[D all week.", "You kept going all week."),
        ("up\u{1B}[Aarrow", "uparrow"),
        ("a\u{1B}[1;5Cb", "ab"),
        ("home\u{1B}OHkey", "homekey"),
        ("bell\u{07}", "bell"),
        ("tab\tkept", "tab\tkept"),
        ("trailing spaces   ", "trailing spaces"),
        ("  leading spaces stay", "  leading spaces stay"),
        ("Grüße, 你好, 🙂", "Grüße, 你好, 🙂"),
        ("\u{1B}", ""),
    ])
    func cleanLine(typed: String, stored: String) {
        #expect(GuidedLetter.cleanLine(typed) == stored)
    }

    @Test("what a line asks for while writing", arguments: [
        (".", GuidedLetter.LetterInput.finish),
        ("  . ", .finish),
        ("?", .idea(nil)),
        ("?3", .idea(3)),
        ("?9", .idea(9)),
        ("?10", .idea(10)),
        ("?13", .idea(13)),
        ("?14", .line("?14")),
        ("?0", .line("?0")),
        ("??", .ideaList),
        ("?why", .line("?why")),
        ("Why did it hurt so much?", .line("Why did it hurt so much?")),
        ("..", .line("..")),
        ("", .line("")),
    ])
    func letterInput(typed: String, meaning: GuidedLetter.LetterInput) {
        #expect(GuidedLetter.letterInput(typed) == meaning)
    }

    @Test("ideas come one at a time, each once, then from the start again")
    func ideasInTurn() {
        var draft = GuidedLetter(startedAt: Date(timeIntervalSince1970: 0))
        let shown = (0..<GuidedLetter.ideas.count).map { _ in draft.nextIdea() }
        #expect(shown.map(\.number) == Array(1...13))
        #expect(Set(shown.map(\.idea.name)).count == 13)
        #expect(draft.nextIdea().number == 1)
        #expect(draft.ideasShown == 14)
    }

    @Test("the ideas speak with warmth: no orders, no shoulds")
    func ideasAreWarm() {
        for idea in GuidedLetter.ideas {
            let text = idea.text.lowercased()
            for word in [" you should ", " you must ", " you need to ", "why don't you", " just ", "try to ",
                         "it would help you", " you have to "] {
                #expect(!text.contains(word), "\(idea.name): \(word)")
            }
        }
        #expect(GuidedLetter.ideas.map(\.name) == [
            "Standing back", "Stepping aside from the low mood", "Courage you have shown", "Not alone",
            "A friend who sees all of you", "The critic and what sets it off", "What you never chose", "Small steps",
            "Dilemmas", "Kindness for your feelings", "Good feelings that have faded", "What helps", "Warmth",
        ])
    }

    /// The ideas the seeds give that letterd lacked: each carries its facts over (in letterd's
    /// own words) and is offered as an invitation the letter "could" take up, or a question.
    @Test("the ideas from the seeds keep their facts, as invitations", arguments: [
        ("What you never chose", ["genes", "family", "circumstances", "never picked", "not your fault"]),
        ("A friend who sees all of you", ["friend", "strengths", "weak spots", "accepts", "every person has both"]),
        ("Stepping aside from the low mood", ["low mood", "may be", "one side", "what would help"]),
        ("Courage you have shown", ["before", "courage", "strengths", "come through"]),
    ])
    func ideasFromTheSeeds(name: String, facts: [String]) throws {
        let idea = try #require(GuidedLetter.ideas.first { $0.name == name })
        for fact in facts {
            #expect(idea.text.contains(fact), "\(name): \(fact)")
        }
        #expect(idea.text.contains("could") || idea.text.contains("?"), "\(name) invites rather than instructs")
        #expect(!idea.text.contains("should") && !idea.text.contains("must"), "\(name)")
    }

    @Test("the opener names the feeling when there is one")
    func openers() {
        #expect(GuidedLetter.openers(feeling: "ashamed") == ["It makes sense that you feel ashamed, because …", "I'd like you to know …"])
        #expect(GuidedLetter.openers(feeling: nil).first?.hasPrefix("I'm sorry this hurts.") == true)
    }

    @Test("the letter's text, and whether anything is written beyond the greeting")
    func textAndGreeting() {
        var draft = GuidedLetter(startedAt: Date(timeIntervalSince1970: 0))
        #expect(!draft.hasWriting)
        draft.greeting = "Dear Sam,"
        draft.lines = ["Dear Sam,", "", "  "]
        #expect(!draft.hasWriting)
        #expect(draft.writtenLineCount == 1)
        draft.lines += ["It makes sense.", ""]
        #expect(draft.hasWriting)
        #expect(draft.text == "Dear Sam,\n\n  \nIt makes sense.")
    }

    @Test("a draft holds answers once something is given; steps, ideas and the greeting alone are not answers")
    func answersBeyondTheStart() {
        var start = GuidedLetter(startedAt: Date(timeIntervalSince1970: 0))
        start.judging = "the exam"  // a preset from the command line
        var draft = start
        draft.step = .letter
        draft.ideasShown = 2
        draft.greeting = "Dear Sam,"
        draft.lines = ["Dear Sam,", ""]
        #expect(!draft.hasAnswers(beyond: start))
        var answered = draft
        answered.feeling = "scared"
        #expect(answered.hasAnswers(beyond: start))
        var written = draft
        written.lines.append("It makes sense.")
        #expect(written.hasAnswers(beyond: start))
        var halfTyped = draft
        halfTyped.unfinishedAnswer = "I was"
        #expect(halfTyped.hasAnswers(beyond: start))
        var voiced = draft
        voiced.voice = GuidedLetter.Voice.allCases.first
        #expect(voiced.hasAnswers(beyond: start))
    }

    @Test("the steps are numbered one to four and ordered")
    func steps() {
        #expect(GuidedLetter.Step.allCases.map(\.number) == [1, 1, 2, 2, 3, 4, 4])
        #expect(GuidedLetter.Step.judging < .ready)
        #expect(GuidedLetter.Step.letter > .settling)
    }

    @Test("the voice chosen becomes the perspective, and the settling step speaks of it")
    func voices() {
        var draft = GuidedLetter(startedAt: Date(timeIntervalSince1970: 0))
        draft.voice = .image
        draft.voiceName = "an old oak tree"
        #expect(GuidedLetter.Voice.image.perspective(named: "an old oak tree") == "a compassionate image: an old oak tree")
        #expect(draft.settling.joined(separator: " ").contains("bring an old oak tree to mind"))
        #expect(GuidedLetter.Voice.friend.perspective(named: nil) == "a wise, kind friend")
        #expect(GuidedLetter.Voice.someoneElse.perspective(named: "Gran") == "Gran")
        #expect(GuidedLetter.Voice.friend.nameQuestion == nil && GuidedLetter.Voice.image.nameQuestion != nil)
        var given = GuidedLetter(startedAt: Date(timeIntervalSince1970: 0))
        given.perspective = "my grandmother"
        #expect(given.settling.joined(separator: " ").contains("the one you are writing as (my grandmother)"))
    }

    @Test("a draft survives being written out and read back")
    func codable() throws {
        var draft = GuidedLetter(startedAt: Date(timeIntervalSince1970: 1_790_000_000))
        draft.step = .letter
        draft.judging = "the exam"
        draft.voice = .compassionateSelf
        draft.lines = ["First line.", "half a li"]
        draft.unfinishedAnswer = "x"
        _ = draft.nextIdea()
        draft.lastLineCutOff = true
        let read = try JSONDecoder().decode(GuidedLetter.self, from: JSONEncoder().encode(draft))
        #expect(read == draft)
        // A draft with only some fields (an older or newer letterctl's) still opens.
        let sparse = try JSONDecoder().decode(GuidedLetter.self, from: Data(#"{"startedAt": 0, "lines": ["Dear me"], "later": 1}"#.utf8))
        #expect(sparse.step == .judging && sparse.lines == ["Dear me"] && !sparse.lastLineCutOff && sparse.ideasShown == 0)
    }
}
