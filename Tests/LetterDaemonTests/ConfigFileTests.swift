import Foundation
@testable import LetterDaemon
import LetterSchedule
import Logging
import TestSupport
import Testing

@Suite("The config file")
struct ConfigFileTests {
    @Test("every key, set")
    func everyKey() throws {
        let config = try ConfigFile.parse("""
            # letterd
            log-level = "debug"

            [server]
            max-connections = 16
            request-timeout = "1m"
            shutdown-grace = "500ms"
            """, file: "c.toml")
        #expect(config.logLevel == .debug)
        #expect(config.server == .init(maxConnections: 16, requestTimeout: 60, shutdownGrace: 0.5))
    }

    @Test("the critic keys, set")
    func criticKeys() throws {
        let config = try ConfigFile.parse("""
            [critic]
            offer-reread = false
            invite-new-letter = false
            loud-check-ins = 5
            loud-within = "12h"
            loud-intensity = 9
            """, file: "c.toml")
        #expect(!config.critic.offerReread)
        #expect(!config.critic.inviteNewLetter)
        #expect(config.critic.loudCheckIns == 5)
        #expect(config.critic.loudWithin == 12 * 3_600)
        #expect(config.critic.loudIntensity == 9)
        #expect(try ConfigFile.parse("[reflections]\nenabled = false", file: "c.toml").reflectionsEnabled == false)
        let safety = try ConfigFile.parse("[safety]\nresources = [\"Samaritans: 116 123\", \"Emergency: 112\"]", file: "c.toml")
        #expect(safety.safetyResources == ["Samaritans: 116 123", "Emergency: 112"])
    }

    @Test("the schedule and notification keys, set")
    func scheduleKeys() throws {
        let config = try ConfigFile.parse("""
            [schedule]
            first-reread-after = "2s"
            preferred-hours = "07:30-22:00"
            quiet-hours = "12:00-13:00"
            rework-at = "18:15"
            day-starts-at = "05:00"
            daily-cap = 5
            first-spacing = "1d"
            shortest-spacing = "12h"
            longest-spacing = "30d"
            later = "45m"
            unhelpful-rereads-before-rework = 3
            time-zone = "Europe/Berlin"

            [notifications]
            enabled = false
            open-command = ["foot", "letterctl", "{kind}", "{id}"]
            retry-after = "10s"
            """, file: "c.toml")
        let schedule = config.schedule
        #expect(schedule.firstRereadAfter == 2)
        #expect(schedule.preferredHours.description == "07:30-22:00")
        #expect(schedule.quietHours?.description == "12:00-13:00")
        #expect(schedule.reworkAt.description == "18:15")
        #expect(schedule.dayStartsAt.description == "05:00")
        #expect(schedule.dailyCap == 5)
        #expect(schedule.firstSpacing == 86_400)
        #expect(schedule.shortestSpacing == 43_200)
        #expect(schedule.longestSpacing == 30 * 86_400)
        #expect(schedule.later == 45 * 60)
        #expect(schedule.unhelpfulRereadsBeforeRework == 3)
        #expect(config.resolvedTimeZone.identifier == "Europe/Berlin")
        #expect(config.notifications == .init(enabled: false, openCommand: ["foot", "letterctl", "{kind}", "{id}"], retryAfter: 10))
        // An empty quiet-hours means none.
        #expect(try ConfigFile.parse("[schedule]\nquiet-hours = \"\"", file: "c.toml").schedule.quietHours == nil)
    }

    @Test("an empty file, or none at the default place, means the defaults")
    func defaults() throws {
        #expect(try ConfigFile.parse("", file: "c.toml") == DaemonConfig())
        #expect(try ConfigFile.load(path: "/nonexistent/letterd.toml", required: false) == DaemonConfig())
        #expect(throws: ConfigErrors.self) { try ConfigFile.load(path: "/nonexistent/letterd.toml", required: true) }
    }

