#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GRDB
import LetterCore

/// One backup file: where it is and what it holds.
public struct BackupSummary: Sendable, Equatable {
    public var path: String
    public var bytes: Int64
    public var counts: StoreCounts
    /// When the file was written.
    public var createdAt: Date

    public init(path: String, bytes: Int64, counts: StoreCounts, createdAt: Date) {
        self.path = path
        self.bytes = bytes
        self.counts = counts
        self.createdAt = createdAt
    }
}

/// Why a backup could not be made or used. The live store is untouched in every case.
public enum BackupError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The copy was made but did not pass `PRAGMA integrity_check`; it was deleted.
    case copyFailedCheck(report: String)
    /// The file to restore cannot be used (not a database, damaged, from a newer letterd...).
    case unusable(path: String, reason: String)

    public var description: String {
        switch self {
        case let .copyFailedCheck(report):
            return "the copy did not pass SQLite's integrity check (\(report)), so it was deleted; your letters are untouched"
        case let .unusable(path, reason):
            return "\(path) cannot be restored: \(reason)"
        }
    }
}

extension LetterDatabase {
    /// Copies the whole store into a new file at `path` while letterd keeps serving.
    ///
    /// SQLite's online backup API copies every page inside one read transaction, so the copy is
    /// the store exactly as it was at one moment, even with writes going on; writers are not
    /// blocked in WAL mode. The copy is checked with `PRAGMA integrity_check` before it gets its
    /// final name (written as `path.partial`, fsynced, then renamed), so a file at `path` is
    /// always a whole, checked backup.
    ///
    /// `path` is asked for once no other backup or restore is under way (see `backupFiles`), so
    /// that it can name a file that does not exist yet.
    public func backup(to path: @escaping @Sendable () -> String) async throws -> BackupSummary {
        let writer = writer
        let now = clock.now()
        do {
            return try await threads.runIfActive {
                try self.backupFiles.withLock { _ in try Self.copy(from: writer, to: path(), createdAt: now) }
            }
        } catch let error as BackupError {
            throw error
        } catch {
            throw StoreError.from(error)
        }
    }

    /// Replaces everything in the store with the backup at `path`, after saving the store as it
    /// is now to `savingCurrentTo` (asked for, like ``backup(to:)``'s path, once no other backup
    /// or restore is under way).
    ///
    /// The backup is first checked without writing to it (a database, consistent, no schema from
    /// a newer letterd), then copied to a working file next to `savingCurrentTo`, brought up to
    /// this letterd's schema and checked in full. Only then does SQLite's backup API write it
    /// over the live store, in one step under the writer's lock: a reader sees the old store or
    /// the new one, never a mixture.
    public func restore(
        from path: String, savingCurrentTo safetyPathWhenFree: @escaping @Sendable () -> String
    ) async throws -> (restored: BackupSummary, saved: BackupSummary) {
        let writer = writer
        let now = clock.now()
        do {
            return try await threads.runIfActive { try self.backupFiles.withLock { _ in
                let safetyPath = safetyPathWhenFree()
                let incoming = try Self.describeBackup(at: path)
                let working = safetyPath + ".restoring"
                defer { Self.remove(working) }
                // Plain connections throughout (see `SQLiteFile`); GRDB only for a schema upgrade.
                _ = try Self.copy(to: working, createdAt: now) { destination in
                    let source = try SQLiteFile(path: path, readOnly: true)
                    defer { source.close() }
                    try destination.copyPages(from: source)
                }
                let upgraded = try Self.upgradeIfOlder(working)
                let file = try SQLiteFile(path: working, readOnly: false)
                defer { file.close() }
                // The copy was checked as it was made; an upgraded one is checked again.
                if let upgraded {
                    self.closedQueues.withLock { $0.append(upgraded) }
                    let report = try file.strings("PRAGMA integrity_check")
                    guard report == ["ok"] else {
                        throw BackupError.unusable(path: path, reason: "it fails SQLite's integrity check (\(report.prefix(3).joined(separator: "; ")))")
                    }
                }
                let saved = try Self.copy(from: writer, to: safetyPath, createdAt: now)
                try writer.writeWithoutTransaction { db in
                    try file.copyPages(into: db)
                    db.clearSchemaCache()
                }
                return (incoming, saved)
            } }
        } catch let error as BackupError {
            throw error
        } catch let error as StoreOpenError {
            throw BackupError.unusable(path: path, reason: Self.reason(error))
        } catch {
            throw StoreError.from(error)
        }
    }

    /// Applies the migrations a file written by an older letterd lacks, with GRDB's migrator.
    /// Returns the GRDB queue it used, closed, for the caller to keep (see `closedQueues`), or
    /// nil when the file was already at this letterd's schema and no queue was opened.
    private static func upgradeIfOlder(_ path: String) throws -> DatabaseQueue? {
        let file = try SQLiteFile(path: path, readOnly: true)
        let applied = try file.appliedMigrations()
        file.close()
        guard !Set(migrator.migrations).isSubset(of: applied) else { return nil }
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        try migrator.migrate(queue)
        return queue
    }

