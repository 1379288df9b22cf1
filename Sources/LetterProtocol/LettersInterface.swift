import LetterCore
import VarlinkProtocol

/// The `io.letterd.Letters` Varlink interface: its name, its description (the
/// `io.letterd.Letters.varlink` file beside this one, embedded at build time so the file in the
/// repository is exactly what `GetInterfaceDescription` returns), its methods and its errors.
public enum LettersInterface {
    public static let name = "io.letterd.Letters"

    /// The interface description file, verbatim.
    public static var description: String {
        String(decoding: PackageResources.io_letterd_Letters_varlink, as: UTF8.self)
    }

    /// Fully qualified method names.
    public enum Method: String, CaseIterable, Sendable {
        case writeLetter = "io.letterd.Letters.WriteLetter"
        case reviseLetter = "io.letterd.Letters.ReviseLetter"
        case getLetter = "io.letterd.Letters.GetLetter"
        case listLetters = "io.letterd.Letters.ListLetters"
        case deleteLetter = "io.letterd.Letters.DeleteLetter"
        case logCheckIn = "io.letterd.Letters.LogCheckIn"
        case listCheckIns = "io.letterd.Letters.ListCheckIns"
        case correctCheckIn = "io.letterd.Letters.CorrectCheckIn"
        case declineInvitation = "io.letterd.Letters.DeclineInvitation"
        case search = "io.letterd.Letters.Search"
        case getStatus = "io.letterd.Letters.GetStatus"
        case getConfig = "io.letterd.Letters.GetConfig"
        case listDue = "io.letterd.Letters.ListDue"
        case getSchedule = "io.letterd.Letters.GetSchedule"
        case recordReread = "io.letterd.Letters.RecordReread"
        case skipPrompt = "io.letterd.Letters.SkipPrompt"
        case snooze = "io.letterd.Letters.Snooze"
        case pause = "io.letterd.Letters.Pause"
        case resume = "io.letterd.Letters.Resume"
        case getStats = "io.letterd.Letters.GetStats"
        case reflectOnLetter = "io.letterd.Letters.ReflectOnLetter"
        case getCriticProfile = "io.letterd.Letters.GetCriticProfile"
        case saveCriticProfile = "io.letterd.Letters.SaveCriticProfile"
        case getSelfCheck = "io.letterd.Letters.GetSelfCheck"
        case recordSelfCheck = "io.letterd.Letters.RecordSelfCheck"
        case declineSelfCheck = "io.letterd.Letters.DeclineSelfCheck"
        case makeBackup = "io.letterd.Letters.MakeBackup"
        case listBackups = "io.letterd.Letters.ListBackups"
        case restoreBackup = "io.letterd.Letters.RestoreBackup"
        case export = "io.letterd.Letters.Export"
        case importFile = "io.letterd.Letters.Import"
    }

    /// Fully qualified error names.
    public enum ErrorName {
        public static let letterNotFound = "io.letterd.Letters.LetterNotFound"
        public static let checkInNotFound = "io.letterd.Letters.CheckInNotFound"
        public static let nothingScheduled = "io.letterd.Letters.NothingScheduled"
        public static let invalidRequest = "io.letterd.Letters.InvalidRequest"
        public static let requestTooLarge = "io.letterd.Letters.RequestTooLarge"
        public static let storageFull = "io.letterd.Letters.StorageFull"
        public static let storageFailed = "io.letterd.Letters.StorageFailed"
        public static let permissionDenied = "io.letterd.Letters.PermissionDenied"
        public static let backupFailed = "io.letterd.Letters.BackupFailed"
        public static let importRefused = "io.letterd.Letters.ImportRefused"
    }

    /// The largest request the daemon reads, in bytes, NUL excluded.
    public static let maximumRequestBytes = 1024 * 1024
}
