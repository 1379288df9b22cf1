import LetterCore

/// How letters read in the terminal (check-ins: CriticFormatting).
enum LetterFormatting {
    /// One line per letter: `#3  Sun 22 Nov, 14:05  about — excerpt  [tags]`.
    static func line(_ letter: LetterSummary) -> String {
        var line = "#\(letter.id)".padding(5) + "  " + Terminal.localTime(letter.createdAt, withYear: false) + "  "
        if let about = letter.about { line += about + " — " }
        line += letter.excerpt
        if letter.version > 1 { line += "  (v\(letter.version))" }
        if !letter.tags.isEmpty { line += "  [" + letter.tags.joined(separator: ", ") + "]" }
        return line
    }

    /// The header above a letter's text.
    static func header(_ letter: Letter) -> String {
        var lines = ["Letter #\(letter.id), written \(Terminal.localTime(letter.createdAt))"]
        if letter.version > 1 {
            lines[0] += "; version \(letter.version), \(Terminal.localTime(letter.updatedAt))"
        }
        if let about = letter.about { lines.append("About: \(about)") }
        if let feeling = letter.feeling { lines.append("Feeling: \(feeling)") }
        if let perspective = letter.perspective { lines.append("From: \(perspective)") }
        if let warmth = letter.warmth { lines.append("Warmth while writing: \(warmth)/10") }
        if !letter.tags.isEmpty { lines.append("Tags: " + letter.tags.joined(separator: ", ")) }
        return lines.joined(separator: "\n")
    }

    static func header(_ version: LetterVersion, of letter: Letter) -> String {
        var lines = ["Version \(version.number) of \(letter.version), \(Terminal.localTime(version.createdAt))"]
        if let about = version.about { lines.append("About: \(about)") }
        if let feeling = version.feeling { lines.append("Feeling: \(feeling)") }
        if let perspective = version.perspective { lines.append("From: \(perspective)") }
        if let warmth = version.warmth { lines.append("Warmth while writing: \(warmth)/10") }
        return lines.joined(separator: "\n")
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
