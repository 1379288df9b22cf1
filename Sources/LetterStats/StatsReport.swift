#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import LetterCore

/// `letterctl stats` for the terminal: the period at a glance, in sparklines and bars, with few
/// words. Every line fits the width (each character counted as one column), and without colour
/// there is not a single escape code, so the text can be piped, saved or read by a screen reader.
public struct StatsReport: Sendable {
    public struct Options: Sendable, Equatable {
        /// Total columns available; clamped to 40...120.
        public var width: Int
        /// false: ASCII only (plain-text fallback).
        public var unicode: Bool
        /// ANSI colour (bold headings, coloured bars); false: no escape codes at all.
        public var color: Bool
        /// Seconds east of UTC in the person's time zone, for the dates of self-checks, which
        /// arrive as moments rather than calendar days. 0 (the default) dates them in UTC.
        public var utcOffsetSeconds: Int

        public static let widths = 40...120

        public init(width: Int, unicode: Bool, color: Bool, utcOffsetSeconds: Int = 0) {
            self.width = min(max(width, Self.widths.lowerBound), Self.widths.upperBound)
            self.unicode = unicode
            self.color = color
            self.utcOffsetSeconds = utcOffsetSeconds
        }
    }

    public let stats: Stats
    public let options: Options

    public init(stats: Stats, options: Options) {
        self.stats = stats
        self.options = options
    }

    /// The report, ending with a newline.
    public func render() -> String {
        var renderer = Renderer(stats: stats, options: options)
        return renderer.render()
    }
}

/// Draws one report, line by line.
struct Renderer {
    let stats: Stats
    let width: Int
    let glyphs: Glyphs
    let paint: Paint
    let utcOffsetSeconds: Int
    private var lines: [String] = []

    private let indent = "  "
    /// Columns left after the indent.
    private var inner: Int { width - indent.count }

    init(stats: Stats, options: StatsReport.Options) {
        self.stats = stats
        self.width = min(max(options.width, StatsReport.Options.widths.lowerBound), StatsReport.Options.widths.upperBound)
        self.glyphs = options.unicode ? .unicode : .ascii
        self.paint = Paint(enabled: options.color)
        self.utcOffsetSeconds = options.utcOffsetSeconds
    }

    mutating func render() -> String {
        heading()
        if stats.days.isEmpty || nothingNoted {
            if !stats.days.isEmpty {
                lines.append("")
                prose("Nothing noted in these days, and that's all right. Letters and check-ins will show here when there are some.")
            }
        } else {
            if stats.totalCheckIns > 0 {
                checkIns()
                loudness()
                triggers()
                styles()
            } else {
                lines.append("")
                prose("No check-ins of the critic in these days.")
            }
            if stats.totalLetters > 0 || stats.totalRereads > 0 {
                letters()
            } else {
                lines.append("")
                prose("No letters written or reread in these days.")
            }
        }
        selfChecks()
        // No trailing blanks (a sparkline ending on a quiet day): they show nothing and only
        // trip up whoever copies the text.
        return lines.map(Self.trimmingTrailingSpaces).joined(separator: "\n") + "\n"
    }

    private var nothingNoted: Bool {
        stats.totalCheckIns == 0 && stats.totalLetters == 0 && stats.totalRereads == 0
            && (stats.triggers + stats.styles + stats.ratings).allSatisfy { $0.count == 0 }
    }

    // MARK: - Sections

    private mutating func heading() {
        let text: String
        if let first = stats.days.first, let last = stats.days.last {
            let range = dateRange(first.date, last.date)
            text = stats.days.count == 1 ? "Today (\(range))" : "The last \(stats.days.count) days (\(range))"
        } else {
            text = "Nothing to look back on yet."
        }
        for line in Layout.wrap(text, width: width) { lines.append(paint(line, Paint.bold)) }
    }

    /// Columns of the day charts: the most recent days that fit.
    private var shownDays: ArraySlice<Stats.Day> { stats.days.suffix(inner) }

    private mutating func checkIns() {
        section("Check-ins, day by day")
        let days = shownDays
        let most = days.map(\.checkIns).max() ?? 0
        let spark = glyphs.sparkline(days.map { $0.checkIns > 0 ? Double($0.checkIns) : nil }, maximum: Double(most))
        lines.append(indent + paint(Self.trimmingTrailingSpaces(spark), Paint.cyan))
        dateAxis(days)
        let active = stats.days.filter { $0.checkIns > 0 }.count
        let total = Numbers.count(stats.totalCheckIns, "check-in")
        if stats.days.count == 1 {
            prose("\(total) today.")
        } else {
            prose("\(total), on \(active) of the \(stats.days.count) days.")
        }
        if days.count < stats.days.count {
            prose("Showing the most recent \(days.count) of \(stats.days.count) days.")
        }
    }

