import ArgumentParser
import LetterCore
import LetterProtocol
import VarlinkProtocol

extension Letterctl {
    struct Write: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "write",
            abstract: "Write a new letter to yourself.",
            discussion: """
                With --guided, letterctl walks you through it in the terminal, a step at a time: \
                what you have been judging yourself for and what you feel; whose caring voice to \
                write in, with a moment to settle; the letter itself, with ideas to draw on one at \
                a time if you ask (type ?); and how warm it felt. No editor is needed. Ctrl-C at \
                any point keeps everything typed so far, and the next write --guided offers it back.

                Otherwise your editor ($VISUAL, then $EDITOR, then vi) opens on a page with the \
                same guidance, shorter, in comment lines (starting with #), which are removed when \
                you save. Save an empty page to write nothing. With a name in letterd's config \
                ([letter] name), the page starts with a greeting such as "Dear Sam,".

                Write as someone who knows you and cares about you would: name what hurts and \
                why it makes sense, remember that others struggle like this too, and encourage \
                rather than instruct. Some people find it easier to write about themselves by \
                name, or as "she", "he" or "they", than as "you". The critic's voice can slip \
                into a letter unnoticed; that is common, and the next day's reflections \
                (letterctl reflect) point it out gently. Afterwards, let the letter rest and come \
                back to it later; editing can wait for another day (letterctl rework).

                If writing brings up feelings that overwhelm you, or you tend to lose touch with \
                yourself or your surroundings (dissociate) under stress, this exercise belongs \
                with a therapist rather than alone. letterd is not medical advice and not a \
                substitute for a qualified professional.

                Examples:
                  letterctl write --guided
                  letterctl write --about "snapping at my sister" --feeling "ashamed"
                  letterctl write --from letter.txt --perspective "my compassionate self" --warmth 6
                  pbpaste | letterctl write --from - --tag family
                """)

        @Flag(help: "Write step by step in the terminal, with guidance along the way (no editor needed).")
        var guided = false

        @OptionGroup var content: LetterContentOptions

        @Option(name: .customLong("tag"), help: ArgumentHelp("A tag for finding it later (repeatable).", valueName: "tag"))
        var tags: [String] = []

        @OptionGroup var client: ClientOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if guided, content.from != nil {
                throw ValidationError("--guided asks for the letter a line at a time; leave out --from, or leave out --guided.")
            }
        }

        func run() throws {
            try runReportingErrors { () throws(ClientError) in
                let reply = try guided ? writeGuided() : writeInEditorOrFromFile()
                guard let reply else { return }
                if output.json {
                    print(try Terminal.json(reply))
                } else if guided {
                    print(HelpNoteText.first(reply.help) + GuidedWriting.wrappedForOutput(
                        Guidance.guidedSaved(id: reply.letter.id, reread: firstReread(of: reply.letter.id))))
                } else {
                    print(HelpNoteText.first(reply.help) + GuidedWriting.wrappedForOutput(Guidance.saved(id: reply.letter.id)))
                }
            }
        }

        private func writeGuided() throws(ClientError) -> LetterReply? {
            guard Terminal.stdinIsTerminal else {
                throw ClientError.usage(
                    "write --guided asks its questions in a terminal, and standard input is not one. "
                        + "To give a letter from a file or a pipe, use write --from FILE (or --from -).")
            }
            var session = GuidedWriting(
                client: client,
                presets: .init(
                    about: content.about, feeling: content.feeling, perspective: content.perspective,
                    warmth: content.warmth, tags: tags))
            return try session.run()
        }

        private func writeInEditorOrFromFile() throws(ClientError) -> LetterReply? {
            var about = content.about
            if content.from == nil, about == nil, Terminal.stdinIsTerminal {
                if GuidedDraftFile().exists {
                    Terminal.say("(A guided letter you began is waiting; letterctl write --guided goes on with it.)")
                }
                about = Terminal.ask("What have you been judging yourself for? (a line; Enter to skip)\n> ")
            }
            let greeting = content.from == nil ? client.letterGreeting() : nil
            let input = try LetterInput(from: content.from, editorTemplate: Guidance.newLetterTemplate(greeting: greeting))
            if input.isBlank || greeting.map({ input.text.trimmingWhitespace == $0 }) == true {
                input.discard()
                guard input.cameFromEditor else { throw ClientError.badData("the letter is empty; nothing was saved") }
                print(Guidance.nothingSaved)
                return nil
            }
            var warmth = content.warmth
            if input.cameFromEditor, warmth == nil, Terminal.stdinIsTerminal {
                warmth = Terminal.ask("How warm did it feel to write, from 0 (not at all) to 10? (Enter to skip)\n> ")
                    .flatMap { Int($0.trimmingWhitespace) }.flatMap { Limits.scale.contains($0) ? $0 : nil }
            }
            let parameters = WriteLetterParameters(
                text: input.text, about: about, perspective: content.perspective, warmth: warmth,
                tags: tags.isEmpty ? nil : tags, feeling: content.feeling)
            return try input.saving { () throws(ClientError) in
                try HelpNoteText.sending(parameters.writtenTexts, client: client) { () throws(ClientError) in
                    try client.connect().call(LettersInterface.Method.writeLetter.rawValue, parameters)
                }
            }
        }

        /// When letterd will first bring the letter back, in local time; nil if it cannot say.
        private func firstReread(of id: Int64) -> String? {
            let reply: GetScheduleReply? = try? client.connect().call(
                LettersInterface.Method.getSchedule.rawValue, GetScheduleParameters(id: id))
            let due = reply?.prompts.filter { $0.kind == .reread }.map(\.dueAt).min()
            return due.map { Terminal.localTime($0, withYear: false) }
        }
    }
}
