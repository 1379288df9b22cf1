#if canImport(Glibc)
import Glibc
#endif
import Foundation
import LetterCore
import LetterProtocol
import LetterStore

/// The `backups/` directory beside the database: every copy letterd makes goes here, named by
/// ``BackupNames``. The sandbox lets letterd write only its data directory, so this is also the
/// only place a backup can be written from inside it; `letterctl backup PATH` copies one out.
struct BackupDirectory: Sendable {
    let path: String
    let database: LetterDatabase
    let clock: any WallClock

    init(dataDirectory: String, database: LetterDatabase, clock: any WallClock) {
        self.path = dataDirectory + "/" + BackupNames.directoryName
        self.database = database
        self.clock = clock
    }

    /// A backup made now, at the person's request.
    func makeBackup() async throws -> BackupSummary {
        try DaemonPaths.ensureDirectory(path, tighten: true)
        let name = BackupNames.manual(clock.now(), calendar: .current)
        return try await database.backup(to: { freePath(name) })
    }

    /// Today's daily backup, if there is none yet and the store holds anything; then the oldest
    /// daily ones beyond `keep` are removed. Returns the new backup, if one was made.
    func makeDailyBackup(keep: Int, calendar: Calendar) async throws -> BackupSummary? {
        guard keep > 0 else { return nil }
        let name = BackupNames.daily(clock.now(), calendar: calendar)
        var made: BackupSummary? = nil
        if !FileManager.default.fileExists(atPath: path + "/" + name) {
            let counts = try await database.counts()
            if counts.letters + counts.checkIns > 0 {
                try DaemonPaths.ensureDirectory(path, tighten: true)
                let target = path + "/" + name
                made = try await database.backup(to: { target })
            }
        }
        for old in BackupNames.dailyToRemove(names(), keep: keep) {
            unlink(path + "/" + old)
        }
        return made
    }

    /// Restores the backup at `file` after saving the store as it is now.
    func restore(from file: String) async throws -> (restored: BackupSummary, saved: BackupSummary) {
        try DaemonPaths.ensureDirectory(path, tighten: true)
        let name = BackupNames.beforeRestore(clock.now(), calendar: .current)
        return try await database.restore(from: file, savingCurrentTo: { freePath(name) })
    }

    /// `name` in this directory, or, if a backup of that name exists (two in one second),
    /// the same with "-2", "-3"... before the suffix: a backup never replaces another.
    private func freePath(_ name: String) -> String {
        var candidate = path + "/" + name
        var number = 2
        while FileManager.default.fileExists(atPath: candidate) {
            candidate = path + "/" + name.dropLast(BackupNames.suffix.count) + "-\(number)" + BackupNames.suffix
            number += 1
        }
        return candidate
    }

    /// The finished backups here, oldest first by name (names sort by time).
    func names() -> [String] {
        let all = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return all.filter(BackupNames.isBackup).sorted()
    }

    /// Every backup here, described (counts read, not checked: checking reads every page); a
    /// file that cannot be read is left out.
    func list() -> [BackupSummary] {
        names().compactMap { try? LetterDatabase.describeBackup(at: path + "/" + $0, checked: false) }
    }

    /// The newest backup's path and when it was written, from the file system alone (cheap
    /// enough for every `GetStatus`).
    func newest() -> (path: String, writtenAt: Date)? {
        names().compactMap { name -> (String, Date)? in
            var info = stat()
            guard stat(path + "/" + name, &info) == 0 else { return nil }
            return (path + "/" + name, Date(timeIntervalSince1970: Double(info.st_mtim.tv_sec)))
        }.max { $0.1 < $1.1 }
    }
}

extension BackupInfo {
    init(_ summary: BackupSummary) {
        self.init(path: summary.path, bytes: summary.bytes, counts: summary.counts, createdAt: summary.createdAt)
    }
}
