import Foundation
import LetterCore

/// A month of the practice with a realistic shape: a harder first fortnight, a few letters,
/// rereads that mostly helped, quieter days towards the end, and two self-checks.
enum StatsFixtures {
    static let month = Stats(
        timeZone: "Europe/Berlin",
        days: [
            day("2026-10-26", 2, 7.5),
            day("2026-10-27", 3, 8.0, letters: 1),
            day("2026-10-28"),
            day("2026-10-29", 1, 6.0, rereads: 1, helped: 1),
            day("2026-10-30", 4, 7.8),
            day("2026-10-31", 2, 6.5, rereads: 1, somewhat: 1),
            day("2026-11-01"),
            day("2026-11-02", rereads: 1, helped: 1),
            day("2026-11-03", 3, 7.0),
            day("2026-11-04", 4, 6.8, letters: 1),
            day("2026-11-05", 2, 6.0, rereads: 2, helped: 1, didNotHelp: 1),
            day("2026-11-06", 1, 5.0),
            day("2026-11-07"),
            day("2026-11-08", 5, 8.2, rereads: 1, somewhat: 1),
            day("2026-11-09", 3, 6.3, rereads: 1, helped: 1),
            day("2026-11-10", 2, 5.5),
            day("2026-11-11"),
            day("2026-11-12", 1, 4.0, letters: 1),
            day("2026-11-13", 2, 5.0, rereads: 2, helped: 2),
            day("2026-11-14"),
            day("2026-11-15", 1, 6.0),
            day("2026-11-16", rereads: 1),
            day("2026-11-17", 1, 4.0),
            day("2026-11-18", 2, 4.5, rereads: 1, helped: 1),
            day("2026-11-19"),
            day("2026-11-20", 1, 3.0, rereads: 1, somewhat: 1),
            day("2026-11-21", 1, 5.0),
            day("2026-11-22"),
        ],
        triggers: [count("disappointment", 17), count("loss", 5), count("fear", 9), count("other", 4)],
        styles: [count("labeling", 15), count("shouldStatement", 22), count("overgeneralising", 11)],
        ratings: [count("didNotHelp", 1), count("somewhat", 3), count("helped", 4), count("helpedALot", 3)],
        intensityTrend: -2.17,
        selfChecks: [
            SelfCheckScore(at: moment("2026-09-30T19:00:00Z"), score: 7, outOf: 12, version: 1),
            SelfCheckScore(at: moment("2026-11-01T20:30:00Z"), score: 5, outOf: 12, version: 1),
        ],
        quieting: 2.43, quietingRereads: 7, believability: 6.25, believabilityRereads: 4
    )

    /// The same days with nothing in them.
    static let quiet = Stats(
        timeZone: "Europe/Berlin",
        days: month.days.map { Stats.Day(date: $0.date) },
        triggers: month.triggers.map { count($0.key, 0) },
        styles: month.styles.map { count($0.key, 0) },
        ratings: month.ratings.map { count($0.key, 0) },
        intensityTrend: nil
    )

    /// `days` days ending on 2026-11-22, with a check-in or two on most of them.
    static func long(days: Int) -> Stats {
        let end = Calendar.utc.date(from: DateComponents(year: 2026, month: 11, day: 22))!
        let list = (0..<days).map { index -> Stats.Day in
            let date = Calendar.utc.date(byAdding: .day, value: index - days + 1, to: end)!
            let parts = Calendar.utc.dateComponents([.year, .month, .day], from: date)
            let text = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
            let checkIns = index % 5 == 0 ? 0 : index % 3 + 1
            return Stats.Day(
                date: text, checkIns: checkIns, meanIntensity: checkIns > 0 ? Double(index % 10) : nil,
                lettersWritten: index % 11 == 0 ? 1 : 0, rereads: index % 4 == 0 ? 1 : 0,
                rereadsHelped: index % 8 == 0 ? 1 : 0)
        }
        let total = list.reduce(0) { $0 + $1.checkIns }
        return Stats(
            timeZone: "UTC", days: list,
            triggers: [count("disappointment", total / 2), count("loss", total / 4), count("fear", 0), count("other", total / 8)],
            styles: [count("labeling", total / 3), count("shouldStatement", total / 2), count("overgeneralising", 1)],
            ratings: [count("didNotHelp", 0), count("somewhat", 0), count("helped", list.filter { $0.rereadsHelped > 0 }.count), count("helpedALot", 0)],
            intensityTrend: 0.8)
    }

    static func day(
        _ date: String, _ checkIns: Int = 0, _ intensity: Double? = nil, letters: Int = 0, rereads: Int = 0,
        helped: Int = 0, somewhat: Int = 0, didNotHelp: Int = 0
    ) -> Stats.Day {
        Stats.Day(
            date: date, checkIns: checkIns, meanIntensity: intensity, lettersWritten: letters, rereads: rereads,
            rereadsHelped: helped, rereadsSomewhat: somewhat, rereadsDidNotHelp: didNotHelp)
    }

    static func count(_ key: String, _ value: Int) -> Stats.Count { Stats.Count(key: key, count: value) }

    static func moment(_ text: String) -> Date { try! Date(text, strategy: .iso8601) }
}

extension Calendar {
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
