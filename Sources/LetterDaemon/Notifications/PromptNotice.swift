import Foundation
import LetterCore

/// The words of a notification for prompts that fell due, in letterd's own voice: an
/// invitation, never an alarm or a "should". The letter is named by its about line and the
/// start of its text so the person knows which one without opening it.
///
/// In the calm after the help note (`help`, the configured resources), a notification ends
/// with where to find help.
enum PromptNotice {
    static func request(
        for prompts: [Prompt], capabilities: NotificationCapabilities, help: [String]? = nil, now: Date
    ) -> NotificationRequest {
        var request = words(for: prompts, capabilities: capabilities, now: now)
        if let help, !help.isEmpty {
            let text = ([helpLead] + help).map { capabilities.bodyMarkup ? escapeMarkup($0) : $0 }
            request.body += "\n\n" + text.joined(separator: "\n")
        }
        return request
    }

    /// Before the help lines at the foot of a notification.
    static let helpLead = "If today feels like too much, you don't have to carry it alone:"

    private static func words(for prompts: [Prompt], capabilities: NotificationCapabilities, now: Date) -> NotificationRequest {
        let markup = capabilities.bodyMarkup
        let withActions = capabilities.actions
        func text(_ raw: String) -> String { markup ? escapeMarkup(raw) : raw }

        guard prompts.count == 1, let prompt = prompts.first else {
            let lines = prompts.prefix(5).map { "• " + text(name(of: $0)) }
            var body = lines.joined(separator: "\n")
            if prompts.count > 5 { body += "\n…and \(prompts.count - 5) more" }
            body += "\n" + (withActions ? "" : "Run `letterctl due` to see them.")
            return NotificationRequest(
                summary: "\(prompts.count) letters are waiting for you",
                body: body.trimmingTrailingNewlines,
                actions: [("default", "Open"), ("later", "Later")])
        }

        let heading = prompt.about.map { "“\(text($0))”\n" } ?? ""
        let excerpt = text(prompt.excerpt)
        let command = prompt.letterctlCommand
        switch prompt.kind {
        case .reread:
            let invitation = "When you have a quiet moment, read it slowly and notice what it stirs."
            return NotificationRequest(
                summary: "A letter to come back to",
                body: heading + excerpt + "\n" + invitation + (withActions ? "" : "\n\(command)"),
                actions: [("default", "Reread now"), ("reread", "Reread now"), ("later", "Later"), ("skip", "Skip")])
        case .rework:
            let invitation = prompt.reason == .notResonating
                ? "It hasn't been landing lately. If you like, write a new version; the old one stays."
                : "With a day's distance, you might see it differently. A new version keeps the old one."
            return NotificationRequest(
                summary: reworkSummary(prompt, now: now),
                body: heading + excerpt + "\n" + invitation + (withActions ? "" : "\n\(command)"),
                actions: [("default", "Rework now"), ("rework", "Rework now"), ("later", "Later"), ("skip", "Skip")])
        case .write:
            let invitation = "A new letter about this, in the voice of someone who cares about you, might help. "
                + "Whenever you're ready; there is no rush."
            return NotificationRequest(
                summary: "The critic has been loud lately",
                body: heading + invitation + (withActions ? "" : "\n\(command)"),
                actions: [("default", "Write now"), ("write", "Write now"), ("later", "Later"), ("skip", "Not now")])
        }
    }

    /// A rework invitation's title, true to why it came: "yesterday's" only while it is.
    static func reworkSummary(_ prompt: Prompt, now: Date) -> String {
        switch prompt.reason {
        case .notResonating:
            return "A letter that may be ready for a new version"
        case .nextDayRework where now.timeIntervalSince(prompt.dueAt) < 12 * 3_600:
            return "Yesterday's letter, if you'd like to revisit it"
        default:
            return "A letter to look at again, if you'd like"
        }
    }

    static func name(of prompt: Prompt) -> String {
        switch prompt.kind {
        case .reread: return "\(prompt.about ?? prompt.excerpt) (reread)"
        case .rework: return "\(prompt.about ?? prompt.excerpt) (rework)"
        case .write: return prompt.about.map { "a new letter about “\($0)”" } ?? "a new letter"
        }
    }

    /// The notification spec's body markup is a small subset of HTML: these three must be escaped.
    static func escapeMarkup(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            default: result.append(character)
            }
        }
        return result
    }
}

extension String {
    var trimmingTrailingNewlines: String {
        var copy = self
        while copy.hasSuffix("\n") { copy.removeLast() }
        return copy
    }
}
