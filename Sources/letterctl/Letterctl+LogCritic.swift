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
                time the check-ins show what it tends to pick on (see letterctl critic).

                With no arguments in a terminal, letterctl asks. What tends to set the critic \
                off: disappointment (a mistake, not being how we hoped), loss (of something or \
                someone hoped for), fear (of criticism or rejection), or something other.

                letterd then names the letter best suited to come back to now (the one closest \
                to what the critic is on about, that has helped before and has had time to rest), \
                and says why in a line. It arrives as a reread invitation, within your preferred \
                hours; with --reread you read it straight away. With no letters yet, letterctl \
                suggests writing one about this.

                letterd also notes the critic's thinking styles in what it said (calling you \
                names, "shoulds", "always" and "never") and whether it said "I" or "you". It only \
                names what it is sure of, in English; correct it with letterctl critic correct.

                Examples:
                  letterctl log-critic 7 "you always mess this up" --trigger fear
                  letterctl log-critic 4 --about "the team meeting" --tag work
                  letterctl log-critic 8 "I'm useless" --reread
                """)

        @Argument(help: ArgumentHelp("How loud the critic is, from 0 to 10.", valueName: "intensity"))
        var intensity: Int?

        @Argument(help: ArgumentHelp("What it said, in its words.", valueName: "text"))
        var said: [String] = []

        @Option(help: "What set it off.")
        var trigger: CriticTrigger?

        @Option(help: ArgumentHelp("What it was about: a situation, a task, a person.", valueName: "text"))
        var about: String?

        @Option(name: .customLong("tag"), help: ArgumentHelp("A word for the theme (repeatable), e.g. work.", valueName: "tag"))
        var tags: [String] = []

        @Flag(help: "Read the suggested letter now, rather than as an invitation later.")
        var reread = false

        @OptionGroup var client: ClientOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let intensity, !Limits.scale.contains(intensity) {
                throw ValidationError("the intensity must be from 0 to 10, not \(intensity).")
            }
            if reread && output.json {
                throw ValidationError("--reread shows the letter and asks questions; it cannot be used with --json.")
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
                let parameters = LogCheckInParameters(
                    intensity: intensity!, said: said, trigger: trigger, about: about,
                    tags: tags.isEmpty ? nil : tags, rereadNow: reread ? true : nil)
                let reply = try HelpNoteText.sending(parameters.writtenTexts, intensity: parameters.intensity, client: client) {
                    () throws(ClientError) in try Self.send(parameters, over: client.connect())
                }
                try Self.show(reply, json: output.json, rereadNow: reread)
                if reread, let chosen = reply.chosen {
                    print("")
                    // How loud the critic was before reading is what the check-in just said.
                    try Reread.readAndRecord(
                        RecordRereadParameters(id: chosen.letterId, criticBefore: parameters.intensity), ask: true, client: client,
                        json: false)
                }
            }
        }

        static func send(_ parameters: LogCheckInParameters, over connection: borrowing DaemonConnection) throws(ClientError) -> LogCheckInReply {
            try connection.call(LettersInterface.Method.logCheckIn.rawValue, json: parameters.json, reading: LogCheckInReply.self)
        }

        static func show(_ reply: LogCheckInReply, json: Bool, rereadNow: Bool) throws(ClientError) {
            print(json ? try Terminal.json(reply) : CriticFormatting.reply(reply, rereadNow: rereadNow))
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
