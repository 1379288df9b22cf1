import LetterCore

/// Letters as Markdown that reads well as plain text too: a heading per letter, a line saying
/// who it is from and when, the text as written, then (when asked) earlier versions, rereads
/// and check-ins.
public enum MarkdownExport {
    public static func render(_ document: ExportDocument, _ options: ExportOptions) -> String {
        let words = ExportWording(options)
        var out = "# Letters\n\n\(words.summary(document))\n"
        for letter in document.letters {
            out += "\n---\n\n## \(inline(words.title(letter)))\n\n*\(inline(words.byline(letter)))*\n"
            if !letter.tags.isEmpty { out += "\nTags: \(letter.tags.map(inline).joined(separator: ", "))\n" }
            guard let latest = letter.latest else { continue }
            if let details = words.details(latest) { out += "\n\(inline(details))\n" }
            out += "\n" + block(latest.text) + "\n"
            if options.withVersions && letter.versions.count > 1 {
                out += "\n### Earlier versions\n"
                for version in letter.versions.dropLast().reversed() {
                    out += "\n#### \(inline(words.earlierVersionHeading(version)))\n\n" + block(version.text) + "\n"
                }
            }
            if options.withRereads && !letter.rereads.isEmpty {
                out += "\n### Rereads\n\n"
                for reread in letter.rereads {
                    let (heading, noticed) = words.reread(reread)
                    out += "- \(inline(heading))"
                    if let noticed { out += ". Noticed: " + inline(noticed).replacingNewlines(with: " ") }
                    out += "\n"
                }
            }
        }
        if options.withCheckIns && !document.checkIns.isEmpty {
            out += "\n---\n\n## Check-ins with the critic\n\n"
            for checkIn in document.checkIns {
                out += "- \(inline(words.checkIn(checkIn)))"
                if let said = checkIn.said { out += ": “" + inline(said).replacingNewlines(with: " ") + "”" }
                out += "\n"
            }
        }
        return out
    }

    /// A heading or list text: backslashes before the characters Markdown would act on inline.
    static func inline(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_[]<>#|".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    /// The person's text, as written, kept from being read as Markdown: a line that would start
    /// a heading, quote, list, rule or code block gets a backslash in front, and so does a `<`
    /// or `&` that could start HTML; line breaks inside a paragraph stay breaks (two trailing
    /// spaces, invisible in plain text). Emphasis with `*` or `_` is left to mean emphasis.
    static func block(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.enumerated().map { index, line -> String in
            var out = String(line.drop(while: { $0 == " " }))
            let indent = line.count - out.count
            if let digits = orderedListNumber(out) {
                out.insert("\\", at: out.index(out.startIndex, offsetBy: digits))  // "1\. ", as CommonMark escapes it
            } else if startsBlock(out) {
                out = "\\" + out
            } else {
                out = String(repeating: " ", count: min(indent, 3)) + out
            }
            out = escapeMarkup(out)
            let next = index + 1 < lines.count ? lines[index + 1] : nil
            if let next, !line.allSatisfy(\.isWhitespace), !next.allSatisfy(\.isWhitespace) { out += "  " }
            return out
        }.joined(separator: "\n")
    }

    private static func startsBlock(_ line: String) -> Bool {
        if line.hasPrefix("#") || line.hasPrefix(">") || line.hasPrefix("```") || line.hasPrefix("~~~") || line.hasPrefix("|") {
            return true
        }
        if let first = line.first, "-+*".contains(first), line.dropFirst().first == " " || line.count == 1 { return true }
        let compact = line.filter { $0 != " " }
        if compact.count >= 3, Set(compact).count == 1, "-*_=".contains(compact.first!) { return true }
        return false
    }

    /// How many digits start the line, when they and a "." or ")" would make a numbered list.
    private static func orderedListNumber(_ line: String) -> Int? {
        let digits = line.prefix(while: \.isNumber)
        guard !digits.isEmpty, digits.count <= 9 else { return nil }
        let rest = line.dropFirst(digits.count)
        guard let mark = rest.first, mark == "." || mark == ")", rest.dropFirst().first == " " || rest.count == 1 else { return nil }
        return digits.count
    }

    /// `<` before a tag's first character and `&` before an entity's, escaped.
    private static func escapeMarkup(_ line: String) -> String {
        var out = ""
        var characters = line.makeIterator()
        var current = characters.next()
        while let character = current {
            let next = characters.next()
            if character == "<", let next, next.isLetter || next == "/" || next == "!" || next == "?" { out += "\\" }
            if character == "&", let next, next.isLetter || next == "#" { out += "\\" }
            out.append(character)
            current = next
        }
        return out
    }
}

extension String {
    func replacingNewlines(with separator: String) -> String {
        split(separator: "\n", omittingEmptySubsequences: true).joined(separator: separator)
    }
}
