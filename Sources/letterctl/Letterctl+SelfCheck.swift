#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ArgumentParser
import LetterCore
import LetterProtocol
import VarlinkProtocol

extension Letterctl {
    struct SelfCheckCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "self-check",
            abstract: "A short, optional check of how hard you tend to be on yourself.",
            discussion: """
                Twelve statements about how you treat yourself; for each, say whether it rings \
                true for you lately. The count of those that do is kept, so over the months you \
                can see whether your inner voice is softening. It is a mirror, not a diagnosis, \
                and there are no right answers.

                letterd offers it at most once a month (in letterctl due); --not-now lets this \
                month's offer pass. letterctl stats shows the scores over time.

                For scripts: --answers takes one y or n per statement, in order.
                """)

        @Option(help: ArgumentHelp("One y or n per statement, in order, e.g. ynnyynnnynnn.", valueName: "yn…"))
        var answers: String?

        @Flag(help: "Let this month's offer pass; it comes back in 30 days.")
        var notNow = false

        @Flag(help: "Show the scores so far and nothing else.")
        var history = false

        @OptionGroup var client: ClientOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if [answers != nil, notNow, history].filter({ $0 }).count > 1 {
                throw ValidationError("--answers, --not-now and --history each do something different; use one.")
            }
            if let answers, answers.contains(where: { !"ynYN".contains($0) }) {
                throw ValidationError("--answers takes only y and n, one per statement.")
            }
        }

        func run() throws {
            try runReportingErrors { () throws(ClientError) in
                let connection = try client.connect()
                if notNow {
                    let _: NoParameters = try connection.call(LettersInterface.Method.declineSelfCheck.rawValue, NoParameters())
                    if !output.json { print("That's fine. It will be offered again in a month, if you like.") } else { print("{}") }
                    return
                }
                let check: GetSelfCheckReply = try connection.call(LettersInterface.Method.getSelfCheck.rawValue, NoParameters())
                if history {
                    if output.json { print(try Terminal.json(check.scores)); return }
                    if check.scores.isEmpty { print("No self-check yet. letterctl self-check takes about two minutes.") }
                    for score in check.scores { print(Self.line(score)) }
                    return
                }
                let given: [Bool]
                if let answers {
                    given = answers.lowercased().map { $0 == "y" }
                } else {
                    guard Terminal.stdinIsTerminal else {
                        throw ClientError.usage("the self-check asks in a terminal; for scripts, pass --answers with one y or n per statement")
                    }
                    given = try Self.ask(check.statements)
                }
                let reply: RecordSelfCheckReply = try client.connect().call(
                    LettersInterface.Method.recordSelfCheck.rawValue, RecordSelfCheckParameters(answers: given))
                if output.json { print(try Terminal.json(reply)); return }
                print(Self.summary(
                    reply.score, previous: check.scores.last(where: { $0.version == reply.score.version }),
                    earlierListUsed: check.scores.contains { $0.version != reply.score.version }))
            }
        }

        static func ask(_ statements: [String]) throws(ClientError) -> [Bool] {
            Terminal.warn("""
                A short self-check: \(statements.count) statements about how you treat yourself. For each, \
                answer y if it rings true for you lately, or n if not (Enter means n). It is a way to \
                notice, not a test.

                """)
            var answers: [Bool] = []
            for (index, statement) in statements.enumerated() {
                while true {
                    guard let answer = Terminal.ask("\(index + 1)/\(statements.count)  \(statement)  [y/N] ") else {
                        throw ClientError.cancelled("Nothing was recorded.")
                    }
                    if let yes = Terminal.yesOrNo(answer, default: false) {
                        answers.append(yes)
                        break
                    }
                    Terminal.warn("y or n, please (Enter for n).")
                }
            }
            return answers
        }

        static func line(_ score: SelfCheckScore) -> String {
            "\(Terminal.localTime(score.at))  \(score.score) of \(score.outOf) rang true"
        }

        static func summary(_ score: SelfCheckScore, previous: SelfCheckScore?, earlierListUsed: Bool = false) -> String {
            var text = "Thank you. \(score.score) of \(score.outOf) statements rang true for you today."
            if previous == nil && earlierListUsed {
                text += " The statements have changed since your earlier self-checks, so this one begins a new line of"
                    + " scores; the earlier ones are kept as they were."
            }
            if let previous {
                text += " Last time (\(Terminal.localTime(previous.at, withYear: false))): \(previous.score)."
                if score.score < previous.score {
                    text += " Fewer than before: your inner voice may be growing a little kinder."
                } else if score.score > previous.score {
                    text += " More than before. Hard stretches come and go; noticing them is part of the practice."
                } else {
                    text += " About where it was."
                }
            }
            return text + "\nletterctl stats shows the scores over time."
        }
    }
}
