#if canImport(Glibc)
import Glibc
#endif
import Logging
import Synchronization

/// Writes log lines to stderr with a syslog priority prefix (`<6>listening on ...`), which
/// journald reads to file each line at its level. Run by hand, the prefix is still there, so
/// what a person sees in a terminal is what the journal would hold.
///
/// letterd never logs what a person wrote: messages carry ids, counts and error kinds only.
public struct SyslogLogHandler: LogHandler {
    /// The level comes from ``LogLevelControl``, so a config reload changes every logger at once.
    public var logLevel: Logger.Level {
        get { LogLevelControl.level }
        set { LogLevelControl.level = newValue }
    }
    public var metadata: Logger.Metadata = [:]
    private let label: String

    public init(label: String) {
        self.label = label
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line = "<\(Self.priority(event.level))>\(event.message)"
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        if !merged.isEmpty {
            line += " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        }
        line += "\n"
        // One write(2) per line so that lines from different threads never interleave.
        line.utf8CString.withUnsafeBufferPointer { buffer in
            _ = write(STDERR_FILENO, buffer.baseAddress, buffer.count - 1)
        }
    }

    /// syslog(3) priorities: 7 debug … 2 critical.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: return 7
        case .info: return 6
        case .notice: return 5
        case .warning: return 4
        case .error: return 3
        case .critical: return 2
        }
    }
}

/// The process-wide log level, set from the config file and changed on reload.
public enum LogLevelControl {
    private static let current = Mutex(Logger.Level.info)

    public static var level: Logger.Level {
        get { current.withLock { $0 } }
        set { current.withLock { $0 = newValue } }
    }
}
