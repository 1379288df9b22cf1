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

    /// The person's text, as written: only a line that Markdown would turn into a heading, a
    /// quote, a rule or code is escaped, so the file still reads as they wrote it.
    static func block(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let trimmed = line.drop(while: { $0 == " " })
            let rule = trimmed.count >= 3 && Set(trimmed.filter { $0 != " " }).count == 1 && "-*_=".contains(trimmed.first!)
            if trimmed.hasPrefix("#") || trimmed.hasPrefix(">") || trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") || rule {
                return "\\" + trimmed
            }
            return String(line)
        }.joined(separator: "\n")
    }
}

extension String {
    func replacingNewlines(with separator: String) -> String {
        split(separator: "\n", omittingEmptySubsequences: true).joined(separator: separator)
    }
}