    @Test("wrong values are reported with file, line, key and what is accepted", arguments: [
        ("log-level = \"loud\"", 1, "log-level is the text \"loud\" (accepted: one of \"debug\", \"info\", \"notice\", \"warning\", \"error\")"),
        ("log-level = 3", 1, "log-level is the number 3"),
        ("\n[server]\nmax-connections = 0", 3, "server.max-connections is 0, out of range (accepted: a whole number from 1 to 10000)"),
        ("[server]\nmax-connections = \"12\"", 2, "server.max-connections is the text \"12\""),
        ("[server]\n\n\nrequest-timeout = 30", 4, "server.request-timeout is the number 30; durations are quoted, e.g. \"30s\""),
        ("[server]\nrequest-timeout = \"soon\"", 2, "server.request-timeout is \"soon\", which is not a duration"),
        ("[server]\nshutdown-grace = \"2h\"", 2, "server.shutdown-grace is \"2h\", out of range"),
        ("server.max-connections = 0", 1, "server.max-connections is 0, out of range"),
        ("[schedule]\npreferred-hours = \"9-21\"", 2, "schedule.preferred-hours is \"9-21\", which is not a span of the day"),
        ("[schedule]\npreferred-hours = \"10:00-10:00\"", 2, "schedule.preferred-hours is \"10:00-10:00\", an empty span"),
        ("[schedule]\nrework-at = \"25:00\"", 2, "schedule.rework-at is \"25:00\", which is not a time of day"),
        ("[schedule]\ndaily-cap = 0", 2, "schedule.daily-cap is 0, out of range"),
        ("[schedule]\nfirst-reread-after = \"0s\"", 2, "schedule.first-reread-after is \"0s\", out of range"),
        ("[schedule]\ntime-zone = \"Mars/Olympus\"", 2, "schedule.time-zone is \"Mars/Olympus\", which is not a known time zone"),
        ("[schedule]\npreferred-hours = \"09:00-17:00\"\nquiet-hours = \"08:00-18:00\"", 3, "schedule.quiet-hours covers all of schedule.preferred-hours"),
        ("[schedule]\nshortest-spacing = \"10d\"\nlongest-spacing = \"5d\"", 2, "schedule.shortest-spacing is longer than schedule.longest-spacing"),
        ("[notifications]\nopen-command = \"xterm\"", 2, "notifications.open-command is the text \"xterm\""),
        ("[notifications]\nopen-command = [\"xterm\", 3]", 2, "notifications.open-command has an element that is not a non-empty string"),
        ("[notifications]\nenabled = \"yes\"", 2, "notifications.enabled is the text \"yes\""),
        ("[critic]\noffer-reread = 1", 2, "critic.offer-reread is the number 1"),
        ("[critic]\nloud-check-ins = 0", 2, "critic.loud-check-ins is 0, out of range"),
        ("[critic]\nloud-within = \"30s\"", 2, "critic.loud-within is \"30s\", out of range"),
        ("[critic]\nloud-intensity = 11", 2, "critic.loud-intensity is 11, out of range"),
        ("[reflections]\nenabled = \"no\"", 2, "reflections.enabled is the text \"no\""),
        ("[safety]\nresources = []", 2, "safety.resources is a array"),
        ("[safety]\nresources = \"call someone\"", 2, "safety.resources is the text \"call someone\""),
        ("[safety]\nresources = [\"two\\nlines\"]", 2, "safety.resources has an element that is not one line of text"),
    ])
    func wrongValues(text: String, line: Int, problem: String) {
        let errors = #expect(throws: ConfigErrors.self) { try ConfigFile.parse(text, file: "/home/p/.config/letterd/letterd.toml") }
        #expect(errors?.errors.count == 1)
        #expect(errors?.errors.first?.line == line)
        #expect(errors?.description.hasPrefix("/home/p/.config/letterd/letterd.toml:\(line): \(problem)") == true, "\(errors?.description ?? "")")
    }

