#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ArgumentParser
import LetterCore
import LetterProtocol

extension Letterctl {
    struct Schedule: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "schedule",
            abstract: "When your letters come back next, and why.",
            discussion: """
                Without a number: every upcoming prompt. With one: that letter's prompts, how \
                its rereads landed, and the gap letterd keeps between its rereads. Preferred \
                and quiet hours, the daily limit and a pause can hold a notification past the \
                time shown; the line "next notification" says when one may actually arrive.
                """)

        @Argument(help: ArgumentHelp("A letter's number.", valueName: "number"))
        var id: Int64?

        @OptionGroup var client: ClientOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try runReportingErrors { () throws(ClientError) in
                let reply: GetScheduleReply = try client.connect().call(
                    LettersInterface.Method.getSchedule.rawValue, GetScheduleParameters(id: id))
                if output.json { print(try Terminal.json(reply)); return }
                let now = Date()
                if let paused = reply.pausedUntil { print("Paused until \(Terminal.localTime(paused)).") }
                if reply.prompts.isEmpty {
                    print(id == nil ? "Nothing is scheduled." : "Nothing is scheduled for letter #\(id!).")
                }
                for prompt in reply.prompts {
                    print(ScheduleFormatting.line(prompt, now: now))
                    print("       " + ScheduleFormatting.reason(prompt.reason))
                }
                if let next = reply.nextNotificationAt {
                    print("\nNext notification: \(next <= now ? "now" : ScheduleFormatting.when(next, now: now))")
                }
                if let spacing = reply.spacing, spacing.intervalSeconds > 0 {
                    print("\nGap between rereads: \(DurationText.describe(spacing.intervalSeconds))")
                }
                if let rereads = reply.rereads, !rereads.isEmpty {
                    print("\nRereads:")
                    for reread in rereads {
                        var line = "  \(Terminal.localTime(reread.at, withYear: false))  v\(reread.version)  \(ScheduleFormatting.rating(reread.rating))"
                        if let noticed = reread.noticed { line += "  — \(noticed)" }
                        print(line)
                    }
                }
            }
        }
    }
}
