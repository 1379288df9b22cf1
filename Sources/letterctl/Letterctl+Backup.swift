#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import LetterCore
import LetterProtocol
import VarlinkProtocol

extension Letterctl {
    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "backup",
            abstract: "Make a backup of all your letters and check-ins, now.",
            discussion: """
                letterd copies the whole store while it keeps running (SQLite's online backup), \
                checks the copy with SQLite's integrity check, and keeps it in the backups \
                directory beside the database. With PATH, letterctl also copies it there (PATH \
                may be a directory); an existing file is never written over.

                letterd also makes a backup by itself once a day, and keeps the last 7 daily ones \
                ([backup] keep-daily in letterd.toml; 0 makes none). Backups you make here are \
                never removed by that rotation. `letterctl backup --list` shows them all; \
                `letterctl restore` brings one back.
                """)

        @Argument(help: ArgumentHelp("Also copy the backup to this file or directory.", valueName: "path"))
        var path: String?

        @Flag(help: "List the backups letterd keeps, instead of making one.")
        var list = false

        @OptionGroup var client: ClientOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if list && path != nil { throw ValidationError("--list takes no path") }
        }

        func run() throws {
            try runReportingErrors { () throws(ClientError) in
                if list { return try listBackups() }
                let reply: BackupReply = try client.connect().call(LettersInterface.Method.makeBackup.rawValue, NoParameters())
                var backup = reply.backup
                if let path {
                    let destination = Self.destination(path, name: backup.path.split(separator: "/").last.map(String.init) ?? "letterd.sqlite3")
                    try DurableFile.copy(from: backup.path, to: destination, replace: false)
                    backup.path = destination
                }
                if output.json { return print(try Terminal.json(BackupReply(backup: backup))) }
                print("Backed up \(BackupFormatting.contents(backup)) to \(backup.path)")
                print("The copy passed SQLite's integrity check. `letterctl restore \(backup.path)` brings it back.")
            }
        }

        private func listBackups() throws(ClientError) {
            let reply: ListBackupsReply = try client.connect().call(LettersInterface.Method.listBackups.rawValue, NoParameters())
            if output.json { return print(try Terminal.json(reply)) }
            let daily = reply.keepDaily == 0 ? "no daily backups are made" : "the last \(reply.keepDaily) daily ones are kept"
            print("Backups in \(reply.directory) (\(daily)):")
            if reply.backups.isEmpty { print("  none yet; `letterctl backup` makes one") }
            for backup in reply.backups {
                let name = backup.path.split(separator: "/").last.map(String.init) ?? backup.path
                print("  \(name)  \(Terminal.localTime(backup.createdAt))  \(BackupFormatting.contents(backup))")
            }
        }

        /// PATH itself, or the backup's own name inside PATH when it is a directory.
        static func destination(_ path: String, name: String) -> String {
            var info = stat()
            if stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
                return (path.hasSuffix("/") ? path : path + "/") + name
            }
            return path
        }
    }

    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "restore",
            abstract: "Bring back all letters and check-ins from a backup, in place of what letterd holds now.",
            discussion: """
                letterd must be running. letterctl copies PATH into letterd's backups directory \
                (letterd may see nothing else of your files), and letterd checks it: a letterd \
                database, consistent, and not from a newer letterd. letterctl then shows what the \
                backup holds and asks you to type "restore"; --yes skips the question (for \
                scripts).

                Nothing is lost by restoring: before replacing anything, letterd saves the store \
                as it is now as another backup, and says where. The replacement happens in one \
                step, so letterd holds either the old letters or the restored ones, never a mix. \
                To restore with letterd stopped instead, copy the backup over the database file \
                named by `letterctl status` and remove the -wal and -shm files beside it.
                """)

        @Argument(help: ArgumentHelp("The backup file.", valueName: "path"))
        var path: String

        @Flag(help: "Do not ask for confirmation.")
        var yes = false

        @OptionGroup var client: ClientOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try runReportingErrors { () throws(ClientError) in
                if !yes && !Terminal.stdinIsTerminal {
                    throw ClientError.usage("restoring needs confirmation; run it in a terminal, or pass --yes")
                }
                guard access(path, R_OK) == 0 else {
                    throw ClientError.usage("cannot read \(path): \(String(cString: strerror(errno)))")
                }
                let status: StatusReply = try client.connect().call(LettersInterface.Method.getStatus.rawValue, NoParameters())
                let staged = try DurableFile.stage(path, in: status.status.backupDirectory, fileExtension: "sqlite3")
                defer { unlink(staged) }
                let check: RestoreBackupReply = try naming(staged) { () throws(ClientError) in
                    try client.connect().call(
                        LettersInterface.Method.restoreBackup.rawValue, RestoreBackupParameters(path: staged, dryRun: true))
                }
                if !yes {
                    print("""
                        \(path) holds \(BackupFormatting.contents(check.backup)) (written \(Terminal.localTime(check.backup.createdAt))).
                        letterd holds \(status.status.letters) \(status.status.letters == 1 ? "letter" : "letters") and \(status.status.checkIns) check-ins now; they will be saved as a backup first, then replaced.
                        """)
                    let answer = Terminal.ask("Type \"restore\" to go on: ")
                    guard answer?.trimmingWhitespace == "restore" else { throw ClientError.cancelled("Nothing was changed.") }
                }
                let reply: RestoreBackupReply = try naming(staged) { () throws(ClientError) in
                    try client.connect().call(LettersInterface.Method.restoreBackup.rawValue, RestoreBackupParameters(path: staged))
                }
                if output.json { return print(try Terminal.json(reply)) }
                print("Restored \(BackupFormatting.contents(reply.backup)) from \(path).")
                if let saved = reply.savedFirst {
                    print("What letterd held before (\(BackupFormatting.contents(saved))) is kept in \(saved.path).")
                }
            }
        }

        /// Runs a call whose refusal names the staged copy, and names the person's file instead.
        private func naming<T>(_ staged: String, _ call: () throws(ClientError) -> T) throws(ClientError) -> T {
            do {
                return try call()
            } catch .remote(let error) where error.name == LettersInterface.ErrorName.backupFailed {
                let reason = error.string("reason") ?? "it cannot be restored"
                throw ClientError.badData(reason.replacing(staged, with: path) + "; nothing was changed")
            }
        }

    }
}

/// How a backup's contents read in a sentence.
enum BackupFormatting {
    static func contents(_ backup: BackupInfo) -> String {
        let letters = "\(backup.letters) \(backup.letters == 1 ? "letter" : "letters")"
        let versions = "\(backup.versions) \(backup.versions == 1 ? "version" : "versions")"
        let checkIns = "\(backup.checkIns) \(backup.checkIns == 1 ? "check-in" : "check-ins")"
        return "\(letters) (\(versions)), \(checkIns), \(megabytes(backup.bytes))"
    }

    static func megabytes(_ bytes: Int64) -> String {
        if bytes < 1_048_576 { return "\((bytes + 1_023) / 1_024) KiB" }
        let tenths = (bytes * 10 + 524_288) / 1_048_576
        return "\(tenths / 10).\(tenths % 10) MiB"
    }
}
