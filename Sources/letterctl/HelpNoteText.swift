import LetterCore
import LetterProtocol

/// The help note in the terminal (see LetterCore's `Safety`): it comes first, before anything
/// else a reply says, set apart by a blank line, and fits the terminal without breaking a word
/// or an address.
enum HelpNoteText {
    /// The note wrapped to the terminal: its sentences, then each resource on lines of its own.
    static func text(_ help: HelpNote, width: Int = Terminal.textWidth) -> String {
        var lines = TextRules.wrapped(help.note, width: width)
        for resource in help.resources {
            for (index, line) in TextRules.wrapped(resource, width: max(width - 4, 20)).enumerated() {
                lines.append((index == 0 ? "  \u{2022} " : "    ") + line)
            }
        }
        return lines.concatenated(separator: "\n")
    }

    /// The note, then a blank line before what follows; "" without one.
    static func first(_ help: HelpNote?) -> String {
        help.map { text($0) + "\n\n" } ?? ""
    }

    /// Sends what the person wrote. If the call fails and their words call for the note, the
    /// note is shown (on stderr, with the resources letterd is configured with, or the defaults
    /// when it cannot be asked) before the error: a full disk or a stopped letterd must not
    /// leave someone in crisis with an error message alone. It does not say that what they
    /// wrote is kept: the error says what became of it.
    static func sending<T>(
        _ texts: [String?], intensity: Int? = nil, client: ClientOptions, _ call: () throws(ClientError) -> T
    ) throws(ClientError) -> T {
        do {
            return try call()
        } catch {
            showAfterFailure(texts, intensity: intensity, socket: client.socket)
            throw error
        }
    }

    /// The note on stderr, when what failed to be sent called for it.
    static func showAfterFailure(_ texts: [String?], intensity: Int? = nil, socket: String?) {
        guard Safety.needsNote(intensity: intensity, texts: texts) else { return }
        let resources = ClientOptions.settings(socket: socket)?.help.resources ?? Safety.defaultResources
        Terminal.say(text(Safety.note(resources: resources, saved: false)) + "\n")
    }
}
