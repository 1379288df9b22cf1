#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ArgumentParser
import LetterCore
import LetterProtocol
import VarlinkProtocol

/// Snooze, skip, pause and resume: the person's say over when letters come back.
extension Letterctl {
    struct Snooze: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "snooze",
            abstract: "Hold a letter's prompts for a while.",
            discussion: """
                Not a good moment? The letter comes back after DURATION instead, e.g. \
                letterctl snooze 3 2h, or 1d for tomorrow.
                """)

        @Argument(help: ArgumentHelp("The letter's number.", valueName: "number"))
        var id: Int64

        @Argument(help: ArgumentHelp("How long: 30m, 2h, 1d, 1h30m.", valueName: "duration"))
        var duration: String

        @OptionGroup var client: ClientOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try runReportingErrors { () throws(ClientError) in
                let seconds = try parseHold(duration)
                let reply: PromptsReply = try client.connect().call(
                    LettersInterface.Method.snooze.rawValue, SnoozeParameters(id: id, seconds: seconds))
                if output.json { print(try Terminal.json(reply)); return }
                let now = Date()
                if let next = reply.prompts.first {
                    print("Letter #\(id) will come back \(ScheduleFormatting.when(next.dueAt, now: now)).")
                }
            }
        }
    }

    struct Skip: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "skip",
            abstract: "Let a letter's prompt pass this time.",
            discussion: """
                Skips the letter's earliest prompt. A skipped reread comes back after the usual \
                gap; nothing counts against the letter.

                letterctl skip new declines an invitation to write a new letter. If the critic \
                gets loud again later, in another stretch, the invitation may come again.
                """)

        @Argument(help: ArgumentHelp("The letter's number, or new for an invitation to write.", valueName: "number"))
        var target: String

        @OptionGroup var client: ClientOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if target != "new" && Int64(target) == nil {
                throw ValidationError("give a letter's number, or new for an invitation to write; not \"\(target)\".")
            }
        }

        func run() throws {
            try runReportingErrors { () throws(ClientError) in
                guard let id = Int64(target) else {
                    let reply: DeclineInvitationReply = try client.connect().call(
                        LettersInterface.Method.declineInvitation.rawValue, NoParameters())
                    if output.json { print(try Terminal.json(reply)); return }
                    print(reply.declined > 0
                        ? "Declined for now. Whenever you want to, letterctl write is there."
                        : "No invitation to write is waiting.")
                    return
                }
                let reply: SkipPromptReply = try client.connect().call(
                    LettersInterface.Method.skipPrompt.rawValue, LetterIdParameters(id: id))
                if output.json { print(try Terminal.json(reply)); return }
                var message = "Skipped this \(reply.skipped.kind.rawValue) of letter #\(id)."
                if let next = reply.next {
                    message += " It will come back \(ScheduleFormatting.when(next.dueAt, now: Date()))."
                }
                print(message)
            }
        }
    }

    struct Pause: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pause",
            abstract: "Pause all prompts for a while: a holiday, a hard week.",
            discussion: """
                No notifications for DURATION (e.g. 3d, 1w). Letters keep their rhythm; what \
                falls due meanwhile is gathered into one notification when the pause ends. \
                letterctl resume ends it early.
                """)

        @Argument(help: ArgumentHelp("How long: 1d, 3d, 1w, up to a year.", valueName: "duration"))
        var duration: String

        @OptionGroup var client: ClientOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try runReportingErrors { () throws(ClientError) in
                let seconds = try parseHold(duration)
                let reply: PauseReply = try client.connect().call(
                    LettersInterface.Method.pause.rawValue, PauseParameters(seconds: seconds))
                if output.json { print(try Terminal.json(reply)); return }
                print("Paused until \(Terminal.localTime(reply.pausedUntil)). Take care of yourself.")
            }
        }
    }

    struct Resume: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "resume", abstract: "End a pause now.")

        @OptionGroup var client: ClientOptions

        func run() throws {
            try runReportingErrors { () throws(ClientError) in
                let _: NoParameters = try client.connect().call(LettersInterface.Method.resume.rawValue, NoParameters())
                print("Prompts are back on. Anything that came due meanwhile arrives together.")
            }
        }
    }
}

/// A snooze or pause length from the command line.
func parseHold(_ text: String) throws(ClientError) -> Double {
    guard let seconds = DurationText.seconds(text), seconds > 0 else {
        throw ClientError.usage("\"\(text)\" is not a duration: use \(DurationText.accepted)")
    }
    guard seconds <= Limits.longestHold else {
        throw ClientError.usage("\"\(text)\" is longer than a year, the longest hold letterd keeps")
    }
    return seconds
}
