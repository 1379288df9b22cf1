import LetterCore
import LetterProtocol
import LetterStore
import VarlinkProtocol
import VarlinkServer

/// Backups: made on request, listed, and restored over the live store.
extension LettersEndpoint {
    func registerBackups(on router: inout VarlinkRouter) {
        router.register(LettersInterface.Method.makeBackup.rawValue) { (_: NoParameters) in
            BackupReply(backup: BackupInfo(try await backups.makeBackup()))
        }
        router.register(LettersInterface.Method.listBackups.rawValue) { (_: NoParameters) in
            ListBackupsReply(
                backups: backups.list().map(BackupInfo.init), directory: backups.path,
                keepDaily: settings.config.backup.keepDaily)
        }
        router.register(LettersInterface.Method.restoreBackup.rawValue) { (p: RestoreBackupParameters) in
            guard p.path.hasPrefix("/"), p.path.utf8.count <= 4_096, !p.path.contains("\0") else {
                throw InvalidInput("path", "must be an absolute path to a backup file")
            }
            if p.dryRun == true {
                return RestoreBackupReply(backup: BackupInfo(try await database.describe(backupAt: p.path)), savedFirst: nil)
            }
            let (restored, saved) = try await backups.restore(from: p.path)
            await status.refresh()
            scheduler.nudge()
            return RestoreBackupReply(backup: BackupInfo(restored), savedFirst: BackupInfo(saved))
        }
    }
}
