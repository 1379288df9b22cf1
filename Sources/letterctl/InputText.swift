#if canImport(Glibc)
import Glibc
#endif

/// Reading a letter from a file or from standard input (`--from FILE` / `--from -`).
enum InputText {
    /// The whole of `path` ("-" for stdin) as UTF-8 text.
    static func read(_ path: String) throws(ClientError) -> String {
        let fd: Int32
        if path == "-" {
            fd = STDIN_FILENO
        } else {
            fd = open(path, O_RDONLY | O_CLOEXEC)
            if fd < 0 { throw ClientError.badData("cannot read \(path): \(String(cString: strerror(errno)))") }
        }
        defer { if fd != STDIN_FILENO { close(fd) } }
        let bytes = try readAll(fd, name: path == "-" ? "standard input" : path)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ClientError.badData("\(path == "-" ? "standard input" : path) is not valid UTF-8 text; letterd stores text only")
        }
        return text
    }

    /// Reads to the end, refusing more than 4 MiB (far beyond any letter letterd accepts), so
    /// a wrong file never fills memory.
    static func readAll(_ fd: Int32, name: String) throws(ClientError) -> [UInt8] {
        let ceiling = 4 * 1024 * 1024
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ClientError.badData("cannot read \(name): \(String(cString: strerror(errno)))")
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<count])
            if bytes.count > ceiling {
                throw ClientError.badData("\(name) is over 4 MiB; a letter can be up to 256 KiB")
            }
        }
    }
}
