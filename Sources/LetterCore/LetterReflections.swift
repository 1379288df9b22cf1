/// Gentle notes on a letter, offered the day after it was written (never at writing time):
/// phrases that may read as instructions or judgement rather than care, each quoted with its
/// line and a kinder way of putting it, and the qualities a compassionate letter tends to have,
/// to answer for oneself. Never a score.
///
/// The kinds of phrase come from Gilbert's notes on unhelpful letters ("shoulds", "why don't
/// you", advice, the "however" that takes the warmth back, "maybe you are over-reacting") and
/// the critic's labels. The wording of every note is letterd's own. Like ``CriticReader`` it is
/// conservative and English-only: words inside quotation marks (the critic quoted, not spoken)
/// are left alone, and a passage with nothing to note gets no notes.
public enum LetterReflections {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// "should", "must", "ought to".
        case should
        /// "why don't you", "why can't you", "why didn't you".
        case whyDontYou
        /// "you need to", "you have to", "you've got to", "it would help you if you".
        case instruction
        /// "just" that makes something hard sound easy: "just relax", "you just need".
        case just
        /// "however", "but you know": the warmth taken back.
        case however
        /// "over-reacting", "too sensitive", "get over it", "not a big deal".
        case invalidation
        /// The critic's names: "you idiot", "you're so lazy".
        case label

