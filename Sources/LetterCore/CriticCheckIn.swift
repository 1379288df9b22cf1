#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What tends to set the critic off. Gilbert's handout names disappointment (a mistake, not
/// looking as we would like), loss (of hoped-for love, say) and fear (of criticism or rejection).
public enum CriticTrigger: String, Codable, Sendable, CaseIterable {
    case disappointment, loss, fear, other
}

/// A quick note of a moment when the self-critical voice was loud.
public struct CriticCheckIn: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64
    public var at: Date
    /// How strong it was, 0–10.
    public var intensity: Int
    /// What the critic said, in the person's words.
    public var said: String?
    public var trigger: CriticTrigger?
    /// What it was about (a situation, a person, a task).
    public var about: String?
    /// The person's own words for the theme ("work", "family"), lower-cased.
    public var tags: [String]
    /// The thinking styles recognised in what the critic said, in `ThinkingStyle`'s order.
    public var styles: [ThinkingStyle]
    /// Whether the critic spoke as "I am…" or "you are…", when that was clear.
    public var voice: CriticVoice?
    /// Whether the person corrected what letterd recognised (styles and voice are then theirs).
    public var readingCorrected: Bool

    public init(
        id: Int64, at: Date, intensity: Int, said: String?, trigger: CriticTrigger?, about: String?,
        tags: [String] = [], styles: [ThinkingStyle] = [], voice: CriticVoice? = nil, readingCorrected: Bool = false
    ) {
        self.id = id
        self.at = at
        self.intensity = intensity
        self.said = said
        self.trigger = trigger
        self.about = about
        self.tags = tags
        self.styles = styles
        self.voice = voice
        self.readingCorrected = readingCorrected
    }
}

/// A check-in as given, checked against the domain's rules, with what letterd recognised in
/// the critic's words.
public struct CheckInDraft: Sendable, Equatable {
    public let intensity: Int
    public let said: String?
    public let trigger: CriticTrigger?
    public let about: String?
    public let tags: [String]
    public let reading: CriticReading

    public init(
        intensity: Int, said: String? = nil, trigger: CriticTrigger? = nil, about: String? = nil, tags: [String] = []
    ) throws(InvalidInput) {
        self.intensity = try Scale.required(intensity, field: "intensity")
        self.said = try TextRules.optional(said, field: "said", maxCharacters: Limits.saidCharacters)
        self.trigger = trigger
        self.about = try TextRules.optional(about, field: "about", maxCharacters: Limits.aboutCharacters)
        self.tags = try LetterDraft.tags(tags)
        self.reading = self.said.map(CriticReader.read) ?? CriticReading()
    }
}

extension CriticReading {
    /// The styles in a fixed order, for storing and showing.
    public var orderedStyles: [ThinkingStyle] { ThinkingStyle.allCases.filter(styles.contains) }
}
