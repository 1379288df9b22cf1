import Foundation
import GRDB
import LetterCore

extension LetterDatabase {
    /// The last `days` calendar days (today included) in `calendar`'s time zone: check-ins per
    /// day and how loud, triggers and styles, letters written, rereads and how they landed, and
    /// every self-check score. One read transaction, so the numbers agree with each other.
    public func stats(days: Int, calendar: Calendar) async throws -> Stats {
        let now = clock.now()
        let today = calendar.startOfDay(for: now)
        // Day boundaries, computed once: a day is not always 24 hours (DST), and a binary
        // search over these is cheaper than a calendar computation per row.
        let starts = (0...days).map { calendar.date(byAdding: .day, value: $0 - (days - 1), to: today)! }
        let labels = starts.dropLast().map { date -> String in
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
        }
        @Sendable func dayIndex(_ date: Date) -> Int? {
            guard date >= starts[0], date < starts[days] else { return nil }
            var low = 0, high = days  // starts[low] <= date < starts[high]
            while high - low > 1 {
                let middle = (low + high) / 2
                if starts[middle] <= date { low = middle } else { high = middle }
            }
            return low
        }
        let from = starts[0].stored
        let to = starts[days].stored
        return try await read { db in
            var result = labels.map { Stats.Day(date: $0) }
            var intensitySums = Array(repeating: 0, count: days)
            var triggers: [String: Int] = [:]
            let checkIns = try Row.fetchCursor(
                db, sql: "SELECT at, intensity, \"trigger\" FROM criticCheckIn WHERE at >= ? AND at < ?", arguments: [from, to])
            while let row = try checkIns.next() {
                guard let index = dayIndex(row["at"]) else { continue }
                result[index].checkIns += 1
                intensitySums[index] += row["intensity"] as Int
                if let trigger: String = row["trigger"] { triggers[trigger, default: 0] += 1 }
            }
            for index in result.indices where result[index].checkIns > 0 {
                result[index].meanIntensity = Double(intensitySums[index]) / Double(result[index].checkIns)
            }
            var styles: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT s.style, count(*) AS count FROM checkInStyle s JOIN criticCheckIn c ON c.id = s.checkInId
                WHERE c.at >= ? AND c.at < ? GROUP BY s.style
                """, arguments: [from, to]) {
                styles[row["style"]] = row["count"]
            }
            for date in try Date.fetchAll(db, sql: "SELECT createdAt FROM letter WHERE createdAt >= ? AND createdAt < ?", arguments: [from, to]) {
                if let index = dayIndex(date) { result[index].lettersWritten += 1 }
            }
            var ratings: [String: Int] = [:]
            var drops: [Int] = []
            var believable: [Int] = []
            for row in try Row.fetchAll(db, sql: """
                SELECT at, rating, criticBefore - criticAfter AS drop_, believable FROM reread WHERE at >= ? AND at < ?
                """, arguments: [from, to]) {
                guard let index = dayIndex(row["at"]) else { continue }
                if let drop = row["drop_"] as Int? { drops.append(drop) }
                if let value = row["believable"] as Int? { believable.append(value) }
                result[index].rereads += 1
                let rating = (row["rating"] as String?).flatMap(ReadingRating.init(rawValue:))
                switch rating {
                case .helped?, .helpedALot?: result[index].rereadsHelped += 1
                case .somewhat?: result[index].rereadsSomewhat += 1
                case .didNotHelp?: result[index].rereadsDidNotHelp += 1
                case nil: break
                }
                if let rating { ratings[rating.rawValue, default: 0] += 1 }
            }
            let selfChecks = try Self.fetchSelfCheckScores(db)

            return Stats(
                timeZone: calendar.timeZone.identifier, days: result,
                triggers: CriticTrigger.allCases.map { Stats.Count(key: $0.rawValue, count: triggers[$0.rawValue] ?? 0) },
                styles: ThinkingStyle.allCases.map { Stats.Count(key: $0.rawValue, count: styles[$0.rawValue] ?? 0) },
                ratings: ReadingRating.allCases.map { Stats.Count(key: $0.rawValue, count: ratings[$0.rawValue] ?? 0) },
                intensityTrend: Self.trend(result, sums: intensitySums), selfChecks: selfChecks,
                quieting: Self.mean(drops), quietingRereads: drops.count,
                believability: Self.mean(believable), believabilityRereads: believable.count)
        }
    }

    static func mean(_ values: [Int]) -> Double? {
        values.isEmpty ? nil : Double(values.reduce(0, +)) / Double(values.count)
    }

    /// Mean intensity of the later half of the days minus the earlier half's.
    static func trend(_ days: [Stats.Day], sums: [Int]) -> Double? {
        let middle = days.count / 2
        func mean(_ range: Range<Int>) -> Double? {
            let count = days[range].reduce(0) { $0 + $1.checkIns }
            guard count > 0 else { return nil }
            return Double(sums[range].reduce(0, +)) / Double(count)
        }
        guard let earlier = mean(0..<middle), let later = mean(middle..<days.count) else { return nil }
        return ((later - earlier) * 10).rounded() / 10
    }
}
