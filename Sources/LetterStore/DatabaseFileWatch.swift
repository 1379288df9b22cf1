#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GRDB
import LetterCore
import Synchronization

/// Notices when the database file is deleted or replaced while letterd has it open.
///
/// SQLite keeps writing to the file it opened even after it has been deleted or replaced, so
/// every write would seem to succeed and then vanish at the next start. Before each write the
/// store compares the file at its path with the one it opened (device and inode, one stat(2)).
/// On the first mismatch it saves what the open file holds as a backup (the data is still
/// reachable through the open connection), and from then on every write is refused with
/// ``StoreError/fileReplaced(rescuedTo:)`` until letterd is restarted.
final class DatabaseFileWatch: Sendable {
    let path: String
    private let device: UInt64
    private let inode: UInt64
    /// Where the rescue copy went (or "" when it failed), once the change has been seen.
    private let rescued = Mutex<String?>(nil)

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.path = path
        self.device = UInt64(info.st_dev)
        self.inode = UInt64(info.st_ino)
    }

    /// Throws ``StoreError/fileReplaced(rescuedTo:)`` if the file at `path` is no longer the
    /// one opened; the first time, `rescue` copies the open store to a backup.
    func check(rescue: (String) throws -> Void, clock: any WallClock) throws {
        if let already = rescued.withLock({ $0 }) {
            throw StoreError.fileReplaced(rescuedTo: already.isEmpty ? nil : already)
        }
        var info = stat()
        if stat(path, &info) == 0 && UInt64(info.st_dev) == device && UInt64(info.st_ino) == inode { return }
        let directory = (path as NSString).deletingLastPathComponent + "/" + BackupNames.directoryName
        let target = directory + "/" + BackupNames.rescued(clock.now(), calendar: .current)
        var saved = ""
        if mkdir(directory, 0o700) == 0 || errno == EEXIST, (try? rescue(target)) != nil { saved = target }
        rescued.withLock { $0 = saved }
        throw StoreError.fileReplaced(rescuedTo: saved.isEmpty ? nil : saved)
    }
}