    /// ``describeBackup(at:checked:)`` on the store's own threads, for the daemon.
    public func describe(backupAt path: String) async throws -> BackupSummary {
        try await threads.runIfActive { try Self.describeBackup(at: path) }
    }

    /// What a backup file holds, read without writing to it. `checked`: first the checks made
    /// before a restore (``inspect(path:wholeFile:)``), throwing ``BackupError/unusable`` for a file
    /// letterd could not restore.
    public static func describeBackup(at path: String, checked: Bool = true) throws -> BackupSummary {
        do {
            if checked { _ = try inspect(path: path, wholeFile: .always) }
            let file = try SQLiteFile(path: path, readOnly: true)
            defer { file.close() }
            let counts = try Self.counts(file)
            var info = stat()
            stat(path, &info)
            let createdAt = Date(timeIntervalSince1970: Double(info.st_mtim.tv_sec))
            return BackupSummary(path: path, bytes: Int64(info.st_size), counts: counts, createdAt: createdAt)
        } catch let error as StoreOpenError {
            throw BackupError.unusable(path: path, reason: reason(error))
        } catch let error as DatabaseError {
            throw BackupError.unusable(path: path, reason: error.message ?? "SQLite error \(error.resultCode)")
        }
    }

    /// The part of a ``StoreOpenError`` that fits after "PATH cannot be restored:".
    private static func reason(_ error: StoreOpenError) -> String {
        switch error {
        case .notADatabase: return "it is not a letterd database"
        case let .failedCheck(_, report): return "it fails SQLite's consistency check (\(report))"
        case let .unreadable(_, reason): return reason
        case let .newerThanProgram(_, unknown):
            return "it was written by a newer letterd (schema changes \(unknown.joined(separator: ", "))); restore it with that version"
        }
    }

    /// Walks each table: a backup described may predate the kept counts (v7-row-counts), and a
    /// copy just made is counted from its rows, not from what the store says of them.
    static func counts(_ file: SQLiteFile) throws -> StoreCounts {
        StoreCounts(
            letters: try file.integer("SELECT count(*) FROM letter"),
            versions: try file.integer("SELECT count(*) FROM letterVersion"),
            checkIns: try file.integer("SELECT count(*) FROM criticCheckIn"))
    }

    /// The counts the schema's triggers keep (migration v7-row-counts), not a walk of each table.
    static func counts(_ db: Database) throws -> StoreCounts {
        let row = try Row.fetchOne(db, sql: """
            SELECT (SELECT count FROM rowCount WHERE tableName = 'letter') AS letters,
                   (SELECT count FROM rowCount WHERE tableName = 'letterVersion') AS versions,
                   (SELECT count FROM rowCount WHERE tableName = 'criticCheckIn') AS checkIns
            """)!
        return StoreCounts(letters: row["letters"], versions: row["versions"], checkIns: row["checkIns"])
    }

    /// The copy itself: backup API into `path.partial`, integrity check, fsync, rename, fsync
    /// the directory. Private to the user (0600), like the store.
    static func copy(from source: any DatabaseReader, to path: String, createdAt: Date) throws -> BackupSummary {
        try copy(to: path, createdAt: createdAt) { destination in
            try source.read { db in try destination.copyPages(from: db) }
        }
    }

    /// ``copy(from:to:createdAt:)`` with the pages written into the new file by `fill`.
    static func copy(to path: String, createdAt: Date, fill: (SQLiteFile) throws -> Void) throws -> BackupSummary {
        let partial = path + ".partial"
        remove(partial)
        var counts: StoreCounts
        do {
            let destination = try SQLiteFile(path: partial, readOnly: false)
            defer { destination.close() }
            try fill(destination)
            let report = try destination.strings("PRAGMA integrity_check")
            guard report == ["ok"] else { throw BackupError.copyFailedCheck(report: report.prefix(3).joined(separator: "; ")) }
            counts = try Self.counts(destination)
            // A backup is one self-contained file: the WAL mode copied from the store would make
            // every reader of it create -wal and -shm files beside it.
            try destination.execute("PRAGMA journal_mode = DELETE")
            destination.close()
        } catch {
            remove(partial)
            throw error
        }
        chmod(partial, 0o600)
        try syncFile(partial)
        guard rename(partial, path) == 0 else {
            let code = errno
            remove(partial)
            throw StoreError.from(POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO))
        }
        try syncFile((path as NSString).deletingLastPathComponent)
        var info = stat()
        stat(path, &info)
        return BackupSummary(path: path, bytes: Int64(info.st_size), counts: counts, createdAt: createdAt)
    }

    /// fsync(2) on a file or directory, so a rename that follows (or just made) is durable.
    private static func syncFile(_ path: String) throws {
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { Glibc.close(descriptor) }
        guard fsync(descriptor) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    /// Removes a file and the journal SQLite may have left beside it; missing files are fine.
    static func remove(_ path: String) {
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(path + suffix) }
    }
}
