#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import LetterCore

/// Where an unfinished guided letter waits: `$XDG_STATE_HOME/letterd/guided-letter.json`
/// (usually `~/.local/state/letterd/`), readable by the person alone. It is rewritten after
/// every answer and every line, so stopping at any point, or letterd being away when the
/// letter is finished, loses nothing. It goes once the letter is safely stored.
struct GuidedDraftFile {
    let path: String
    let directory: String

    init(environment: [String: String] = LetterEditor.processEnvironment()) {
        let state = environment["XDG_STATE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? (environment["HOME"] ?? "/") + "/.local/state"
        directory = state + "/letterd"
        path = directory + "/guided-letter.json"
    }

    /// The waiting draft, if there is one. A file that cannot be read is reported, never
    /// replaced: it may hold someone's words.
    func load() throws(ClientError) -> GuidedLetter? {
        guard exists else { return nil }
        let bytes: [UInt8]
        do {
            let text = try InputText.read(path)
            bytes = Array(text.utf8)
        }
        do {
            return try JSONDecoder().decode(GuidedLetter.self, from: Data(bytes))
        } catch {
            throw ClientError.badData(
                "the unfinished letter in \(path) cannot be read (\(error)). It is left as it is; "
                    + "move it aside to start a new guided letter")
        }
    }

    /// Writes the draft in full, replacing the old one only once the new one is on disk.
    func save(_ draft: GuidedLetter) throws(ClientError) {
        // Each missing directory on the way ($XDG_STATE_HOME itself may not exist yet), private.
        var partial = ""
        for component in directory.split(separator: "/") {
            partial += "/" + component
            if mkdir(partial, 0o700) != 0 && errno != EEXIST {
                throw ClientError.internalFailure("cannot create \(partial): \(String(cString: strerror(errno)))")
            }
        }
        let data: Data
        do {
            data = try JSONEncoder().encode(draft)
        } catch {
            throw ClientError.internalFailure("cannot encode the draft: \(error)")
        }
        let temporary = path + ".new"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw ClientError.internalFailure("cannot write \(temporary): \(String(cString: strerror(errno)))")
        }
        var failure = data.withUnsafeBytes { DurableFile.writeAll(fd, $0) }
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        close(fd)
        if failure == 0 && rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw ClientError.internalFailure("cannot write \(path): \(String(cString: strerror(failure)))")
        }
    }

    var exists: Bool { access(path, F_OK) == 0 }

    func remove() {
        unlink(path)
    }
}
