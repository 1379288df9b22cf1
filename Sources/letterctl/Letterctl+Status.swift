import ArgumentParser
import LetterCore
import LetterProtocol
import VarlinkProtocol

extension Letterctl {
    struct Status: ParsableCommand {
        /// What the person can do about the problem letterd reports.
        static func whatToDo(_ problem: String, status: DaemonStatus) -> String {
            if problem.contains("disk is full") {
                return "Free some space on the disk that holds \(status.databasePath); letterd saves again as soon as there is room. Nothing saved before was lost."
            }
            if problem.contains("cannot be written") {
                return "Check that \(status.databasePath) and its directory belong to you and are writable (ls -l), and that the disk is not mounted read-only; then try again."
            }
            if problem.contains("deleted or replaced") {
                return "Restart letterd (systemctl --user restart letterd) so it opens the database file again; then, if letters are missing, restore the saved copy named above with letterctl restore."
            }
            if problem.contains("damaged") {
                let backup = status.lastBackup.map { "the newest backup is \($0); " } ?? ""
                return "letterd will not write to a damaged file. Stop letterd, copy \(status.databasePath) somewhere safe, then either run `sqlite3 \(status.databasePath) .recover` into a new file or restore a backup (\(backup)letterctl backup --list shows them)."
            }
            return "letterd's log has the details: journalctl --user -u letterd. Your saved letters are untouched; `letterctl backup` can copy them somewhere safe."
        }

        static let configuration = CommandConfiguration(
            commandName: "status",
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
                if let backup = status.lastBackup, let at = status.lastBackupAt {
                    print("Backup:    \(backup) (\(Terminal.localTime(at)))")
                } else {
                    print("Backup:    none yet in \(status.backupDirectory); `letterctl backup` makes one")
                }
                if let problem = status.problem {
                    print("\nProblem:   \(problem).\n\(Self.whatToDo(problem, status: status))")
                }
            }
        }
    }
}
