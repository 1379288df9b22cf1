import Foundation
import LetterCore
import LetterSchedule
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
    /// The value as TOML, for `letterd --print-config` and `letterctl config show`.
    let render: @Sendable (DaemonConfig) -> String
}

enum ConfigSchema {
    /// The tables the file may have.
    static let tables: Set<String> = ["server", "schedule", "notifications", "critic", "reflections", "safety", "letter", "backup"]

    static let keys: [ConfigKey] = [
        ConfigKey(
            path: "log-level", accepted: "one of \"debug\", \"info\", \"notice\", \"warning\", \"error\"",
            apply: { value, config in
                let levels: [String: Logger.Level] = [
                    "debug": .debug, "info": .info, "notice": .notice, "warning": .warning, "error": .error,
                ]
                guard let text = value.string, let level = levels[text] else { return "is \(describe(value))" }
                config.logLevel = level
                return nil
            },
            render: { quoted($0.logLevel.rawValue) }),
        integer("server.max-connections", \.server.maxConnections, in: 1...10_000),
        duration("server.request-timeout", \.server.requestTimeout, in: 1...3_600),
        duration("server.shutdown-grace", \.server.shutdownGrace, in: 0...60),

        duration("schedule.first-reread-after", \.schedule.firstRereadAfter, in: 1...(7 * 86_400)),
        window("schedule.preferred-hours", \.schedule.preferredHoursOrNil, allowEmpty: false),
        window("schedule.quiet-hours", \.schedule.quietHours, allowEmpty: true),
        timeOfDay("schedule.rework-at", \.schedule.reworkAt),
        timeOfDay("schedule.day-starts-at", \.schedule.dayStartsAt),
        integer("schedule.daily-cap", \.schedule.dailyCap, in: 1...100),
        duration("schedule.first-spacing", \.schedule.firstSpacing, in: 1...(365 * 86_400)),
        duration("schedule.shortest-spacing", \.schedule.shortestSpacing, in: 1...(365 * 86_400)),
        duration("schedule.longest-spacing", \.schedule.longestSpacing, in: 1...(3 * 365 * 86_400)),
        duration("schedule.later", \.schedule.later, in: 1...(7 * 86_400)),
        integer("schedule.unhelpful-rereads-before-rework", \.schedule.unhelpfulRereadsBeforeRework, in: 1...20),
        ConfigKey(
            path: "schedule.time-zone", accepted: "a time zone name such as \"Europe/Berlin\", or \"\" for the system's",
            apply: { value, config in
                guard let text = value.string else { return "is \(describe(value))" }
                if text.isEmpty { config.timeZone = nil; return nil }
                guard TimeZone(identifier: text) != nil else { return "is \"\(text)\", which is not a known time zone" }
                config.timeZone = text
                return nil
            },
            render: { quoted($0.timeZone ?? "") }),

        boolean("notifications.enabled", \.notifications.enabled),
        stringList(
            "notifications.open-command", \.notifications.openCommand, allowEmpty: true,
            accepted: "a list of strings, the command and its arguments, e.g. [\"foot\", \"letterctl\", \"{kind}\", \"{id}\"], or [] for a terminal found on the system",
            problem: "has an element that is not a non-empty string"
        ) { !$0.isEmpty && !$0.contains("\0") },
        duration("notifications.retry-after", \.notifications.retryAfter, in: 1...3_600),

        boolean("critic.offer-reread", \.critic.offerReread),
        boolean("critic.invite-new-letter", \.critic.inviteNewLetter),
        integer("critic.loud-check-ins", \.critic.loudCheckIns, in: 1...100),
        duration("critic.loud-within", \.critic.loudWithin, in: 60...(30 * 86_400)),
        integer("critic.loud-intensity", \.critic.loudIntensity, in: 0...10),

        boolean("reflections.enabled", \.reflectionsEnabled),

        line("letter.name", \.letter.name, maxCharacters: 100, example: "\"Sam\""),
        line("letter.salutation", \.letter.salutation, maxCharacters: 40, example: "\"Dear\" or \"Hi\""),

        integer("backup.keep-daily", \.backup.keepDaily, in: 0...366),

        stringList(
            "safety.resources", \.safetyResources, allowEmpty: false,
            accepted: "a list of one or more lines of text, e.g. [\"Call 112 in an emergency.\", \"Samaritans: 116 123\"]",
            problem: "has an element that is not one line of text (up to 500 characters)"
        ) { !$0.isEmpty && $0.count <= 500 && !$0.contains(where: \.isNewline) },
        ConfigKey(
            path: "safety.calm-after-note",
            accepted: "\"rest-of-day\" (until schedule.day-starts-at), or a duration from 1 hour to 7 days, written as \(DurationText.accepted)",
            apply: { value, config in
                guard let text = value.string else { return "is \(describe(value))" }
                if text == "rest-of-day" {
                    config.schedule.calmAfterNote = nil
                    return nil
                }
                guard let seconds = DurationText.seconds(text) else { return "is \"\(text)\", which is neither \"rest-of-day\" nor a duration" }
                guard (3_600...(7 * 86_400)).contains(seconds) else { return "is \"\(text)\", out of range" }
                config.schedule.calmAfterNote = seconds
                return nil
            },
            render: { quoted($0.schedule.calmAfterNote.map(DurationText.exact) ?? "rest-of-day") }),
    ]