    private mutating func loudness() {
        section("How loud the critic was (0\(glyphs.shortDash)10)")
        let days = shownDays
        let spark = glyphs.sparkline(days.map(\.meanIntensity), maximum: 10)
        lines.append(indent + paint(Self.trimmingTrailingSpaces(spark), Paint.magenta))
        dateAxis(days)
        if let trend = stats.intensityTrend {
            prose(trendText(trend))
        } else {
            prose("Not enough check-ins yet to tell a trend.")
        }
    }

    private func trendText(_ trend: Double) -> String {
        let tenths = Int((trend * 10).rounded())
        let amount = (tenths < 0 ? glyphs.minus : "+") + Numbers.oneDecimal(trend)
        switch tenths {
        case ...(-15): return "Quieter lately (\(amount))."
        case -14 ... -3: return "A little quieter lately (\(amount))."
        case -2...2: return "About the same throughout."
        case 3...14: return "A little louder lately (\(amount))."
        default: return "Louder lately (\(amount))."
        }
    }

    private mutating func triggers() {
        section("What set it off")
        var rows = stats.triggers.map { (label: triggerLabel($0.key), count: $0.count) }
        let noted = stats.triggers.reduce(0) { $0 + $1.count }
        if stats.totalCheckIns > noted { rows.append((label: "not noted", count: stats.totalCheckIns - noted)) }
        bars(rows, of: max(stats.totalCheckIns, noted), color: Paint.cyan)
    }

    private mutating func styles() {
        section("How the critic talked")
        let rows = stats.styles.map { (label: styleLabel($0.key), count: $0.count) }
        bars(rows, of: max(stats.totalCheckIns, rows.map(\.count).max() ?? 0), color: Paint.magenta)
    }

    private mutating func letters() {
        section("Letters and rereads, week by week")
        // 7-day blocks ending today; the oldest may be shorter.
        var weeks: [ArraySlice<Stats.Day>] = []
        var end = stats.days.endIndex
        while end > stats.days.startIndex {
            let start = max(stats.days.startIndex, end - 7)
            weeks.insert(stats.days[start..<end], at: 0)
            end = start
        }
        let column = 7  // "letters", "rereads"
        // Week labels are short ("26 Oct – 1 Nov"); dates letterd could not read are cut to fit.
        let labelWidth = min(weeks.map(weekLabel).map(\.count).max() ?? 0, inner - 2 - column - 2 - column - 2 - 3)
        let labels = weeks.map { String(weekLabel($0).prefix(labelWidth)) }
        let barWidth = inner - labelWidth - 2 - column - 2 - column - 2
        let most = weeks.map { $0.reduce(0) { $0 + $1.rereads } }.max() ?? 0

        lines.append(indent + String(repeating: " ", count: labelWidth) + "  letters  rereads")
        for (week, label) in zip(weeks, labels) {
            let written = week.reduce(0) { $0 + $1.lettersWritten }
            let rereads = week.reduce(0) { $0 + $1.rereads }
            var line = indent + Layout.padRight(label, labelWidth) + "  " + Layout.padLeft("\(written)", column) + "  "
                + Layout.padLeft("\(rereads)", column)
            let bar = landedBar(week, rereads: rereads, most: most, width: barWidth)
            if !bar.isEmpty { line += "  " + bar }
            lines.append(line)
        }

        let helped = count(stats.ratings, "helped") + count(stats.ratings, "helpedALot")
        let helpedALot = count(stats.ratings, "helpedALot")
        let somewhat = count(stats.ratings, "somewhat")
        let didNotHelp = count(stats.ratings, "didNotHelp")
        let notRated = max(0, stats.totalRereads - helped - somewhat - didNotHelp)
        if stats.totalRereads > 0 {
            let legend = [
                (glyphs.helped, "helped", Paint.green, helped), (glyphs.somewhat, "a little", Paint.yellow, somewhat),
                (glyphs.didNotHelp, "didn't help", Paint.blue, didNotHelp), (glyphs.notRated, "not rated", Paint.dim, notRated),
            ]
            .filter { $0.3 > 0 }
            .map { glyph, words, color, _ in (plain: "\(glyph) \(words)", styled: paint(String(glyph), color) + " " + words) }
            for line in Layout.flow(legend, width: inner) { lines.append(indent + line) }
        }

        var summary = "In all: " + Numbers.count(stats.totalLetters, "letter") + " written, "
            + Numbers.count(stats.totalRereads, "reread")
        if stats.totalRereads > 0 {
            var parts: [String] = []
            if helped > 0 { parts.append(helpedALot > 0 ? "\(helped) helped (\(helpedALot) a lot)" : "\(helped) helped") }
            if somewhat > 0 { parts.append("\(somewhat) helped a little") }
            if didNotHelp > 0 { parts.append("\(didNotHelp) didn't help this time") }
            if notRated > 0 { parts.append("\(notRated) not rated") }
            if !parts.isEmpty { summary += "; " + parts.joined(separator: ", ") }
        }
        prose(summary + ".")
        if let measured = Self.measures(stats) { prose(measured) }
    }

