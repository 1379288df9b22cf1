#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import LetterCore

/// What a readable export (Markdown or HTML) shows beyond each letter's latest text.
public struct ExportOptions: Sendable, Equatable {
    /// Earlier versions of each letter, newest first after the latest.
    public var withVersions = false
    /// The rereads, with how each landed and what the person noticed.
    public var withRereads = false
    /// Check-ins of the critic (they are the person's, but not what a letter reader expects).
    public var withCheckIns = false
    /// Dates are shown as days in this zone: the person's, as letterd's schedule knows it.
    public var timeZone: TimeZone

    public init(withVersions: Bool = false, withRereads: Bool = false, withCheckIns: Bool = false, timeZone: TimeZone) {
        self.withVersions = withVersions
        self.withRereads = withRereads
        self.withCheckIns = withCheckIns
        self.timeZone = timeZone
    }
}

/// The words and dates both readable formats share, so they say the same things.
struct ExportWording {
    let options: ExportOptions
    private let calendar: Calendar

    init(_ options: ExportOptions) {
        self.options = options
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = options.timeZone
        self.calendar = calendar
    }

    private static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]

    /// "20 November 2026", in the person's time zone.
    func day(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return "\(parts.day ?? 1) \(Self.months[(parts.month ?? 1) - 1]) \(parts.year ?? 1970)"
    }

    func title(_ letter: ExportDocument.Letter) -> String {
        if let about = letter.latest?.about { return "About \(about)" }
        return "Letter \(letter.id)"
    }

    /// "From a wise, kind friend · written 20 November 2026 · revised 21 November 2026 (version 2)"
    func byline(_ letter: ExportDocument.Letter) -> String {
        var parts: [String] = []
        if let perspective = letter.latest?.perspective { parts.append("From \(perspective)") }
        parts.append("written \(day(letter.createdAt))")
        if let latest = letter.latest, letter.versions.count > 1 {
            parts.append("revised \(day(latest.createdAt)) (version \(latest.number))")
        }
        return parts.joined(separator: " · ")
    }

    func details(_ version: ExportDocument.Version) -> String? {
        var parts: [String] = []
        if let feeling = version.feeling { parts.append("Feeling when writing: \(feeling)") }
        if let warmth = version.warmth { parts.append("\(parts.isEmpty ? "Warmth" : "warmth") \(warmth) of 10") }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    func earlierVersionHeading(_ version: ExportDocument.Version) -> String {
        "Version \(version.number), \(day(version.createdAt))"
    }

    func reread(_ reread: ExportDocument.Reread) -> (heading: String, noticed: String?) {
        var heading = "\(day(reread.at)), version \(reread.version)"
        if let rating = reread.rating.flatMap(ReadingRating.init(rawValue:)) { heading += ": \(Self.rating(rating))" }
        return (heading, reread.noticed)
    }

    static func rating(_ rating: ReadingRating) -> String {
        switch rating {
        case .didNotHelp: return "did not help this time"
        case .somewhat: return "helped somewhat"
        case .helped: return "helped"
        case .helpedALot: return "helped a lot"
        }
    }

    func checkIn(_ checkIn: ExportDocument.CheckIn) -> String {
        var line = "\(day(checkIn.at)), intensity \(checkIn.intensity) of 10"
        switch checkIn.trigger.flatMap(CriticTrigger.init(rawValue:)) {
        case .disappointment?: line += ", after a disappointment"
        case .loss?: line += ", after a loss"
        case .fear?: line += ", in fear"
        case .other?, nil: break
        }
        if let about = checkIn.about { line += ", about \(about)" }
        return line
    }

    func summary(_ document: ExportDocument) -> String {
        let count = document.letters.count
        return "\(count) \(count == 1 ? "letter" : "letters"), exported from letterd on \(day(document.exportedAt))."
    }

    /// Paragraphs as the person wrote them: blank lines separate them.
    static func paragraphs(_ text: String) -> [String] {
        var paragraphs: [String] = []
        var current: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy(\.isWhitespace) {
                if !current.isEmpty { paragraphs.append(current.joined(separator: "\n")) }
                current = []
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { paragraphs.append(current.joined(separator: "\n")) }
        return paragraphs
    }
}
