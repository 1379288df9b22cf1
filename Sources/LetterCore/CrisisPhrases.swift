/// The phrases that suggest a person may be in crisis, read from `crisis-phrases.txt` (compiled
/// into the program), and how a text is searched for them. The file's header says how phrases
/// are written and how a text is read; ``Safety`` decides what to do with a match.
///
/// A phrase is a run of slots, each a choice between alternatives of one or more words (an
/// empty alternative makes the slot optional). Phrases are not expanded into every spelling
/// they allow: some lines allow thousands, and letterd keeps its memory small. Instead each
/// phrase is tried where one of its possible first words stands in the text.
public struct CrisisPhrases: Sendable {
    enum Word: Sendable, Equatable {
        case literal(String)
        /// Any number written in digits.
        case number
    }

    struct Phrase: Sendable {
        /// Each slot's alternatives; each alternative a run of words, possibly empty.
        var slots: [[[Word]]]
        /// A "quiet:" phrase: an everyday idiom that contains a crisis phrase and is not one.
        var quiet: Bool
        /// Its line in the file, for messages.
        var line: Int
    }

    /// A word of the text being searched, and the clause it is in (see ``tokens(_:)``).
    struct Token: Equatable {
        var word: String
        var isNumber: Bool
        var clause: Int
    }