    /// What the rereads measured, in a sentence or two; nil when none was measured.
    static func measures(_ stats: Stats) -> String? {
        var sentences: [String] = []
        if let quieting = stats.quieting {
            let over = stats.quietingRereads == 1 ? "the one reread where you said" : "the \(stats.quietingRereads) rereads where you said"
            let change: String
            if quieting >= 0.05 {
                change = "the critic was \(Numbers.oneDecimal(quieting)) quieter after reading than before, on average"
            } else if quieting <= -0.05 {
                change = "the critic was \(Numbers.oneDecimal(quieting)) louder after reading than before, on average"
            } else {
                change = "the critic was about as loud after reading as before"
            }
            sentences.append("Over \(over) how loud it was, \(change).")
        }
        if let believability = stats.believability {
            sentences.append(
                "The letters felt \(Numbers.oneDecimal(believability)) out of 10 believable, on average ("
                    + Numbers.count(stats.believabilityRereads, "reread") + ").")
        }
        return sentences.isEmpty ? nil : sentences.joined(separator: " ")
    }

    private mutating func selfChecks() {
        let scores = stats.selfChecks
        guard let latest = scores.last else { return }
        section("Self-check")
        let listed = scores.suffix(6)
        if scores.count > listed.count {
            prose("The last \(listed.count) of \(scores.count):")
        }
        let dates = listed.map { CalendarDay($0.at, utcOffsetSeconds: utcOffsetSeconds).text(withYear: true) }
        let dateWidth = dates.map(\.count).max() ?? 0
        for (score, date) in zip(listed, dates) {
            lines.append(indent + Layout.padRight(date, dateWidth) + "  \(score.score)/\(score.outOf)")
        }
        // Only scores of the same statements are compared.
        let comparable = scores.filter { $0.version == latest.version && $0.outOf > 0 }
        if comparable.count >= 2 {
            let label = "Over time  "
            let values = comparable.suffix(inner - label.count).map { Double($0.score) / Double($0.outOf) }
            lines.append(indent + label + paint(glyphs.sparkline(values, maximum: 1), Paint.green))
            let previous = comparable[comparable.count - 2]
            if latest.score < previous.score {
                prose("Fewer rang true this time than the time before.")
            }
        }
        prose("Fewer statements ringing true, over time, may be a sign of a kinder inner voice.")
    }

    // MARK: - Pieces

    private mutating func section(_ title: String) {
        lines.append("")
        for line in Layout.wrap(title, width: width) { lines.append(paint(line, Paint.bold)) }
    }

    /// Words, wrapped and indented.
    private mutating func prose(_ text: String) {
        for line in Layout.wrap(text, width: inner) { lines.append(indent + line) }
    }

    /// The first and last dates under the ends of a day chart.
    private mutating func dateAxis(_ days: ArraySlice<Stats.Day>) {
        guard let first = days.first, let last = days.last else { return }
        let withYear = CalendarDay(first.date).map(\.year) != CalendarDay(last.date).map(\.year)
        let start = dayText(first.date, withYear: withYear)
        let end = dayText(last.date, withYear: withYear)
        let text: String
        if days.count == 1 {
            text = end
        } else if days.count >= start.count + 1 + end.count {
            text = start + String(repeating: " ", count: days.count - start.count - end.count) + end
        } else {
            text = start + glyphs.rangeDash + end
        }
        lines.append(indent + paint(String(text.prefix(inner)), Paint.dim))
    }

    /// Labelled horizontal bars with the share of `whole` each count is, 100% being the full bar.
    private mutating func bars(_ rows: [(label: String, count: Int)], of whole: Int, color: String) {
        let percentWidth = 4  // "100%"
        // A label never takes the room of the bar (a key letterd does not know yet may be long).
        let labelWidth = min(rows.map(\.label.count).max() ?? 0, inner - 2 - 1 - percentWidth - 8)
        let barWidth = inner - labelWidth - 2 - 1 - percentWidth
        for row in rows {
            let fraction = whole > 0 ? Double(row.count) / Double(whole) : 0
            let bar = glyphs.bar(fraction, width: barWidth)
            lines.append(
                indent + Layout.padRight(String(row.label.prefix(labelWidth)), labelWidth) + "  " + paint(bar, color)
                    + String(repeating: " ", count: max(0, barWidth - bar.count)) + " "
                    + Layout.padLeft(Numbers.percent(row.count, of: whole), percentWidth))
        }
    }

