import LetterCore
import Logging
import TOMLKit

/// Every key letterd's config file accepts: where it lives, what it accepts (said in errors),
/// and how it sets its value. Unknown keys are errors: a misspelt key silently ignored would
/// leave a person wondering why their setting did nothing.
struct ConfigKey: Sendable {
    /// Dotted path: "log-level", "server.max-connections".
    let path: String
    /// What is accepted, in words, for error messages.
    let accepted: String
    /// Sets the value; returns nil, or what is wrong with the value.
    let apply: @Sendable (any TOMLValueConvertible, inout DaemonConfig) -> String?
}

enum ConfigSchema {
    /// The tables the file may have.
    static let tables: Set<String> = ["server"]

    static let keys: [ConfigKey] = [
        ConfigKey(path: "log-level", accepted: "one of \"debug\", \"info\", \"notice\", \"warning\", \"error\"") { value, config in
            let levels: [String: Logger.Level] = [
                "debug": .debug, "info": .info, "notice": .notice, "warning": .warning, "error": .error,
            ]
            guard let text = value.string, let level = levels[text] else { return "is \(describe(value))" }
            config.logLevel = level
            return nil
        },
        integer("server.max-connections", in: 1...10_000) { $0.server.maxConnections = $1 },
        duration("server.request-timeout", in: 1...3_600) { $0.server.requestTimeout = $1 },
        duration("server.shutdown-grace", in: 0...60) { $0.server.shutdownGrace = $1 },
    ]

    static let byPath: [String: ConfigKey] = Dictionary(uniqueKeysWithValues: keys.map { ($0.path, $0) })

    static func integer(
        _ path: String, in range: ClosedRange<Int>, _ set: @escaping @Sendable (inout DaemonConfig, Int) -> Void
    ) -> ConfigKey {
        ConfigKey(path: path, accepted: "a whole number from \(range.lowerBound) to \(range.upperBound)") { value, config in
            guard value.type == .int, let number = value.int else { return "is \(describe(value))" }
            guard range.contains(number) else { return "is \(number), out of range" }
            set(&config, number)
            return nil
        }
    }

    static func duration(
        _ path: String, in range: ClosedRange<Double>, _ set: @escaping @Sendable (inout DaemonConfig, Double) -> Void
    ) -> ConfigKey {
        let accepted = "a duration from \(format(range.lowerBound)) to \(format(range.upperBound)), written as \(DurationText.accepted)"
        return ConfigKey(path: path, accepted: accepted) { value, config in
            guard let text = value.string else { return "is \(describe(value)); durations are quoted, e.g. \"30s\"" }
            guard let seconds = DurationText.seconds(text) else { return "is \"\(text)\", which is not a duration" }
            guard range.contains(seconds) else { return "is \"\(text)\", out of range" }
            set(&config, seconds)
            return nil
        }
    }

    /// How a value reads in an error message.
    static func describe(_ value: any TOMLValueConvertible) -> String {
        switch value.type {
        case .string: return "the text \"\(value.string ?? "")\""
        case .int: return "the number \(value.int ?? 0)"
        case .bool: return value.bool == true ? "true" : "false"
        default: return "a \(value.type)"
        }
    }

    static func format(_ seconds: Double) -> String {
        seconds >= 60 && seconds.truncatingRemainder(dividingBy: 60) == 0 ? "\(Int(seconds / 60))m" : "\(Int(seconds))s"
    }
}
