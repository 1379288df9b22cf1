#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ArgumentParser
import LetterCore
import LetterProtocol

extension Letterctl {
    struct Reread: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reread",
            abstract: "Read a letter again, slowly, and note how it landed.",
            discussion: """
                Shows the letter (through your pager if it is long). Read it slowly, perhaps \
                aloud, as if someone who cares about you were saying it. Afterwards letterctl \
                asks, gently, how it landed and what you notice: in your body, in your feelings. \
                Both questions can be skipped with Enter.

                How it landed shapes when the letter comes back: a letter that helps returns \
                after longer and longer gaps; one that has stopped helping is offered for \
                rework instead.

                For scripts: --rating and --noticed answer the questions, --no-ask skips them.
                """)

        @Argument(help: ArgumentHelp("The letter's number.", valueName: "number"))
        var id: Int64

        @Option(help: "How it landed: did-not-help, somewhat, helped or helped-a-lot.")
        var rating: ReadingRating?

        @Option(help: ArgumentHelp("What you noticed as you read.", valueName: "text"))
        var noticed: String?

        @Flag(help: "Do not show the letter or ask anything; record the reread as given.")
        var noAsk = false

        @OptionGroup var client: ClientOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try runReportingErrors { () throws(ClientError) in
                try Self.readAndRecord(id: id, rating: rating, noticed: noticed, ask: !noAsk, client: client, json: output.json)
            }
        }

        /// Shows the letter, asks how it landed (when asked to and at a terminal), records the
        /// reread and says what comes next. Also used by `log-critic --reread`.
        static func readAndRecord(
            id: Int64, rating: ReadingRating?, noticed: String?, ask: Bool, client: ClientOptions, json: Bool
        ) throws(ClientError) {
            var rating = rating
            var noticed = noticed
            if ask {
                let letter: LetterReply = try client.connect().call(
                    LettersInterface.Method.getLetter.rawValue, GetLetterParameters(id: id))
                let page = Guidance.beforeReread + "\n\n" + LetterFormatting.header(letter.letter) + "\n\n" + letter.letter.text + "\n"
                Pager.show(page)
                if Terminal.stdinIsTerminal {
                    if rating == nil { rating = askRating() }
                    if noticed == nil {
                        noticed = Terminal.ask("What do you notice now, in your body or your feelings? (Enter to skip)\n> ")
                    }
                }
            }
            let reply: RecordRereadReply = try HelpNoteText.sending([noticed], client: client) { () throws(ClientError) in
                try client.connect().call(
                    LettersInterface.Method.recordReread.rawValue,
                    RecordRereadParameters(id: id, rating: rating, noticed: noticed))
            }
            if json {
                print(try Terminal.json(reply))
                return
            }
            var message = "Noted. Thank you for coming back to it."
            if let next = reply.next {
                let words = next.kind == .reread ? "It will come back for another reread" : "It will come back as an invitation to rework it"
                message += " \(words) \(ScheduleFormatting.when(next.dueAt, now: Date()))."
            }
            print(HelpNoteText.first(reply.help) + message)
        }

        static func askRating() -> ReadingRating? {
            let choices = ReadingRating.allCases
            var question = "How did it land this time?\n"
            for (index, choice) in choices.enumerated() { question += "  \(index + 1)  \(choice.label)\n" }
            question += "Choose 1-\(choices.count), or Enter to skip: "
            for _ in 0..<3 {
                guard let answer = Terminal.ask(question)?.trimmingWhitespace, !answer.isEmpty else { return nil }
                if let number = Int(answer), (1...choices.count).contains(number) { return choices[number - 1] }
                if let named = ReadingRating(argument: String(answer)) { return named }
                question = "Please choose a number from 1 to \(choices.count), or press Enter to skip: "
            }
            return nil
        }
    }
}

/// On the command line ratings are written with dashes (did-not-help); on the wire they are
/// Varlink identifiers (didNotHelp). Both are accepted here.
extension ReadingRating: ExpressibleByArgument {
    public init?(argument: String) {
        let folded = argument.lowercased().filter { $0 != "-" && $0 != "_" }
        guard let match = Self.allCases.first(where: { $0.rawValue.lowercased() == folded }) else { return nil }
        self = match
    }

    public var commandLineName: String {
        var name = ""
        for character in rawValue {
            if character.isUppercase { name += "-" + character.lowercased() } else { name.append(character) }
        }
        return name
    }

    public static var allValueStrings: [String] { allCases.map(\.commandLineName) }
}
