import ArgumentParser
import LetterCore
import LetterProtocol
import VarlinkProtocol

extension Letterctl {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show whether letterd is running, what it holds, and where.")

        @OptionGroup var client: ClientOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try runReportingErrors { () throws(ClientError) in
                let path = try client.socketPath()
                let reply: StatusReply = try DaemonConnection(path: path).call(
                    LettersInterface.Method.getStatus.rawValue, NoParameters())
                if output.json {
                    print(try Terminal.json(reply))
                    return
                }
                let status = reply.status
                print("""
                    letterd \(status.version) is running (since \(Terminal.localTime(status.startedAt))); letterctl \(LetterdVersion.current)
                    Letters:   \(status.letters) (\(status.versions) \(status.versions == 1 ? "version" : "versions"))
                    Check-ins: \(status.checkIns)
                    Database:  \(status.databasePath)
                    Socket:    \(path)
                    """)
            }
        }
    }
}
