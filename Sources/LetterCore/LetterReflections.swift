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
///
/// Warm lines that share a word with an unhelpful one are left alone: a "must" that feels with
/// you rather than ruling ("you must have been so frightened", "that must be so hard"), a
/// "however" of degree ("however hard it gets, I'm here", "however you feel"), "but you know
/// I'm here". A name counts as the critic's only when it is said of "you" (or "I") outright:
/// not negated anywhere before it in its clause ("you are not lazy", "that doesn't make you a
/// failure", "nobody thinks you're stupid"), not reported ("the critic calls you lazy", "you
/// felt you were a burden"), not asked ("does that make you a failure?"), and not a feeling
/// named ("you felt stupid": naming how it felt is part of caring about it).
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
                return "A “should” can carry the critic's tone, even when it is meant kindly. A caring voice might be "
                    + "curious alongside you instead: “What could make this a little easier? We can find out together.”"
            case .whyDontYou:
                return "“Why don't you…” can land as a reproach. You could wonder alongside yourself instead: “What might help right now?”"
            case .instruction:
                return "Instructions tend to let the critic back in. Support can sound like “When you're ready, we could…”, or “What would feel manageable?”"
            case .just:
                return "“Just” can make something hard sound easy. A kinder line names the difficulty: “This is hard, and…”."
            case .however:
                return "“However” can take back the warmth that came before it. The understanding can stand on its own, "
                    + "and whatever comes next can follow with “and”."
            case .invalidation:
                return "This may read as brushing the feeling aside. A compassionate voice takes it seriously: “It makes sense you feel this, because…”."
            case .label:
                return "A name like this is the critic's word for you. A caring voice might speak of what happened and "
                    + "how it felt instead: “That was a real mistake, and it hurt; it proves nothing about who you are.”"
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
            if let label = label(in: words) {
                notes.append(Note(line: index + 1, quote: excerpt(line), phrase: label.written, kind: .label))
            }
        }
        return notes
    }

    static func match(_ words: [Word], at position: Int) -> (Int, Kind)? {
        for (phrase, kind) in phrases where position + phrase.count <= words.count {
            guard zip(phrase, words[position...]).allSatisfy({ $0 == $1.folded }) else { continue }
            if let must = phrase.firstIndex(of: "must") {
                let (clause, index) = clause(of: words, around: position + must)
                if CriticReader.mustIsAGuess(clause, at: index) { continue }
            }
            if phrase == ["however"] && !howeverTakesBack(words, at: position) { continue }
            if phrase == ["but", "you", "know"] && !butYouKnowTakesBack(words, at: position + 2) { continue }
            return (phrase.count, kind)
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

    /// The clause a word stands in (up to the punctuation either side of it), lower-cased, and
    /// the word's place in it.
    static func clause(of words: [Word], around position: Int) -> (words: [String], index: Int) {
        var start = position
        while start > 0, !words[start - 1].pause { start -= 1 }
        var end = position
        while end < words.count - 1, !words[end].pause { end += 1 }
        return (words[start...end].map(\.folded), position - start)
    }

    // MARK: - "However"

    /// Whether the "however" at `position` turns against what came before ("However, you know
    /// you tend to…", "You are, however, too sensitive") rather than meaning "no matter how"
    /// ("however hard it gets", "however you feel about it").
    static func howeverTakesBack(_ words: [Word], at position: Int) -> Bool {
        guard !words[position].pause, position + 1 < words.count else { return true }
        let next = words[position + 1].folded
        if degreeWords.contains(next) { return false }
        if concessiveSubjects.contains(next), !words[position + 1].pause, position + 2 < words.count {
            var verb = position + 2
            if ["are", "were", "is", "was", "might", "may", "will", "do", "did"].contains(words[verb].folded),
               !words[verb].pause, verb + 1 < words.count {
                verb += 1
            }
            if concessiveVerbs.contains(words[verb].folded) { return false }
        }
        return true
    }

    /// "However hard", "however much", "however long": how far, not a turn.
    static let degreeWords: Set<String> = [
        "hard", "much", "long", "bad", "badly", "difficult", "many", "few", "often", "far", "small", "big",
        "little", "slowly", "slow", "painful", "tough", "heavy", "dark", "messy", "awful", "tired", "scared",
        "loud", "strong", "low", "high", "quickly", "fast", "late", "early", "deep", "frightening", "lonely",
        "sad", "strange", "silly", "clumsy", "imperfect", "stuck", "lost", "afraid", "weak", "bleak", "rough",
        "uncertain", "unsure", "shaky", "angry", "anxious", "ashamed", "upset", "overwhelmed", "awkward",
        "worried", "wrong", "hopeless", "impossible",
    ]
    /// "However you feel", "however it turns out", "however things go".
    static let concessiveSubjects: Set<String> = [
        "you", "you're", "you've", "it", "things", "i", "i'm", "we", "we're", "life", "they", "this", "that",
        "today", "tomorrow",
    ]
    static let concessiveVerbs: Set<String> = [
        "feel", "felt", "feeling", "feels", "choose", "chose", "decide", "decided", "go", "goes", "went", "going",
        "turn", "turns", "turned", "end", "ends", "ended", "want", "wanted", "look", "looks", "cope", "coped",
        "coping", "manage", "managed", "get", "gets", "got", "seem", "seems", "seemed", "handle", "handled",
        "react", "reacted", "respond", "responded", "land", "lands", "landed", "unfold", "unfolds", "work",
        "works", "worked",
    ]

    /// Whether "but you know", its "know" at `position`, turns against what came before ("but
    /// you know you tend to…", "but you know how you get") rather than reassuring ("but you
    /// know I'm here", "but you know how much I care", "but you know what? You did it").
    static func butYouKnowTakesBack(_ words: [Word], at position: Int) -> Bool {
        guard position + 1 < words.count else { return true }
        let next = words[position + 1].folded
        if ["i", "i'm", "i'll", "i've", "i'd", "we", "we're", "we'll", "what"].contains(next) { return false }
        return !(next == "how" && position + 2 < words.count && words[position + 2].folded == "much")
    }

    // MARK: - Names

    /// The first of the critic's names said of "you" (or "I") outright in the line, or nil.
    static func label(in words: [Word]) -> Word? {
        var start = 0
        while start < words.count {
            var end = start
            while end < words.count - 1, !words[end].pause { end += 1 }
            if let index = labelIndex(in: words[start...end].map(\.folded)) { return words[start + index] }
            start = end + 1
        }
        return nil
    }

    static func labelIndex(in clause: [String]) -> Int? {
        if let first = clause.first, questionOpeners.contains(first) { return nil }
        for (index, word) in clause.enumerated() where CriticReader.labels.contains(word) {
            guard CriticReader.labelTarget(in: clause, at: index) != nil else { continue }
            let before = clause[..<index]
            if before.contains(where: { CriticReader.negators.contains($0) || $0.hasSuffix("n't") || noneWords.contains($0) }) {
                continue
            }
            if before.contains(where: reportingWords.contains) { continue }
            return index
        }
        return nil
    }

    /// A clause that opens with one of these asks rather than names: "does that make you a
    /// failure?", "are you lazy? No."
    static let questionOpeners: Set<String> = [
        "does", "do", "did", "is", "are", "am", "was", "were", "would", "could", "can", "will", "has", "have",
        "shall", "should", "doesn't", "isn't", "aren't",
    ]
    static let noneWords: Set<String> = ["nobody", "noone", "nothing", "none", "neither", "without"]
    /// Words that report a name rather than give it: "the critic calls you lazy", "you felt
    /// you were a burden", "as if you were stupid".
    static let reportingWords: Set<String> = [
        "say", "says", "said", "saying", "tell", "tells", "told", "telling", "call", "calls", "called", "calling",
        "think", "thinks", "thought", "thinking", "believe", "believes", "believed", "feel", "feels", "felt",
        "feeling", "fear", "fears", "feared", "worry", "worries", "worried", "afraid", "seem", "seems", "seemed",
        "whether", "if", "though", "wonder", "wondered", "assume", "assumed", "convinced", "critic", "critic's",
        "insists", "insisted", "claims", "claimed",
    ]

    /// A word as written and as compared, and whether punctuation (or a quotation) follows it.
    struct Word {
        var written: String
        var folded: String
        var pause = false
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
        /// Punctuation or a quotation ends the clause of the word before it.
        func pause() {
            end()
            if !words.isEmpty { words[words.count - 1].pause = true }
        }
        for (index, character) in characters.enumerated() {
            let before = index > 0 ? characters[index - 1] : " "
            let after = index + 1 < characters.count ? characters[index + 1] : " "
            switch character {
            case "\"", "“", "”":
                pause()
                inDouble = character == "“" ? true : character == "”" ? false : !inDouble
            case "'", "’", "‘":
                if before.isLetter && after.isLetter {
                    current.append("'")  // an apostrophe
                } else if character == "‘" || (character == "'" && !before.isLetter && !inSingle) {
                    pause()
                    inSingle = true
                } else if inSingle {
                    pause()
                    inSingle = false
                } else {
                    end()  // a stray mark, or a plural's apostrophe ("friends'")
                }
            default:
                if character.isLetter || character.isNumber {
                    current.append(character)
                } else if pauses.contains(character) {
                    pause()
                } else {
                    end()
                }
            }
        }
        end()
        return words
    }

    /// Marks that end a clause; a hyphen or a slash does not.
    static let pauses: Set<Character> = [",", ";", ":", ".", "!", "?", "(", ")", "[", "]", "…", "—", "–"]

    static func excerpt(_ line: String) -> String {
        let trimmed = TextRules.trimmed(line)
        return trimmed.count <= 160 ? trimmed : String(trimmed.prefix(157)) + "…"
    }
}
