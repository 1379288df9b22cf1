import ArgumentParser
import LetterCore
import LetterProtocol

extension Letterctl {
    struct Write: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a new letter to yourself.",
            discussion: """
                Without --from, your editor ($VISUAL, then $EDITOR, then vi) opens on a page \
                with a little guidance in comment lines (starting with #), which are removed \
                when you save. Save an empty page to write nothing.

                Write as someone who knows you and cares about you would: name what hurts and \
                why it makes sense, remember that others struggle like this too, and encourage \
                rather than instruct. Afterwards, let the letter rest and come back to it later; \
                editing can wait for another day (letterctl rework).

                Examples:
                  letterctl write --about "snapping at my sister"
                  letterctl write --from letter.txt --perspective "my compassionate self" --warmth 6
                  pbpaste | letterctl write --from - --tag family
                """)

        @Option(help: ArgumentHelp(
            "What you have been judging yourself for, and how it feels, in a line.", valueName: "text"))
        var about: String?

        @Option(help: ArgumentHelp("Read the letter from a file, or - for standard input, instead of opening an editor.", valueName: "file"))
        var from: String?

        @Option(help: ArgumentHelp(
            "Who the letter is written from, e.g. \"a wise, kind friend\" or \"my compassionate self\".",
            valueName: "name"))
        var perspective: String?

        @Option(help: ArgumentHelp("How warm it felt to write, from 0 (not at all) to 10.", valueName: "0-10"))
        var warmth: Int?

        @Option(name: .customLong("tag"), help: ArgumentHelp("A tag for finding it later (repeatable).", valueName: "tag"))
        var tags: [String] = []

        @OptionGroup var client: ClientOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let warmth, !Limits.scale.contains(warmth) {
                throw ValidationError("--warmth must be from 0 to 10, not \(warmth).")
            }
        }

        func run() throws {
            try runReportingErrors { () throws(ClientError) in
                var about = self.about
                var draft: LetterEditor.Draft?
                let text: String
                if let from {
                    text = try InputText.read(from)
                } else {
                    if about == nil, Terminal.stdinIsTerminal {
                        about = Terminal.ask("What have you been judging yourself for? (a line; Enter to skip)\n> ")
                    }
                    let edited = try LetterEditor().edit(Guidance.newLetterTemplate)
                    text = edited.text
                    draft = edited.draft
                }
                if text.allSatisfy(\.isWhitespace) {
                    draft?.remove()
                    if from != nil { throw ClientError.badData("the letter is empty; nothing was saved") }
                    print(Guidance.nothingSaved)
                    return
                }
                let reply: LetterReply
                do throws(ClientError) {
                    let connection = try client.connect()
                    reply = try connection.call(
                        LettersInterface.Method.writeLetter.rawValue,
                        WriteLetterParameters(
                            text: text, about: about, perspective: perspective, warmth: warmth,
                            tags: tags.isEmpty ? nil : tags))
                } catch {
                    if let draft { Terminal.warn("Your letter is kept in \(draft.path)") }
                    throw error
                }
                draft?.remove()
                if output.json {
                    print(try Terminal.json(reply))
                } else {
                    print("Saved as letter #\(reply.letter.id). Let it rest for now, and come back to read it slowly later.")
                }
            }
        }
    }
}
