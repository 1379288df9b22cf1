#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// How backup files are named in the backups directory, and which daily ones the rotation
/// keeps. Names sort by time, so the newest is last in a sorted listing:
///
///     letterd-daily-2026-11-23.sqlite3                   the automatic one of that day
///     letterd-2026-11-23-094512.sqlite3                  `letterctl backup`
///     letterd-before-restore-2026-11-23-101500.sqlite3   the store as it was before a restore
///     letterd-rescued-2026-11-23-101500.sqlite3          what letterd held when its file was removed
public enum BackupNames {
    public static let directoryName = "backups"
    public static let dailyPrefix = "letterd-daily-"
    public static let beforeRestorePrefix = "letterd-before-restore-"
    public static let suffix = ".sqlite3"
    /// The default number of daily backups kept (`[backup] keep-daily`).
    public static let defaultKeep = 7

    public static func daily(_ date: Date, calendar: Calendar) -> String {
        dailyPrefix + day(date, calendar) + suffix
    }

    public static func manual(_ date: Date, calendar: Calendar) -> String {
        "letterd-" + day(date, calendar) + "-" + time(date, calendar) + suffix
    }

    /// What an open store held when its file was deleted or replaced under letterd.
    public static func rescued(_ date: Date, calendar: Calendar) -> String {
        "letterd-rescued-" + day(date, calendar) + "-" + time(date, calendar) + suffix
    }

    public static func beforeRestore(_ date: Date, calendar: Calendar) -> String {
        beforeRestorePrefix + day(date, calendar) + "-" + time(date, calendar) + suffix
    }

    /// Whether a file in the backups directory is a finished backup (not a `.partial` copy or
    /// a working file).
    public static func isBackup(_ name: String) -> Bool {
        name.hasPrefix("letterd-") && name.hasSuffix(suffix)
    }

    /// The daily backups to delete so that the newest `keep` remain. Other backups are never
    /// rotated away: the person made them, or they hold the store from before a restore.
    public static func dailyToRemove(_ names: [String], keep: Int) -> [String] {
        let daily = names.filter { $0.hasPrefix(dailyPrefix) && $0.hasSuffix(suffix) }.sorted()
        return Array(daily.dropLast(max(keep, 0)))
    }

    private static func day(_ date: Date, _ calendar: Calendar) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return "\(padded(parts.year ?? 0, 4))-\(padded(parts.month ?? 0, 2))-\(padded(parts.day ?? 0, 2))"
    }

    private static func time(_ date: Date, _ calendar: Calendar) -> String {
        let parts = calendar.dateComponents([.hour, .minute, .second], from: date)
        return padded(parts.hour ?? 0, 2) + padded(parts.minute ?? 0, 2) + padded(parts.second ?? 0, 2)
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
