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

        @OptionGroup var content: LetterContentOptions

        @Option(name: .customLong("tag"), help: ArgumentHelp("A tag for finding it later (repeatable).", valueName: "tag"))
        var tags: [String] = []

        @OptionGroup var client: ClientOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try runReportingErrors { () throws(ClientError) in
                var about = content.about
                if content.from == nil, about == nil, Terminal.stdinIsTerminal {
                    about = Terminal.ask("What have you been judging yourself for? (a line; Enter to skip)\n> ")
                }
                let input = try LetterInput(from: content.from, editorTemplate: Guidance.newLetterTemplate)
                if input.isBlank {
                    input.discard()
                    guard input.cameFromEditor else { throw ClientError.badData("the letter is empty; nothing was saved") }
                    print(Guidance.nothingSaved)
                    return
                }
                let reply: LetterReply = try input.saving { () throws(ClientError) in
                    try client.connect().call(
                        LettersInterface.Method.writeLetter.rawValue,
                        WriteLetterParameters(
                            text: input.text, about: about, perspective: content.perspective, warmth: content.warmth,
                            tags: tags.isEmpty ? nil : tags))
                }
                if output.json {
                    print(try Terminal.json(reply))
                } else {
                    print("Saved as letter #\(reply.letter.id). Let it rest for now; letterd will invite you back later to read it slowly.")
                }
            }
        }
    }
}
