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

    public init(id: Int64, at: Date, intensity: Int, said: String?, trigger: CriticTrigger?, about: String?) {
        self.id = id
        self.at = at
        self.intensity = intensity
        self.said = said
        self.trigger = trigger
        self.about = about
    }
}

/// A check-in as given, checked against the domain's rules.
public struct CheckInDraft: Sendable, Equatable {
    public let intensity: Int
    public let said: String?
    public let trigger: CriticTrigger?
    public let about: String?

    public init(intensity: Int, said: String? = nil, trigger: CriticTrigger? = nil, about: String? = nil) throws(InvalidInput) {
        self.intensity = try Scale.required(intensity, field: "intensity")
        self.said = try TextRules.optional(said, field: "said", maxCharacters: Limits.saidCharacters)
        self.trigger = trigger
        self.about = try TextRules.optional(about, field: "about", maxCharacters: Limits.aboutCharacters)
    }
}
