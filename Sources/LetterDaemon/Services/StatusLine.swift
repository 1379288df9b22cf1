import Foundation
import LetterStore
import Synchronization

/// The human status line systemd shows (`systemctl --user status letterd`): what letterd
/// holds, or, when the store has been failing, why it is degraded.
///
/// The counts are read from the store once, at start, and then kept up to date as writes
/// succeed, so a write's reply never waits for a count over the whole store.
final class StatusLine: Sendable {
    /// A change to what the store holds, as far as the status line is concerned.
    enum Change: Sendable {
        case letterWritten, letterDeleted, checkInLogged, letterRevised
    }

    private struct State {
        var letters = 0
        var checkIns = 0
        var problem: String?
    }

    let database: LetterDatabase
    let notifier: SystemdNotifier
    private let state = Mutex(State())

    init(database: LetterDatabase, notifier: SystemdNotifier) {
        self.database = database
        self.notifier = notifier
    }

    /// Reads the counts once and tells systemd letterd is ready.
    func ready() async {
        if let counts = try? await database.counts() {
            state.withLock {
                $0.letters = counts.letters
                $0.checkIns = counts.checkIns
            }
        }
        notifier.ready(status: text())
    }

    /// Why letterd is degraded now, if it is.
    var problem: String? { state.withLock { $0.problem } }

    /// Reads the counts again (after a restore replaced the whole store).
    func refresh() async {
        guard let counts = try? await database.counts() else { return }
        let line = state.withLock { state in
            state.letters = counts.letters
            state.checkIns = counts.checkIns
            state.problem = nil
            return Self.text(state)
        }
        notifier.status(line)
    }

    /// A write succeeded: the counts move, and any earlier store problem is over.
    func recorded(_ change: Change) {
        let line = state.withLock { state in
            switch change {
            case .letterWritten: state.letters += 1
            case .letterDeleted: state.letters -= 1
            case .checkInLogged: state.checkIns += 1
            case .letterRevised: break
            }
            state.problem = nil
            return Self.text(state)
        }
        notifier.status(line)
    }

    /// A write failed: the status says so until a write succeeds again.
    func degraded(_ reason: String) {
        let line = state.withLock { state in
            state.problem = reason
            return Self.text(state)
        }
        notifier.status(line)
    }

    func text() -> String {
        state.withLock { Self.text($0) }
    }

    private static func text(_ state: State) -> String {
        let prefix = state.problem.map { "Degraded: \($0). " } ?? ""
        return prefix + "\(state.letters) \(state.letters == 1 ? "letter" : "letters"), "
            + "\(state.checkIns) \(state.checkIns == 1 ? "check-in" : "check-ins")"
    }
}
