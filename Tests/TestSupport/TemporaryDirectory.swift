import Foundation

/// A private temporary directory (0700) for one test. Call `remove()` in a `defer`.
public struct TemporaryDirectory: Sendable {
    public let path: String

    public init(prefix: String = "letterd-test") throws {
        var template = Array((NSTemporaryDirectory() + "\(prefix)-XXXXXX").utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Creates a subdirectory with the given mode and returns its path.
    @discardableResult
    public func makeDirectory(_ name: String, mode: Int = 0o700) throws -> String {
        let path = self.path + "/" + name
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: mode])
        return path
    }
}
