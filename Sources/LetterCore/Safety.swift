/// When to show a short, calm note about where to find help, and what it says.
///
/// Everything a person writes to letterd is checked: a check-in (what the critic said, what it
/// was about, its tags), a letter and every new version of it (text, about line, feeling,
/// perspective, tags), what they noticed on a reread, and their answers about their critic.
/// A check-in at the top of the scale (10) calls for the note too, whatever its words.
///
/// The words are matched against ``CrisisPhrases`` (`crisis-phrases.txt`). It is a safety net,
/// not a diagnosis, and English-first. The note never blocks saving anything and never
/// lectures; it comes first in the reply, before anything else.
public enum Safety {
    /// Whether a check-in, a letter, a reread or answers call for the note.
    public static func needsNote(intensity: Int? = nil, texts: [String?]) -> Bool {
        if let intensity, intensity >= Limits.scale.upperBound { return true }
        return texts.contains { text in text.map { CrisisPhrases.shipped.firstMatch(in: $0) != nil } ?? false }
    }

    /// The note for these resources. `saved`: what the person wrote is kept (the note then
    /// says so); false when saving it failed, and the error says what became of it.
    public static func note(resources: [String], saved: Bool = true) -> HelpNote {
        HelpNote(note: saved ? noteText + " " + keptText : noteText, resources: resources)
    }

    /// What the note says before the resources: letterd's own words, calm and short. It does
    /// not ask anything of the person.
    public static let noteText =
        "That sounds very heavy. You don't have to carry it on your own: talking to someone can help, today."
    /// Added when what they wrote was saved.
    public static let keptText = "What you wrote is kept, and it can wait."

    /// Where to find help when the config names nothing else: region-neutral on purpose.
    public static let defaultResources: [String] = [
        "If you might be in danger right now, call your local emergency number.",
        "To talk to someone today, find a crisis line in your country at https://findahelpline.com.",
    ]
}

/// The calm note and where to find help, as a reply carries it: clients show it first, before
/// anything else in the reply.
public struct HelpNote: Codable, Sendable, Equatable {
    /// A few calm sentences.
    public var note: String
    /// Where to find help, a line each ([safety] resources).
    public var resources: [String]

    public init(note: String, resources: [String]) {
        self.note = note
        self.resources = resources
    }
}
