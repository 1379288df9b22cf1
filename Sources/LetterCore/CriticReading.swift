/// The thinking styles of the self-critical voice that the practice names (and that letterd
/// can recognise in a check-in's words).
public enum ThinkingStyle: String, Codable, Sendable, CaseIterable {
    /// Calling oneself names: "idiot", "useless", "a failure".
    case labeling
    /// Rules held over oneself: "should have", "must", "ought to".
    case shouldStatement
    /// One moment made into all of them: "always", "never", "everything", "nobody".
    case overgeneralising
}

/// Whether the critic speaks as "I am…" or addresses the person as "you are…".
public enum CriticVoice: String, Codable, Sendable, CaseIterable {
    case firstPerson
    case secondPerson
}

/// What letterd recognised in what the critic said.
public struct CriticReading: Sendable, Equatable {
    public var styles: Set<ThinkingStyle>
    public var voice: CriticVoice?

    public init(styles: Set<ThinkingStyle> = [], voice: CriticVoice? = nil) {
        self.styles = styles
        self.voice = voice
    }
}

/// Recognises thinking styles in English text, conservatively: no label is better than a wrong
/// one. A name counts only when it is applied to "I" or "you" ("I'm useless", "you idiot",
/// "what a failure"), and not when negated ("I'm not useless"); "always", "never" and the like
/// count unless negated ("I don't always…"); "should" and "ought" count as they stand, and so
/// does "must" when it lays down a rule ("I must be perfect", "you must try harder"), but not
/// when it guesses at what is so ("she must hate me", "it must be my fault": mind-reading and
/// self-blame, painful, yet not a rule held over oneself; see ``mustIsAGuess(_:at:)``).
/// Text that does not read as English gets no labels at all rather than guesses. The person can
/// correct whatever is recognised.
public enum CriticReader {
    public static func read(_ text: String) -> CriticReading {
        let clauses = clauses(of: text)
        let words = clauses.flatMap { $0 }
        guard looksEnglish(words) else { return CriticReading() }

        var styles = Set<ThinkingStyle>()
        var voices: [CriticVoice] = []
        for clause in clauses {
            for (index, word) in clause.enumerated() {
                if shouldWords.contains(word) && !(word == "must" && mustIsAGuess(clause, at: index)) {
                    styles.insert(.shouldStatement)
                    if let voice = nearestSubject(in: clause, before: index) { voices.append(voice) }
                }
                if overgeneralisingWords.contains(word) || (word == "no" && clause.dropFirst(index + 1).first == "one") {
                    if !negated(clause, at: index, allowing: word) {
                        styles.insert(.overgeneralising)
                        if let voice = nearestSubject(in: clause, before: index) { voices.append(voice) }
                    }
                }
                if labels.contains(word), let voice = labelTarget(in: clause, at: index), !negated(clause, at: index, allowing: nil) {
                    styles.insert(.labeling)
                    voices.append(voice)
                }
            }
        }
        let distinct = Set(voices)
        let voice: CriticVoice? = distinct.count == 1 ? distinct.first : (voices.isEmpty ? soleVoice(words) : nil)
        return CriticReading(styles: styles, voice: voice)
    }

    // MARK: - Words

    static let labels: Set<String> = [
        "idiot", "stupid", "useless", "pathetic", "failure", "loser", "worthless", "moron", "fool",
        "hopeless", "incompetent", "disgusting", "lazy", "fraud", "dumb", "weak", "unlovable",
        "disappointment", "burden", "joke", "waste", "ugly", "selfish", "coward", "embarrassment",
    ]
    static let shouldWords: Set<String> = ["should", "shouldn't", "should've", "shouldnt", "must", "mustn't", "ought"]
    static let overgeneralisingWords: Set<String> = [
        "always", "never", "everything", "nothing", "nobody", "everyone", "everybody", "anything",
    ]
    /// Words that turn what follows around.
    static let negators: Set<String> = [
        "not", "no", "never", "isn't", "aren't", "wasn't", "weren't", "don't", "doesn't", "didn't",
        "won't", "can't", "cannot", "ain't", "hardly", "nor",
    ]
    static let subjects: [String: CriticVoice] = [
        "i": .firstPerson, "i'm": .firstPerson, "im": .firstPerson, "i've": .firstPerson, "i'll": .firstPerson,
        "i'd": .firstPerson, "me": .firstPerson, "myself": .firstPerson, "my": .firstPerson,
        "you": .secondPerson, "you're": .secondPerson, "youre": .secondPerson, "you've": .secondPerson,
        "you'll": .secondPerson, "you'd": .secondPerson, "your": .secondPerson, "yourself": .secondPerson,
        "u": .secondPerson, "ur": .secondPerson,
    ]
    /// Words that may stand between a subject and the name it is called: "I'm such a total idiot".
    static let fillers: Set<String> = [
        "am", "are", "is", "be", "been", "being", "was", "were", "a", "an", "the", "such", "so", "total",
        "complete", "absolute", "utter", "just", "really", "always", "completely", "totally", "utterly",
        "fucking", "bloody", "big", "real", "pretty", "very", "too", "still", "again", "like", "at",
        "must",  // "I must be so stupid": a guess that names
    ]
    /// Common English words: enough of them, and the text reads as English.
    static let englishMarkers: Set<String> = [
        "i", "i'm", "you", "you're", "a", "an", "the", "is", "am", "are", "was", "be", "to", "of", "and",
        "it", "that", "this", "my", "your", "me", "not", "so", "do", "don't", "can't", "have", "at",
        "in", "on", "for", "what", "with", "should", "always", "never", "just", "again", "such", "must",
    ]

