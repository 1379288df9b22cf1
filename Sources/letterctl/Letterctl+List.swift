import ArgumentParser
import LetterCore
import LetterProtocol

extension Letterctl {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List your letters, newest first.",
            discussion: """
                Each line shows the letter's number, when you wrote it, what it is about and \
                how it begins. Read one with letterctl show NUMBER.
                """)

        @Option(help: ArgumentHelp("Show at most this many (1 to 1000).", valueName: "n"))
        var limit = PageParameters.defaultLimit

        @Option(help: ArgumentHelp("Show only letters older than this number (for paging).", valueName: "number"))
        var before: Int64?

        @OptionGroup var client: ClientOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if !Limits.pageSize.contains(limit) { throw ValidationError("--limit must be from 1 to 1000.") }
        }

        func run() throws {
            try runReportingErrors { () throws(ClientError) in
                try Self.show(PageParameters(limit: limit, before: before), json: output.json, over: client.connect())
            }
        }

        /// Asks letterd for a page of letters and prints it (also ``QuickCommandLine``'s path).
        static func show(_ page: PageParameters, json: Bool, over connection: borrowing DaemonConnection) throws(ClientError) {
            let reply = try connection.call(LettersInterface.Method.listLetters.rawValue, json: page.json, reading: ListLettersReply.self)
            if json {
                print(try Terminal.json(reply))
            } else if reply.letters.isEmpty {
                print(page.before == nil ? "No letters yet. When you're ready: letterctl write" : "No older letters.")
            } else {
                reply.letters.forEach { print(LetterFormatting.line($0)) }
            }
        }
    }
}
