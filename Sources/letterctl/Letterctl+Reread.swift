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
                aloud, as if someone who cares about you were saying it.

                Before the letter, letterctl asks how loud your critic is right now; afterwards, \
                how it landed, how loud the critic is now, and how believable the letter feels. \
                Each takes one key (0 to 9, or 1 to 4 for how it landed), and Enter skips it. Then \
                it asks what you notice, in your body or your feelings, in your own words.

                How it landed shapes when the letter comes back: a letter that helps returns \
                after longer and longer gaps; one that has stopped helping is offered for \
                rework instead. How much quieter the critic was after reading is shown in \
                letterctl stats, and helps letterd choose the letter to offer when the critic \
                comes back.

                For scripts: --rating, --critic-before, --critic-after, --believable and \
                --noticed answer the questions (the numbers from 0 to 10), --no-ask skips them.
                """)

        @Argument(help: ArgumentHelp("The letter's number.", valueName: "number"))
        var id: Int64

        @Option(help: "How it landed: did-not-help, somewhat, helped or helped-a-lot.")
        var rating: ReadingRating?

        @Option(help: ArgumentHelp("What you noticed as you read.", valueName: "text"))
        var noticed: String?

        @Option(help: ArgumentHelp("How loud the critic was before reading, 0 to 10.", valueName: "0-10"))
        var criticBefore: Int?

        @Option(help: ArgumentHelp("How loud the critic was after reading, 0 to 10.", valueName: "0-10"))
        var criticAfter: Int?

        @Option(help: ArgumentHelp("How believable the letter felt, 0 (not at all) to 10.", valueName: "0-10"))
        var believable: Int?

        @Flag(help: "Do not show the letter or ask anything; record the reread as given.")
        var noAsk = false

        @OptionGroup var client: ClientOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            for (value, name) in [(criticBefore, "--critic-before"), (criticAfter, "--critic-after"), (believable, "--believable")] {
                if let value, !Limits.scale.contains(value) {
                    throw ValidationError("\(name) must be from 0 to 10, not \(value).")
                }
            }
        }

        func run() throws {
            try runReportingErrors { () throws(ClientError) in
                let given = RecordRereadParameters(
                    id: id, rating: rating, noticed: noticed, criticBefore: criticBefore, criticAfter: criticAfter,
                    believable: believable)
                try Self.readAndRecord(given, ask: !noAsk, client: client, json: output.json)
            }
        }

        /// Shows the letter and, when asked to and at a terminal, asks what `given` leaves open
        /// (one key each, Enter skips); records the reread and says what comes next. Also used
        /// by `log-critic --reread`.
        static func readAndRecord(
            _ given: RecordRereadParameters, ask: Bool, client: ClientOptions, json: Bool
        ) throws(ClientError) {
            var answers = given
            let id = given.id
            if ask {
                let letter: LetterReply = try client.connect().call(
                    LettersInterface.Method.getLetter.rawValue, GetLetterParameters(id: id))
                let asking = Terminal.stdinIsTerminal
                if asking && answers.criticBefore == nil {
                    answers.criticBefore = try askScale(Guidance.criticBeforeReading, id: id)
                }
                let page = Guidance.beforeReread + "\n\n" + LetterFormatting.header(letter.letter) + "\n\n" + letter.letter.text + "\n"
                Pager.show(page)
                if asking {
                    if answers.rating == nil { answers.rating = try askRating(id: id) }
                    if answers.criticAfter == nil { answers.criticAfter = try askScale(Guidance.criticAfterReading, id: id) }
                    if answers.believable == nil { answers.believable = try askScale(Guidance.believable, id: id) }
                    if answers.noticed == nil {
                        answers.noticed = Terminal.ask("What do you notice now, in your body or your feelings? (Enter to skip)\n> ")
                    }
                }
            }
            let parameters = answers
            let reply: RecordRereadReply = try HelpNoteText.sending([parameters.noticed], client: client) { () throws(ClientError) in
                try client.connect().call(LettersInterface.Method.recordReread.rawValue, parameters)
            }
            if json {
                print(try Terminal.json(reply))
                return
            }
            var message = "Noted. Thank you for coming back to it."
            if let before = reply.reread.criticBefore, let after = reply.reread.criticAfter, before != after {
                message += " The critic went from \(before) to \(after)."
            }
            if let next = reply.next {
                let words = next.kind == .reread ? "It will come back for another reread" : "It will come back as an invitation to rework it"
                message += " \(words) \(ScheduleFormatting.when(next.dueAt, now: Date()))."
            }
            print(HelpNoteText.first(reply.help) + message)
        }

        static func askRating(id: Int64) throws(ClientError) -> ReadingRating? {
            let choices = ReadingRating.allCases
            var question = "How did it land this time?\n"
            for (index, choice) in choices.enumerated() { question += "  \(index + 1)  \(choice.label)\n" }
            question += "One key, 1-\(choices.count) (Enter skips): "
            switch Terminal.key(question, accepting: String((1...choices.count).map { Character(String($0)) })) {
            case .key(let key): return choices[Int(String(key))! - 1]
            case .skip: return nil
            case .stop: throw stopped(id: id)
            }
        }

        /// A 0–9 answer (one key; the scale runs to 10 for scripts, but a single key is kinder).
        static func askScale(_ question: String, id: Int64) throws(ClientError) -> Int? {
            switch Terminal.key(question + " One key, 0-9 (Enter skips): ", accepting: "0123456789") {
            case .key(let key): return Int(String(key))
            case .skip: return nil
            case .stop: throw stopped(id: id)
            }
        }

        static func stopped(id: Int64) -> ClientError {
            .interrupted("Stopped; this reread was not recorded. The letter is here whenever you like: letterctl reread \(id)")
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
