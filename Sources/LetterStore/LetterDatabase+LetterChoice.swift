import Foundation
import GRDB
import LetterCore

extension LetterDatabase {
    /// How many letters the full-text index offers for a check-in, best match first; the rest
    /// are too far from it to be chosen over these.
    static let matchingCandidates = 20
    /// Letters that do not match at all, newest first, still considered (one may be the only
    /// letter there is, or the one that has helped most).
    static let otherCandidates = 20
    /// How much the second, widened search counts against the first.
    static let feedbackWeight = 0.5
    /// How much the trigger's word counts against the check-in's own words.
    static let relatedWeight = 0.25
    /// How many of the letters matching a word are ranked: the newest this many. bm25 over every
    /// match of a common word cost ~60 ms a check-in at 100k letters (`make bench`); a person's
    /// own letters are far fewer, and for them nothing is left out.
    static let choiceRankedMatches = 200

    /// bm25 ranks (lower is better) of the letters matching any of `words`: a match in the
    /// "about" line weighs twice one in the text, tags one and a half.
    /// Only the newest `ranked` matches are ranked (see ``RankedMatches``); the best `limit`
    /// are returned.
    static func fullTextRanks(
        _ db: Database, words: [String], ranked: Int, limit: Int = matchingCandidates
    ) throws -> [Int64: Double] {
        guard let query = FullTextQuery.anyOf(words) else { return [:] }
        let matches = try RankedMatches(db, table: .letters, query: query, weights: [2.0, 0.25, 1.0, 1.5], keeping: ranked)
        return Dictionary(uniqueKeysWithValues: matches.ranks.prefix(limit).map { ($0.id, $0.rank) })
    }

    /// The tokenizer of `letterSearch` (migration v2): words compared through it are compared
    /// as the index sees them.
    static let letterSearchTokenizer = FTS5TokenizerDescriptor(components: ["porter", "unicode61", "remove_diacritics", "2"])

    /// The words of `words` that the index would not read as one already `searched`, each once:
    /// "messing" is "mess" to the index, so a widening that searched "messing" after "mess"
    /// would add a letter's rank for "mess" a second time, at half weight.
    static func unsearchedWords(_ db: Database, in words: [String], searched: [String]) throws -> [String] {
        let tokenizer = try db.makeTokenizer(letterSearchTokenizer)
        func indexed(_ word: String) throws -> [String] { try tokenizer.tokenize(query: word).map(\.token) }
        var seen = Set(try searched.flatMap(indexed))
        var fresh: [String] = []
        for word in words.flatMap(FullTextQuery.tokens(in:)) {
            let forms = try indexed(word)
            if !forms.isEmpty, !seen.isSuperset(of: forms) {
                seen.formUnion(forms)
                fresh.append(word)
            }
        }
        return fresh
    }

