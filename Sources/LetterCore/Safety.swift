/// When to show a short, calm note about where to find help: a check-in at the top of the
/// scale, or words that suggest a crisis (in a check-in, or in what a reread stirred up). It
/// never blocks anything and never lectures; a note shown when it was not needed costs little,
/// so the words are matched generously, negations included ("I don't want to die" still gets
/// the note).
public enum Safety {
    /// Phrases that suggest a person may be in danger, lower-cased, straight apostrophes.
    static let crisisPhrases: [String] = [
        "kill myself", "killing myself", "suicide", "suicidal", "end my life", "end it all", "want to die",
        "wanna die", "better off dead", "better off without me", "hurt myself", "hurting myself", "harm myself",
        "harming myself", "self-harm",
        "self harm", "cut myself", "cutting myself", "don't want to be here", "no reason to live",
        "not want to live", "don't want to live", "can't go on", "take my own life",
    ]

    private static let crisisPhraseBytes = crisisPhrases.map { Array($0.utf8) }

    /// Whether a check-in or a reread calls for the note.
    public static func needsNote(intensity: Int? = nil, texts: [String?]) -> Bool {
        if let intensity, intensity >= Limits.scale.upperBound { return true }
        for case let text? in texts {
            // Compared as UTF-8 bytes, start by start: the standard library's substring search
            // (by Characters, or its generic one over bytes) took 3–7% of letterd's CPU for a
            // check-in, more than the rest of reading it.
            let folded = Array(String(text.lowercased().map { $0 == "’" ? "'" : $0 }).utf8)
            if crisisPhraseBytes.contains(where: { folded.contains(run: $0) }) { return true }
        }
        return false
    }

    /// Where to find help when the config names nothing else: region-neutral on purpose.
    public static let defaultResources: [String] = [
        "If you might be in danger right now, call your local emergency number.",
        "To talk to someone today, find a crisis line in your country at https://findahelpline.com.",
    ]
}

extension [UInt8] {
    /// Whether `run` appears in these bytes, in one piece.
    fileprivate func contains(run: [UInt8]) -> Bool {
        guard !run.isEmpty, run.count <= count else { return run.isEmpty }
        return (0...(count - run.count)).contains { start in
            self[start] == run[0] && self[start..<(start + run.count)].elementsEqual(run)
        }
    }
}
