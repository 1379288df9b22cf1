import Foundation
import GRDB
import LetterCore

extension LetterDatabase {
    /// Records a self-check: one answer per statement of the current list.
    public func recordSelfCheck(_ answers: [Bool]) async throws -> SelfCheckScore {
        let score = try SelfCheck.score(answers)
        let now = clock.now().roundedToMilliseconds
        return try await write { db in
            try db.execute(
                sql: "INSERT INTO selfCheck (at, version, answers, score, outOf) VALUES (?, ?, ?, ?, ?)",
                arguments: [now.stored, SelfCheck.version, String(answers.map { $0 ? "y" : "n" }), score, answers.count])
            return SelfCheckScore(at: now, score: score, outOf: answers.count, version: SelfCheck.version)
        }
    }

    /// Declines this month's invitation; it comes back after ``SelfCheck/interval``.
    public func declineSelfCheck() async throws {
        let now = clock.now().roundedToMilliseconds
        try await write { db in
            try db.execute(
                sql: "INSERT INTO selfCheck (at, version, outOf) VALUES (?, ?, ?)",
                arguments: [now.stored, SelfCheck.version, SelfCheck.statements.count])
        }
    }

    /// Every self-check taken, oldest first.
    public func selfChecks() async throws -> [SelfCheckScore] {
        try await read { db in try Self.fetchSelfCheckScores(db) }
    }

    static func fetchSelfCheckScores(_ db: Database) throws -> [SelfCheckScore] {
        try Row.fetchAll(db, sql: "SELECT at, score, outOf, version FROM selfCheck WHERE score IS NOT NULL ORDER BY at, id")
            .map { SelfCheckScore(at: $0["at"], score: $0["score"], outOf: $0["outOf"], version: $0["version"]) }
    }

    /// Whether to offer the self-check now: never more than once per ``SelfCheck/interval``
    /// (taken or declined), and not in a person's first week with letterd.
    public func selfCheckInvited() async throws -> Bool {
        let now = clock.now()
        return try await read { db in try Self.fetchSelfCheckInvited(db, now: now) }
    }

    static func fetchSelfCheckInvited(_ db: Database, now: Date) throws -> Bool {
        if let last = try Date.fetchOne(db, sql: "SELECT max(at) FROM selfCheck") {
            return now.timeIntervalSince(last) >= SelfCheck.interval
        }
        let first = try Date.fetchOne(db, sql: """
            SELECT min(at) FROM (SELECT min(createdAt) AS at FROM letter UNION ALL SELECT min(at) FROM criticCheckIn)
            """)
        return first.map { now.timeIntervalSince($0) >= 7 * 86_400 } ?? false
    }
}
