import LetterStore
import Logging
import ServiceLifecycle

/// Waits for the whole-file check of the store that ``LetterDatabase/open(path:clock:)`` left
/// to run while letterd serves. Writes wait for it in the store; if the file turns out to be
/// damaged, this service fails, which stops letterd with the same message and exit status as
/// a file found damaged before opening (65, which systemd does not restart).
struct StoreCheckService: Service, CustomStringConvertible {
    var description: String { "StoreCheckService" }

    let database: LetterDatabase
    let logger: Logger

    func run() async throws {
        try await database.openingCheck()
        logger.debug("the store passed its whole-file check")
    }
}
