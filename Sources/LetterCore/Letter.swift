#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A letter as it reads now: its latest version, plus what belongs to the letter as a whole
/// (its id, tags, and when it was first written).
///
/// Every edit adds a ``LetterVersion``; earlier versions stay in the store untouched.
public struct Letter: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64
    /// What the letter is about: the thing the person judges themselves for, and what it makes them feel.
    public var about: String?
    /// What the person felt when they thought of it, named rather than analysed ("ashamed, tired").
    public var feeling: String?
    /// Who the letter is written from: "a wise, kind friend", "my compassionate self", an image's name.
    public var perspective: String?
    public var text: String
    /// How warm it felt to write this version, 0–10, if the person said.
    public var warmth: Int?
    public var tags: [String]
    /// The number of the latest version; the first is 1.
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: Int64, about: String?, perspective: String?, text: String, warmth: Int?,
        tags: [String], version: Int, createdAt: Date, updatedAt: Date, feeling: String? = nil
    ) {
        self.id = id
        self.about = about
        self.feeling = feeling
        self.perspective = perspective
        self.text = text
        self.warmth = warmth
        self.tags = tags
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// One saved state of a letter. Versions are never changed or removed by an edit; the store's
/// schema refuses it.
public struct LetterVersion: Codable, Sendable, Equatable {
    public var number: Int
    public var about: String?
    public var feeling: String?
    public var perspective: String?
    public var text: String
    public var warmth: Int?
    public var createdAt: Date

    public init(
        number: Int, about: String?, perspective: String?, text: String, warmth: Int?, createdAt: Date,
        feeling: String? = nil
    ) {
        self.number = number
        self.about = about
        self.feeling = feeling
        self.perspective = perspective
        self.text = text
        self.warmth = warmth
        self.createdAt = createdAt
    }
}

/// A line in a list of letters: enough to recognise one without printing it whole.
public struct LetterSummary: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64
    public var about: String?
    public var perspective: String?
    /// The start of the latest text, on one line.
    public var excerpt: String
    public var tags: [String]
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: Int64, about: String?, perspective: String?, excerpt: String, tags: [String],
        version: Int, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.about = about
        self.perspective = perspective
        self.excerpt = excerpt
        self.tags = tags
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The first `limit` characters of the text with runs of whitespace folded to one space.
    public static func excerpt(of text: String, limit: Int = 80) -> String {
        asciiExcerpt(of: text, limit: limit) ?? excerptByCharacter(of: text, limit: limit)
    }

    /// The same excerpt read byte by byte, when the text is ASCII as far as the excerpt
    /// reaches; nil when it is not. Walking a text Character by Character (grapheme clusters,
    /// and a Unicode property lookup for each) was a seventh of letterd's time answering
    /// `letterctl list` (`make bench`). In ASCII every byte is a Character of its own (the
    /// one pair that joins, CR LF, is whitespace either way), so bytes give the same result;
    /// a byte past ASCII could join the one before it, so the Character walk takes over.
    static func asciiExcerpt(of text: String, limit: Int) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            var result: [UInt8] = []
            result.reserveCapacity(Swift.min(bytes.count, limit + 1))
            var count = 0
            var pendingSpace = false
            for byte in bytes {
                guard byte < 0x80 else { return nil }
                if byte == 0x20 || (0x09...0x0D).contains(byte) {
                    pendingSpace = count > 0
                    continue
                }
                if pendingSpace { result.append(0x20); count += 1; pendingSpace = false }
                if count >= limit { return String(decoding: result, as: UTF8.self) + "…" }
                result.append(byte)
                count += 1
            }
            return String(decoding: result, as: UTF8.self)
        }
    }

    /// The excerpt, Character by Character: right for any text.
    static func excerptByCharacter(of text: String, limit: Int) -> String {
        var result = ""
        // Counted as it grows: String.count walks the whole string, which made this quadratic
        // (most of a search's time in letterd, `make bench`).
        var count = 0
        var pendingSpace = false
        for character in text {
            if character.isWhitespace {
                pendingSpace = count > 0
                continue
            }
            if pendingSpace { result.append(" "); count += 1; pendingSpace = false }
            if count >= limit { return result + "…" }
            result.append(character)
            count += 1
        }
        return result
    }
}
