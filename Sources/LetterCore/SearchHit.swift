/// One result of a full-text search across letters and check-ins, best first.
public struct SearchHit: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        case letter, checkIn
    }

    public var kind: Kind
    public var id: Int64
    /// A few words around the match.
    public var snippet: String
    /// SQLite's bm25 score: lower is a better match. Comparable within one search only.
    public var rank: Double

    public init(kind: Kind, id: Int64, snippet: String, rank: Double) {
        self.kind = kind
        self.id = id
        self.snippet = snippet
        self.rank = rank
    }
}

/// How much the store holds.
public struct StoreCounts: Codable, Sendable, Equatable {
    public var letters: Int
    public var versions: Int
    public var checkIns: Int

    public init(letters: Int, versions: Int, checkIns: Int) {
        self.letters = letters
        self.versions = versions
        self.checkIns = checkIns
    }
}

/// What a full-text search found, best first; also the Varlink reply (`SearchReply`).
public struct SearchResults: Codable, Sendable, Equatable {
    public var hits: [SearchHit]
    /// Set when more letters or check-ins matched than a search ranks: only the newest this many
    /// of each were ranked, and a further word would narrow the search.
    public var rankedNewest: Int?

    public init(hits: [SearchHit], rankedNewest: Int? = nil) {
        self.hits = hits
        self.rankedNewest = rankedNewest
    }
}
