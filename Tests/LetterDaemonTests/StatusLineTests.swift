import Foundation
import GRDB
import LetterCore
@testable import LetterDaemon
import LetterStore
import Testing

@Suite("The status line systemd shows")
struct StatusLineTests {
    @Test("counts come from the store once, then follow each write; a failure shows until a write succeeds")
    func followsWrites() async throws {
        let database = try LetterDatabase(DatabaseQueue(), clock: ManualWallClock(Date()))
        _ = try await database.writeLetter(LetterDraft(text: "one"))
        _ = try await database.logCheckIn(CheckInDraft(intensity: 3))
        let status = StatusLine(database: database, notifier: SystemdNotifier())
        await status.ready()
        #expect(status.text() == "1 letter, 1 check-in")
        status.recorded(.letterWritten)
        status.recorded(.checkInLogged)
        status.recorded(.letterRevised)
        #expect(status.text() == "2 letters, 2 check-ins")
        status.degraded("the disk is full, so the last write failed")
        #expect(status.text() == "Degraded: the disk is full, so the last write failed. 2 letters, 2 check-ins")
        status.recorded(.letterDeleted)
        #expect(status.text() == "1 letter, 2 check-ins")
    }
}
