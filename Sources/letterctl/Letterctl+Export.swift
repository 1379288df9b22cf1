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
import VarlinkProtocol

extension Letterctl {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write your letters out: to read, to print, to bring to a session, or to keep.",
            discussion: """
                markdown reads well as plain text and in any Markdown viewer. html is one file \
                that needs nothing else: it opens offline, and printing it gives each letter a page \
                of its own. json holds everything letterd keeps for you, every version, reread, \
                check-in and schedule entry, and `letterctl import` reads it back, here or on \
                another machine (the README's \"Export format\" describes it).

                Markdown and HTML show each letter's latest text; --with-versions adds the earlier \
                ones, --with-rereads what you noticed when you came back to it. Check-ins are left \
                out of them unless you ask (--with-check-ins); json has them unless you say \
                --no-with-check-ins.

                Without -o the export goes to standard output. The format comes from -o's ending \
                (.md, .html, .json) when --format is not given, and is markdown otherwise.

                Examples:
                  letterctl export --format html -o letters.html
                  letterctl export --letter 3 --letter 7 --with-rereads > for-my-therapist.md
                  letterctl export --format json -o letterd-2026-11-23.json
                """)

        @Option(help: ArgumentHelp("markdown, html or json.", valueName: "format"))
        var format: ExportFormat?

        @Option(name: .customLong("letter"), help: ArgumentHelp("Only this letter (repeat for more).", valueName: "id"))
        var letters: [Int64] = []

        @Option(help: ArgumentHelp(
            "Only letters written or revised since then, and records since then: a date (2026-11-01) or a time ago (30d).",
            valueName: "when"))
        var since: String?

        @Flag(help: "Show each letter's earlier versions too (markdown, html).")
        var withVersions = false

        @Flag(help: "Show the rereads, with how each landed and what you noticed (markdown, html).")
        var withRereads = false

        @Flag(inversion: .prefixedNo, help: "Include check-ins of the critic (default: only in json).")
        var withCheckIns: Bool?

        @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
        var outputFile: String?

        @Flag(help: "Write over the -o file if it exists.")
        var force = false

        @OptionGroup var client: ClientOptions

        var chosenFormat: ExportFormat {
            if let format { return format }
            let name = outputFile?.lowercased() ?? ""
            if name.hasSuffix(".html") || name.hasSuffix(".htm") { return .html }
            if name.hasSuffix(".json") { return .json }
            return .markdown
        }

        func validate() throws {
            if let since, SinceArgument.date(since, now: Date()) == nil {
                throw ValidationError("--since \"\(since)\" is neither a date (2026-11-01) nor a time ago (30d, 12h, 2w).")
            }
            if let bad = letters.first(where: { $0 < 1 }) { throw ValidationError("--letter \(bad): letter ids start at 1") }
        }

        func run() throws {
            try runReportingErrors { () throws(ClientError) in
                if let outputFile, !force && access(outputFile, F_OK) == 0 {
                    throw ClientError.usage("\(outputFile) already exists; pass --force to write over it")
                }
                let parameters = ExportParameters(
                    format: chosenFormat, letters: letters.isEmpty ? nil : letters,
                    since: since.flatMap { SinceArgument.date($0, now: Date()) },
                    withVersions: withVersions ? true : nil, withRereads: withRereads ? true : nil, withCheckIns: withCheckIns)
                let reply: ExportReply = try client.connect().call(LettersInterface.Method.export.rawValue, parameters)
                defer { unlink(reply.path) }
                if let outputFile {
                    try DurableFile.copy(from: reply.path, to: outputFile, replace: true)
                    Terminal.warn("Wrote \(reply.letters) \(reply.letters == 1 ? "letter" : "letters") to \(outputFile).")
                } else {
                    try DurableFile.send(reply.path, to: STDOUT_FILENO)
                }
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Bring in letters and check-ins from a JSON export (letterctl export --format json).",
            discussion: """
                Only what letterd does not hold yet is added, so importing the same file twice \
                adds nothing the second time. A letter you revised both here and in the file keeps \
                every version from both sides. Nothing here is changed or removed, and a file \
                that is not a letterd export, is damaged, or comes from a newer letterd is refused \
                as a whole: either all of it goes in, or none.

                --dry-run checks the file and says what it would add, without adding it.
                """)

        @Argument(help: ArgumentHelp("The JSON export.", valueName: "file"))
        var file: String

        @Flag(help: "Check the file and say what would be added; add nothing.")
        var dryRun = false

        @OptionGroup var client: ClientOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try runReportingErrors { () throws(ClientError) in
                guard access(file, R_OK) == 0 else {
                    throw ClientError.usage("cannot read \(file): \(String(cString: strerror(errno)))")
                }
                // Refused here before letterd would refuse it, so it is not copied for nothing.
                var info = stat()
                if stat(file, &info) == 0, Int64(info.st_size) > ExportDocument.largestImportBytes {
                    throw ClientError.badData(
                        "\(file) is more than \(ExportDocument.largestImportBytes / 1_048_576) MiB, the most letterd imports; nothing was imported")
                }
                let status: StatusReply = try client.connect().call(LettersInterface.Method.getStatus.rawValue, NoParameters())
                let staged = try DurableFile.stage(file, in: status.status.backupDirectory, fileExtension: "json")
                defer { unlink(staged) }
                let reply: ImportReply
                do throws(ClientError) {
                    reply = try client.connect().call(
                        LettersInterface.Method.importFile.rawValue, ImportParameters(path: staged, dryRun: dryRun ? true : nil))
                } catch .remote(let error) where error.name == LettersInterface.ErrorName.importRefused {
                    let field = error.string("field") ?? ""
                    let reason = (error.string("reason") ?? "it cannot be imported").replacing(staged, with: file)
                    throw ClientError.badData("\(file)\(field.isEmpty ? "" : ": " + field) \(reason); nothing was imported")
                }
                if output.json { return print(try Terminal.json(reply)) }
                let added = reply.added
                let lead = dryRun ? "Would add" : "Added"
                if added.isEmpty {
                    print("Nothing to add: letterd already holds everything in \(file).")
                    return
                }
                var parts: [String] = []
                func count(_ number: Int, _ one: String, _ many: String) {
                    if number > 0 { parts.append("\(number) \(number == 1 ? one : many)") }
                }
                count(added.letters, "letter", "letters")
                count(added.versionsAdded, "version of a letter already here", "versions of letters already here")
                count(added.rereads, "reread", "rereads")
                count(added.checkIns, "check-in", "check-ins")
                count(added.prompts, "scheduled prompt", "scheduled prompts")
                count(added.selfChecks, "self-check", "self-checks")
                count(added.criticProfileVersions, "version of your critic's profile", "versions of your critic's profile")
                count(added.settings, "setting", "settings")
                print("\(lead) \(parts.joined(separator: ", ")) from \(file).")
            }
        }
    }
}

extension ExportFormat: ExpressibleByArgument {}
