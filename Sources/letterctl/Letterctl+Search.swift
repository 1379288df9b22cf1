import ArgumentParser
import LetterCore
import LetterProtocol

extension Letterctl {
    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "search",
            abstract: "Search your letters and check-ins.",
            discussion: """
                Finds letters (as they read now) and check-ins containing every word you give, \
                in any form ("deadline" finds "deadlines"), best match first. When more than \
                500 letters (or check-ins) hold the words, the newest 500 of them are ranked; \
                another word narrows the search.

                Example:
                  letterctl search deadline work
                """)

        @Argument(help: ArgumentHelp("Words to look for.", valueName: "words"))
        var words: [String]

        @Option(help: ArgumentHelp("Show at most this many (1 to 1000).", valueName: "n"))
        var limit = Self.defaultLimit

        static let defaultLimit = 20

        @OptionGroup var client: ClientOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if words.isEmpty { throw ValidationError("give at least one word to search for.") }
            if !Limits.pageSize.contains(limit) { throw ValidationError("--limit must be from 1 to 1000.") }
        }

        func run() throws {
            try runReportingErrors { () throws(ClientError) in
                try Self.show(words: words, limit: limit, json: output.json, over: client.connect())
            }
        }

        /// Asks letterd to search and prints the hits (also ``QuickCommandLine``'s path).
        static func show(words: [String], limit: Int, json: Bool, over connection: borrowing DaemonConnection) throws(ClientError) {
            let query = words.joined(separator: " ")
            let reply = try connection.call(
                LettersInterface.Method.search.rawValue, json: SearchParameters(query: query, limit: limit).json, reading: SearchReply.self)
            if json {
                print(try Terminal.json(reply))
            } else if reply.hits.isEmpty {
                print("Nothing found for \"\(query)\".")
            } else {
                for hit in reply.hits {
                    let label = hit.kind == .letter ? "letter #\(hit.id)" : "check-in #\(hit.id)"
                    print(label.padding(15) + hit.snippet)
                }
            }
            if !json, let ranked = reply.rankedNewest {
                print("""

                    More than \(ranked) letters or check-ins hold these words; these are the best \
                    of the newest \(ranked). Another word narrows the search.
                    """)
            }
        }
    }
}
