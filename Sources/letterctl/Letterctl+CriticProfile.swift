import ArgumentParser
import LetterCore
import LetterProtocol

extension Letterctl.Critic {
    struct Profile: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "profile",
            abstract: "Describe your critic in your own words, and see how the description changes.",
            discussion: """
                Many people carry an inner critic. It often grew as a way of coping with \
                disappointment, loss or fear, even though it rarely helps. Looking at it with \
                curiosity, rather than arguing with it, makes it easier to notice, and to answer \
                kindly. Five questions, answered in your own words: what it goes after, what it \
                says, how it sounds and whom it brings to mind, how it leaves you feeling, and \
                what it costs you.

                With no answers yet, in a terminal, letterctl asks. Later, --edit asks again \
                (Enter keeps an answer, - clears it); every saved version is kept, and --history \
                shows them all. Beside your answers, letterctl shows what your check-ins of the \
                last 90 days suggest.

                For scripts: --targets, --says, --sounds, --feels and --costs set answers \
                directly (the others carry over).
                """)

        @Flag(help: "Answer the questions again, starting from your current answers.")
        var edit = false

        @Flag(help: "Show every saved version, oldest first.")
        var history = false

        @Option(help: ArgumentHelp("What it most often goes after.", valueName: "text")) var targets: String?
        @Option(help: ArgumentHelp("What it says, to you or about you.", valueName: "text")) var says: String?
        @Option(help: ArgumentHelp("Its tone, and whose voice it brings to mind.", valueName: "text")) var sounds: String?
        @Option(help: ArgumentHelp("How you are left feeling.", valueName: "text")) var feels: String?
        @Option(help: ArgumentHelp("What it costs you.", valueName: "text")) var costs: String?

        @OptionGroup var client: ClientOptions
        @OptionGroup var output: OutputOptions

        var given: [(CriticProfile.Question, String)] {
            [(.targets, targets), (.says, says), (.sounds, sounds), (.feels, feels), (.costs, costs)]
                .compactMap { question, value in value.map { (question, $0) } }
        }

        func validate() throws {
            if history && (edit || !given.isEmpty) { throw ValidationError("--history only shows; it cannot be used with answers or --edit.") }
        }

        func run() throws {
            try runReportingErrors { () throws(ClientError) in
                let current: GetCriticProfileReply = try client.connect().call(
                    LettersInterface.Method.getCriticProfile.rawValue, GetCriticProfileParameters(withVersions: history ? true : nil))
                if history {
                    if output.json { print(try Terminal.json(current)); return }
                    let versions = current.versions ?? []
                    if versions.isEmpty { print("No answers yet. letterctl critic profile asks the questions.") }
                    for profile in versions { print(Self.describe(profile) + "\n") }
                    return
                }
                var answers = current.profile?.answers ?? CriticProfile.Answers()
                let asking = edit || (current.profile == nil && given.isEmpty && Terminal.stdinIsTerminal && !output.json)
                if asking {
                    guard Terminal.stdinIsTerminal else { throw ClientError.usage("--edit asks in a terminal; for scripts, pass the answers as options") }
                    answers = try Self.ask(starting: answers)
                }
                for (question, value) in given { answers[question] = value }

                var shown = current.profile
                var help: HelpNote? = nil
                if asking || !given.isEmpty {
                    let saved: CriticProfileReply = try HelpNoteText.sending(answers.texts, client: client) { () throws(ClientError) in
                        try client.connect().call(
                            LettersInterface.Method.saveCriticProfile.rawValue, SaveCriticProfileParameters(answers: answers))
                    }
                    if output.json { print(try Terminal.json(saved)); return }
                    shown = saved.profile
                    help = saved.help
                }
                if output.json { print(try Terminal.json(GetCriticProfileReply(profile: shown, versions: nil))); return }
                if let shown {
                    print(HelpNoteText.first(help) + Self.describe(shown))
                } else {
                    print("No answers yet. In a terminal, letterctl critic profile asks five short questions about your critic.")
                }
                let stats: GetStatsReply = try client.connect().call(LettersInterface.Method.getStats.rawValue, GetStatsParameters(days: 90))
                if let pattern = Self.pattern(stats.stats) { print("\n" + pattern) }
            }
        }

        static func ask(starting answers: CriticProfile.Answers) throws(ClientError) -> CriticProfile.Answers {
            Terminal.warn("""
                Getting to know your critic. Answer in your own words, as briefly or fully as you \
                like; Enter skips a question (or keeps your earlier answer), and - clears it.

                """)
            var answers = answers
            for question in CriticProfile.Question.allCases {
                var prompt = question.text + "\n"
                if let earlier = answers[question] { prompt += "  (so far: \(earlier))\n" }
                guard let reply = Terminal.ask(prompt + "> ") else { throw ClientError.cancelled("Nothing was saved.") }
                let trimmed = reply.trimmingWhitespace
                if trimmed == "-" { answers[question] = nil } else if !trimmed.isEmpty { answers[question] = String(trimmed) }
            }
            return answers
        }

        static func describe(_ profile: CriticProfile) -> String {
            var lines = ["Your critic, as you described it (version \(profile.version), \(Terminal.localTime(profile.at))):"]
            for question in CriticProfile.Question.allCases {
                lines.append("  \(question.text)\n    " + (profile.answers[question] ?? "(not answered)"))
            }
            return lines.joined(separator: "\n")
        }

        /// What the check-ins suggest, in a sentence or two; nil without check-ins.
        static func pattern(_ stats: Stats) -> String? {
            let total = stats.totalCheckIns
            guard total > 0 else { return nil }
            var parts = ["In your \(total) check-in\(total == 1 ? "" : "s") of the last \(stats.days.count) days"]
            if let trigger = stats.triggers.filter({ $0.count > 0 }).max(by: { $0.count < $1.count }) {
                let name = trigger.key == "other" ? "something else" : trigger.key
                parts.append("it came most often with \(name) (\(trigger.count) of \(total))")
            }
            let styles = stats.styles.filter { $0.count > 0 }.sorted { $0.count > $1.count }
            if let style = styles.first, let thinking = ThinkingStyle(rawValue: style.key) {
                let did: String
                switch thinking {
                case .labeling: did = "called you names"
                case .shouldStatement: did = "dealt in “shoulds” and “musts”"
                case .overgeneralising: did = "spoke in “always” and “never”"
                }
                parts.append("and in \(style.count) of them it \(did)")
            }
            return parts.joined(separator: ", ") + "."
        }
    }
}
