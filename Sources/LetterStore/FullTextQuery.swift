/// FTS5 queries built from a person's words.
///
/// Each word becomes a quoted token, so nothing a person types is read as FTS5 syntax (`OR`,
/// `NEAR`, `*`, `"`, `:`...). Words are split as FTS5's unicode61 tokenizer splits them
/// (letters and digits make words; everything else separates), then repeats are dropped: a
/// word given twice matches nothing more, but FTS5 would weigh it twice. (GRDB's `FTS5Pattern`
/// does the same through a throwaway in-memory database per call, which wakes libdispatch's
/// worker pool; see `SQLiteFile`.)
enum FullTextQuery {
    static func tokens(in text: String) -> [String] {
        var seen = Set<String>()
        return text.split { !($0.isLetter || $0.isNumber) }
            .map(String.init)
            .filter { seen.insert($0.lowercased()).inserted }
    }

    /// Matches rows holding every word; nil when the text has no words.
    static func allOf(_ text: String) -> String? {
        join(tokens(in: text), with: " ")
    }

    /// Matches rows holding any of the words; nil when there are none.
    static func anyOf(_ words: [String]) -> String? {
        join(tokens(in: words.joined(separator: " ")), with: " OR ")
    }

    private static func join(_ tokens: [String], with separator: String) -> String? {
        // A token is letters and digits only, so it never holds the quote that would end it.
        tokens.isEmpty ? nil : tokens.map { "\"\($0)\"" }.joined(separator: separator)
    }
}
