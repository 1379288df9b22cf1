#if canImport(Glibc)
import Glibc
#endif

/// Writing files so that they are either whole or absent: into `PATH.partial`, fsynced, then
/// renamed over `PATH`. Used for the guided draft and for copies of backups.
enum DurableFile {
    /// Writes all of `bytes` to `fd`; returns 0 or the errno that stopped it.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        var offset = 0
        while offset < bytes.count {
            let written = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return 0
    }

    /// Copies the file at `source` to `destination`, private to the user (0600). An existing
    /// `destination` is replaced only if `replace` is set; a copy cut short leaves nothing.
    static func copy(from source: String, to destination: String, replace: Bool) throws(ClientError) {
        if !replace && access(destination, F_OK) == 0 {
            throw ClientError.usage("\(destination) already exists; letterctl does not write over a file")
        }
        let input = open(source, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw failure("cannot read \(source)", errno) }
        defer { close(input) }
        let partial = destination + ".partial"
        let output = open(partial, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard output >= 0 else { throw failure("cannot write \(partial)", errno) }
        var problem: Int32 = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while problem == 0 {
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                problem = errno
            } else if count == 0 {
                break
            } else {
                problem = buffer.withUnsafeBytes { writeAll(output, UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            }
        }
        if problem == 0 && fsync(output) != 0 { problem = errno }
        close(output)
        if problem == 0 && rename(partial, destination) != 0 { problem = errno }
        if problem != 0 {
            unlink(partial)
            throw failure("cannot copy \(source) to \(destination)", problem)
        }
        syncDirectory(of: destination)
    }

    /// A copy of `file` in letterd's backups `directory`, where letterd can read it even from
    /// inside its sandbox (for restore and import); the leading dot keeps it out of
    /// `backup --list`. The caller removes it.
    static func stage(_ file: String, in directory: String, fileExtension: String) throws(ClientError) -> String {
        if mkdir(directory, 0o700) != 0 && errno != EEXIST {
            throw ClientError.internalFailure("cannot create \(directory): \(String(cString: strerror(errno)))")
        }
        let staged = directory + "/.incoming-\(getpid()).\(fileExtension)"
        try copy(from: file, to: staged, replace: true)
        return staged
    }

    /// Writes the whole file at `source` to the open descriptor `fd` (standard output).
    static func send(_ source: String, to fd: Int32) throws(ClientError) {
        let input = open(source, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw failure("cannot read \(source)", errno) }
        defer { close(input) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure("cannot read \(source)", errno)
            }
            if count == 0 { return }
            let problem = buffer.withUnsafeBytes { writeAll(fd, UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            if problem != 0 { throw failure("cannot write the export", problem) }
        }
    }

    /// fsync(2) on the directory holding `path`, so a rename into it survives a crash.
    static func syncDirectory(of path: String) {
        let directory = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        let fd = open(directory.isEmpty ? (path.hasPrefix("/") ? "/" : ".") : directory, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    private static func failure(_ what: String, _ code: Int32) -> ClientError {
        let reason = String(cString: strerror(code))
        if code == ENOSPC || code == EDQUOT { return .internalFailure("\(what): the disk is full (\(reason))") }
        return .internalFailure("\(what): \(reason)")
    }
}