    /// A match: the phrase's line in the file and the words it covered.
    public struct Match: Sendable, Equatable {
        public var line: Int
        public var words: [String]
    }

    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public var line: Int
        public var problem: String
        public var description: String { "crisis-phrases.txt, line \(line): \(problem)" }
    }

    let phrases: [Phrase]
    /// The phrases that can start with a word, by that word.
    let byFirstWord: [String: [Int]]
    /// The phrases that can start with a number.
    let numberFirst: [Int]

    /// The list letterd ships, from `crisis-phrases.txt`.
    public static let shipped: CrisisPhrases = {
        do {
            return try CrisisPhrases(parsing: String(decoding: PackageResources.crisis_phrases_txt, as: UTF8.self))
        } catch {
            // The file is part of the program and `CrisisPhraseTests` parse it: this cannot
            // happen in a tested build.
            fatalError("\(error)")
        }
    }()

    /// Reads a phrase list in the file's format.
    public init(parsing text: String) throws(ParseError) {
        var phrases: [Phrase] = []
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Substring(rawLine).drop { $0 == " " || $0 == "\t" }
            if line.isEmpty || line.hasPrefix("#") { continue }
            var quiet = false
            if line.hasPrefix("quiet:") {
                quiet = true
                line = line.dropFirst("quiet:".count)
            }
            phrases.append(Phrase(slots: try Self.slots(of: line, line: lineNumber), quiet: quiet, line: lineNumber))
        }
        var byFirstWord: [String: [Int]] = [:]
        var numberFirst: [Int] = []
        for (index, phrase) in phrases.enumerated() {
            for word in Self.firstWords(of: phrase.slots) {
                switch word {
                case .literal(let text): byFirstWord[text, default: []].append(index)
                case .number: numberFirst.append(index)
                }
            }
        }
        self.phrases = phrases
        self.byFirstWord = byFirstWord.mapValues { Array(Set($0)).sorted() }
        self.numberFirst = Array(Set(numberFirst)).sorted()
    }

    /// The slots of one phrase line: bare words are slots with one alternative; `(a|b c|)`
    /// is one slot with its alternatives.
    private static func slots(of line: Substring, line number: Int) throws(ParseError) -> [[[Word]]] {
        var slots: [[[Word]]] = []
        var rest = line
        while true {
            rest = rest.drop { $0 == " " || $0 == "\t" }
            guard let first = rest.first else { break }
            if first == "(" {
                guard let close = rest.firstIndex(of: ")") else { throw ParseError(line: number, problem: "a ( is not closed") }
                let inside = rest[rest.index(after: rest.startIndex)..<close]
                if inside.contains("(") { throw ParseError(line: number, problem: "groups cannot be nested") }
                var alternatives: [[Word]] = []
                for alternative in inside.split(separator: "|", omittingEmptySubsequences: false) {
                    alternatives.append(try words(of: alternative, line: number))
                }
                if alternatives.count < 2 { throw ParseError(line: number, problem: "a group needs at least two alternatives") }
                slots.append(alternatives)
                rest = rest[rest.index(after: close)...]
            } else {
                let end = rest.firstIndex { $0 == " " || $0 == "\t" || $0 == "(" } ?? rest.endIndex
                slots.append([try words(of: rest[..<end], line: number)])
                rest = rest[end...]
            }
        }
        if slots.isEmpty { throw ParseError(line: number, problem: "the phrase is empty") }
        if slots.allSatisfy({ $0.contains { $0.isEmpty } }) {
            throw ParseError(line: number, problem: "every part is optional, so the phrase could match nothing")
        }
        return slots
    }

    private static func words(of text: Substring, line number: Int) throws(ParseError) -> [Word] {
        var words: [Word] = []
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            if word == "<n>" {
                words.append(.number)
                continue
            }
            let normalised = tokens(String(word))
            guard normalised.count == 1, normalised[0].word == word else {
                throw ParseError(line: number, problem: "\"\(word)\" is not written as a text's word reads (lower case, letters and digits only)")
            }
            words.append(.literal(String(word)))
        }
        return words
    }

    /// The words a phrase can start with: those of its first slot, and of the next while the
    /// slots before may be left out.
    private static func firstWords(of slots: [[[Word]]]) -> [Word] {
        var words: [Word] = []
        for slot in slots {
            for alternative in slot {
                if let first = alternative.first { words.append(first) }
            }
            if !slot.contains(where: \.isEmpty) { break }
        }
        return words
    }

    // MARK: - Searching a text

    /// The first crisis phrase in `text`, or nil. Phrases are looked for from the start; where
    /// several start at the same word the longest wins, and a quiet phrase that wins covers
    /// its words (see the file's header). A crisis phrase and a quiet one of the same length:
    /// the crisis phrase wins.
    public func firstMatch(in text: String) -> Match? {
        let tokens = Self.tokens(text)
        var index = 0
        while index < tokens.count {
            var crisisEnd = index
            var crisisLine = 0
            var quietEnd = index
            func consider(_ candidates: [Int]) {
                for candidate in candidates {
                    let phrase = phrases[candidate]
                    guard let end = Self.longestEnd(of: phrase, in: tokens, from: index) else { continue }
                    if phrase.quiet {
                        quietEnd = max(quietEnd, end)
                    } else if end > crisisEnd {
                        crisisEnd = end
                        crisisLine = phrase.line
                    }
                }
            }
            let token = tokens[index]
            if let candidates = byFirstWord[token.word] { consider(candidates) }
            if token.isNumber { consider(numberFirst) }
            if quietEnd > crisisEnd {
                index = quietEnd
            } else if crisisEnd > index {
                return Match(line: crisisLine, words: tokens[index..<crisisEnd].map(\.word))
            } else {
                index += 1
            }
        }
        return nil
    }

    /// Where the longest match of `phrase` starting at `start` ends, or nil. A quiet phrase must
    /// lie within one clause: "I can't go on. The train…" is not an idiom about a train.
    static func longestEnd(of phrase: Phrase, in tokens: [Token], from start: Int) -> Int? {
        let clause = phrase.quiet ? tokens[start].clause : nil
        func fits(_ word: Word, _ token: Token) -> Bool {
            if let clause, token.clause != clause { return false }
            switch word {
            case .literal(let text): return token.word == text
            case .number: return token.isNumber
            }
        }
        // Every position the slots so far can end at; the set stays small (a few alternatives).
        var ends = [start]
        for slot in phrase.slots {
            var next: [Int] = []
            for position in ends {
                for alternative in slot {
                    var at = position
                    var matched = true
                    for word in alternative {
                        guard at < tokens.count, fits(word, tokens[at]) else {
                            matched = false
                            break
                        }
                        at += 1
                    }
                    if matched && !next.contains(at) { next.append(at) }
                }
            }
            if next.isEmpty { return nil }
            ends = next
        }
        return ends.max().flatMap { $0 > start ? $0 : nil }
    }

    /// A text as the phrases see it: lower case, apostrophes removed ("can't" is "cant"), words
    /// of letters and digits, everything else a space. Clauses end at . ! ? ; and line breaks.
    static func tokens(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var word = String.UnicodeScalarView()
        var isNumber = true
        var clause = 0
        func endWord() {
            if !word.isEmpty {
                tokens.append(Token(word: String(word), isNumber: isNumber, clause: clause))
                word = String.UnicodeScalarView()
            }
            isNumber = true
        }
        for scalar in text.lowercased().unicodeScalars {
            switch scalar.value {
            case 0x61...0x7A:  // a-z
                word.append(scalar)
                isNumber = false
            case 0x30...0x39:  // 0-9
                word.append(scalar)
            case 0x27, 0x60, 0xB4, 0x2BC, 0x2018, 0x2019, 0xFF07:  // apostrophes: the word goes on
                continue
            case 0x2E, 0x21, 0x3F, 0x3B, 0x0A, 0x0D, 0x2026, 0x3002, 0xFF01, 0xFF1F:  // . ! ? ; line breaks …
                endWord()
                clause += 1
            case 0...0x7F:
                endWord()
            default:
                let properties = scalar.properties
                switch properties.generalCategory {
                case .nonspacingMark, .spacingMark, .enclosingMark:
                    if !word.isEmpty { word.append(scalar) }
                default:
                    if properties.isAlphabetic {
                        word.append(scalar)
                        isNumber = false
                    } else if properties.numericType != nil {
                        word.append(scalar)  // a digit of another script: part of a word, not "a number"
                        isNumber = false
                    } else {
                        endWord()
                    }
                }
            }
        }
        endWord()
        return tokens
    }
}