        /// What a compassionate voice might do instead, in a sentence or two.
        public var suggestion: String {
            switch self {
            case .should:
                return "A “should” can carry the critic's tone. A caring voice might say what it hopes for instead: “It might help to…”, or “I'd love for you to…”."
            case .whyDontYou:
                return "“Why don't you…” can land as a reproach. You could wonder alongside yourself instead: “What might help right now?”"
            case .instruction:
                return "Instructions tend to let the critic back in. Support can sound like “When you're ready, we could…”, or “What would feel manageable?”"
            case .just:
                return "“Just” can make something hard sound easy. A kinder line names the difficulty: “This is hard, and…”."
            case .however:
                return "“However” can take back the warmth that came before it. Let the understanding stand on its own, and say the next thing with “and”."
            case .invalidation:
                return "This may read as brushing the feeling aside. A compassionate voice takes it seriously: “It makes sense you feel this, because…”."
            case .label:
                return "A name like this is the critic's word. Compassion speaks about what happened, and how it felt, not about what you are."
            }
        }
    }

    /// One phrase worth a second look.
    public struct Note: Codable, Sendable, Equatable {
        /// The line it is on, counted from 1.
        public var line: Int
        /// The line itself (trimmed; long lines are cut around the phrase).
        public var quote: String
        /// The words that caught the eye, as written.
        public var phrase: String
        public var kind: Kind
        public var suggestion: String

        public init(line: Int, quote: String, phrase: String, kind: Kind) {
            self.line = line
            self.quote = quote
            self.phrase = phrase
            self.kind = kind
            self.suggestion = kind.suggestion
        }
    }

    /// The qualities a compassionate letter tends to have, as questions to answer for oneself.
    public static let qualities: [String] = [
        "Can you hear genuine care and concern in it?",
        "Does it notice how much you are hurting, and what you need?",
        "Does it feel for you, the way a friend is moved by your distress?",
        "Does it help you stay with your feelings, so they become a little easier to bear?",
        "Does it help you make sense of your feelings, your difficulties and your dilemmas?",
        "Is it free of blame and condemnation?",
        "Is there warmth all the way through?",
        "Does it think with you about small, kind next steps, rather than telling you what to do?",
    ]

    /// Phrases, as sequences of lower-cased words, and their kinds. Longer phrases first, so
    /// that "why don't you" is one note, not also a "you".
    static let phrases: [([String], Kind)] = [
        (["why", "don't", "you"], .whyDontYou), (["why", "dont", "you"], .whyDontYou),
        (["why", "can't", "you"], .whyDontYou), (["why", "cant", "you"], .whyDontYou),
        (["why", "didn't", "you"], .whyDontYou), (["why", "didnt", "you"], .whyDontYou),
        (["it", "would", "help", "you", "if", "you"], .instruction),
        (["you", "need", "to"], .instruction), (["you", "have", "to"], .instruction),
        (["you've", "got", "to"], .instruction), (["you", "must"], .should),
        (["ought", "to"], .should), (["should"], .should), (["shouldn't"], .should), (["must"], .should),
        (["mustn't"], .should), (["should've"], .should),
        (["over", "reacting"], .invalidation), (["over", "react"], .invalidation), (["overreacting"], .invalidation),
        (["overreact"], .invalidation), (["too", "sensitive"], .invalidation), (["get", "over", "it"], .invalidation),
        (["not", "a", "big", "deal"], .invalidation), (["no", "big", "deal"], .invalidation),
        (["mountains", "out", "of"], .invalidation), (["mountain", "out", "of"], .invalidation),
        (["it's", "not", "that", "bad"], .invalidation), (["pull", "yourself", "together"], .invalidation),
        (["however"], .however), (["but", "you", "know"], .however),
    ]

    /// Verbs that make "just" an order ("just relax") rather than a harmless word ("just now").
    static let orderedVerbs: Set<String> = [
        "relax", "stop", "get", "move", "let", "try", "be", "do", "accept", "forget", "calm", "focus", "need",
        "think", "ignore", "breathe", "deal", "snap", "cheer", "smile", "call", "ask", "say", "tell", "go", "leave",
        "apologise", "apologize", "put", "take", "make", "give", "walk", "start", "quit", "write", "sleep", "rest",
        "eat", "push", "work", "keep", "learn", "toughen", "buck", "shake", "pick", "face", "choose", "decide",
        "admit", "realise", "realize", "remember", "have", "stay", "drop", "finish", "talk",
    ]

    public static func notes(on text: String) -> [Note] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let wordsByLine = lines.map(unquotedWords)
        // Whether the letter reads as English is judged on the whole of it: a short line may
        // hold none of the common words.
        guard CriticReader.looksEnglish(wordsByLine.joined().map(\.folded)) else { return [] }
        var notes: [Note] = []
        for (index, line) in lines.enumerated() {
            let words = wordsByLine[index]
            guard !words.isEmpty else { continue }
            var noted = Set<Kind>()
            var position = 0
            while position < words.count {
                if let (length, kind) = match(words, at: position) {
                    if !noted.contains(kind) {
                        notes.append(Note(
                            line: index + 1, quote: excerpt(line), phrase: words[position..<(position + length)].map(\.written).joined(separator: " "),
                            kind: kind))
                        noted.insert(kind)
                    }
                    position += length
                } else {
                    position += 1
                }
            }
            if !noted.contains(.label) {
                // Labels are read clause by clause, as the critic's own words are.
                let unquoted = words.map(\.written).joined(separator: " ")
                if CriticReader.read(unquoted).styles.contains(.labeling),
                   let label = words.first(where: { CriticReader.labels.contains($0.folded) }) {
                    notes.append(Note(line: index + 1, quote: excerpt(line), phrase: label.written, kind: .label))
                }
            }
        }
        return notes
    }

    static func match(_ words: [Word], at position: Int) -> (Int, Kind)? {
        for (phrase, kind) in phrases where position + phrase.count <= words.count {
            if zip(phrase, words[position...]).allSatisfy({ $0 == $1.folded }) { return (phrase.count, kind) }
        }
        let word = words[position].folded
        if word == "just" {
            let next = position + 1 < words.count ? words[position + 1].folded : ""
            let previous = position > 0 ? words[position - 1].folded : ""
            if orderedVerbs.contains(next) && (previous == "you" || previous == "" || previous == "to" || previous == "should") {
                return (1, .just)
            }
        }
        return nil
    }

    /// A word as written and as compared.
    struct Word {
        var written: String
        var folded: String
    }

    /// The line's words outside quotation marks: "…", “…”, ‘…’, and '…' where the mark stands
    /// at a word's edge. A mark between two letters is an apostrophe ("don't", "don’t").
    static func unquotedWords(_ line: String) -> [Word] {
        let characters = Array(line)
        var words: [Word] = []
        var current = ""
        var inDouble = false
        var inSingle = false
        func end() {
            if !current.isEmpty && !inDouble && !inSingle {
                words.append(Word(written: current, folded: current.lowercased()))
            }
            current = ""
        }
        for (index, character) in characters.enumerated() {
            let before = index > 0 ? characters[index - 1] : " "
            let after = index + 1 < characters.count ? characters[index + 1] : " "
            switch character {
            case "\"", "“", "”":
                end()
                inDouble = character == "“" ? true : character == "”" ? false : !inDouble
            case "'", "’", "‘":
                if before.isLetter && after.isLetter {
                    current.append("'")  // an apostrophe
                } else if character == "‘" || (character == "'" && !before.isLetter && !inSingle) {
                    end()
                    inSingle = true
                } else if inSingle {
                    end()
                    inSingle = false
                } else {
                    end()  // a stray mark, or a plural's apostrophe ("friends'")
                }
            default:
                if character.isLetter || character.isNumber {
                    current.append(character)
                } else {
                    end()
                }
            }
        }
        end()
        return words
    }

    static func excerpt(_ line: String) -> String {
        let trimmed = TextRules.trimmed(line)
        return trimmed.count <= 160 ? trimmed : String(trimmed.prefix(157)) + "…"
    }
}
