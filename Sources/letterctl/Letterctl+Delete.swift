import ArgumentParser
import LetterProtocol
import VarlinkProtocol

extension Letterctl {
    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete",
            abstract: "Delete a letter and every version of it, for good.",
            discussion: """
                This is the only way anything you wrote leaves letterd, and it cannot be undone. \
                letterctl shows the letter and asks you to type "delete" to confirm; --yes skips \
                the question (for scripts).
                """)

        @Argument(help: ArgumentHelp("The letter's number.", valueName: "number"))
        var id: Int64

        @Flag(help: "Do not ask for confirmation.")
        var yes = false

        @OptionGroup var client: ClientOptions

        func run() throws {
            try runReportingErrors { () throws(ClientError) in
                if !yes {
                    guard Terminal.stdinIsTerminal else {
                        throw ClientError.usage("deleting needs confirmation; run it in a terminal, or pass --yes")
                    }
                    let current: LetterReply = try client.connect().call(
                        LettersInterface.Method.getLetter.rawValue, GetLetterParameters(id: id))
                    print(LetterFormatting.header(current.letter))
                    let versions = current.letter.version == 1 ? "it" : "all \(current.letter.version) versions of it"
                    let answer = Terminal.ask("\nDelete this letter and \(versions)? This cannot be undone. Type \"delete\" to confirm: ")
                    guard answer?.trimmingWhitespace == "delete" else {
                        throw ClientError.cancelled("Kept letter #\(id).")
                    }
                }
                let _: NoParameters = try client.connect().call(
                    LettersInterface.Method.deleteLetter.rawValue, LetterIdParameters(id: id))
                print("Deleted letter #\(id).")
            }
        }
    }
}