    /// The letters that might answer a check-in with these theme words: those the full-text
    /// index matches on any word (ranked by bm25), and some that do not match, with how their
    /// rereads landed. `related` words (the trigger: "fear", "loss") count at a quarter weight,
    /// and only for letters the check-in's own words matched: they say what kind of moment it
    /// was, not what it was about.
    ///
    /// A check-in's words are few, and a person seldom uses the same words twice for one worry
    /// ("office" today, "deadline" last week). So the search is widened once: the tags and
    /// "about" words of the letter that matched best are searched too, at half weight
    /// (pseudo-relevance feedback, as in Rocchio's method). Letters of the same theme that share
    /// none of the check-in's words are found that way.
    ///
    /// Each search ranks only the newest `ranked` letters it matches.
    static func letterCandidates(
        _ db: Database, themeWords: [String], related: [String] = [], ranked: Int = choiceRankedMatches,
        cache: LetterMatchCache? = nil
    ) throws -> [LetterCandidate] {
        func find() throws -> [LetterCandidate] {
            try matchingLetters(db, themeWords: themeWords, related: related, ranked: ranked)
        }
        let key = ([String(ranked)] + themeWords + ["\u{1F}"] + related).joined(separator: "\u{1F}")
        let letters = try cache?.letters(db, key: key, find: find) ?? find()
        guard !letters.isEmpty else { return [] }

        var ratings: [Int64: [ReadingRating]] = [:]
        var lastRead: [Int64: Date] = [:]
        var drops: [Int64: [Int]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT letterId, at, rating, criticBefore - criticAfter FROM reread
            WHERE letterId IN \(placeholders(letters.count)) ORDER BY at DESC, id DESC
            """, arguments: StatementArguments(letters.map(\.letterId))) {
            let letterId: Int64 = row[0]
            if lastRead[letterId] == nil { lastRead[letterId] = row[1] }
            if let rating = (row[2] as String?).flatMap(ReadingRating.init(rawValue:)) {
                ratings[letterId, default: []].append(rating)
            }
            if let drop = row[3] as Int? { drops[letterId, default: []].append(drop) }
        }
        return letters.map { letter in
            var candidate = letter
            candidate.ratings = ratings[letter.letterId] ?? []
            candidate.lastReadAt = lastRead[letter.letterId]
            candidate.quieting = drops[letter.letterId].flatMap(LetterCandidate.Quieting.init)
            return candidate
        }
    }

    /// ``letterCandidates(_:themeWords:related:ranked:cache:)`` without the rereads: what
    /// depends on the letters alone (and so may be kept in a ``LetterMatchCache``).
    static func matchingLetters(
        _ db: Database, themeWords: [String], related: [String], ranked: Int
    ) throws -> [LetterCandidate] {
        var ranks = try fullTextRanks(db, words: themeWords, ranked: ranked)
        // The trigger only adjusts letters the check-in's own words found: "fear" alone does not
        // make a letter about fear of exams speak to a check-in about cooking.
        // (One ranking of the newest matches, as for the check-in's words, rather than a lookup
        // per letter: setting up a full-text query costs a seek into the word's match list.)
        let relatedRanks = try fullTextRanks(
            db, words: related.filter { !themeWords.contains($0) }, ranked: ranked, limit: ranked)
        for (id, rank) in relatedRanks where ranks[id] != nil {
            ranks[id, default: 0] += relatedWeight * rank
        }
        var widening: [String] = []
        if let best = ranks.min(by: { $0.value < $1.value })?.key {
            let about = try String.fetchOne(db, sql: "SELECT about FROM letterSearch WHERE rowid = ?", arguments: [best])
            widening += try Self.tags(db, letterIds: [best])[best, default: []] + ThemeWords.words(in: [about ?? ""], limit: 8)
        }
        let fresh = try unsearchedWords(db, in: widening, searched: themeWords + related)
        for (id, rank) in try fullTextRanks(db, words: fresh, ranked: ranked) {
            ranks[id, default: 0] += feedbackWeight * rank
        }
        let matched = Array(ranks.keys)
        let others = try Int64.fetchAll(db, sql: """
            SELECT id FROM letter WHERE id NOT IN \(placeholders(matched.count)) ORDER BY id DESC LIMIT ?
            """, arguments: StatementArguments(matched) + [otherCandidates])
        let ids = matched + others
        guard !ids.isEmpty else { return [] }

        let tags = try Self.tags(db, letterIds: ids)
        return try Row.fetchAll(db, sql: """
            SELECT v.letterId, v.about, substr(v.text, 1, 4000) AS textStart
            FROM letterVersion v
            WHERE v.letterId IN \(placeholders(ids.count))
              AND v.number = (SELECT max(number) FROM letterVersion WHERE letterId = v.letterId)
            """, arguments: StatementArguments(ids)
        ).map { row in
            let id: Int64 = row[0]
            return LetterCandidate(
                letterId: id, about: row[1], tags: tags[id] ?? [], textStart: row[2],
                rank: ranks[id], ratings: [], lastReadAt: nil)
        }
    }
}
