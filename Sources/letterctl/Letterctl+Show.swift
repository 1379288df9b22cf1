import ArgumentParser
import LetterProtocol

extension Letterctl {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a letter as it reads now.",
            discussion: """
                Take your time with it. Reading slowly, perhaps aloud, and noticing what you \
                feel as you read is part of the practice.

                With --versions, every version is shown, oldest first: nothing you wrote is \
                ever overwritten.
                """)

        @Argument(help: ArgumentHelp("The letter's number, as letterctl list shows it.", valueName: "number"))
        var id: Int64

        @Flag(help: "Show every version, oldest first.")
        var versions = false

        @OptionGroup var client: ClientOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try runReportingErrors { () throws(ClientError) in
                let reply: LetterReply = try client.connect().call(
                    LettersInterface.Method.getLetter.rawValue,
                    GetLetterParameters(id: id, withVersions: versions ? true : nil))
                if output.json {
                    print(try Terminal.json(reply))
                    return
                }
                print(LetterFormatting.header(reply.letter))
                if let versions = reply.versions {
                    for version in versions {
                        print("\n── " + LetterFormatting.header(version, of: reply.letter).replacing("\n", with: "\n   "))
                        print("\n" + version.text)
                    }
                } else {
                    print("\n" + reply.letter.text)
                }
            }
        }
    }
}
