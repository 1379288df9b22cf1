import Foundation
import GRDB
import LetterCore
import NIOPosix
import Synchronization

/// The one place letterd reads and writes the person's letters and check-ins.
///
/// Each public method is one transaction, named for what it means rather than for its SQL.
/// In the daemon the writer is a WAL `DatabasePool` with `synchronous = FULL`, so a call that has
/// returned has reached the disk; tests use an in-memory `DatabaseQueue`.
public final class LetterDatabase: Sendable {
    let writer: any DatabaseWriter
    let clock: any WallClock
    /// Where the store's SQLite work runs: GRDB's synchronous API, on two threads of letterd's
    /// own. GRDB's async API would run it on libdispatch's worker pool instead, and the first
    /// dispatch worker starts libdispatch's pool monitor, which then wakes the process every
    /// second for as long as it lives. Kept off dispatch, an idle letterd does not wake at all.
    let threads: NIOThreadPool
    /// The file opened, to notice it being deleted or replaced (nil in memory).
    let fileWatch: DatabaseFileWatch?
    /// The whole-file check still to finish before anything is written (see `open(path:clock:)`).
    let openingCheckTask = Mutex<Task<Void, any Error>?>(nil)
    /// GRDB queues a restore opened to upgrade an older backup: closed, but kept until letterd
    /// exits. Freeing one frees its dispatch queue, and libdispatch runs the clean-up of the
    /// queue's specific values (GRDB marks each queue it owns with one) on its worker pool,
    /// whose first worker starts the once-a-second monitor. One small object per such restore.
    let closedQueues = Mutex<[DatabaseQueue]>([])
    /// The letters check-ins' words match, until a letter changes.
    let matchCache = LetterMatchCache()
    /// Held by each backup and restore while it picks its file's name and writes it. Two
    /// backups in one second picked the same free name, and each removed the other's
    /// half-written `.partial` file ("disk I/O error"; found by the fuzzer's stress test).
    let backupFiles = Mutex<Void>(())

    /// Wraps a connection and brings its schema up to date. `file`: the path `writer` opened,
    /// watched before each write (see ``DatabaseFileWatch``). A `DatabaseQueue`'s one connection
    /// gets the store's full-text function (``MatchStats``) here; a pool's connections get it as
    /// the pool opens them (``open(path:clock:)``).
    public init(_ writer: any DatabaseWriter, clock: any WallClock, file: String? = nil) throws {
        self.writer = writer
        self.clock = clock
        self.fileWatch = file.flatMap(DatabaseFileWatch.init(path:))
        self.threads = NIOThreadPool(numberOfThreads: 2)
        threads.start()
        do {
            if let queue = writer as? DatabaseQueue {
                try queue.inDatabase { db in try MatchStats.register(in: db) }
            }
            try Self.migrator.migrate(writer)
            writer.add(transactionObserver: matchCache, extent: .databaseLifetime)
        } catch {
            try? threads.syncShutdownGracefully()
            throw error
        }
    }

    deinit {
        try? threads.syncShutdownGracefully()
    }

    /// The names of the schema migrations this program knows, oldest first.
    public static var knownMigrations: [String] { migrator.migrations }

    /// Runs a write transaction, translating SQLite's errors into ``StoreError``.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            try await openingCheck()
            let writer = writer
            let (watch, clock) = (fileWatch, clock)
            return try await threads.runIfActive {
                try watch?.check(rescue: { target in _ = try Self.copy(from: writer, to: target, createdAt: clock.now()) }, clock: clock)
                return try writer.write(body)
            }
        } catch {
            throw StoreError.from(error)
        }
    }

    /// Runs a read, translating SQLite's errors into ``StoreError``.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            let writer = writer
            return try await threads.runIfActive { try writer.read(body) }
        } catch {
            throw StoreError.from(error)
        }
    }

    /// How much the store holds.
    public func counts() async throws -> StoreCounts {
        try await read { db in try Self.counts(db) }
    }
}

extension LetterDatabase {
    /// Closes the database: waits for the writer, checkpoints the WAL, releases the file.
    /// `checkpoint: false` (the file failed its check) leaves the main file as it is.
    public func close(checkpoint: Bool = true) throws {
        if let pool = writer as? DatabasePool {
            // Everything into the main file, and the WAL emptied: a stopped letterd leaves one
            // self-contained file, which a person may copy or check on its own.
            if checkpoint {
                try? pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
            }
            try pool.close()
        } else if let queue = writer as? DatabaseQueue {
            try queue.close()
        }
    }
}

extension LetterDatabase {
    /// Runs nothing on the writer's queue: returns once the queue is free, proving it is not stuck.
    public func ping() async throws {
        let writer = writer
        try await threads.runIfActive { writer.writeWithoutTransaction { _ in } }
    }
}
