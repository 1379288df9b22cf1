import ArgumentParser
import LetterCore
import LetterProtocol

extension Letterctl {
    struct Rework: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a new version of a letter.",
            discussion: """
                Opens the letter as it reads now in your editor; saving adds a new version and \
                keeps every earlier one (see letterctl show NUMBER --versions). Reworking is \
                best left for another day: a letter's kindness needs time to sink in before \
                it is judged as writing.
                """)

        @Argument(help: ArgumentHelp("The letter's number.", valueName: "number"))
        var id: Int64

        @Option(help: ArgumentHelp("Read the new text from a file, or - for standard input.", valueName: "file"))
        var from: String?

        @Option(help: ArgumentHelp("A new about line (default: keep the current one).", valueName: "text"))
        var about: String?

        @Option(help: ArgumentHelp("A new perspective (default: keep the current one).", valueName: "name"))
        var perspective: String?

        @Option(help: ArgumentHelp("How warm it felt to write this version, 0 to 10.", valueName: "0-10"))
        var warmth: Int?

        @OptionGroup var client: ClientOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let warmth, !Limits.scale.contains(warmth) {
                throw ValidationError("--warmth must be from 0 to 10, not \(warmth).")
            }
        }

        func run() throws {
            try runReportingErrors { () throws(ClientError) in
                let current: LetterReply = try client.connect().call(
                    LettersInterface.Method.getLetter.rawValue, GetLetterParameters(id: id))
                var draft: LetterEditor.Draft?
                let text: String
                if let from {
                    text = try InputText.read(from)
                } else {
                    let edited = try LetterEditor().edit(
                        current.letter.text + "\n" + Guidance.reworkTemplate(version: current.letter.version))
                    text = edited.text
                    draft = edited.draft
                }
                let unchanged = text.trimmingWhitespace == current.letter.text.trimmingWhitespace
                if text.allSatisfy(\.isWhitespace) || (unchanged && about == nil && perspective == nil && warmth == nil) {
                    draft?.remove()
                    print("Nothing changed, so no new version was saved.")
                    return
                }
                let reply: LetterReply
                do throws(ClientError) {
                    reply = try client.connect().call(
                        LettersInterface.Method.reviseLetter.rawValue,
                        ReviseLetterParameters(id: id, text: text, about: about, perspective: perspective, warmth: warmth))
                } catch {
                    if let draft { Terminal.warn("Your new version is kept in \(draft.path)") }
                    throw error
                }
                draft?.remove()
                if output.json {
                    print(try Terminal.json(reply))
                } else {
                    print("Saved version \(reply.letter.version) of letter #\(reply.letter.id); the earlier versions are kept.")
                }
            }
        }
    }
}

extension String {
    var trimmingWhitespace: Substring {
        var slice = self[...]
        while slice.first?.isWhitespace == true { slice.removeFirst() }
        while slice.last?.isWhitespace == true { slice.removeLast() }
        return slice
    }
}