    /// A week's rereads as a stacked bar: helped, a little, didn't help, not rated. One cell a
    /// reread when the busiest week fits, else scaled to it.
    private func landedBar(_ week: ArraySlice<Stats.Day>, rereads: Int, most: Int, width: Int) -> String {
        guard rereads > 0, most > 0, width > 0 else { return "" }
        let helped = week.reduce(0) { $0 + $1.rereadsHelped }
        let somewhat = week.reduce(0) { $0 + $1.rereadsSomewhat }
        let didNotHelp = week.reduce(0) { $0 + $1.rereadsDidNotHelp }
        let counts = [helped, somewhat, didNotHelp, max(0, rereads - helped - somewhat - didNotHelp)]
        let cells =
            most <= width ? rereads : max(1, Int((Double(rereads) / Double(most) * Double(width)).rounded()))
        let segments = Self.allocate(counts, cells: min(cells, width))
        let parts: [(Character, String)] = [
            (glyphs.helped, Paint.green), (glyphs.somewhat, Paint.yellow), (glyphs.didNotHelp, Paint.blue),
            (glyphs.notRated, Paint.dim),
        ]
        return zip(segments, parts).map { cells, part in paint(String(repeating: part.0, count: cells), part.1) }.joined()
    }

    /// Splits `cells` among `counts` in proportion, by largest remainder.
    static func allocate(_ counts: [Int], cells: Int) -> [Int] {
        let total = counts.reduce(0, +)
        guard total > 0 else { return counts.map { _ in 0 } }
        let exact = counts.map { Double($0) * Double(cells) / Double(total) }
        var result = exact.map { Int($0.rounded(.down)) }
        var left = cells - result.reduce(0, +)
        let order = exact.indices.sorted {
            let a = exact[$0] - exact[$0].rounded(.down)
            let b = exact[$1] - exact[$1].rounded(.down)
            return a != b ? a > b : $0 < $1
        }
        for index in order where left > 0 {
            result[index] += 1
            left -= 1
        }
        return result
    }

    static func trimmingTrailingSpaces(_ text: String) -> String {
        var text = Substring(text)
        while text.last == " " { text.removeLast() }
        return String(text)
    }

    // MARK: - Words

    private func count(_ counts: [Stats.Count], _ key: String) -> Int {
        counts.first { $0.key == key }?.count ?? 0
    }

    private func triggerLabel(_ key: String) -> String {
        switch CriticTrigger(rawValue: key) {
        case .disappointment: return "disappointment"
        case .loss: return "loss"
        case .fear: return "fear"
        case .other: return "something else"
        case nil: return key
        }
    }

    private func styleLabel(_ key: String) -> String {
        switch ThinkingStyle(rawValue: key) {
        case .labeling: return "calling you names"
        case .shouldStatement: return glyphs.quoted("shoulds") + " and " + glyphs.quoted("musts")
        case .overgeneralising: return glyphs.quoted("always") + " and " + glyphs.quoted("never")
        case nil: return key
        }
    }

    private func dayText(_ date: String, withYear: Bool = false) -> String {
        CalendarDay(date)?.text(withYear: withYear) ?? date
    }

    /// "26 Oct – 22 Nov", with years when they differ.
    private func dateRange(_ first: String, _ last: String) -> String {
        guard let start = CalendarDay(first), let end = CalendarDay(last) else {
            return first == last ? first : first + glyphs.rangeDash + last
        }
        if start == end { return end.text() }
        let withYear = start.year != end.year
        return start.text(withYear: withYear) + glyphs.rangeDash + end.text(withYear: withYear)
    }

    /// "2–8 Nov", "26 Oct – 1 Nov", or "22 Nov" for a single day.
    private func weekLabel(_ week: ArraySlice<Stats.Day>) -> String {
        guard let first = week.first, let last = week.last else { return "" }
        guard let start = CalendarDay(first.date), let end = CalendarDay(last.date) else {
            return first.date == last.date ? first.date : first.date + glyphs.rangeDash + last.date
        }
        if start == end { return end.text() }
        if start.year == end.year && start.month == end.month {
            return "\(start.day)\(glyphs.shortDash)\(end.day) \(end.monthName)"
        }
        return start.text() + glyphs.rangeDash + end.text()
    }
}
