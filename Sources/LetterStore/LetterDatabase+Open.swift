import Foundation
import GRDB
import LetterCore

extension LetterDatabase {
    /// Opens (or creates) the database file at `path` the way the daemon uses it.
    ///
    /// Before anything is written, a read-only connection checks that the file is a database,
    /// that this program knows every migration in it, and that `PRAGMA quick_check` passes.
    /// Only then is the file opened for writing and migrated. The file and its WAL companions are
    /// made private to the user (0600).
    public static func open(path: String, clock: any WallClock) throws -> LetterDatabase {
        if FileManager.default.fileExists(atPath: path) {
            try inspect(path: path)
        }
        var config = Configuration()
        config.label = "letterd"
        config.busyMode = .timeout(10)
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: config)
            // WAL with synchronous=FULL: every commit is fsynced before it returns, so an
            // acknowledged write survives a crash or a power cut; NORMAL would not be durable.
            // It is set here, on the pool's one writer connection, because DatabasePool sets
            // NORMAL while enabling WAL, after `prepareDatabase` has run.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        } catch let error as DatabaseError {
            throw openError(error, path: path)
        }
        let database = try LetterDatabase(pool, clock: clock, file: path)
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            chmod(path + suffix, 0o600)
        }
        return database
    }

    /// Read-only checks of an existing file; throws ``StoreOpenError`` and writes nothing.
    static func inspect(path: String) throws {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw StoreOpenError.unreadable(path: path, reason: "permission denied")
        }
        do {
            // A plain connection, not a GRDB queue: see `SQLiteFile` (this runs at every start).
            let file = try SQLiteFile(path: path, readOnly: true)
            defer { file.close() }
            let report = try file.strings("PRAGMA quick_check")
            if report != ["ok"] {
                throw StoreOpenError.failedCheck(path: path, report: report.prefix(5).joined(separator: "; "))
            }
            let known = Set(migrator.migrations)
            let applied = try file.hasTable("grdb_migrations")
                ? Set(try file.strings("SELECT identifier FROM grdb_migrations")) : []
            let unknown = applied.subtracting(known)
            if !unknown.isEmpty {
                throw StoreOpenError.newerThanProgram(path: path, unknownMigrations: unknown.sorted())
            }
        } catch let error as DatabaseError {
            throw openError(error, path: path)
        }
    }

    private static func openError(_ error: DatabaseError, path: String) -> StoreOpenError {
        switch error.resultCode {
        case .SQLITE_NOTADB: return .notADatabase(path: path)
        case .SQLITE_CORRUPT: return .failedCheck(path: path, report: error.message ?? "database disk image is malformed")
        default: return .unreadable(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }
}
