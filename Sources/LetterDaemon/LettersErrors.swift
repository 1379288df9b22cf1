import LetterCore
import LetterProtocol
import LetterStore
import Logging
import VarlinkProtocol

/// How letterd's errors look on the wire: the one place where domain and store errors become
/// Varlink error names. Anything unexpected is logged in full here and reaches the client only
/// as `StorageFailed` with a short reason, so internals never leak into a reply.
enum LettersErrors {
    static func varlinkError(for error: any Error, call: VarlinkCall, logger: Logger) -> VarlinkError {
        switch error {
        case let invalid as InvalidInput:
            // The reason travels too: InvalidParameter's definition has only `parameter`, and
            // Varlink clients ignore fields they do not know, so this stays compatible.
            return VarlinkError(
                "org.varlink.service.InvalidParameter",
                ["parameter": .string(invalid.parameter), "reason": .string(invalid.reason)])
        case StoreError.letterNotFound(let id):
            return VarlinkError(LettersInterface.ErrorName.letterNotFound, ["id": .integer(id)])
        case StoreError.nothingScheduled(let id):
            return VarlinkError(LettersInterface.ErrorName.nothingScheduled, ["id": .integer(id)])
        case StoreError.checkInNotFound(let id):
            return VarlinkError(LettersInterface.ErrorName.checkInNotFound, ["id": .integer(id)])
        case StoreError.storageFull:
            logger.error("\(call.method) failed: the disk is full; nothing was written")
            return VarlinkError(LettersInterface.ErrorName.storageFull)
        case StoreError.readOnly:
            logger.error("\(call.method) failed: the database cannot be written")
            return VarlinkError(
                LettersInterface.ErrorName.storageFailed,
                ["reason": .string("the database cannot be written (read-only file, directory or disk)")])
        case StoreError.fileReplaced(let rescuedTo):
            logger.error("\(call.method) refused: the database file was deleted or replaced while letterd had it open; \(rescuedTo.map { "what letterd held is saved in \($0)" } ?? "saving what letterd held failed"). Restart letterd")
            return VarlinkError(
                LettersInterface.ErrorName.storageFailed,
                ["reason": .string("the database file was deleted or replaced while letterd was running, so letterd saves nothing more until it is restarted" + (rescuedTo.map { "; what it held is saved in \($0)" } ?? ""))])
        case StoreError.damaged:
            logger.error("\(call.method) failed: SQLite reports the database file is damaged; letterd writes nothing more to it")
            return VarlinkError(
                LettersInterface.ErrorName.storageFailed,
                ["reason": .string("the database file is damaged; letterd will not write to it (letterctl status says what to do)")])
        case let refusal as ImportRefusal:
            logger.notice("\(call.method) refused the file: \(refusal)")
            return VarlinkError(
                LettersInterface.ErrorName.importRefused, ["field": .string(refusal.field), "reason": .string(refusal.reason)])
        case let backup as BackupError:
            logger.warning("\(call.method) refused: \(backup)")
            return VarlinkError(LettersInterface.ErrorName.backupFailed, ["reason": .string(backup.description)])
        case StoreError.failed(let message):
            logger.error("\(call.method) failed in SQLite: \(message)")
            return VarlinkError(
                LettersInterface.ErrorName.storageFailed, ["reason": .string("the database reported an error")])
        default:
            logger.error("\(call.method) failed: \(String(reflecting: error))")
            return VarlinkError(
                LettersInterface.ErrorName.storageFailed, ["reason": .string("an unexpected error; see the daemon's log")])
        }
    }

    /// Why letterd is degraded after this error, if it says something about the store's health.
    static func degradation(for error: any Error) -> String? {
        switch error {
        case StoreError.storageFull: return "the disk is full, so the last write failed"
        case StoreError.readOnly: return "the database cannot be written"
        case StoreError.fileReplaced(let rescuedTo):
            return "the database file was deleted or replaced while letterd was running"
                + (rescuedTo.map { "; what letterd held is saved in \($0)" } ?? "")
        case StoreError.damaged: return "the database file is damaged"
        case StoreError.failed: return "the database reported an error on the last write"
        default: return nil
        }
    }

    static func invalidRequest(_ reason: String) -> VarlinkError {
        VarlinkError(LettersInterface.ErrorName.invalidRequest, ["reason": .string(reason)])
    }

    static func requestTooLarge(_ limit: Int) -> VarlinkError {
        VarlinkError(LettersInterface.ErrorName.requestTooLarge, ["limit": .integer(Int64(limit))])
    }

    static let permissionDenied = VarlinkError(LettersInterface.ErrorName.permissionDenied)
}
