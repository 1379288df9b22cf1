/// Checks shared by every free-text field. Text is kept exactly as written except for leading
/// and trailing whitespace; what is refused is refused with the field's name.
public enum TextRules {
    /// Trims the ends; returns nil when nothing is left (an empty optional field is no field).
    static func optional(_ value: String?, field: String, maxCharacters: Int) throws(InvalidInput) -> String? {
        guard let value else { return nil }
        let trimmed = trimmed(value)
        if trimmed.isEmpty { return nil }
        try check(trimmed, field: field)
        if trimmed.count > maxCharacters {
            throw InvalidInput(field, "is \(trimmed.count) characters long; the limit is \(maxCharacters)")
        }
        return trimmed
    }

    /// Refuses control characters other than tab, line feed and carriage return: C0 (U+0000–U+001F),
    /// DEL and C1 (U+0080–U+009F). A NUL would cut the text short in C code that reads it, and
    /// escape sequences (ESC, or CSI U+009B) could rewrite the terminal that shows the letter.
    static func check(_ text: String, field: String) throws(InvalidInput) {
        var line = 1
        for scalar in text.unicodeScalars {
            if scalar == "\n" { line += 1; continue }
            if scalar == "\t" || scalar == "\r" { continue }
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                let code = "U+" + String(String(scalar.value, radix: 16, uppercase: true).paddedLeft(to: 4))
                throw InvalidInput(field, "contains the control character \(code) on line \(line)")
            }
        }
    }

    public static func trimmed(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars[...]
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    /// Greedy word wrap to `width` columns, paragraph by paragraph (lines given stay lines); a
    /// word longer than a line is cut.
    public static func wrapped(_ text: String, width: Int) -> [String] {
        let width = max(width, 1)
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var started = false
            for word in paragraph.split(separator: " ") {
                var word = String(word)
                while word.count > width {
                    if !line.isEmpty {
                        lines.append(line)
                        line = ""
                    }
                    lines.append(String(word.prefix(width)))
                    word = String(word.dropFirst(width))
                    started = true
                }
                if line.isEmpty {
                    line = word
                } else if line.count + 1 + word.count <= width {
                    line += " " + word
                } else {
                    lines.append(line)
                    line = word
                }
            }
            if !line.isEmpty || !started { lines.append(line) }
        }
        return lines
    }
}

extension String {
    fileprivate func paddedLeft(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
