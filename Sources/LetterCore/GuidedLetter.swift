#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A letter written step by step (`letterctl write --guided`), and everything said along the
/// way. It is kept as a draft after every answer, so stopping at any point loses nothing.
///
/// The four steps follow the practice as the sources describe it (Gilbert 2007; Neff's
/// self-compassion writing exercise; see README "Sources"): name what you judge yourself for
/// and what it makes you feel; choose a caring voice and settle into it; write, with ideas to
/// draw on one at a time; then say how warm it felt, and let the letter rest. Nothing here
/// judges the letter: the reflections on its phrasing wait for the next day.
public struct GuidedLetter: Codable, Sendable, Equatable {
    public enum Step: String, Codable, Sendable, CaseIterable, Comparable {
        case judging, feeling, voice, settling, letter, warmth, ready

        public static func < (a: Step, b: Step) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }

        /// The step's number out of four, as the person sees it.
        public var number: Int {
            switch self {
            case .judging, .feeling: 1
            case .voice, .settling: 2
            case .letter: 3
            case .warmth, .ready: 4
            }
        }
    }

    /// Where to go on from.
    public var step: Step = .judging
    public var judging: String?
    public var feeling: String?
    public var perspective: String?
    /// The voice chosen in step 2, and the person's words for it (an image, someone else).
    public var voice: Voice?
    public var voiceName: String?
    public var lines: [String] = []
    /// The greeting the letter was started with ("Dear Sam,"), from the config.
    public var greeting: String?
    public var warmth: Int?
    public var tags: [String] = []
    /// The last line was cut off by Ctrl-C partway through; it is offered to carry on.
    public var lastLineCutOff = false
    /// How many ideas have been shown, so the next `?` brings a new one.
    public var ideasShown = 0
    public var startedAt: Date
    /// A half-typed answer caught when the person stopped; offered back on the same question.
    public var unfinishedAnswer: String?

    public init(startedAt: Date) {
        self.startedAt = startedAt
    }

    private enum CodingKeys: String, CodingKey {
        case step, judging, feeling, perspective, voice, voiceName, lines, greeting, warmth, tags
        case lastLineCutOff, ideasShown, startedAt, unfinishedAnswer
    }

    /// Reads a draft leniently: a field a later letterd added, or an earlier one did not
    /// write, takes its default, so a draft kept across an upgrade still opens.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        startedAt = try container.decode(Date.self, forKey: .startedAt)
        step = try container.decodeIfPresent(Step.self, forKey: .step) ?? .judging
        judging = try container.decodeIfPresent(String.self, forKey: .judging)
        feeling = try container.decodeIfPresent(String.self, forKey: .feeling)
        perspective = try container.decodeIfPresent(String.self, forKey: .perspective)
        voice = try container.decodeIfPresent(Voice.self, forKey: .voice)
        voiceName = try container.decodeIfPresent(String.self, forKey: .voiceName)
        lines = try container.decodeIfPresent([String].self, forKey: .lines) ?? []
        greeting = try container.decodeIfPresent(String.self, forKey: .greeting)
        warmth = try container.decodeIfPresent(Int.self, forKey: .warmth)
        tags = try container.decodeIfPresent([String].self, forKey: .tags) ?? []
        lastLineCutOff = try container.decodeIfPresent(Bool.self, forKey: .lastLineCutOff) ?? false
        ideasShown = try container.decodeIfPresent(Int.self, forKey: .ideasShown) ?? 0
        unfinishedAnswer = try container.decodeIfPresent(String.self, forKey: .unfinishedAnswer)
    }

    /// The letter's text so far: its lines, without blank lines at either end.
    public var text: String {
        TextRules.trimmed(lines.joined(separator: "\n"))
    }

    /// Whether anything has been written beyond the greeting.
    public var hasWriting: Bool {
        lines.contains { !$0.allSatisfy(\.isWhitespace) && $0 != greeting }
    }

    /// Whether the person has given anything since `start` (the draft as it began, with the
    /// command line's presets): an answer, a voice, a line of the letter beyond the greeting,
    /// a half-typed answer. Moving from step to step, or seeing ideas, is not something to keep.
    public func hasAnswers(beyond start: GuidedLetter) -> Bool {
        var given = self
        given.step = start.step
        given.startedAt = start.startedAt
        given.ideasShown = start.ideasShown
        given.lastLineCutOff = start.lastLineCutOff
        given.greeting = start.greeting
        if !hasWriting { given.lines = start.lines }
        return given != start
    }

    /// The letter's lines, not counting blank ones.
    public var writtenLineCount: Int {
        lines.count(where: { !$0.allSatisfy(\.isWhitespace) })
    }

    // MARK: - Voices

    /// Who the letter can come from.
    public enum Voice: Int, CaseIterable, Sendable, Codable {
        case friend = 1, compassionateSelf, image, someoneElse

        /// The choice as listed.
        public var choice: String {
            switch self {
            case .friend: "a wise, kind friend who knows your whole story"
            case .compassionateSelf: "your compassionate self, the caring person you would like to be"
            case .image: "a compassionate image: a person, a creature or a place that feels kind to you"
            case .someoneElse: "someone else, whom you name"
            }
        }

        /// What is stored as the letter's perspective; `named` is the person's own words for
        /// an image or someone else.
        public func perspective(named: String?) -> String {
            switch self {
            case .friend: return "a wise, kind friend"
            case .compassionateSelf: return "my compassionate self"
            case .image: return named.map { "a compassionate image: \($0)" } ?? "a compassionate image"
            case .someoneElse: return named ?? "someone who cares about me"
            }
        }

        /// How the settling step speaks of this voice.
        public func settlingName(named: String?) -> String {
            switch self {
            case .friend: "that wise, kind friend"
            case .compassionateSelf: "your compassionate self (the caring person you would like to be)"
            case .image: named ?? "that image"
            case .someoneElse: named ?? "them"
            }
        }

        /// The question asked for the name, if this voice needs one.
        public var nameQuestion: String? {
            switch self {
            case .friend, .compassionateSelf: nil
            case .image: "What is the image? A few words are enough."
            case .someoneElse: "Who is it? (a name, or a few words)"
            }
        }
    }

    /// The settling step, for the voice chosen (or the perspective given on the command line).
    public var settling: [String] {
        let subject = voice.map { $0.settlingName(named: voiceName) }
            ?? perspective.map { "the one you are writing as (\($0))" } ?? "someone who cares about you"
        return [
            "Before writing, give yourself a moment. Let your breathing slow a little, over a few breaths.",
            "Then bring \(subject) to mind: the warmth and kindness there, a face or a voice if there is one, "
                + "the way they would be with you and wish you well. "
                + "It doesn't matter how clearly it comes; the wish to be kind is enough to write from.",
        ]
    }

    // MARK: - Openers and ideas

    /// Optional ways to begin: acknowledge the pain and why it makes sense, then what you'd like
    /// yourself to know. Uses the named feeling when there is one.
    public static func openers(feeling: String?) -> [String] {
        let first = feeling.map { "It makes sense that you feel \($0), because …" }
            ?? "I'm sorry this hurts. It makes sense that it does, because …"
        return [first, "I'd like you to know …"]
    }

    /// Something to draw on in a letter. There is no need to use them all: one or two, in any
    /// letter, is plenty, and different letters can try different ones.
    public struct Idea: Sendable, Equatable {
        public let name: String
        public let text: String
    }

    /// The ideas, in the order `?` offers them, in letterd's own words: Gilbert's handout (with
    /// the low mood's view and the courage already shown from his notes and handout), and Neff's
    /// friend who sees strengths and weaknesses alike and the causes no one chose. Each is an
    /// invitation; none is needed.
    public static let ideas: [Idea] = [
        Idea(
            name: "Standing back",
            text: "For a moment, step back from it. How might this look in a few weeks or months? "
                + "Is there a time you came through something hard before, and what helped then? "
                + "The letter can notice your efforts and what you are able to do, and see the situation "
                + "in less black-and-white terms, without blame."),
        Idea(
            name: "Stepping aside from the low mood",
            text: "When your mood is low, it brings thoughts and feelings of its own, and they can seem like the "
                + "plain truth. Some of how things look right now may be the low mood's way of seeing. The letter "
                + "could step a little to one side of that view, and wonder what would help you through today."),
        Idea(
            name: "Courage you have shown",
            text: "You may have felt something like this before, and come through it. That took courage, even if "
                + "it did not feel like courage at the time, and perhaps you were glad afterwards. The letter could "
                + "remind you of that courage and the strengths that carried you, and let them keep you company now."),
        Idea(
            name: "Not alone",
            text: "Pain like this can make you feel set apart from everyone else. You are not: a great many "
                + "people have these same thoughts and feelings. It hurts, and it is human, not a personal failing."),
        Idea(
            name: "A friend who sees all of you",
            text: "Picture a friend who knows your strengths and your weak spots alike, this one included, and "
                + "accepts you with all of them. What would they want you to hear about this part of you? They "
                + "would remember that every person has both."),
        Idea(
            name: "The critic and what sets it off",
            text: "The critic often flares after a disappointment, a loss, or a fear, of being judged or "
                + "left out. Perhaps being hard on yourself became a way to cope with those; understandable, "
                + "though it does not ease them. The letter can turn with care towards the disappointment, "
                + "loss or fear underneath."),
        Idea(
            name: "What you never chose",
            text: "Much of what you judge yourself for grew from things you never picked: the genes you were born "
                + "with, the family you grew up in, the circumstances life brought. The letter could notice how "
                + "little of that was in your hands. In that sense it is not your fault, and what you do with it "
                + "from here can still be yours."),
        Idea(
            name: "Small steps",
            text: "What might be a kind thing to do, now or soon? If something feels hard, or you have been "
                + "putting it off, the letter can suggest one small step in an encouraging voice, and who "
                + "might help you with it."),
        Idea(
            name: "Dilemmas",
            text: "If you are torn between choices, the letter can set out each side gently. Hard choices take "
                + "time, every option may cost something, and talking them over with someone can help."),
        Idea(
            name: "Kindness for your feelings",
            text: "Anger, fear, frustration and sadness come with being human, and they often arrive before "
                + "we choose them. Having them does not make you a bad person. The letter can make room for "
                + "them without blame."),
        Idea(
            name: "Good feelings that have faded",
            text: "If warmth, interest or joy have gone quiet, that loss deserves kindness too. Tiredness, "
                + "low mood, or something that has run its course can dim them, and they can return."),
        Idea(
            name: "What helps",
            text: "Let the letter stay with what helps you. If a thought comes that makes things worse, notice "
                + "it, let it pass, and turn back to what might help. There are no \u{201C}shoulds\u{201D} here."),
        Idea(
            name: "Warmth",
            text: "Pause, breathe gently, and let some warmth into the words, as much as you can today. "
                + "Would this letter feel kind to a friend who received it?"),
    ]

    /// The next idea to offer, and counts it as shown; after the last, they start again.
    public mutating func nextIdea() -> (number: Int, idea: Idea) {
        let index = ideasShown % Self.ideas.count
        ideasShown += 1
        return (index + 1, Self.ideas[index])
    }

    // MARK: - Typed lines

    /// A line as typed, made safe to store: terminal escape sequences (an arrow key, say) and
    /// other control characters are dropped, tabs kept; trailing spaces go.
    public static func cleanLine(_ raw: String) -> String {
        var result = String.UnicodeScalarView()
        var scalars = raw.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            if scalar == "\u{1B}" {
                // ESC [ params final, or ESC O x, or ESC x: skip the whole sequence.
                guard let next = scalars.next() else { break }
                if next == "[" {
                    while let part = scalars.next(), !(0x40...0x7E).contains(part.value) {}
                } else if next == "O" {
                    _ = scalars.next()
                }
                continue
            }
            if scalar == "\t" || !(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)) {
                result.append(scalar)
            }
        }
        var line = String(result)
        while line.last == " " { line.removeLast() }
        return line
    }

    /// What a line typed while writing the letter asks for.
    public enum LetterInput: Equatable, Sendable {
        /// A line of the letter (possibly empty: a paragraph break).
        case line(String)
        /// `?`: the next idea. `?N`: idea N.
        case idea(Int?)
        /// `??`: the list of ideas.
        case ideaList
        /// `.` alone: the letter is finished.
        case finish
    }

    public static func letterInput(_ typed: String) -> LetterInput {
        let trimmed = TextRules.trimmed(typed)
        switch trimmed {
        case ".": return .finish
        case "?": return .idea(nil)
        case "??": return .ideaList
        default:
            if trimmed.hasPrefix("?"), let number = Int(trimmed.dropFirst()), (1...ideas.count).contains(number) {
                return .idea(number)
            }
            return .line(typed)
        }
    }

}
