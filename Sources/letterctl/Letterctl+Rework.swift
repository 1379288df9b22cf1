import ArgumentParser
import LetterCore
import LetterProtocol

extension Letterctl {
    struct Rework: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rework",
            abstract: "Write a new version of a letter.",
            discussion: """
                Opens the letter as it reads now in your editor; saving adds a new version and \
                keeps every earlier one (see letterctl show NUMBER --versions). The about line, \
                feeling and perspective stay as they are unless you give new ones. Reworking is best \
                left for another day: a letter's kindness needs time to sink in before it is \
                judged as writing.
                """)

        @Argument(help: ArgumentHelp("The letter's number.", valueName: "number"))
        var id: Int64

        @OptionGroup var content: LetterContentOptions
        @OptionGroup var client: ClientOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try runReportingErrors { () throws(ClientError) in
                let current: LetterReply = try client.connect().call(
                    LettersInterface.Method.getLetter.rawValue, GetLetterParameters(id: id))
                // The reflections go on the page as comments when they are due (the day after
                // writing); a letterd without them (or one that fails) just leaves them out.
                var reflections = ""
                if content.from == nil,
                   let reply: ReflectOnLetterReply = try? client.connect().call(
                       LettersInterface.Method.reflectOnLetter.rawValue, LetterIdParameters(id: id)) {
                    reflections = ReflectionFormatting.comments(reply)
                }
                let input = try LetterInput(
                    from: content.from,
                    editorTemplate: current.letter.text + "\n" + Guidance.reworkTemplate(version: current.letter.version) + reflections)
                let unchanged = input.text.trimmingWhitespace == current.letter.text.trimmingWhitespace
                    && content.about == nil && content.feeling == nil && content.perspective == nil && content.warmth == nil
                if input.isBlank || unchanged {
                    input.discard()
                    print("Nothing changed, so no new version was saved.")
                    return
                }
                let parameters = ReviseLetterParameters(
                    id: id, text: input.text, about: content.about, perspective: content.perspective,
                    warmth: content.warmth, feeling: content.feeling)
                let reply: LetterReply = try input.saving { () throws(ClientError) in
                    try HelpNoteText.sending(parameters.writtenTexts, client: client) { () throws(ClientError) in
                        try client.connect().call(LettersInterface.Method.reviseLetter.rawValue, parameters)
                    }
                }
                if output.json {
                    print(try Terminal.json(reply))
                } else {
                    print(HelpNoteText.first(reply.help)
                        + "Saved version \(reply.letter.version) of letter #\(reply.letter.id); the earlier versions are kept.")
                }
            }
        }
    }
}

extension String {
    /// The text without whitespace at either end (LetterCore's rule, the one the daemon applies).
    var trimmingWhitespace: String { TextRules.trimmed(self) }
}
