import LetterProtocol
import VarlinkProtocol

/// Everything that can stop a letterctl command, each with the exit status it earns
/// (sysexits(3), as documented in `letterctl --help`).
enum ClientError: Error {
    /// The command line is wrong: exit 64.
    case usage(String)
    /// The input (a file, the text) cannot be used: exit 65.
    case badData(String)
    /// letterd is not answering: exit 69.
    case unreachable(path: String, reason: String)
    /// letterd answered with a Varlink error: exit status by error name.
    case remote(VarlinkError)
    /// Something failed that should not have: exit 70.
    case internalFailure(String)
    /// The person stopped; nothing to report: exit 1 after the message.
    case cancelled(String)
    /// Ctrl-C (or SIGTERM) in the middle of something, after keeping what was typed: exit 130,
    /// as a shell reports a program stopped by SIGINT.
    case interrupted(String)

    enum ExitStatus {
        static let usage: Int32 = 64
        static let dataError: Int32 = 65
        static let unavailable: Int32 = 69
        static let software: Int32 = 70
        static let noPermission: Int32 = 77
    }

    var exitStatus: Int32 {
        switch self {
        case .usage: return ExitStatus.usage
        case .badData: return ExitStatus.dataError
        case .unreachable: return ExitStatus.unavailable
        case .internalFailure: return ExitStatus.software
        case .cancelled: return 1
        case .interrupted: return 130
        case let .remote(error):
            switch error.name {
            case "org.varlink.service.InvalidParameter", LettersInterface.ErrorName.letterNotFound,
                LettersInterface.ErrorName.checkInNotFound, LettersInterface.ErrorName.nothingScheduled,
                LettersInterface.ErrorName.invalidRequest, LettersInterface.ErrorName.requestTooLarge,
                LettersInterface.ErrorName.backupFailed:
                return ExitStatus.dataError
            case LettersInterface.ErrorName.permissionDenied:
                return ExitStatus.noPermission
            default:
                return ExitStatus.software
            }
        }
    }

    /// What to tell the person.
    var message: String {
        switch self {
        case let .usage(text), let .badData(text), let .internalFailure(text), let .cancelled(text), let .interrupted(text):
            return text
        case let .unreachable(path, reason):
            return """
                letterd is not answering on \(path) (\(reason)).
                Start it with:  systemctl --user start letterd.socket
                or run it by hand in another terminal:  letterd
                If it does not stay up, `systemctl --user status letterd` says why.
                """
        case let .remote(error):
            return Self.describe(error)
        }
    }

    private static func describe(_ error: VarlinkError) -> String {
        switch error.name {
        case "org.varlink.service.InvalidParameter":
            let parameter = error.string("parameter") ?? "a parameter"
            if let reason = error.string("reason") { return "\(parameter) \(reason)" }
            return "letterd did not accept the value of \(parameter)"
        case LettersInterface.ErrorName.letterNotFound:
            if case let .object(fields) = error.parameters, case let .integer(id)? = fields["id"] {
                return "there is no letter #\(id); `letterctl list` shows the ones you have"
            }
            return "there is no such letter"
        case LettersInterface.ErrorName.checkInNotFound:
            if case let .object(fields) = error.parameters, case let .integer(id)? = fields["id"] {
                return "there is no check-in #\(id); `letterctl critic` shows them"
            }
            return "there is no such check-in"
        case LettersInterface.ErrorName.nothingScheduled:
            return "nothing is scheduled for that letter right now; letterctl schedule shows what is"
        case LettersInterface.ErrorName.storageFull:
            return "the disk is full, so letterd could not save this. Nothing was lost; free some space and try again"
        case LettersInterface.ErrorName.storageFailed:
            return "letterd could not save this: \(error.string("reason") ?? "the store failed"). Nothing was half-written"
        case LettersInterface.ErrorName.requestTooLarge:
            return "the request is too large for letterd (over 1 MiB); a letter can be up to 256 KiB"
        case LettersInterface.ErrorName.permissionDenied:
            return "letterd refused the connection: it serves only the user it runs as"
        case LettersInterface.ErrorName.backupFailed:
            return error.string("reason") ?? "the backup could not be made or restored; nothing was changed"
        case LettersInterface.ErrorName.invalidRequest:
            return "letterd could not read the request: \(error.string("reason") ?? "invalid")"
        default:
            return "letterd answered with an error: \(error.name)"
        }
    }
}
