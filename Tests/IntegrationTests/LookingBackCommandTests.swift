import Foundation
import TestSupport
import Testing

/// `stats`, `self-check` and `critic profile`, the real letterctl against the real letterd.
@Suite("letterctl: looking back")
struct LookingBackCommandTests {
    @Test("stats draws the days in UTF-8, falls back to ASCII, never colours a pipe, and --json keeps the schema")
    func stats() throws {
        try withDaemon { daemon in
            #expect(try daemon.ctl(["log-critic", "6", "you never learn", "--trigger", "fear"]).status == 0)
            #expect(try daemon.ctl(["log-critic", "4", "what a loser"]).status == 0)

            let unicode = try daemon.ctl(["stats", "--width", "72"], environment: ["LC_ALL": "", "LC_CTYPE": "", "LANG": "C.UTF-8"])
            #expect(unicode.status == 0, "\(unicode)")
            #expect(unicode.stdout.hasPrefix("The last 28 days ("))
            #expect(unicode.stdout.contains("2 check-ins, on 1 of the 28 days."))
            #expect(unicode.stdout.contains("█"))
            #expect(!unicode.stdout.contains("\u{1B}"), "stdout is a pipe: no colour")
            #expect(unicode.stdout.split(separator: "\n").allSatisfy { $0.count <= 72 })

            let ascii = try daemon.ctl(["stats", "--days", "7"], environment: ["LC_ALL": "", "LC_CTYPE": "", "LANG": "C"])
            #expect(ascii.stdout.hasPrefix("The last 7 days ("))
            #expect(ascii.stdout.unicodeScalars.allSatisfy { $0.isASCII })
            let forced = try daemon.ctl(["stats", "--ascii"], environment: ["LC_ALL": "", "LC_CTYPE": "", "LANG": "C.UTF-8"])
            #expect(forced.stdout.unicodeScalars.allSatisfy { $0.isASCII })

            let json = try daemon.json(["stats"])
            let stats = try #require(json["stats"] as? [String: Any])
            #expect(Set(stats.keys).subtracting(["intensityTrend", "quieting", "believability"]) == [
                "timeZone", "days", "triggers", "styles", "ratings", "selfChecks", "quietingRereads", "believabilityRereads",
            ])
            #expect((stats["days"] as? [[String: Any]])?.count == 28)

            let bad = try daemon.ctl(["stats", "--days", "3"])
            #expect(bad.status == 64)
        }
    }

    @Test("self-check with --answers records a score, --history lists it, --not-now declines")
    func selfCheck() throws {
        try withDaemon { daemon in
            let first = try daemon.ctl(["self-check", "--answers", "yyyyynnnnnnnnn"])
            #expect(first.status == 0, "\(first)")
            #expect(first.stdout.contains("5 of 14 statements rang true for you today."))
            #expect(!first.stdout.contains("statements have changed"), "no earlier self-checks")
            let second = try daemon.ctl(["self-check", "--answers", "yyynnnnnnnnnnn"])
            #expect(second.stdout.contains("Fewer than before"))
            let history = try daemon.ctl(["self-check", "--history"])
            #expect(history.stdout.split(separator: "\n").count == 2)
            #expect(history.stdout.contains("3 of 14 rang true"))
            let short = try daemon.ctl(["self-check", "--answers", "yyn"])
            #expect(short.status == 65)
            #expect(short.stderr.contains("answers has 3 answers; there are 14 statements (version 2)"))
            #expect(try daemon.ctl(["self-check", "--answers", "maybe"]).status == 64)
            #expect(try daemon.ctl(["self-check"], stdin: "").status == 64, "no terminal and no --answers")
            #expect(try daemon.ctl(["self-check", "--not-now"]).stdout.contains("again in a month"))
        }
    }

    @Test("critic profile saves answers given as options, keeps versions, and shows what the check-ins suggest")
    func profile() throws {
        try withDaemon { daemon in
            let empty = try daemon.ctl(["critic", "profile"], stdin: "")
            #expect(empty.stdout.contains("No answers yet."))
            #expect(try daemon.ctl(["log-critic", "6", "you should be further along", "--trigger", "fear"]).status == 0)
            let saved = try daemon.ctl(["critic", "profile", "--targets", "my work", "--sounds", "like my old coach"])
            #expect(saved.status == 0, "\(saved)")
            #expect(saved.stdout.contains("(version 1,"))
            #expect(saved.stdout.contains("    like my old coach"))
            #expect(saved.stdout.contains("it came most often with fear (1 of 1), and in 1 of them it dealt in “shoulds” and “musts”."))
            _ = try daemon.ctl(["critic", "profile", "--feels", "small"])
            let history = try daemon.ctl(["critic", "profile", "--history"])
            #expect(history.stdout.contains("(version 1,") && history.stdout.contains("(version 2,"))
            let json = try daemon.json(["critic", "profile"])
            let answers = (json["profile"] as? [String: Any])?["answers"] as? [String: String]
            #expect(answers == ["targets": "my work", "sounds": "like my old coach", "feels": "small"])
        }
    }
}