    // MARK: - Reading

    /// Lowercased words, grouped into clauses at punctuation and quotation marks.
    static func clauses(of text: String) -> [[String]] {
        var clauses: [[String]] = []
        var clause: [String] = []
        var word = ""
        func endWord() {
            let trimmed = word.trimmingApostrophes
            if !trimmed.isEmpty { clause.append(trimmed) }
            word = ""
        }
        func endClause() {
            endWord()
            if !clause.isEmpty { clauses.append(clause) }
            clause = []
        }
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                word.append(character)
            } else if character == "'" || character == "’" || character == "‘" {
                word.append("'")
            } else if character.isWhitespace || character == "-" {
                endWord()
            } else {
                endClause()  // . , ; : ! ? " “ ” ( ) and the like
            }
        }
        endClause()
        return clauses
    }

    static func looksEnglish(_ words: [String]) -> Bool {
        guard !words.isEmpty else { return false }
        let latin = words.allSatisfy { $0.unicodeScalars.allSatisfy { $0.isASCII || $0 == "'" } }
        let markers = words.filter { englishMarkers.contains($0) }.count
        return latin && markers >= 1 && Double(markers) / Double(words.count) >= 0.2
    }

    /// Whether a negator stands among the three words before `index` ("I'm not useless",
    /// "I don't always…"). `allowing` is the word itself, which may be a negator ("never").
    static func negated(_ clause: [String], at index: Int, allowing word: String?) -> Bool {
        let window = clause[max(0, index - 3)..<index]
        return window.contains { negators.contains($0) || $0.hasSuffix("n't") }
    }

    /// "I am a failure", "you're so useless", "you idiot", "what a loser": the subject the name
    /// is applied to, or nil when it is not applied to I or you.
    static func labelTarget(in clause: [String], at index: Int) -> CriticVoice? {
        var position = index - 1
        while position >= 0, fillers.contains(clause[position]) { position -= 1 }
        if position >= 0, let voice = subjects[clause[position]], clause[position] != "my" && clause[position] != "your" {
            return voice
        }
        // "What a failure." with nothing else in the clause: the critic's exclamation, aimed at
        // whoever it speaks to; which person is left open.
        if position >= 0, clause[position] == "what", index - position <= 2, clause.count <= index + 1 {
            return soleVoice(clause) ?? .secondPerson
        }
        return nil
    }

    // MARK: - "Must": a rule, or a guess

    /// Whether the "must" at `index` guesses at what is, or was, so (its epistemic sense)
    /// rather than laying down a rule (its deontic sense). A guess: "must have" with a past
    /// participle ("you must have been so frightened", "I must have messed it up"); "must be"
    /// with a feeling or a hardship ("you must be exhausted", "that must be so hard"), an
    /// "-ing" word ("they must be laughing", "there must be something wrong with me"), fault
    /// or blame ("it must be my fault"), or one of the critic's names ("I must be so stupid",
    /// which counts as labelling instead); what there is ("there must be a way through", but
    /// not "there must be no mistakes"); a guess about what someone else thinks or feels
    /// ("she must hate me", "my boss must think I'm useless"); and seeming ("I must look
    /// ridiculous"). Everything else stays a rule: "I must be perfect", "everything must be
    /// right", "you must try harder", "Must do better", "you must see it differently".
    /// "Mustn't" is always a rule. `words` are lower-cased, as ``clauses(of:)`` gives them.
    public static func mustIsAGuess(_ words: [String], at index: Int) -> Bool {
        guard words.indices.contains(index), words[index] == "must" else { return false }
        var before = index - 1
        while before >= 0, mustAdverbs.contains(words[before]) { before -= 1 }
        let subject = before >= 0 ? words[before] : nil
        let aboutOneself = subject.map { ["i", "you", "we", "u", "i'd", "you'd"].contains($0) } ?? true
        func next(after position: Int) -> Int {
            var position = position + 1
            while position < words.count, mustAdverbs.contains(words[position]) { position += 1 }
            return position
        }
        let verbAt = next(after: index)
        guard verbAt < words.count else { return false }
        let verb = words[verbAt]
        switch verb {
        case "have", "'ve":
            let after = next(after: verbAt)
            guard after < words.count else { return false }
            let word = words[after]
            return word == "been" || participles.contains(word) || (word.count > 3 && word.hasSuffix("ed"))
        case "be":
            var after = verbAt + 1
            while after < words.count, mustBeFillers.contains(words[after]) { after += 1 }
            guard after < words.count else { return false }
            let word = words[after]
            if (word.count > 4 && word.hasSuffix("ing") && word != "willing") || guessedStates.contains(word)
                || labels.contains(word) {
                return true
            }
            // "There must be a way": what exists, guessed at (but "there must be no mistakes").
            if subject == "there" && !["no", "nothing", "none"].contains(word) { return true }
            // "my fault", "all my fault", "to blame", "the reason", "the problem".
            return words[after..<min(words.count, after + 3)].contains { blameWords.contains($0) }
                || (personalOthers.contains(subject ?? ""))
        default:
            if let subject, personalOthers.contains(subject) { return true }
            if seemingVerbs.contains(verb) { return true }
            return !aboutOneself && othersMindVerbs.contains(verb)
        }
    }

    /// Words that may stand beside "must" without changing its sense: "you really must",
    /// "she must surely".
    static let mustAdverbs: Set<String> = [
        "really", "surely", "just", "all", "also", "still", "so", "truly", "secretly", "definitely",
        "certainly", "probably", "obviously", "clearly", "already", "simply", "absolutely", "now",
    ]
    /// Words between "must be" and what it says: "must be so very tired", "must be such a joke".
    static let mustBeFillers: Set<String> = [
        "so", "really", "very", "such", "a", "an", "the", "truly", "incredibly", "quite", "pretty",
        "absolutely", "completely", "totally", "utterly", "terribly", "awfully", "all",
    ]
    /// Past participles that "must have" guesses with (besides "been" and those ending "-ed").
    static let participles: Set<String> = [
        "felt", "known", "thought", "seen", "done", "made", "said", "got", "gotten", "gone", "taken",
        "had", "heard", "left", "lost", "meant", "hurt", "forgotten", "told", "given", "come", "become",
        "kept", "found", "held", "sent", "spent", "understood", "run", "begun", "broken", "chosen",
        "fallen", "written", "shaken", "stung", "worn", "torn", "struck", "put", "let", "sat", "stood",
    ]
    /// Feelings and hardships: "must be" with one of them is felt with, not demanded.
    static let guessedStates: Set<String> = [
        "hard", "difficult", "painful", "exhausting", "exhausted", "tiring", "tired", "lonely", "alone",
        "frightening", "frightened", "scary", "scared", "afraid", "awful", "horrible", "terrible", "tough",
        "confusing", "confused", "overwhelming", "overwhelmed", "upsetting", "upset", "hurt", "hurtful",
        "heartbreaking", "heartbroken", "sad", "worn", "drained", "devastating", "devastated", "anxious",
        "worried", "frustrating", "frustrated", "angry", "furious", "sick", "fed", "disappointed",
        "disappointing", "ashamed", "embarrassing", "embarrassed", "miserable", "unbearable", "stressful",
        "stressed", "crushing", "heavy", "annoyed", "mad", "wrong", "bored", "raw", "shattered", "worst",
    ]
    static let blameWords: Set<String> = ["fault", "blame", "reason", "problem", "why", "because"]
    /// Other people: "must" said of them is a guess at their minds ("they must all hate me").
    static let personalOthers: Set<String> = [
        "she", "he", "they", "everyone", "everybody", "people", "others", "someone", "somebody", "she's",
        "he's", "they're", "they've",
    ]
    /// "I must look ridiculous", "it must seem odd": how things appear, guessed at.
    static let seemingVerbs: Set<String> = [
        "look", "looks", "seem", "seems", "sound", "sounds", "appear", "appears", "hate", "hates",
        "despise", "pity", "feel", "feels", "hurt", "hurts", "wonder", "regret", "wish", "mean", "means",
    ]
    /// What someone else (not I or you) must think or know: "my boss must think", "the team
    /// must know". Said of oneself these read as rules ("you must see it differently").
    static let othersMindVerbs: Set<String> = [
        "think", "thinks", "know", "knows", "see", "sees", "believe", "believes", "like", "likes",
        "dislike", "notice", "notices", "realise", "realize", "hear", "judge", "judges", "laugh", "talk",
        "wonder", "want", "wants", "find", "finds",
    ]

    static func nearestSubject(in clause: [String], before index: Int) -> CriticVoice? {
        clause[..<index].reversed().lazy.compactMap { subjects[$0] }.first
    }

    static func soleVoice(_ words: [String]) -> CriticVoice? {
        let voices = Set(words.compactMap { subjects[$0] })
        return voices.count == 1 ? voices.first : nil
    }
}

extension String {
    var trimmingApostrophes: String {
        var slice = self[...]
        while slice.first == "'" { slice.removeFirst() }
        while slice.last == "'" { slice.removeLast() }
        return String(slice)
    }
}