    @Test("unknown keys and misplaced sections are errors that name what exists")
    func unknownKeys() {
        let errors = #expect(throws: ConfigErrors.self) {
            try ConfigFile.parse("log-levle = \"info\"\n[server]\nmax-conections = 3\n[reminders]\nx = 1\n", file: "c.toml")
        }
        let lines = errors?.errors.map(\.description) ?? []
        #expect(lines.count == 3)
        #expect(lines.contains("c.toml:1: log-levle is not a letterd setting (known here: log-level, [backup], [critic], [letter], [notifications], [reflections], [safety], [schedule], [server])"))
        #expect(lines.contains { $0.hasPrefix("c.toml:3: server.max-conections is not a letterd setting (known here: server.max-connections, server.request-timeout, server.shutdown-grace") })
        #expect(lines.contains { $0.hasPrefix("c.toml:4: reminders is not a letterd setting") })
        #expect(errors?.errors.map(\.line) == [1, 3, 4], "sorted by line")
        let section = #expect(throws: ConfigErrors.self) { try ConfigFile.parse("server = 5", file: "c.toml") }
        #expect(section?.description == "c.toml:1: server is a section: write [server] on a line of its own, with its settings below it")
    }

    @Test("a syntax error names its line")
    func syntax() {
        let errors = #expect(throws: ConfigErrors.self) { try ConfigFile.parse("log-level = \"info\"\n\n[server\n", file: "c.toml") }
        #expect(errors?.errors.first?.line == 3)
        #expect(errors?.description.contains("not valid TOML") == true)
    }

    @Test("unreadable, oversized and non-UTF-8 files are refused with a reason")
    func badFiles() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let binary = directory.path + "/binary.toml"
        try Data([0x6C, 0x6F, 0xFF, 0xFE]).write(to: URL(fileURLWithPath: binary))
        #expect(throws: ConfigErrors([ConfigError(file: binary, line: nil, problem: "the file is not valid UTF-8 text")])) {
            try ConfigFile.load(path: binary, required: true)
        }
        let big = directory.path + "/big.toml"
        try Data(repeating: 0x23, count: 300_000).write(to: URL(fileURLWithPath: big))
        #expect(throws: ConfigErrors.self) { try ConfigFile.load(path: big, required: true) }
    }

    @Test("the example config in the repository is valid and sets every key to its default")
    func shippedExample() throws {
        let example = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Config/letterd.toml").path
        let text = try String(contentsOfFile: example, encoding: .utf8)
        #expect(try ConfigFile.parse(text, file: example) == DaemonConfig())
        // Every key appears in the example, uncommented, so the example documents them all.
        for key in ConfigSchema.keys {
            #expect(ConfigKeyLocator(text: text).line(of: key.path) != nil, "\(key.path) is missing from Config/letterd.toml")
        }
    }

    /// One accepted and one refused value for every key, with the refusal's wording. The first
    /// test below fails when a key is added to the schema without a line here.
    static let samples: [String: (valid: String, invalid: String, problem: String)] = [
        "log-level": ("\"warning\"", "\"verbose\"", "is the text \"verbose\""),
        "server.max-connections": ("1", "10001", "is 10001, out of range"),
        "server.request-timeout": ("\"1h\"", "\"61m\"", "is \"61m\", out of range"),
        "server.shutdown-grace": ("\"0s\"", "\"-1s\"", "is \"-1s\", which is not a duration"),
        "schedule.first-reread-after": ("\"7d\"", "\"8d\"", "is \"8d\", out of range"),
        "schedule.preferred-hours": ("\"22:00-07:30\"", "\"\"", "is \"\", which is not a span of the day"),
        "schedule.quiet-hours": ("\"\"", "\"13:00-13:61\"", "is \"13:00-13:61\", which is not a span of the day"),
        "schedule.rework-at": ("\"23:59\"", "\"24:00\"", "is \"24:00\", which is not a time of day"),
        "schedule.day-starts-at": ("\"00:00\"", "4", "is the number 4"),
        "schedule.daily-cap": ("100", "101", "is 101, out of range"),
        "schedule.first-spacing": ("\"1h30m\"", "\"366d\"", "is \"366d\", out of range"),
        "schedule.shortest-spacing": ("\"1s\"", "\"0s\"", "is \"0s\", out of range"),
        "schedule.longest-spacing": ("\"1095d\"", "\"1096d\"", "is \"1096d\", out of range"),
        "schedule.later": ("\"30m\"", "true", "is true"),
        "schedule.unhelpful-rereads-before-rework": ("20", "21", "is 21, out of range"),
        "schedule.time-zone": ("\"America/Sao_Paulo\"", "\"Atlantis/Poseidonia\"", "is \"Atlantis/Poseidonia\", which is not a known time zone"),
        "notifications.enabled": ("false", "0", "is the number 0"),
        "notifications.open-command": ("[\"foot\", \"letterctl\", \"{kind}\", \"{id}\"]", "[\"\"]", "has an element that is not a non-empty string"),
        "notifications.retry-after": ("\"1h\"", "\"2h\"", "is \"2h\", out of range"),
        "critic.offer-reread": ("false", "\"false\"", "is the text \"false\""),
        "critic.invite-new-letter": ("true", "1", "is the number 1"),
        "critic.loud-check-ins": ("100", "0", "is 0, out of range"),
        "critic.loud-within": ("\"30d\"", "\"31d\"", "is \"31d\", out of range"),
        "critic.loud-intensity": ("0", "-1", "is -1, out of range"),
        "reflections.enabled": ("false", "\"off\"", "is the text \"off\""),
        "letter.name": ("\"Sam\"", "\"Sam\\nLee\"", "is not one line of text up to 100 characters"),
        "letter.salutation": ("\"\"", "[\"Dear\"]", "is a array"),
        "safety.resources": ("[\"Samaritans: 116 123\"]", "[\"\"]", "has an element that is not one line of text"),
        "backup.keep-daily": ("0", "400", "is 400, out of range"),
        "safety.calm-after-note": ("\"12h\"", "\"10m\"", "is \"10m\", out of range"),
    ]

    @Test("every key in the schema has an accepted and a refused sample here")
    func everyKeyHasSamples() {
        #expect(Set(ConfigSchema.keys.map(\.path)) == Set(Self.samples.keys))
    }

    @Test("every key: its accepted form reads, its refused form names file, line, key and what is accepted",
          arguments: ConfigSchema.keys.map(\.path))
    func everyKeyValidAndInvalid(path: String) throws {
        let sample = try #require(Self.samples[path])
        let parts = path.split(separator: ".").map(String.init)
        func file(_ value: String) -> String {
            parts.count == 2 ? "# settings\n[\(parts[0])]\n\(parts[1]) = \(value)\n" : "# settings\n\n\(path) = \(value)\n"
        }
        #expect(throws: Never.self) { try ConfigFile.parse(file(sample.valid), file: "/c/letterd.toml") }
        let errors = #expect(throws: ConfigErrors.self) { try ConfigFile.parse(file(sample.invalid), file: "/c/letterd.toml") }
        let accepted = try #require(ConfigSchema.byPath[path]).accepted
        #expect(errors?.errors.count == 1)
        #expect(errors?.errors.first?.line == 3)
        let message = errors?.description ?? ""
        #expect(message.hasPrefix("/c/letterd.toml:3: \(path) \(sample.problem)"), "\(message)")
        #expect(message.contains("(accepted: \(accepted))"), "\(message)")
    }

    @Test("the letter greeting: name and salutation, either optional")
    func greeting() throws {
        #expect(DaemonConfig().letter.greeting == nil)
        #expect(try ConfigFile.parse("[letter]\nname = \"Sam\"", file: "c.toml").letter.greeting == "Dear Sam,")
        #expect(try ConfigFile.parse("[letter]\nname = \" Sam \"\nsalutation = \"Hi\"", file: "c.toml").letter.greeting == "Hi Sam,")
        #expect(try ConfigFile.parse("[letter]\nname = \"Sam\"\nsalutation = \"\"", file: "c.toml").letter.greeting == "Sam,")
        #expect(try ConfigFile.parse("[letter]\nsalutation = \"Hi\"", file: "c.toml").letter.greeting == nil)
    }

    @Test("the settings render as TOML that reads back as the same settings, defaults and every key set")
    func renderRoundTrip() throws {
        #expect(try ConfigFile.parse(ConfigFile.render(DaemonConfig()), file: "r.toml") == DaemonConfig())
        var custom = DaemonConfig()
        custom.logLevel = .debug
        custom.server.requestTimeout = 90.5
        custom.schedule.quietHours = DailyWindow("22:00-07:30")
        custom.schedule.longestSpacing = 120 * 86_400 + 3_723
        custom.timeZone = "Europe/Berlin"
        custom.notifications.openCommand = ["foot", "sh", "-c", "letterctl \"$1\" \\ {id}"]
        custom.critic.loudWithin = 12 * 3_600
        custom.reflectionsEnabled = false
        custom.letter = .init(name: "Sam \"Sunny\" Lee", salutation: "")
        custom.safetyResources = ["Call \"Lena\": 0123", "Tab\there"]
        let text = ConfigFile.render(custom)
        #expect(text.contains("\nloud-within = \"12h\"\n"))
        #expect(text.contains("longest-spacing = \"120d1h2m3s\""))
        #expect(text.contains("quiet-hours = \"22:00-07:30\""))
        #expect(try ConfigFile.parse(text, file: "r.toml") == custom)
        #expect(ConfigSchema.keys.allSatisfy { key in text.contains("\(key.path.split(separator: ".").last!) = ") })
    }
}
