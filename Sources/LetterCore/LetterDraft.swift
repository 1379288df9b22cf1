/// What a person has written, checked against the domain's rules and ready to be stored as a
/// new letter or as a new version of one. Creating a draft is the only way in, so the store
/// never sees unchecked text.
public struct LetterDraft: Sendable, Equatable {
    public let text: String
    public let about: String?
    public let feeling: String?
    public let perspective: String?
    public let warmth: Int?

    public init(text: String, about: String? = nil, perspective: String? = nil, warmth: Int? = nil,
        feeling: String? = nil
    ) throws(InvalidInput) {
        let body = TextRules.trimmed(text)
        if body.isEmpty {
            throw InvalidInput("text", "is empty; nothing was saved")
        }
        if body.utf8.count > Limits.letterTextBytes {
            throw InvalidInput("text", "is \(body.utf8.count) bytes; the limit is \(Limits.letterTextBytes) bytes (256 KiB)")
        }
        try TextRules.check(body, field: "text")
        self.text = body
        self.about = try TextRules.optional(about, field: "about", maxCharacters: Limits.aboutCharacters)
        self.feeling = try TextRules.optional(feeling, field: "feeling", maxCharacters: Limits.feelingCharacters)
        self.perspective = try TextRules.optional(
            perspective, field: "perspective", maxCharacters: Limits.perspectiveCharacters)
        self.warmth = try Scale.optional(warmth, field: "warmth")
    }

    /// Checks and normalises tags: trimmed, lower-cased, duplicates dropped, order kept.
    public static func tags(_ tags: [String]) throws(InvalidInput) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for raw in tags {
            let tag = TextRules.trimmed(raw).lowercased()
            if tag.isEmpty { throw InvalidInput("tags", "contains an empty tag") }
            if tag.count > Limits.tagCharacters {
                throw InvalidInput("tags", "has a tag longer than \(Limits.tagCharacters) characters")
            }
            try TextRules.check(tag, field: "tags")
            if tag.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0 == "," }) {
                throw InvalidInput("tags", "tag \"\(tag)\" contains a space or comma; use one word, e.g. work-deadlines")
            }
            if seen.insert(tag).inserted { result.append(tag) }
        }
        if result.count > Limits.tagsPerLetter {
            throw InvalidInput("tags", "has \(result.count) tags; the limit is \(Limits.tagsPerLetter)")
        }
        return result
    }
}

/// The 0–10 scale used for warmth and intensity.
enum Scale {
    static func optional(_ value: Int?, field: String) throws(InvalidInput) -> Int? {
        guard let value else { return nil }
        return try required(value, field: field)
    }

    static func required(_ value: Int, field: String) throws(InvalidInput) -> Int {
        guard Limits.scale.contains(value) else {
            throw InvalidInput(field, "must be a whole number from 0 to 10, not \(value)")
        }
        return value
    }
}
