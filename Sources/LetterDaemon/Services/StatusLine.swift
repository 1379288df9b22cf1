import Foundation
import LetterStore
import Synchronization

/// The human status line systemd shows (`systemctl --user status letterd`): what letterd
/// holds, or, when the store has been failing, why it is degraded.
final class StatusLine: Sendable {
    let database: LetterDatabase
    let notifier: SystemdNotifier
    private let problem = Mutex<String?>(nil)

    init(database: LetterDatabase, notifier: SystemdNotifier) {
        self.database = database
        self.notifier = notifier
    }

    func ready() async {
        notifier.ready(status: await text())
    }

    func refresh() async {
        notifier.status(await text())
    }

    /// A write failed: the status says so until a write succeeds again.
    func degraded(_ reason: String) {
        problem.withLock { $0 = reason }
        Task { await refresh() }
    }

    /// A write succeeded.
    func recovered() {
        problem.withLock { $0 = nil }
    }

    func text() async -> String {
        let prefix = problem.withLock { $0 }.map { "Degraded: \($0). " } ?? ""
        guard let counts = try? await database.counts() else {
            return prefix + "Running, but the store cannot be read"
        }
        return prefix + "\(counts.letters) \(counts.letters == 1 ? "letter" : "letters"), "
            + "\(counts.checkIns) \(counts.checkIns == 1 ? "check-in" : "check-ins")"
    }
}
