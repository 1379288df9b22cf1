#if canImport(Glibc)
import Glibc
#endif
import Foundation
import LetterCore
import LetterStore
import VarlinkProtocol

/// Exports written for letterctl to pass on, and JSON exports read back for an import.
///
/// The sandbox lets letterd write only its data directory, so an export is written into the
/// backups directory under a name starting with ".export-" (kept out of `backup --list`), and
/// letterctl copies it to the person's file or its standard output and removes it. One that a
/// crashed letterctl left behind is removed by the next export after an hour.
enum ExportFiles {
    static let prefix = ".export-"

    /// Writes `contents` to a new file (0600) in `directory`; returns its path.
    static func write(_ contents: Data, fileExtension: String, in directory: String, now: Date) throws -> String {
        try DaemonPaths.ensureDirectory(directory, tighten: true)
        removeAbandoned(in: directory, now: now)
        var random = SystemRandomNumberGenerator()
        let path = "\(directory)/\(prefix)\(getpid())-\(String(random.next(), radix: 36)).\(fileExtension)"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw StoreError.from(POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)) }
        defer { close(descriptor) }
        let written = contents.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let count = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 { if errno == EINTR { continue }; return false }
                offset += count
            }
            return true
        }
        guard written else {
            let code = errno
            unlink(path)
            throw StoreError.from(POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO))
        }
        return path
    }

    private static func removeAbandoned(in directory: String, now: Date) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasPrefix(prefix) {
            var info = stat()
            if stat(directory + "/" + name, &info) == 0, now.timeIntervalSince1970 - Double(info.st_mtim.tv_sec) > 3_600 {
                unlink(directory + "/" + name)
            }
        }
    }

    /// The JSON export at `path`, decoded and checked; every problem is an ``ImportRefusal``
    /// naming the place in the file.
    static func readImport(at path: String) throws(ImportRefusal) -> ExportDocument {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw ImportRefusal("", "cannot be read: \(String(cString: strerror(errno)))")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw ImportRefusal("", "is not a regular file") }
        guard Int64(info.st_size) <= ExportDocument.largestImportBytes else {
            throw ImportRefusal("", "is more than \(ExportDocument.largestImportBytes / 1_048_576) MiB, the most letterd imports")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImportRefusal("", "cannot be read")
        }
        return try decode(data).validated()
    }

    /// The header first, so a file from a newer letterd is refused for that, not for whatever
    /// its newer layout breaks; then the whole document.
    static func decode(_ data: Data) throws(ImportRefusal) -> ExportDocument {
        struct Header: Decodable {
            var format: String?
            var schemaVersion: Int?
        }
        let decoder = VarlinkJSON.decoder()
        let header: Header
        do {
            header = try decoder.decode(Header.self, from: data)
        } catch {
            throw refusal(error, whole: "is not a JSON object (\(describe(error)))")
        }
        guard header.format == ExportDocument.formatName else {
            throw ImportRefusal("format", header.format.map { "is \"\($0.prefix(60))\", not \"\(ExportDocument.formatName)\": this is not a letterd export" }
                ?? "is missing: this is not a letterd export")
        }
        if let version = header.schemaVersion, version > ExportDocument.currentSchemaVersion {
            throw ImportRefusal("schemaVersion", "is \(version), from a newer letterd (this one reads up to \(ExportDocument.currentSchemaVersion)); import it with that version")
        }
        do {
            return try decoder.decode(ExportDocument.self, from: data)
        } catch {
            throw refusal(error, whole: describe(error))
        }
    }

    private static func refusal(_ error: any Error, whole: String) -> ImportRefusal {
        guard let decoding = error as? DecodingError else { return ImportRefusal("", whole) }
        switch decoding {
        case let .typeMismatch(type, context):
            return ImportRefusal(place(context.codingPath), "has the wrong type (expected \(typeName(type)))")
        case let .valueNotFound(type, context):
            return ImportRefusal(place(context.codingPath), "is null or missing (expected \(typeName(type)))")
        case let .keyNotFound(key, context):
            return ImportRefusal(place(context.codingPath + [key]), "is missing")
        case let .dataCorrupted(context):
            if context.codingPath.isEmpty { return ImportRefusal("", "is not valid JSON (\(context.debugDescription))") }
            return ImportRefusal(place(context.codingPath), "is not valid: \(context.debugDescription)")
        @unknown default:
            return ImportRefusal("", whole)
        }
    }

    private static func describe(_ error: any Error) -> String {
        if case let .dataCorrupted(context)? = error as? DecodingError { return context.debugDescription }
        return "\(error)"
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "text"
        case is Int.Type, is Int64.Type: return "a whole number"
        case is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        case is Date.Type: return "an ISO 8601 time"
        default: return "\(type)".contains("Array") ? "a list" : "an object"
        }
    }

    /// "letters[2].versions[0].text" from a coding path.
    static func place(_ path: [any CodingKey]) -> String {
        var out = ""
        for key in path {
            if let index = key.intValue { out += "[\(index)]" } else { out += (out.isEmpty ? "" : ".") + key.stringValue }
        }
        return out
    }
}
