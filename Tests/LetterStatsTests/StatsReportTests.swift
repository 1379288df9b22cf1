import Foundation
import LetterCore
@testable import LetterStats
import Testing

/// The exact text of the fixed month, as a person would see it. When the drawing changes on
/// purpose, run the tests: a failing snapshot records the new text in full, ready to paste here.
enum Snapshots {
    static let unicode72 = """
The last 28 days (26 Oct – 22 Nov)

Check-ins, day by day
  ▄▅ ▂▇▄  ▅▇▄▂ █▅▄ ▂▄ ▂ ▂▄ ▂▂
  26 Oct                22 Nov
  41 check-ins, on 19 of the 28 days.

How loud the critic was (0–10)
  ▆▇ ▅▇▆  ▆▆▅▄ ▇▆▅ ▄▄ ▅ ▄▄ ▃▄
  26 Oct                22 Nov
  Quieter lately (−2.2).

What set it off
  disappointment  ████████████████████▍                              41%
  loss            ██████                                             12%
  fear            ██████████▊                                        22%
  something else  ████▊                                              10%
  not noted       ███████▏                                           15%

How the critic talked
  calling you names      ███████████████▍                            37%
  “shoulds” and “musts”  ██████████████████████▌                     54%
  “always” and “never”   ███████████▎                                27%

Letters and rereads, week by week
                  letters  rereads
  26 Oct – 1 Nov        1        2  █▓
  2–8 Nov               1        4  ██▓░
  9–15 Nov              1        3  ███
  16–22 Nov             0        3  █▓·
  █ helped  ▓ a little  ░ didn't help  · not rated
  In all: 3 letters written, 12 rereads; 7 helped (3 a lot), 3 helped a
  little, 1 didn't help this time, 1 not rated.
  Over the 7 rereads where you said how loud it was, the critic was 2.4
  quieter after reading than before, on average. The letters felt 6.3
  out of 10 believable, on average (4 rereads).

Self-check
  30 Sep 2026  7/12
  1 Nov 2026   5/12
  Over time  ▅▄
  Fewer rang true this time than the time before.
  Fewer statements ringing true, over time, may be a sign of a kinder
  inner voice.
"""

    static let ascii60 = """
The last 28 days (26 Oct - 22 Nov)

Check-ins, day by day
  -+ :*-  +*-: #+- :- : :- ::
  26 Oct                22 Nov
  41 check-ins, on 19 of the 28 days.

How loud the critic was (0-10)
  ** +*+  +++= *+= -= + -= -=
  26 Oct                22 Nov
  Quieter lately (-2.2).

What set it off
  disappointment  ###############                        41%
  loss            #####                                  12%
  fear            ########                               22%
  something else  ####                                   10%
  not noted       #####                                  15%

How the critic talked
  calling you names      ###########                     37%
  "shoulds" and "musts"  ################                54%
  "always" and "never"   ########                        27%

Letters and rereads, week by week
                  letters  rereads
  26 Oct - 1 Nov        1        2  #+
  2-8 Nov               1        4  ##+-
  9-15 Nov              1        3  ###
  16-22 Nov             0        3  #+.
  # helped  + a little  - didn't help  . not rated
  In all: 3 letters written, 12 rereads; 7 helped (3 a lot),
  3 helped a little, 1 didn't help this time, 1 not rated.
  Over the 7 rereads where you said how loud it was, the
  critic was 2.4 quieter after reading than before, on
  average. The letters felt 6.3 out of 10 believable, on
  average (4 rereads).

Self-check
  30 Sep 2026  7/12
  1 Nov 2026   5/12
  Over time  +-
  Fewer rang true this time than the time before.
  Fewer statements ringing true, over time, may be a sign of
  a kinder inner voice.
"""
}

@Suite("letterctl stats in the terminal")
struct StatsReportTests {
    static let widths = [40, 60, 72, 100, 120]
    static let styles: [(unicode: Bool, color: Bool)] = [(true, false), (false, false), (true, true), (false, true)]

    static func render(_ stats: Stats = StatsFixtures.month, width: Int, unicode: Bool, color: Bool = false) -> String {
        StatsReport(stats: stats, options: .init(width: width, unicode: unicode, color: color)).render()
    }

