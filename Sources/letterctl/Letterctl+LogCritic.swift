import ArgumentParser
import LetterCore
import LetterProtocol

extension Letterctl {
    struct LogCritic: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "log-critic",
            abstract: "Note a moment when your self-critical voice was loud.",
            discussion: """
                A check-in takes seconds: how loud the critic is (0 to 10), and, if you like, \
                what it said and what set it off. Noticing the critic is a step in itself; over \
                time the check-ins show what it tends to pick on.

                With no arguments in a terminal, letterctl asks. What tends to set the critic \
                off: disappointment (a mistake, not being how we hoped), loss (of something or \
                someone hoped for), fear (of criticism or rejection), or something other.

                Examples:
                  letterctl log-critic 7 "you always mess this up" --trigger fear
                  letterctl log-critic 4 --about "the team meeting"
                """)

        @Argument(help: ArgumentHelp("How loud the critic is, from 0 to 10.", valueName: "intensity"))
        var intensity: Int?

        @Argument(help: ArgumentHelp("What it said, in its words.", valueName: "text"))
        var said: [String] = []

        @Option(help: "What set it off.")
        var trigger: CriticTrigger?

        @Option(help: ArgumentHelp("What it was about: a situation, a task, a person.", valueName: "text"))
        var about: String?

        @OptionGroup var client: ClientOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let intensity, !Limits.scale.contains(intensity) {
                throw ValidationError("the intensity must be from 0 to 10, not \(intensity).")
            }
        }

        func run() throws {
            try runReportingErrors { () throws(ClientError) in
                var intensity = self.intensity
                var said = self.said.isEmpty ? nil : self.said.joined(separator: " ")
                if intensity == nil {
                    guard Terminal.stdinIsTerminal else {
                        throw ClientError.usage("give the intensity, 0 to 10: letterctl log-critic 6 \"what it said\"")
                    }
                    intensity = try Self.askIntensity()
                    let answer = Terminal.ask("What is it saying? (Enter to skip)\n> ")
                    if let answer, !answer.isEmpty { said = answer }
                }
                let reply: CheckInReply = try client.connect().call(
                    LettersInterface.Method.logCheckIn.rawValue,
                    LogCheckInParameters(intensity: intensity!, said: said, trigger: trigger, about: about))
                if output.json {
                    print(try Terminal.json(reply))
                } else {
                    print(Guidance.acknowledgement(intensity: reply.checkIn.intensity))
                }
            }
        }

        static func askIntensity() throws(ClientError) -> Int {
            while true {
                guard let answer = Terminal.ask("How loud is the critic right now, from 0 to 10? ") else {
                    throw ClientError.cancelled("Nothing was noted.")
                }
                if let value = Int(answer.filter { !$0.isWhitespace }), Limits.scale.contains(value) { return value }
                Terminal.warn("A whole number from 0 to 10, please.")
            }
        }
    }
}

extension CriticTrigger: ExpressibleByArgument {}
