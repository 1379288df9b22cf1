#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ArgumentParser
import LetterProtocol

extension Letterctl {
    struct Due: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "due",
            abstract: "Show the letters waiting for a reread or a rework.",
            discussion: """
                Letters come back to you on a rhythm: a first reread a few hours after writing, \
                an invitation to rework the next day, then rereads spaced further apart while a \
                letter keeps helping. This lists what has come due, whether or not a desktop \
                notification reached you.

                For shell prompts and scripts, --quiet prints nothing and answers with the exit \
                status: 0 if something is waiting, 1 if nothing is (69 if letterd is not running).
                  if letterctl due --quiet; then echo "a letter is waiting"; fi
                """)

        @Flag(name: .shortAndLong, help: "Print nothing; exit 0 if something is waiting, 1 if not.")
        var quiet = false

        @Flag(help: "List every scheduled prompt, including those not yet due.")
        var all = false

        @OptionGroup var client: ClientOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            var somethingDue = false
            try runReportingErrors { () throws(ClientError) in
                somethingDue = try Self.show(all: all, quiet: quiet, json: output.json, over: client.connect())
            }
            if quiet && !somethingDue { throw ExitCode(1) }
        }

        /// Asks letterd what is due and prints it, unless `quiet` (also ``QuickCommandLine``'s
        /// path). Returns whether anything is due now.
        static func show(all: Bool, quiet: Bool, json: Bool, over connection: borrowing DaemonConnection) throws(ClientError) -> Bool {
            let reply = try connection.call(
                LettersInterface.Method.listDue.rawValue, json: ListDueParameters(all: all ? true : nil).json, reading: ListDueReply.self)
            let now = Date()
            let somethingDue = reply.prompts.contains { $0.dueAt <= now }
            if quiet { return somethingDue }
            if json {
                print(try Terminal.json(reply))
                return somethingDue
            }
            if let paused = reply.pausedUntil {
                print("Notifications are paused until \(Terminal.localTime(paused)) (letterctl resume ends the pause).")
            }
            defer {
                if reply.selfCheckInvited {
                    print("\nOnce a month, if you like: a two-minute self-check of how you treat yourself. "
                        + "letterctl self-check (or --not-now to let it pass)")
                }
            }
            if reply.prompts.isEmpty {
                print(all ? "Nothing is scheduled." : "Nothing is waiting; your letters are resting.")
                return somethingDue
            }
            for prompt in reply.prompts { print(ScheduleFormatting.line(prompt, now: now)) }
            if let first = reply.prompts.first(where: { $0.dueAt <= now }) {
                print("\nWhen you are ready:  " + first.letterctlCommand)
            }
            return somethingDue
        }
    }
}