    /// Checks that need several keys at once; run after every key is applied.
    static func crossChecks(_ config: DaemonConfig) -> [(path: String, problem: String)] {
        var problems: [(String, String)] = []
        let hours = AllowedHours(
            preferred: config.schedule.preferredHours, quiet: config.schedule.quietHours, timeZone: config.resolvedTimeZone)
        if !hours.allowsSomeTime {
            problems.append(("schedule.quiet-hours", "covers all of schedule.preferred-hours, which would leave no time for any prompt"))
        }
        if config.schedule.shortestSpacing > config.schedule.longestSpacing {
            problems.append(("schedule.shortest-spacing", "is longer than schedule.longest-spacing"))
        }
        return problems
    }

    static let byPath: [String: ConfigKey] = Dictionary(uniqueKeysWithValues: keys.map { ($0.path, $0) })

    static func boolean(_ path: String, _ field: WritableKeyPath<DaemonConfig, Bool> & Sendable) -> ConfigKey {
        ConfigKey(
            path: path, accepted: "true or false",
            apply: { value, config in
                guard value.type == .bool, let flag = value.bool else { return "is \(describe(value))" }
                config[keyPath: field] = flag
                return nil
            },
            render: { $0[keyPath: field] ? "true" : "false" })
    }

    static func integer(_ path: String, _ field: WritableKeyPath<DaemonConfig, Int> & Sendable, in range: ClosedRange<Int>) -> ConfigKey {
        ConfigKey(
            path: path, accepted: "a whole number from \(range.lowerBound) to \(range.upperBound)",
            apply: { value, config in
                guard value.type == .int, let number = value.int else { return "is \(describe(value))" }
                guard range.contains(number) else { return "is \(number), out of range" }
                config[keyPath: field] = number
                return nil
            },
            render: { String($0[keyPath: field]) })
    }

    static func duration(
        _ path: String, _ field: WritableKeyPath<DaemonConfig, Double> & Sendable, in range: ClosedRange<Double>
    ) -> ConfigKey {
        let accepted = "a duration from \(DurationText.describe(range.lowerBound)) to \(DurationText.describe(range.upperBound)), written as \(DurationText.accepted)"
        return ConfigKey(
            path: path, accepted: accepted,
            apply: { value, config in
                guard let text = value.string else { return "is \(describe(value)); durations are quoted, e.g. \"30s\"" }
                guard let seconds = DurationText.seconds(text) else { return "is \"\(text)\", which is not a duration" }
                guard range.contains(seconds) else { return "is \"\(text)\", out of range" }
                config[keyPath: field] = seconds
                return nil
            },
            render: { quoted(DurationText.exact($0[keyPath: field])) })
    }

    static func window(
        _ path: String, _ field: WritableKeyPath<DaemonConfig, DailyWindow?> & Sendable, allowEmpty: Bool
    ) -> ConfigKey {
        let accepted = "a span of the day as \"HH:MM-HH:MM\", e.g. \"09:00-21:00\" or \"22:00-07:30\" (over midnight)"
            + (allowEmpty ? ", or \"\" for none" : "")
        return ConfigKey(
            path: path, accepted: accepted,
            apply: { value, config in
                guard let text = value.string else { return "is \(describe(value))" }
                if text.isEmpty, allowEmpty { config[keyPath: field] = nil; return nil }
                guard let window = DailyWindow(text) else { return "is \"\(text)\", which is not a span of the day" }
                if window.isEmpty && !allowEmpty { return "is \"\(text)\", an empty span" }
                config[keyPath: field] = window.isEmpty ? nil : window
                return nil
            },
            render: { quoted($0[keyPath: field]?.description ?? "") })
    }

    static func timeOfDay(_ path: String, _ field: WritableKeyPath<DaemonConfig, TimeOfDay> & Sendable) -> ConfigKey {
        ConfigKey(
            path: path, accepted: "a time of day as \"HH:MM\", from \"00:00\" to \"23:59\"",
            apply: { value, config in
                guard let text = value.string else { return "is \(describe(value))" }
                guard let time = TimeOfDay(text), time.hour < 24 else { return "is \"\(text)\", which is not a time of day" }
                config[keyPath: field] = time
                return nil
            },
            render: { quoted($0[keyPath: field].description) })
    }

    /// One line of text, "" allowed.
    static func line(
        _ path: String, _ field: WritableKeyPath<DaemonConfig, String> & Sendable, maxCharacters: Int, example: String
    ) -> ConfigKey {
        ConfigKey(
            path: path, accepted: "one line of text up to \(maxCharacters) characters, e.g. \(example), or \"\" for none",
            apply: { value, config in
                guard let text = value.string else { return "is \(describe(value))" }
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                guard trimmed.count <= maxCharacters, !trimmed.contains(where: { $0.isNewline || $0 == "\0" }) else {
                    return "is not one line of text up to \(maxCharacters) characters"
                }
                config[keyPath: field] = trimmed
                return nil
            },
            render: { quoted($0[keyPath: field]) })
    }

    static func stringList(
        _ path: String, _ field: WritableKeyPath<DaemonConfig, [String]> & Sendable, allowEmpty: Bool, accepted: String,
        problem: String, _ isValid: @escaping @Sendable (String) -> Bool
    ) -> ConfigKey {
        ConfigKey(
            path: path, accepted: accepted,
            apply: { value, config in
                guard let array = value.array, allowEmpty || !array.isEmpty else { return "is \(describe(value))" }
                var strings: [String] = []
                for element in array {
                    guard let text = element.string, isValid(text) else { return problem }
                    strings.append(text)
                }
                config[keyPath: field] = strings
                return nil
            },
            render: { "[" + $0[keyPath: field].map(quoted).joined(separator: ", ") + "]" })
    }

    /// A TOML basic string.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                        + String(scalar.value, radix: 16, uppercase: true)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
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
}
