import Foundation
import LetterCore
import Testing

@Suite("Backup file names and the daily rotation")
struct BackupNamesTests {
    let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Berlin")!
        return calendar
    }()

    @Test("names carry the local day and time, zero-padded, so they sort by time")
    func names() {
        // 2026-03-01 08:05:09 UTC is 09:05:09 in Berlin.
        let date = Date(timeIntervalSince1970: 1_772_352_309)
        #expect(BackupNames.daily(date, calendar: calendar) == "letterd-daily-2026-03-01.sqlite3")
        #expect(BackupNames.manual(date, calendar: calendar) == "letterd-2026-03-01-090509.sqlite3")
        #expect(BackupNames.beforeRestore(date, calendar: calendar) == "letterd-before-restore-2026-03-01-090509.sqlite3")
        #expect(BackupNames.rescued(date, calendar: calendar) == "letterd-rescued-2026-03-01-090509.sqlite3")
    }

    @Test("only finished backups count: not partial copies, staged files or SQLite's companions")
    func finished() {
        #expect(BackupNames.isBackup("letterd-daily-2026-03-01.sqlite3"))
        #expect(!BackupNames.isBackup("letterd-daily-2026-03-01.sqlite3.partial"))
        #expect(!BackupNames.isBackup(".incoming-42.sqlite3"))
        #expect(!BackupNames.isBackup("letterd-2026-03-01-090509.sqlite3-journal"))
    }

    @Test("the rotation removes the oldest daily backups beyond keep, and never any other", arguments: [0, 1, 2, 5])
    func rotation(keep: Int) {
        let daily = (1...4).map { "letterd-daily-2026-03-0\($0).sqlite3" }
        let others = ["letterd-2026-01-01-120000.sqlite3", "letterd-before-restore-2026-01-02-120000.sqlite3"]
        let removed = BackupNames.dailyToRemove((others + daily).shuffled(), keep: keep)
        #expect(removed == Array(daily.prefix(max(0, daily.count - keep))))
    }
}
