/// An FTS5 query built from a person's words.
///
/// Each word becomes a quoted token, so nothing a person types is read as FTS5 syntax (`OR`,
/// `NEAR`, `*`, `"`, `:`...). Words are split as FTS5's unicode61 tokenizer splits them
/// (letters and digits make words; everything else separates), then repeats are dropped: a
/// word given twice matches nothing more, but FTS5 would weigh it twice. (GRDB's `FTS5Pattern`
/// does the same through a throwaway in-memory database per call, which wakes libdispatch's
/// worker pool; see `SQLiteFile`.)
struct FullTextQuery {
    /// The quoted tokens, in the order FTS5 numbers the query's phrases.
    let phrases: [String]
    /// The MATCH expression.
    let pattern: String
    /// Whether every row holding any one phrase matches (the phrases are alternatives, or there
    /// is one): then the rows a query matches say how many rows hold each phrase.
    let matchesEachPhrase: Bool

    private init?(_ text: String, separator: String) {
        let phrases = Self.tokens(in: text).map { token in
            // A token is letters and digits only, so it never holds the quote that would end it.
            "\"\(token)\""
        }
        guard !phrases.isEmpty else { return nil }
        self.phrases = phrases
        self.pattern = phrases.joined(separator: separator)
        self.matchesEachPhrase = phrases.count == 1 || separator == Self.or
    }

    private static let or = " OR "

    static func tokens(in text: String) -> [String] {
        var seen = Set<String>()
        return text.split { !($0.isLetter || $0.isNumber) }
            .map(String.init)
            .filter { seen.insert($0.lowercased()).inserted }
    }

    /// Matches rows holding every word; nil when the text has no words.
    static func allOf(_ text: String) -> FullTextQuery? {
        FullTextQuery(text, separator: " ")
    }

    /// Matches rows holding any of the words; nil when there are none.
    static func anyOf(_ words: [String]) -> FullTextQuery? {
        FullTextQuery(words.joined(separator: " "), separator: or)
    }
}
