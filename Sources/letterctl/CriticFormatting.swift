import ArgumentParser
import LetterCore
import LetterProtocol

/// How check-ins, what was recognised in them, and the letter chosen for them read in the
/// terminal.
enum CriticFormatting {
    /// The whole answer to `log-critic`. The help note, when there is one, comes first and
    /// alone; then nothing nudges towards writing (letterd made no invitation either).
    static func reply(_ reply: LogCheckInReply, rereadNow: Bool) -> String {
        let crisis = reply.help != nil
        var lines = [crisis ? Guidance.checkInKept : Guidance.acknowledgement(intensity: reply.checkIn.intensity)]
        if let reading = reading(reply.checkIn) {
            lines.append("What the critic did: \(reading). (Not quite right? letterctl critic correct \(reply.checkIn.id))")
        }
        lines.append("")
        if let chosen = reply.chosen {
            var title = "Letter #\(chosen.letterId)"
            if let about = chosen.about { title += ", “\(about)”" }
            lines.append(title + (rereadNow ? ":" : chosen.fitsTheme ? ", may help now." : ", if you would like something to read meanwhile."))
            lines.append("  " + chosen.reason)
            if !rereadNow {
                if reply.offeredPromptId != nil {
                    lines.append("  It is waiting as a reread (letterctl reread \(chosen.letterId)); a notification will come within your preferred hours.")
                } else {
                    lines.append("  Whenever you're ready: letterctl reread \(chosen.letterId)")
                }
            }
            if !chosen.fitsTheme && reply.invitation == nil && !crisis {
                lines.append("  A new letter about this may help too, when you feel ready: letterctl write")
            }
        } else if reply.invitation == nil && !crisis {
            lines.append(
                "There is no letter to come back to yet. When you feel ready, a letter about this, written as someone "
                    + "who cares about you would write it, may help: letterctl write")
        }
        if reply.invitation != nil {
            if reply.chosen != nil { lines.append("") }
            lines.append(
                "The critic has been loud lately, and no letter answers it well yet. When you feel ready, a new letter "
                    + "about this may help: letterctl write. (Not now? letterctl skip new)")
        }
        if lines.last == "" { lines.removeLast() }
        return HelpNoteText.first(reply.help) + lines.concatenated(separator: "\n")
    }

    /// "calling you names and “always” or “never”; it spoke to you as “you”" (or "calling
    /// yourself names …; it spoke as “I”"), or nil when nothing was recognised.
    static func reading(_ checkIn: CriticCheckIn) -> String? {
        var parts: [String] = []
        if !checkIn.styles.isEmpty {
            parts.append(list(checkIn.styles.map { describe($0, voice: checkIn.voice) }))
        }
        switch checkIn.voice {
        case .firstPerson?: parts.append("it spoke as “I”")
        case .secondPerson?: parts.append("it spoke to you as “you”")
        case nil: break
        }
        return parts.isEmpty ? nil : parts.concatenated(separator: "; ")
    }

    /// "a", "a and b", "a, b and c".
    static func list(_ items: [String]) -> String {
        var items = items
        guard let final = items.popLast() else { return "" }
        return items.isEmpty ? final : items.concatenated(separator: ", ") + " and " + final
    }

    /// A thinking style in a few words. Names come from the critic speaking as "I" ("I'm such an
    /// idiot": calling yourself names) or to "you" ("you idiot": calling you names); when
    /// which is unclear, it is the critic's names for you either way.
    static func describe(_ style: ThinkingStyle, voice: CriticVoice? = nil) -> String {
        switch style {
        case .labeling: return voice == .firstPerson ? "calling yourself names" : "calling you names"
        case .shouldStatement: return "“shoulds” and “musts”"
        case .overgeneralising: return "“always” or “never”"
        }
    }

    /// One line per check-in: `#12  Sun 22 Nov, 14:05  7/10  fear  "what it said"  (about x)  [tags]`
    /// with what was recognised on a second, indented line.
    static func line(_ checkIn: CriticCheckIn) -> String {
        var line = "#\(checkIn.id)".padding(5) + "  " + Terminal.localTime(checkIn.at, withYear: false) + "  \(checkIn.intensity)/10"
        if let trigger = checkIn.trigger { line += "  \(trigger.rawValue)" }
        if let said = checkIn.said { line += "  \"\(LetterSummary.excerpt(of: said, limit: 120))\"" }
        if let about = checkIn.about { line += "  (about \(about))" }
        if !checkIn.tags.isEmpty { line += "  [" + checkIn.tags.joined(separator: ", ") + "]" }
        if let reading = reading(checkIn) {
            line += "\n       " + reading + (checkIn.readingCorrected ? " (as you corrected it)" : "")
        }
        return line
    }
}

/// On the command line: labeling, should, overgeneralising (or overgeneralizing).
extension ThinkingStyle: ExpressibleByArgument {
    public init?(argument: String) {
        switch argument.lowercased() {
        case "labeling", "labelling", "labels": self = .labeling
        case "should", "shoulds", "should-statement", "shouldstatement": self = .shouldStatement
        case "overgeneralising", "overgeneralizing", "overgeneralisation", "overgeneralization": self = .overgeneralising
        default: return nil
        }
    }

    public static var allValueStrings: [String] { ["labeling", "should", "overgeneralising"] }
}

extension CorrectedVoice: ExpressibleByArgument {
    public init?(argument: String) {
        switch argument.lowercased() {
        case "first", "first-person", "i": self = .firstPerson
        case "second", "second-person", "you": self = .secondPerson
        case "unclear", "none", "unknown": self = .unclear
        default: return nil
        }
    }

    public static var allValueStrings: [String] { ["first", "second", "unclear"] }
}
