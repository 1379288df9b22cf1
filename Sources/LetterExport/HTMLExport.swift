import LetterCore

/// Letters as one HTML file that needs nothing else: styles inline, no scripts, no fonts or
/// images fetched, so it opens offline and prints the same anywhere. On paper each letter
/// starts a page of its own; on screen they follow one another in a calm column.
public enum HTMLExport {
    public static func render(_ document: ExportDocument, _ options: ExportOptions) -> String {
        let words = ExportWording(options)
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Letters</title>
            <style>\(style)</style>
            </head>
            <body>
            <header class="export"><h1>Letters</h1><p>\(escape(words.summary(document)))</p></header>

            """
        for letter in document.letters {
            out += "<article class=\"letter\" id=\"letter-\(letter.id)\">\n"
            out += "<h2 dir=\"auto\">\(escape(words.title(letter)))</h2>\n"
            out += "<p class=\"byline\" dir=\"auto\">\(escape(words.byline(letter)))</p>\n"
            if !letter.tags.isEmpty {
                out += "<p class=\"tags\">\(letter.tags.map { "<span>\(escape($0))</span>" }.joined(separator: " "))</p>\n"
            }
            if let latest = letter.latest {
                if let details = words.details(latest) { out += "<p class=\"details\" dir=\"auto\">\(escape(details))</p>\n" }
                out += "<div class=\"text\">\n\(paragraphs(latest.text))</div>\n"
            }
            if options.withVersions && letter.versions.count > 1 {
                out += "<section class=\"versions\"><h3>Earlier versions</h3>\n"
                for version in letter.versions.dropLast().reversed() {
                    out += "<h4>\(escape(words.earlierVersionHeading(version)))</h4>\n<div class=\"text\">\n\(paragraphs(version.text))</div>\n"
                }
                out += "</section>\n"
            }
            if options.withRereads && !letter.rereads.isEmpty {
                out += "<section class=\"rereads\"><h3>Rereads</h3>\n<ul>\n"
                for reread in letter.rereads {
                    let (heading, noticed) = words.reread(reread)
                    out += "<li dir=\"auto\">\(escape(heading))"
                    if let noticed { out += "<br><span class=\"noticed\">Noticed: \(escape(noticed))</span>" }
                    out += "</li>\n"
                }
                out += "</ul></section>\n"
            }
            out += "</article>\n"
        }
        if options.withCheckIns && !document.checkIns.isEmpty {
            out += "<article class=\"check-ins\"><h2>Check-ins with the critic</h2>\n<ul>\n"
            for checkIn in document.checkIns {
                out += "<li dir=\"auto\">\(escape(words.checkIn(checkIn)))"
                if let said = checkIn.said { out += ": <q>\(escape(said))</q>" }
                out += "</li>\n"
            }
            out += "</ul></article>\n"
        }
        out += "</body>\n</html>\n"
        return out
    }

    /// The text's paragraphs, each line break kept; `dir="auto"` lets a paragraph in Hebrew or
    /// Arabic run right to left.
    static func paragraphs(_ text: String) -> String {
        ExportWording.paragraphs(text).map { paragraph in
            "<p dir=\"auto\">" + paragraph.split(separator: "\n", omittingEmptySubsequences: false).map { escape(String($0)) }.joined(separator: "<br>\n") + "</p>\n"
        }.joined()
    }

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// Calm and plain: a serif column of comfortable width, generous leading, soft contrast on
    /// screen. In print the header shares the first letter's page, and every letter after it
    /// starts a new page.
    static let style = """

        :root { color-scheme: light; }
        body { margin: 0 auto; max-width: 38rem; padding: 2.5rem 1.5rem 4rem; background: #fbfaf6; color: #2b2b2b;
          font: 1.0625rem/1.65 Georgia, "DejaVu Serif", "Noto Serif", serif; }
        header.export h1 { font-size: 1.1rem; font-weight: normal; letter-spacing: 0.08em; text-transform: uppercase; color: #6b6457; margin: 0; }
        header.export p { color: #6b6457; margin: 0.25rem 0 2rem; font-size: 0.9rem; }
        article { margin: 0 0 3.5rem; }
        article + article { border-top: 1px solid #e4ded2; padding-top: 2.5rem; }
        h2 { font-size: 1.45rem; font-weight: normal; margin: 0 0 0.35rem; line-height: 1.3; }
        h3 { font-size: 1rem; font-weight: normal; font-style: italic; color: #6b6457; margin: 2rem 0 0.5rem; }
        h4 { font-size: 0.95rem; font-weight: normal; color: #6b6457; margin: 1.25rem 0 0.25rem; }
        .byline, .details, .tags { color: #6b6457; font-size: 0.9rem; margin: 0 0 0.25rem; }
        .tags span { border: 1px solid #e4ded2; border-radius: 0.6rem; padding: 0 0.45rem; margin-right: 0.2rem; }
        .text { margin-top: 1.5rem; }
        .text p { margin: 0 0 1em; }
        .versions .text { color: #4a4a4a; }
        ul { padding-left: 1.2rem; }
        li { margin-bottom: 0.5rem; }
        .noticed { color: #4a4a4a; }
        @page { size: A4; margin: 22mm 20mm; }
        @media print {
          body { background: none; color: #000; max-width: none; padding: 0; font-size: 11.5pt; }
          header.export p { margin-bottom: 1.2rem; }
          article { margin: 0; }
          article + article { border-top: none; padding-top: 0; break-before: page; }
          h2, h3, h4 { break-after: avoid; }
          .text p { orphans: 3; widows: 3; }
        }

        """
}
