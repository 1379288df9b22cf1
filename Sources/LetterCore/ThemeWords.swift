/// The words that carry a check-in's or a letter's theme: lower-cased, without the small words
/// every sentence has. Used to ask the store which letters speak to a check-in, and to say in
/// words why one was chosen. (The store's own index stems and ranks; this only picks the words.)
public enum ThemeWords {
    /// The distinct theme words of some texts, in order of first appearance, at most `limit`.
    public static func words(in texts: [String], limit: Int = 32) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for text in texts {
            for word in CriticReader.clauses(of: text).joined() {  // lower-cased, apostrophes trimmed
                guard word.count >= 2, !stopWords.contains(word), !criticWords.contains(word), !word.allSatisfy(\.isNumber)
                else { continue }
                if seen.insert(word).inserted {
                    result.append(word)
                    if result.count == limit { return result }
                }
            }
        }
        return result
    }

    /// A rough stem, enough to see that "deadlines" and "deadline", or "failing" and "failed",
    /// are one theme. Not a linguist's stemmer; the store's full-text index has a real one.
    public static func stem(_ word: String) -> String {
        var base = Substring(word)
        for suffix in ["ings", "ing", "ies", "ed", "es", "s", "ly"] where word.hasSuffix(suffix) && word.count - suffix.count >= 4 {
            base = base.dropLast(suffix.count)
            break
        }
        // "deadline" and "deadlin(es)", "hope" and "hop(ing)": a final e is dropped too.
        if base.hasSuffix("e") && base.count >= 5 { base = base.dropLast() }
        return String(base)
    }

    /// The words of `words` that also appear, stemmed, among `others`.
    public static func shared(_ words: [String], with others: [String]) -> [String] {
        let stems = Set(others.map(stem))
        return words.filter { stems.contains(stem($0)) }
    }

    /// The critic's own vocabulary ("useless", "always", "should") says how it talks, not what
    /// it is about: nearly every check-in has some, and they would pull towards any letter that
    /// quotes the critic.
    static let criticWords: Set<String> = CriticReader.labels
        .union(CriticReader.shouldWords).union(CriticReader.overgeneralisingWords).union(CriticReader.negators)

    static let stopWords: Set<String> = [
        "already", "ago", "ok", "okay", "oh", "go", "im", "ive", "id", "ill", "youre", "dont", "cant",
        "anymore", "enough", "else", "well", "back", "right", "good", "bad", "time", "times", "day",
        "see", "keep", "look", "take", "give", "come", "tell", "seem", "seems", "put", "try", "trying", "need",
        "needs", "went", "came", "goes", "gets", "getting", "makes", "making", "lets", "maybe", "actually",
        "kind", "people", "person", "person's", "whole", "first", "last", "long", "little", "big", "new", "old",
        "the", "and", "but", "for", "nor", "not", "yet", "you", "your", "yours", "yourself", "i'm", "i've",
        "i'll", "i'd", "you're", "you've", "you'll", "you'd", "me", "my", "mine", "myself", "our", "ours",
        "she", "her", "hers", "him", "his", "they", "them", "their", "its", "it's", "this", "that", "these",
        "those", "there", "here", "what", "which", "who", "whom", "whose", "when", "where", "why", "how",
        "are", "was", "were", "been", "being", "have", "has", "had", "having", "does", "did", "doing",
        "done", "can", "can't", "cannot", "could", "couldn't", "would", "wouldn't", "will", "won't", "shall",
        "may", "might", "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't", "haven't",
        "hasn't", "hadn't", "with", "without", "from", "into", "onto", "about", "again", "also", "just",
        "very", "really", "too", "so", "such", "then", "than", "all", "any", "some", "each", "every",
        "more", "most", "much", "many", "own", "same", "other", "only", "even", "still", "over", "under",
        "out", "off", "up", "down", "get", "got", "make", "made", "let", "like", "one", "ever", "now",
        "because", "while", "after", "before", "until", "if", "of", "at", "by", "to", "in", "on", "or",
        "as", "is", "am", "be", "do", "an", "it", "we", "us", "he", "a", "i", "dear", "love", "yes", "no",
        "thing", "things", "something", "anything", "everything", "nothing", "someone", "anyone", "way",
        "know", "think", "feel", "felt", "said", "say", "says", "want", "going", "gonna", "bit", "lot",
    ]
}
