#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ArgumentParser
import LetterCore
import LetterProtocol

extension Letterctl {
    struct Critic: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "critic",
            abstract: "Look back at your check-ins, and get to know your critic.",
            discussion: """
                Seeing the critic's moments side by side can show what it tends to pick on, \
                what sets it off, and how it talks: whether it calls you names, deals in \
                "shoulds", or turns one moment into "always" and "never". Knowing its habits \
                makes it a little easier to notice it, and to answer it kindly.
                """,
            subcommands: [List.self, Correct.self, Profile.self],
            defaultSubcommand: List.self)

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "list",
                abstract: "Recent check-ins, newest first, with filters.",
                discussion: """
                    Examples:
                      letterctl critic                          the last 20
                      letterctl critic --since 7d --trigger fear
                      letterctl critic --style should --about work
                      letterctl critic --since 2026-11-01 --json
                    """)

            @Option(help: ArgumentHelp(
                "Only since then: a date (2026-11-01, local midnight) or a time ago (7d, 12h, 2w).", valueName: "when"))
            var since: String?

            @Option(help: "Only those set off by this.")
            var trigger: CriticTrigger?

            @Option(help: "Only those where the critic used this thinking style: labeling, should or overgeneralising.")
            var style: ThinkingStyle?

            @Option(help: ArgumentHelp("Only those whose \"about\" contains these words.", valueName: "text"))
            var about: String?

            @Option(help: ArgumentHelp("Only those with this tag.", valueName: "tag"))
            var tag: String?

            @Option(help: "How many to show, 1 to 1000.")
            var limit = 20

            @OptionGroup var client: ClientOptions
            @OptionGroup var output: OutputOptions

            func validate() throws {
                guard Limits.pageSize.contains(limit) else { throw ValidationError("--limit must be from 1 to 1000.") }
                if let since, SinceArgument.date(since, now: Date()) == nil {
                    throw ValidationError("--since \"\(since)\" is neither a date (2026-11-01) nor a time ago (7d, 12h, 2w).")
                }
            }

            func run() throws {
                try runReportingErrors { () throws(ClientError) in
                    let reply: ListCheckInsReply = try client.connect().call(
                        LettersInterface.Method.listCheckIns.rawValue,
                        ListCheckInsParameters(
                            limit: limit, since: since.flatMap { SinceArgument.date($0, now: Date()) }, trigger: trigger,
                            style: style, about: about, tag: tag))
                    if output.json {
                        print(try Terminal.json(reply))
                    } else if reply.checkIns.isEmpty {
                        print("No check-ins match." + (since ?? trigger?.rawValue ?? about ?? tag == nil && style == nil
                            ? " Note one with letterctl log-critic." : ""))
                    } else {
                        for checkIn in reply.checkIns { print(CriticFormatting.line(checkIn)) }
                    }
                }
            }
        }

        struct Correct: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "correct",
                abstract: "Correct the thinking styles or voice noted for a check-in.",
                discussion: """
                    letterd only notes what it is fairly sure of, and it can still be wrong. \
                    You know what the critic meant; what you set here replaces what it noted.

                    Examples:
                      letterctl critic correct 12 --style labeling --style should
                      letterctl critic correct 12 --no-styles --voice unclear
                    """)

            @Argument(help: ArgumentHelp("The check-in's number (letterctl critic shows them).", valueName: "number"))
            var id: Int64

            @Option(name: .customLong("style"), help: "A thinking style it used (repeatable): labeling, should, overgeneralising.")
            var styles: [ThinkingStyle] = []

            @Flag(help: "It used none of the thinking styles.")
            var noStyles = false

            @Option(help: "Whether it spoke as \"I\" (first), as \"you\" (second), or unclear.")
            var voice: CorrectedVoice?

            @OptionGroup var client: ClientOptions
            @OptionGroup var output: OutputOptions

            func validate() throws {
                if noStyles && !styles.isEmpty { throw ValidationError("--no-styles and --style cannot be used together.") }
                if !noStyles && styles.isEmpty && voice == nil {
                    throw ValidationError("say what to correct: --style (or --no-styles), --voice, or both.")
                }
            }

            func run() throws {
                try runReportingErrors { () throws(ClientError) in
                    let reply: CheckInReply = try client.connect().call(
                        LettersInterface.Method.correctCheckIn.rawValue,
                        CorrectCheckInParameters(id: id, styles: noStyles ? [] : (styles.isEmpty ? nil : styles), voice: voice))
                    if output.json {
                        print(try Terminal.json(reply))
                    } else {
                        print("Corrected.\n" + CriticFormatting.line(reply.checkIn))
                    }
                }
            }
        }
    }
}

/// `--since`: a calendar date, read as local midnight, or a time ago.
enum SinceArgument {
    static func date(_ text: String, now: Date) -> Date? {
        if let seconds = DurationText.seconds(text), seconds >= 0, seconds <= 100 * 366 * 86_400 {
            return now.addingTimeInterval(-seconds)
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]),
            let day = Int(parts[2]), (1...12).contains(month), (1...31).contains(day), (1970...9999).contains(year)
        else { return nil }
        var fields = tm()
        fields.tm_year = Int32(year - 1900)
        fields.tm_mon = Int32(month - 1)
        fields.tm_mday = Int32(day)
        fields.tm_isdst = -1
        let seconds = mktime(&fields)
        guard seconds != -1, fields.tm_mday == Int32(day) else { return nil }  // 2026-02-31 is not a date
        return Date(timeIntervalSince1970: Double(seconds))
    }
}
