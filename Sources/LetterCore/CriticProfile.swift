#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The person's own description of their critic: five questions, after the "get to know your
/// critical self" exercise in the clinic article among the seeds, asked in letterd's words.
/// Every saved set of answers is a new version; earlier ones are kept to look back on.
public struct CriticProfile: Codable, Sendable, Equatable {
    public var version: Int
    public var at: Date
    public var answers: Answers

    public init(version: Int, at: Date, answers: Answers) {
        self.version = version
        self.at = at
        self.answers = answers
    }

    public struct Answers: Codable, Sendable, Equatable {
        /// What it most often goes after.
        public var targets: String?
        /// What it says, to the person or about them.
        public var says: String?
        /// Its tone, and whose voice it brings to mind.
        public var sounds: String?
        /// How the person is left feeling.
        public var feels: String?
        /// What being spoken to like this costs them.
        public var costs: String?

        public init(targets: String? = nil, says: String? = nil, sounds: String? = nil, feels: String? = nil, costs: String? = nil) {
            self.targets = targets
            self.says = says
            self.sounds = sounds
            self.feels = feels
            self.costs = costs
        }

        /// Checks each answer as text (trimmed, bounded; blank means unanswered).
        public func checked() throws(InvalidInput) -> Answers {
            Answers(
                targets: try TextRules.optional(targets, field: "targets", maxCharacters: Limits.saidCharacters),
                says: try TextRules.optional(says, field: "says", maxCharacters: Limits.saidCharacters),
                sounds: try TextRules.optional(sounds, field: "sounds", maxCharacters: Limits.saidCharacters),
                feels: try TextRules.optional(feels, field: "feels", maxCharacters: Limits.saidCharacters),
                costs: try TextRules.optional(costs, field: "costs", maxCharacters: Limits.saidCharacters))
        }

        /// Every answer, in order (nil where unanswered).
        public var texts: [String?] { [targets, says, sounds, feels, costs] }

        public var isEmpty: Bool { texts.allSatisfy { $0 == nil } }
    }

    /// The questions, in order; each names the answer it fills.
    public enum Question: String, CaseIterable, Sendable {
        case targets, says, sounds, feels, costs

        public var text: String {
            switch self {
            case .targets: return "What does your critic most often go after?"
            case .says: return "What kinds of things does it say, to you or about you?"
            case .sounds: return "What is its tone like? Whose voice, if anyone's, does it bring to mind?"
            case .feels: return "How are you left feeling when it has had its say?"
            case .costs: return "What does it cost you, being spoken to like this?"
            }
        }
    }
}

extension CriticProfile.Answers {
    public subscript(question: CriticProfile.Question) -> String? {
        get {
            switch question {
            case .targets: return targets
            case .says: return says
            case .sounds: return sounds
            case .feels: return feels
            case .costs: return costs
            }
        }
        set {
            switch question {
            case .targets: targets = newValue
            case .says: says = newValue
            case .sounds: sounds = newValue
            case .feels: feels = newValue
            case .costs: costs = newValue
            }
        }
    }
}