    static func plainLines(_ text: String) -> [String] {
        text.replacing(/\x1B\[[0-9;]*m/, with: "").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    static func expectSnapshot(_ actual: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let expected = expected + "\n"
        if actual != expected {
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(actualLines.count, expectedLines.count)
            Issue.record(
                "snapshot differs from line \(first + 1); the new rendering in full:\n\(actual)",
                sourceLocation: sourceLocation)
        }
    }

    @Test("the month at 72 columns, Unicode, no colour, is drawn exactly as recorded")
    func unicodeSnapshot() {
        Self.expectSnapshot(Self.render(width: 72, unicode: true), Snapshots.unicode72)
    }

    @Test("the month at 60 columns, ASCII, no colour, is drawn exactly as recorded")
    func asciiSnapshot() {
        Self.expectSnapshot(Self.render(width: 60, unicode: false), Snapshots.ascii60)
    }

    @Test("no line is wider than the width, at any width and in every style", arguments: widths)
    func fitsTheWidth(width: Int) {
        let sets: [(String, Stats)] = [
            ("month", StatsFixtures.month), ("quiet", StatsFixtures.quiet), ("90 days", StatsFixtures.long(days: 90)),
            ("400 days", StatsFixtures.long(days: 400)), ("one day", StatsFixtures.long(days: 1)),
        ]
        for (name, stats) in sets {
            for style in Self.styles {
                let text = Self.render(stats, width: width, unicode: style.unicode, color: style.color)
                #expect(text.hasSuffix("\n"))
                for line in Self.plainLines(text) {
                    #expect(line.count <= width, "\(name), unicode \(style.unicode), colour \(style.color): \(line)")
                }
            }
        }
    }

    @Test("the width is held to 40...120 columns")
    func widthIsClamped() {
        #expect(StatsReport.Options(width: 12, unicode: true, color: false).width == 40)
        #expect(StatsReport.Options(width: 300, unicode: true, color: false).width == 120)
        #expect(StatsReport.Options(width: 72, unicode: true, color: false).width == 72)
        for line in Self.plainLines(Self.render(width: 12, unicode: true)) { #expect(line.count <= 40) }
    }

    @Test("colour on draws with ANSI escapes; colour off has none at all")
    func colour() {
        for unicode in [true, false] {
            for stats in [StatsFixtures.month, StatsFixtures.quiet] {
                #expect(Self.render(stats, width: 72, unicode: unicode, color: true).contains("\u{1B}["))
                #expect(!Self.render(stats, width: 72, unicode: unicode, color: false).unicodeScalars.contains("\u{1B}"))
            }
        }
    }

    @Test("with colour on, the words are the same as without")
    func colourChangesNoWords() {
        for unicode in [true, false] {
            let coloured = Self.render(width: 72, unicode: unicode, color: true)
            let plain = Self.render(width: 72, unicode: unicode, color: false)
            #expect(Self.plainLines(coloured).joined(separator: "\n") == plain)
        }
    }

    @Test("the plain-text fallback is ASCII only")
    func asciiOnly() {
        for width in Self.widths {
            for stats in [StatsFixtures.month, StatsFixtures.quiet, StatsFixtures.long(days: 400)] {
                let text = Self.render(stats, width: width, unicode: false)
                #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
            }
        }
    }

    @Test("days with nothing noted give a friendly word and no charts")
    func quiet() {
        for unicode in [true, false] {
            let text = Self.render(StatsFixtures.quiet, width: 72, unicode: unicode)
            #expect(text.hasPrefix("The last 28 days (26 Oct"))
            #expect(text.contains("Nothing noted in these days, and that's all right."))
            for heading in ["Check-ins", "How loud", "What set it off", "How the critic talked", "Letters and rereads"] {
                #expect(!text.contains(heading))
            }
            #expect(!text.contains("%"))
            #expect(!text.unicodeScalars.contains { ("\u{2580}"..."\u{259F}").contains($0) })  // block elements
            #expect(!text.contains("#"))
            #expect(!text.lowercased().contains("should"))
        }
    }

    @Test("more days than fit: the day charts show the most recent days that fit, and say so")
    func cutToTheWidth() {
        let text = Self.render(StatsFixtures.long(days: 90), width: 60, unicode: true)
        let lines = Self.plainLines(text)
        #expect(lines[0] == "The last 90 days (25 Aug – 22 Nov)")
        let heading = lines.firstIndex(of: "Check-ins, day by day")!
        let spark = lines[heading + 1]
        let axis = lines[heading + 2]
        // 58 columns: the width less the indent, ending today.
        #expect(spark.count <= 60 && spark.count > 50)
        #expect(axis.count == 60)
        #expect(axis.hasPrefix("  26 Sep") && axis.hasSuffix("22 Nov"))
        #expect(lines.contains("  Showing the most recent 58 of 90 days."))
        // The totals are still the whole period's.
        #expect(lines.contains { $0.hasPrefix("  144 check-ins, on 72 of the 90 days") })

        // The loudness chart is cut the same way, on the same columns.
        let loud = lines.firstIndex(of: "How loud the critic was (0–10)")!
        #expect(lines[loud + 2] == axis)

        // Wide enough, nothing is cut.
        let wide = Self.render(StatsFixtures.long(days: 90), width: 100, unicode: true)
        #expect(!wide.contains("Showing the most recent"))
        #expect(wide.contains("  25 Aug"))
    }

    @Test("days are grouped into weeks ending today; the oldest may be short")
    func weeks() {
        let text = Self.render(StatsFixtures.long(days: 10), width: 72, unicode: true)
        let lines = Self.plainLines(text)
        let header = lines.firstIndex(of: "Letters and rereads, week by week")!
        #expect(lines[header + 2].hasPrefix("  13–15 Nov "))
        #expect(lines[header + 3].hasPrefix("  16–22 Nov "))
        #expect(!lines[header + 4].hasPrefix("  1"))
    }

    @Test("the trend in words", arguments: [
        (-2.17, "Quieter lately (−2.2)."), (-1.2, "A little quieter lately (−1.2)."), (-0.1, "About the same throughout."),
        (0.0, "About the same throughout."), (0.8, "A little louder lately (+0.8)."), (1.5, "Louder lately (+1.5)."),
    ])
    func trend(value: Double, words: String) {
        var stats = StatsFixtures.month
        stats.intensityTrend = value
        #expect(Self.plainLines(Self.render(stats, width: 72, unicode: true)).contains("  " + words))
    }

    @Test("without a trend, it says there is not enough to tell")
    func noTrend() {
        var stats = StatsFixtures.month
        stats.intensityTrend = nil
        #expect(Self.render(stats, width: 72, unicode: true).contains("Not enough check-ins yet to tell a trend."))
    }

    @Test("a single self-check is listed without a chart; none, no section")
    func selfChecks() {
        var stats = StatsFixtures.month
        stats.selfChecks = Array(stats.selfChecks.prefix(1))
        let one = Self.render(stats, width: 72, unicode: true)
        #expect(one.contains("  30 Sep 2026  7/12"))
        #expect(!one.contains("Over time"))
        #expect(one.contains("may be a sign of a kinder"))
        stats.selfChecks = []
        #expect(!Self.render(stats, width: 72, unicode: true).contains("Self-check"))
    }

    /// Fewer statements ringing true may mean a kinder inner voice; the report does not claim
    /// that it does, at any width, in any style, with one self-check or several.
    @Test("what fewer self-check ticks mean is offered as a possibility, not a claim", arguments: widths)
    func selfCheckNoteIsTentative(width: Int) {
        var one = StatsFixtures.month
        one.selfChecks = Array(one.selfChecks.prefix(1))
        for stats in [StatsFixtures.month, one] {
            for style in Self.styles {
                let text = Self.render(stats, width: width, unicode: style.unicode, color: style.color)
                // The prose wrapped back into one line.
                let flat = Self.plainLines(text).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
                #expect(flat.contains("Fewer statements ringing true, over time, may be a sign of a kinder inner voice."),
                        "\(width), unicode \(style.unicode)")
                #expect(!flat.contains("is a sign of"), "\(width), unicode \(style.unicode)")
            }
        }
    }

    @Test("self-checks are dated in the person's time zone when its offset is given")
    func selfCheckOffset() {
        // 2026-09-30T19:00Z and 2026-11-01T20:30Z are already the next day in UTC+5; in UTC-5, not.
        let east = StatsReport.Options(width: 72, unicode: true, color: false, utcOffsetSeconds: 5 * 3_600)
        let eastText = StatsReport(stats: StatsFixtures.month, options: east).render()
        #expect(eastText.contains("  1 Oct 2026  7/12\n  2 Nov 2026  5/12\n"))
        let west = StatsReport.Options(width: 72, unicode: true, color: false, utcOffsetSeconds: -5 * 3_600)
        let westText = StatsReport(stats: StatsFixtures.month, options: west).render()
        #expect(westText.contains("  30 Sep 2026  7/12\n  1 Nov 2026   5/12\n"))
    }

    @Test("keys letterd does not know yet and dates it cannot read still fit the width")
    func unexpectedInput() {
        var stats = StatsFixtures.month
        stats.triggers.append(StatsFixtures.count("aVeryLongTriggerNameThatNoOneHasThoughtOfYetAtAllReally", 2))
        stats.styles.append(StatsFixtures.count("anotherStyle", 1))
        stats.days[0].date = "someday-long-ago"
        stats.days[27].date = "today, give or take"
        for width in Self.widths {
            for style in Self.styles {
                let text = Self.render(stats, width: width, unicode: style.unicode, color: style.color)
                for line in Self.plainLines(text) { #expect(line.count <= width, "\(width): \(line)") }
            }
        }
        #expect(Self.render(stats, width: 100, unicode: true).contains("  anotherStyle "))
    }

    @Test("the heading names the period, with years when it spans two")
    func heading() {
        #expect(Self.render(StatsFixtures.long(days: 1), width: 72, unicode: true).hasPrefix("Today (22 Nov)\n"))
        #expect(Self.render(StatsFixtures.long(days: 400), width: 72, unicode: true).hasPrefix("The last 400 days (19 Oct 2025 – 22 Nov 2026)\n"))
    }
}

@Suite("Choosing colour and characters from the environment")
struct TerminalStyleTests {
    @Test("colour and Unicode, case by case", arguments: [
        // environment, stdout is a terminal, colour, Unicode
        ([String: String](), true, true, false),
        (["LANG": "en_US.UTF-8"], true, true, true),
        (["LANG": "en_GB.utf8"], true, true, true),
        (["LANG": "C"], true, true, false),
        (["LANG": "en_US.UTF-8", "LC_ALL": "C"], true, true, false),
        (["LANG": "C", "LC_ALL": "de_DE.UTF-8"], true, true, true),
        (["LANG": "C", "LC_CTYPE": "C.UTF-8"], true, true, true),
        (["LANG": "en_US.UTF-8", "LC_ALL": ""], true, true, true),
        (["LANG": "en_US.UTF-8", "LC_ALL": "", "LC_CTYPE": "POSIX"], true, true, false),
        (["NO_COLOR": "1", "LANG": "en_US.UTF-8"], true, false, true),
        (["NO_COLOR": "", "LANG": "en_US.UTF-8"], true, true, true),
        (["TERM": "dumb", "LANG": "en_US.UTF-8"], true, false, true),
        (["TERM": "xterm-256color"], true, true, false),
        (["TERM": "xterm-256color", "LANG": "en_US.UTF-8"], false, false, true),
    ])
    func table(environment: [String: String], terminal: Bool, color: Bool, unicode: Bool) {
        let options = TerminalStyle.options(environment: environment, stdoutIsTerminal: terminal, width: 100)
        #expect(options.color == color)
        #expect(options.unicode == unicode)
        #expect(options.width == 100)
    }

    @Test("without a known width, 80 columns; a width out of range is held to 40...120")
    func width() {
        #expect(TerminalStyle.options(environment: [:], stdoutIsTerminal: false, width: nil).width == 80)
        #expect(TerminalStyle.options(environment: [:], stdoutIsTerminal: false, width: 20).width == 40)
        #expect(TerminalStyle.options(environment: [:], stdoutIsTerminal: false, width: 250).width == 120)
    }
}

@Suite("What the rereads measured, in stats")
struct RereadMeasuresTests {
    func stats(quieting: Double?, count: Int, believability: Double? = nil, believed: Int = 0) -> Stats {
        var stats = StatsFixtures.quiet
        stats.quieting = quieting
        stats.quietingRereads = count
        stats.believability = believability
        stats.believabilityRereads = believed
        return stats
    }

    @Test("quieter, louder or the same, over how many rereads; believability; nothing without a measure")
    func sentences() {
        #expect(Renderer.measures(stats(quieting: 2.43, count: 7, believability: 6.25, believed: 4))
            == "Over the 7 rereads where you said how loud it was, the critic was 2.4 quieter after reading than before, on average."
            + " The letters felt 6.3 out of 10 believable, on average (4 rereads).")
        #expect(Renderer.measures(stats(quieting: -1, count: 1))
            == "Over the one reread where you said how loud it was, the critic was 1.0 louder after reading than before, on average.")
        #expect(Renderer.measures(stats(quieting: 0, count: 2))?.contains("about as loud after reading as before") == true)
        #expect(Renderer.measures(stats(quieting: nil, count: 0)) == nil)
    }
}
