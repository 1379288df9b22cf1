import LetterCore

/// The characters a report is drawn with: block elements and typographic punctuation for a
/// UTF-8 terminal, and plain ASCII for everything else.
struct Glyphs {
    /// Sparkline levels, lowest first; a blank column (a space) stands for "nothing".
    let levels: [Character]
    /// A whole cell of a horizontal bar.
    let full: Character
    /// Eighths of a cell, one to seven; empty where only whole cells can be drawn.
    let eighths: [Character]
    /// Reread segments: helped, helped a little, didn't help, not rated.
    let helped: Character
    let somewhat: Character
    let didNotHelp: Character
    let notRated: Character
    /// Between two dates of a range: "26 Oct – 22 Nov".
    let rangeDash: String
    /// Between two days of one month: "2–8 Nov".
    let shortDash: String
    let minus: String
    let openQuote: String
    let closeQuote: String

    static let unicode = Glyphs(
        levels: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], full: "█", eighths: ["▏", "▎", "▍", "▌", "▋", "▊", "▉"],
        helped: "█", somewhat: "▓", didNotHelp: "░", notRated: "·",
        rangeDash: " – ", shortDash: "–", minus: "−", openQuote: "“", closeQuote: "”"
    )

    static let ascii = Glyphs(
        levels: [".", ":", "-", "=", "+", "*", "#"], full: "#", eighths: [],
        helped: "#", somewhat: "+", didNotHelp: "-", notRated: ".",
        rangeDash: " - ", shortDash: "-", minus: "-", openQuote: "\"", closeQuote: "\""
    )

    func quoted(_ text: String) -> String { openQuote + text + closeQuote }

    /// One column per value: a space for nil, else a level on the fixed scale 0...maximum.
    func sparkline(_ values: [Double?], maximum: Double) -> String {
        String(
            values.map { value -> Character in
                guard let value else { return " " }
                guard maximum > 0 else { return levels[0] }
                let level = Int((value / maximum * Double(levels.count)).rounded(.up)) - 1
                return levels[min(max(level, 0), levels.count - 1)]
            })
    }

    /// A horizontal bar for `fraction` (0...1) of `width` cells, in eighths of a cell where the
    /// glyphs allow. Anything above zero shows as at least a sliver.
    func bar(_ fraction: Double, width: Int) -> String {
        let fraction = min(max(fraction, 0), 1)
        guard width > 0, fraction > 0 else { return "" }
        if eighths.isEmpty {
            let cells = max(1, Int((fraction * Double(width)).rounded()))
            return String(repeating: full, count: min(cells, width))
        }
        let parts = min(max(1, Int((fraction * Double(width * 8)).rounded())), width * 8)
        var text = String(repeating: full, count: parts / 8)
        if parts % 8 > 0 { text.append(eighths[parts % 8 - 1]) }
        return text
    }
}

/// ANSI colour, or nothing at all.
struct Paint {
    let enabled: Bool

    static let bold = "1"
    static let dim = "2"
    static let green = "32"
    static let yellow = "33"
    static let blue = "34"
    static let magenta = "35"
    static let cyan = "36"

    func callAsFunction(_ text: String, _ code: String) -> String {
        guard enabled, !text.isEmpty else { return text }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }
}

/// Plain-text layout: every character is one column.
enum Layout {
    static func padRight(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    static func padLeft(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    /// Greedy word wrap to `width` columns; a word longer than a line is cut.
    static func wrap(_ text: String, width: Int) -> [String] {
        TextRules.wrapped(text, width: width)
    }

    /// Items laid out in a row with two spaces between, starting new rows as the width runs out.
    /// Each item is measured by its plain text and written as its styled text.
    static func flow(_ items: [(plain: String, styled: String)], width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        var used = 0
        for item in items {
            if used == 0 {
                line = item.styled
                used = item.plain.count
            } else if used + 2 + item.plain.count <= width {
                line += "  " + item.styled
                used += 2 + item.plain.count
            } else {
                lines.append(line)
                line = item.styled
                used = item.plain.count
            }
        }
        if used > 0 { lines.append(line) }
        return lines
    }
}

enum Numbers {
    /// One decimal, no sign: 1.25 -> "1.3" (rounded half away from zero), 2 -> "2.0".
    static func oneDecimal(_ value: Double) -> String {
        let tenths = Int((abs(value) * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// A whole percentage of `part` in `whole`: "41%", "<1%" for a small non-zero share.
    static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0, part > 0 else { return "0%" }
        let value = Int((Double(part) * 100 / Double(whole)).rounded())
        return value == 0 ? "<1%" : "\(value)%"
    }

    /// "1 check-in", "3 check-ins".
    static func count(_ value: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(value) " + (value == 1 ? singular : plural ?? singular + "s")
    }
}
