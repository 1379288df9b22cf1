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
}

enum ConfigSchema {
    /// The tables the file may have.
    static let tables: Set<String> = ["server", "schedule", "notifications", "critic", "reflections", "safety"]

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

        duration("schedule.first-reread-after", in: 1...(7 * 86_400)) { $0.schedule.firstRereadAfter = $1 },
        window("schedule.preferred-hours", allowEmpty: false) { $0.schedule.preferredHours = $1! },
        window("schedule.quiet-hours", allowEmpty: true) { $0.schedule.quietHours = $1 },
        timeOfDay("schedule.rework-at") { $0.schedule.reworkAt = $1 },
        timeOfDay("schedule.day-starts-at") { $0.schedule.dayStartsAt = $1 },
        integer("schedule.daily-cap", in: 1...100) { $0.schedule.dailyCap = $1 },
        duration("schedule.first-spacing", in: 1...(365 * 86_400)) { $0.schedule.firstSpacing = $1 },
        duration("schedule.shortest-spacing", in: 1...(365 * 86_400)) { $0.schedule.shortestSpacing = $1 },
        duration("schedule.longest-spacing", in: 1...(3 * 365 * 86_400)) { $0.schedule.longestSpacing = $1 },
        duration("schedule.later", in: 1...(7 * 86_400)) { $0.schedule.later = $1 },
        integer("schedule.unhelpful-rereads-before-rework", in: 1...20) { $0.schedule.unhelpfulRereadsBeforeRework = $1 },
        ConfigKey(path: "schedule.time-zone", accepted: "a time zone name such as \"Europe/Berlin\", or \"\" for the system's") { value, config in
            guard let text = value.string else { return "is \(describe(value))" }
            if text.isEmpty { config.timeZone = nil; return nil }
            guard TimeZone(identifier: text) != nil else { return "is \"\(text)\", which is not a known time zone" }
            config.timeZone = text
            return nil
        },

        boolean("notifications.enabled") { $0.notifications.enabled = $1 },
        ConfigKey(
            path: "notifications.open-command",
            accepted: "a list of strings, the command and its arguments, e.g. [\"foot\", \"letterctl\", \"{kind}\", \"{id}\"], or [] for a terminal found on the system"
        ) { value, config in
            guard let array = value.array else { return "is \(describe(value))" }
            var command: [String] = []
            for element in array {
                guard let text = element.string, !text.isEmpty, !text.contains("\0") else { return "has an element that is not a non-empty string" }
                command.append(text)
            }
            config.notifications.openCommand = command
            return nil
        },
        duration("notifications.retry-after", in: 1...3_600) { $0.notifications.retryAfter = $1 },

        boolean("critic.offer-reread") { $0.critic.offerReread = $1 },
        boolean("reflections.enabled") { $0.reflectionsEnabled = $1 },
        ConfigKey(
            path: "safety.resources",
            accepted: "a list of one or more lines of text, e.g. [\"Call 112 in an emergency.\", \"Samaritans: 116 123\"]"
        ) { value, config in
            guard let array = value.array, !array.isEmpty else { return "is \(describe(value))" }
            var lines: [String] = []
            for element in array {
                guard let text = element.string, !text.isEmpty, text.count <= 500, !text.contains(where: \.isNewline)
                else { return "has an element that is not one line of text (up to 500 characters)" }
                lines.append(text)
            }
            config.safetyResources = lines
            return nil
        },
        boolean("critic.invite-new-letter") { $0.critic.inviteNewLetter = $1 },
        integer("critic.loud-check-ins", in: 1...100) { $0.critic.loudCheckIns = $1 },
        duration("critic.loud-within", in: 60...(30 * 86_400)) { $0.critic.loudWithin = $1 },
        integer("critic.loud-intensity", in: 0...10) { $0.critic.loudIntensity = $1 },
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

    static func boolean(_ path: String, _ set: @escaping @Sendable (inout DaemonConfig, Bool) -> Void) -> ConfigKey {
        ConfigKey(path: path, accepted: "true or false") { value, config in
            guard value.type == .bool, let flag = value.bool else { return "is \(describe(value))" }
            set(&config, flag)
            return nil
        }
    }

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
        let accepted = "a duration from \(DurationText.describe(range.lowerBound)) to \(DurationText.describe(range.upperBound)), written as \(DurationText.accepted)"
        return ConfigKey(path: path, accepted: accepted) { value, config in
            guard let text = value.string else { return "is \(describe(value)); durations are quoted, e.g. \"30s\"" }
            guard let seconds = DurationText.seconds(text) else { return "is \"\(text)\", which is not a duration" }
            guard range.contains(seconds) else { return "is \"\(text)\", out of range" }
            set(&config, seconds)
            return nil
        }
    }

    static func window(
        _ path: String, allowEmpty: Bool, _ set: @escaping @Sendable (inout DaemonConfig, DailyWindow?) -> Void
    ) -> ConfigKey {
        let accepted = "a span of the day as \"HH:MM-HH:MM\", e.g. \"09:00-21:00\" or \"22:00-07:30\" (over midnight)"
            + (allowEmpty ? ", or \"\" for none" : "")
        return ConfigKey(path: path, accepted: accepted) { value, config in
            guard let text = value.string else { return "is \(describe(value))" }
            if text.isEmpty, allowEmpty { set(&config, nil); return nil }
            guard let window = DailyWindow(text) else { return "is \"\(text)\", which is not a span of the day" }
            if window.isEmpty && !allowEmpty { return "is \"\(text)\", an empty span" }
            set(&config, window.isEmpty ? nil : window)
            return nil
        }
    }

    static func timeOfDay(_ path: String, _ set: @escaping @Sendable (inout DaemonConfig, TimeOfDay) -> Void) -> ConfigKey {
        ConfigKey(path: path, accepted: "a time of day as \"HH:MM\", from \"00:00\" to \"23:59\"") { value, config in
            guard let text = value.string else { return "is \(describe(value))" }
            guard let time = TimeOfDay(text), time.hour < 24 else { return "is \"\(text)\", which is not a time of day" }
            set(&config, time)
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
}
