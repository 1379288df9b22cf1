import GRDB
import LetterCore
import Synchronization

/// The letters a check-in's words match, ranked, with their about lines, tags and openings:
/// kept until a letter changes. How their rereads landed is not kept; it is read each time.
///
/// Why: at 100k letters, finding them cost a check-in about 2 ms (`make bench`): up to three
/// full-text rankings (the check-in's words, its trigger, the words of the best match) at
/// about 0.4 ms each, FTS5 reading every ranked row's word positions and length, and then the
/// candidates' tags and texts. The same words come up again and again: the trigger is one of
/// three, and a critic tends to repeat itself. Letters change far less often than check-ins
/// arrive.
///
/// What is kept is forgotten as soon as a letter, one of its versions or its tags is written
/// (a GRDB transaction observer, told of each change as it is made, and again if the
/// transaction is rolled back), and when another connection has committed to the file
/// (`PRAGMA data_version`), so it never describes letters other than the ones there are.
final class LetterMatchCache: TransactionObserver, Sendable {
    /// Check-ins' words remembered at most; past this the cache starts again. A check-in needs
    /// one; eight hold the three triggers' and a few recurring phrases' worth. Each holds up to
    /// ~60 letters' openings (4,000 characters each), so this bounds the memory to about 2 MB.
    static let capacity = 8
    /// The tables the kept letters come from (and `letterSearch` is built from), lower-cased.
    static let letterTables: Set<String> = ["letter", "letterversion", "lettertag"]

    private struct State {
        /// `PRAGMA data_version` when what is kept was read.
        var dataVersion: Int64?
        var matches: [String: [LetterCandidate]] = [:]
    }

    private let state = Mutex(State())

    /// The letters for `key` (the words searched for), found by `find` unless they are kept.
    func letters(
        _ db: Database, key: String, find: () throws -> [LetterCandidate]
    ) throws -> [LetterCandidate] {
        let version = try Int64.fetchOne(db, sql: "PRAGMA data_version")
        if let kept = state.withLock({ $0.dataVersion == version ? $0.matches[key] : nil }) {
            return kept
        }
        let found = try find()
        state.withLock { state in
            if state.dataVersion != version || state.matches.count >= Self.capacity {
                state = State(dataVersion: version)
            }
            state.matches[key] = found
        }
        return found
    }

    /// How many check-ins' words have their letters kept (for tests).
    var count: Int { state.withLock { $0.matches.count } }

    private func forget() {
        state.withLock { $0.matches.removeAll() }
    }

    // MARK: TransactionObserver

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
        Self.letterTables.contains(eventKind.tableName.lowercased())
    }

    func databaseDidChange(with event: DatabaseEvent) {
        forget()
    }

    func databaseDidCommit(_ db: Database) {}

    func databaseDidRollback(_ db: Database) {
        // Letters found after a change that is now undone are letters that never were.
        forget()
    }
}
