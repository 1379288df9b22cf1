import GRDB
import GRDBSQLite

/// A plain SQLite connection, for the short-lived files beside the store: a backup being
/// written, a file offered for restore, the store looked at before it is opened.
///
/// GRDB would do, but each `DatabaseQueue` it closes hands a clean-up job to libdispatch's
/// worker pool, and the pool's first worker starts a monitor that wakes the process every
/// second for as long as it lives. A daily backup would end letterd's sleep for good. These
/// files need only a few statements, so they go through the C API; the store itself stays
/// with GRDB. Errors are GRDB's `DatabaseError`, so they map like the store's own.
final class SQLiteFile {
    private var handle: OpaquePointer?
    let path: String

    init(path: String, readOnly: Bool) throws {
        self.path = path
        let flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        let code = sqlite3_open_v2(path, &handle, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard code == SQLITE_OK else {
            let error = Self.error(code, handle)
            sqlite3_close_v2(handle)
            handle = nil
            throw error
        }
        sqlite3_extended_result_codes(handle, 1)
    }

    deinit { close() }

    func close() {
        if let handle { sqlite3_close_v2(handle) }
        handle = nil
    }

    /// The first column of every row `sql` returns, as text.
    func strings(_ sql: String) throws -> [String] {
        var statement: OpaquePointer?
        let prepared = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard prepared == SQLITE_OK else { throw Self.error(prepared, handle, sql: sql) }
        defer { sqlite3_finalize(statement) }
        var values: [String] = []
        while true {
            let step = sqlite3_step(statement)
            if step == SQLITE_DONE { return values }
            guard step == SQLITE_ROW else { throw Self.error(step, handle, sql: sql) }
            values.append(sqlite3_column_text(statement, 0).map { String(cString: $0) } ?? "")
        }
    }

    /// The first column of the first row, as an integer (0 if there is none).
    func integer(_ sql: String) throws -> Int {
        Int(try strings(sql).first ?? "0") ?? 0
    }

    func execute(_ sql: String) throws {
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw Self.error(code, handle, sql: sql) }
    }

    /// Whether the schema has a table of that name (a name of letterd's, never a person's text).
    func hasTable(_ name: StaticString) throws -> Bool {
        try integer("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '\(name)'") > 0
    }

    /// The identifiers of the schema migrations applied to this file (none if GRDB never
    /// migrated it).
    func appliedMigrations() throws -> Set<String> {
        try hasTable("grdb_migrations") ? Set(strings("SELECT identifier FROM grdb_migrations")) : []
    }

    /// Copies every page of `source` (a GRDB connection, inside its read) into this file with
    /// SQLite's online backup API.
    func copyPages(from source: Database) throws {
        try Self.copyPages(from: source.sqliteConnection, to: handle)
    }

    /// Copies every page of another plain connection into this file.
    func copyPages(from source: SQLiteFile) throws {
        try Self.copyPages(from: source.handle, to: handle)
    }

    /// Copies every page of this file into `destination`, a GRDB connection inside its write
    /// access; the caller clears its schema cache after.
    func copyPages(into destination: Database) throws {
        try Self.copyPages(from: handle, to: destination.sqliteConnection)
    }

    /// One `sqlite3_backup` of every page, in one step: the destination changes all at once.
    /// SQLite leaves a failed step's error on the destination connection.
    private static func copyPages(from source: OpaquePointer?, to destination: OpaquePointer?) throws {
        guard let backup = sqlite3_backup_init(destination, "main", source, "main") else {
            throw error(sqlite3_errcode(destination), destination)
        }
        let step = sqlite3_backup_step(backup, -1)
        let finish = sqlite3_backup_finish(backup)
        guard step == SQLITE_DONE else { throw error(step, destination) }
        guard finish == SQLITE_OK else { throw error(finish, destination) }
    }

    private static func error(_ code: Int32, _ handle: OpaquePointer?, sql: String? = nil) -> DatabaseError {
        let message = handle.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql)
    }
}
