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
        var limit = 20

        @OptionGroup var client: ClientOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if words.isEmpty { throw ValidationError("give at least one word to search for.") }
            if !Limits.pageSize.contains(limit) { throw ValidationError("--limit must be from 1 to 1000.") }
        }

        func run() throws {
            try runReportingErrors { () throws(ClientError) in
                let reply: SearchReply = try client.connect().call(
                    LettersInterface.Method.search.rawValue,
                    SearchParameters(query: words.joined(separator: " "), limit: limit))
                if output.json {
                    print(try Terminal.json(reply))
                } else if reply.hits.isEmpty {
                    print("Nothing found for \"\(words.joined(separator: " "))\".")
                } else {
                    for hit in reply.hits {
                        let label = hit.kind == .letter ? "letter #\(hit.id)" : "check-in #\(hit.id)"
                        print(label.padding(15) + hit.snippet)
                    }
                }
                if !output.json, let ranked = reply.rankedNewest {
                    print("""

                        More than \(ranked) letters or check-ins hold these words; these are the best \
                        of the newest \(ranked). Another word narrows the search.
                        """)
                }
            }
        }
    }
}
