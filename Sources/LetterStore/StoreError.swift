import Foundation
import GRDB

/// Why a store operation failed, in terms a person can act on. Raw SQLite messages stay in the
/// daemon's log; they never carry the person's text (GRDB keeps statement arguments private).
public enum StoreError: Error, Equatable, Sendable {
    case letterNotFound(Int64)
    case checkInNotFound(Int64)
    /// The letter has no open prompt to skip or snooze.
    case nothingScheduled(Int64)
    /// The disk (or the quota) is full. Nothing was written; the store is intact.
    case storageFull
    /// The database file or its directory cannot be written.
    case readOnly
    /// The database file was deleted or replaced while letterd had it open; writes are refused
    /// until a restart. What the open store held was saved to `rescuedTo` (nil: that failed).
    case fileReplaced(rescuedTo: String?)
    /// SQLite found the file damaged (SQLITE_CORRUPT or SQLITE_NOTADB). letterd writes nothing
    /// more to it.
    case damaged
    /// Any other failure, with SQLite's own description for the log.
    case failed(String)

    /// Maps a GRDB or POSIX error to what it means for the person.
    public static func from(_ error: any Error) -> any Error {
        if error is StoreError || error is CancellationError { return error }
        if let posix = error as? POSIXError {
            switch posix.code {
            case .ENOSPC, .EDQUOT: return StoreError.storageFull
            case .EROFS, .EACCES, .EPERM: return StoreError.readOnly
            default: return StoreError.failed(posix.localizedDescription)
            }
        }
        guard let dbError = error as? DatabaseError else { return error }
        switch dbError.resultCode {
        case .SQLITE_FULL: return StoreError.storageFull
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM: return StoreError.readOnly
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: return StoreError.damaged
        default: return StoreError.failed(dbError.description)
        }
    }
}

/// Why the store cannot be opened. The daemon refuses to start on any of these, and says what to
/// do; it never repairs, replaces or migrates a file it does not understand.
public enum StoreOpenError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file was written by a newer letterd: it has migrations this program does not know.
    case newerThanProgram(path: String, unknownMigrations: [String])
    case unreadable(path: String, reason: String)
    case notADatabase(path: String)
    case failedCheck(path: String, report: String)

    public var description: String {
        switch self {
        case let .newerThanProgram(path, unknown):
            return """
                The database \(path) was last used by a newer version of letterd \
                (it has schema changes this version does not know: \(unknown.joined(separator: ", "))). \
                Install the newer letterd again; this version leaves the file untouched.
                """
        case let .unreadable(path, reason):
            return "Cannot open the database \(path): \(reason). Check that the file and its directory belong to you and can be written, and that the disk is not mounted read-only; letterd has changed nothing."
        case let .notADatabase(path):
            return """
                \(path) is not a letterd database (SQLite says it is not a database, or it is encrypted). \
                letterd will not touch it. Move it aside or restore a backup, then start letterd again.
                """
        case let .failedCheck(path, report):
            return """
                The database \(path) failed SQLite's consistency check: \(report). \
                letterd will not write to a damaged file. Copy it somewhere safe, then try \
                `sqlite3 \(path) .recover` into a new file, or restore a backup.
                """
        }
    }
}
