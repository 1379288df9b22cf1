#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ArgumentParser
import LetterCore
import LetterProtocol

extension Letterctl {
    struct Reflect: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reflect",
            abstract: "Gentle notes on a letter's phrasing, the day after writing it.",
            discussion: """
                A letter can slip into the critic's voice without our noticing: a "should", a \
                "why don't you", an instruction, a "however" that takes the warmth back, a \
                feeling brushed aside, a name the critic would use. letterctl points these out, \
                each with its line and a kinder way of putting it, and lists the qualities a \
                compassionate letter tends to have, as questions for you to answer. It never \
                scores a letter.

                The notes wait until the day after the letter (or its latest version) was \
                written: kindness first, editing later. letterctl rework shows them too, as \
                comments on the page. [reflections] enabled = false in the settings turns them \
                off.
                """)

        @Argument(help: ArgumentHelp("The letter's number.", valueName: "number"))
        var id: Int64

        @OptionGroup var client: ClientOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try runReportingErrors { () throws(ClientError) in
                let reply: ReflectOnLetterReply = try client.connect().call(
                    LettersInterface.Method.reflectOnLetter.rawValue, LetterIdParameters(id: id))
                if output.json {
                    print(try Terminal.json(reply))
                    return
                }
                print(ReflectionFormatting.text(reply, letterId: id))
            }
        }
    }
}

/// How reflections read: in the terminal, and as comment lines on the rework page.
enum ReflectionFormatting {
    static func text(_ reply: ReflectOnLetterReply, letterId: Int64) -> String {
        guard reply.enabled else { return "Reflections are turned off in the settings ([reflections] enabled)." }
        if let from = reply.availableFrom {
            return """
                Letter #\(letterId) was written recently. Its reflections wait until \(Terminal.localTime(from)): \
                let the warmth land first; the editing can come later.
                """
        }
        var lines: [String] = []
        if reply.notes.isEmpty {
            lines.append("Nothing in letter #\(letterId) reads like the critic's voice. A few questions, if you'd like to look again:")
        } else {
            lines.append("A few phrases in letter #\(letterId) may read more like the critic than a friend. Only you can tell:")
            for note in reply.notes {
                lines.append("")
                lines.append("  line \(note.line): \(note.quote)")
                lines.append("  “\(note.phrase)”: \(note.suggestion)")
            }
            lines.append("")
            lines.append("And a few questions, to answer for yourself:")
        }
        for quality in reply.qualities { lines.append("  - " + quality) }
        return lines.joined(separator: "\n")
    }

    /// The same, as `#` lines for the rework page; empty when there is nothing to offer yet.
    static func comments(_ reply: ReflectOnLetterReply) -> String {
        guard reply.enabled, reply.availableFrom == nil, !reply.qualities.isEmpty else { return "" }
        var lines = ["#", "# Some gentle notes, if you want them (letterctl reflect shows them again):"]
        for note in reply.notes {
            lines.append("#   line \(note.line): \(note.quote)")
            lines.append("#     “\(note.phrase)”: \(note.suggestion)")
        }
        lines.append("# Questions to answer for yourself:")
        for quality in reply.qualities { lines.append("#   - " + quality) }
        return lines.joined(separator: "\n") + "\n"
    }
}
