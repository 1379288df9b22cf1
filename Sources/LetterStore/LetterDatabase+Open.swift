import Foundation
import GRDB
import LetterCore

extension LetterDatabase {
    /// Opens (or creates) the database file at `path` the way the daemon uses it.
    ///
    /// Before anything is written, a read-only connection checks that the file is a database
    /// and that this program knows every migration in it. `PRAGMA quick_check`, which reads the
    /// whole file (0.75 s at 100k letters), runs first too when letterd did not stop cleanly
    /// (its WAL is not empty) or a migration is to be applied. Otherwise it runs once letterd is
    /// serving (``openingCheck()``) and every write waits for it, so a damaged file is still
    /// never written to, and a person's first `letterctl status` does not wait on a read of the
    /// whole file. The file and its WAL companions are made private to the user (0600).
    public static func open(path: String, clock: any WallClock) throws -> LetterDatabase {
        var checkLater = false
        if FileManager.default.fileExists(atPath: path) {
            let walBytes = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
            checkLater = try !inspect(path: path, wholeFile: walBytes > 0 ? .always : .beforeMigrating)
        }
        var config = Configuration()
        config.label = "letterd"
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in try MatchStats.register(in: db) }
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
        if checkLater { database.startOpeningCheck(path: path) }
        return database
    }

    /// When ``inspect(path:wholeFile:)`` runs `PRAGMA quick_check`, which reads the whole file.
    enum WholeFileCheck {
        case always
        /// Only if migrations are still to be applied to the file.
        case beforeMigrating
    }

    /// Read-only checks of an existing file, on one plain connection: that it is a database,
    /// that this program knows every migration in it, and, as `wholeFile` says, `quick_check`.
    /// Throws ``StoreOpenError`` and writes nothing. Returns whether `quick_check` ran.
    static func inspect(path: String, wholeFile: WholeFileCheck) throws -> Bool {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw StoreOpenError.unreadable(path: path, reason: "permission denied")
        }
        do {
            // A plain connection, not a GRDB queue: see `SQLiteFile` (this runs at every start).
            let file = try SQLiteFile(path: path, readOnly: true)
            defer { file.close() }
            let known = Set(migrator.migrations)
            let applied = try file.appliedMigrations()
            let unknown = applied.subtracting(known)
            if !unknown.isEmpty {
                throw StoreOpenError.newerThanProgram(path: path, unknownMigrations: unknown.sorted())
            }
            guard wholeFile == .always || !known.isSubset(of: applied) else { return false }
            try verify(report: try file.strings("PRAGMA quick_check"), path: path)
            return true
        } catch let error as DatabaseError {
            throw openError(error, path: path)
        }
    }

    static func verify(report: [String], path: String) throws {
        if report != ["ok"] {
            throw StoreOpenError.failedCheck(path: path, report: report.prefix(5).joined(separator: "; "))
        }
    }

    /// Starts the whole-file check of a store opened without it; writes wait for its end.
    private func startOpeningCheck(path: String) {
        let (writer, threads) = (writer, threads)
        let check = Task {
            do {
                let report = try await threads.runIfActive {
                    try writer.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") }
                }
                try Self.verify(report: report, path: path)
            } catch let error as DatabaseError {
                throw Self.openError(error, path: path)
            }
        }
        openingCheckTask.withLock { $0 = check }
    }

    /// Waits for the whole-file check of an existing store (see ``open(path:clock:)``); throws
    /// ``StoreOpenError/failedCheck(path:report:)`` if the file is damaged. Returns at once when
    /// there is no such check (a new file, or one checked before it was opened).
    public func openingCheck() async throws {
        guard let check = openingCheckTask.withLock({ $0 }) else { return }
        try await check.value
        // Passed: later writes need not wait on it again. (A failed check stays, and throws.)
        openingCheckTask.withLock { $0 = nil }
    }

    private static func openError(_ error: DatabaseError, path: String) -> StoreOpenError {
        switch error.resultCode {
        case .SQLITE_NOTADB: return .notADatabase(path: path)
        case .SQLITE_CORRUPT: return .failedCheck(path: path, report: error.message ?? "database disk image is malformed")
        default: return .unreadable(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }
}
