#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import LetterCore
import LetterProtocol
import LetterStats

extension Letterctl {
    struct StatsCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stats",
            abstract: "A picture of the last weeks: the critic's check-ins, letters and rereads.",
            discussion: """
                For people who would rather look than read: how often you noted the critic each \
                day and how loud it was, what tends to set it off and how it talks, the letters \
                you wrote and how rereading them landed, and your self-check scores over time.

                Charts use block characters in a UTF-8 terminal and plain ASCII otherwise (or \
                with --ascii). Colour only in a terminal, and never when NO_COLOR is set.
                """)

        @Option(help: "How many days to look back over, 7 to 366.")
        var days = GetStatsParameters.defaultDays

        @Flag(help: "Draw with ASCII characters only.")
        var ascii = false

        @Option(help: ArgumentHelp("Columns to fit in (default: the terminal's width, or 80).", valueName: "columns"))
        var width: Int?

        @OptionGroup var client: ClientOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard GetStatsParameters.dayRange.contains(days) else { throw ValidationError("--days must be from 7 to 366.") }
            if let width, !(20...1_000).contains(width) { throw ValidationError("--width must be from 20 to 1000.") }
        }

        func run() throws {
            try runReportingErrors { () throws(ClientError) in
                let reply: GetStatsReply = try client.connect().call(
                    LettersInterface.Method.getStats.rawValue, GetStatsParameters(days: days))
                if output.json {
                    print(try Terminal.json(reply))
                    return
                }
                var options = TerminalStyle.options(
                    environment: LetterEditor.processEnvironment(), stdoutIsTerminal: Terminal.stdoutIsTerminal,
                    width: width ?? Terminal.columns)
                if ascii { options.unicode = false }
                options.utcOffsetSeconds = Terminal.utcOffsetSeconds
                print(StatsReport(stats: reply.stats, options: options).render(), terminator: "")
            }
        }
    }
}
