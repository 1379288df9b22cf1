import Foundation
import GRDB
import LetterCore

extension LetterDatabase {
    /// Every saved version of the person's description of their critic, oldest first.
    public func criticProfiles() async throws -> [CriticProfile] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM criticProfileVersion ORDER BY number").map(Self.profile)
        }
    }

    /// Saves the answers as a new version, unless they are the latest version's already (then
    /// that version is returned and nothing is written).
    public func saveCriticProfile(_ answers: CriticProfile.Answers) async throws -> CriticProfile {
        let answers = try answers.checked()
        let now = clock.now().roundedToMilliseconds
        return try await write { db in
            let latest = try Row.fetchOne(db, sql: "SELECT * FROM criticProfileVersion ORDER BY number DESC LIMIT 1").map(Self.profile)
            if let latest, latest.answers == answers { return latest }
            let number = (latest?.version ?? 0) + 1
            try db.execute(
                sql: """
                    INSERT INTO criticProfileVersion (number, at, targets, says, sounds, feels, costs)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [number, now.stored, answers.targets, answers.says, answers.sounds, answers.feels, answers.costs])
            return CriticProfile(version: number, at: now, answers: answers)
        }
    }

    static func profile(_ row: Row) -> CriticProfile {
        CriticProfile(
            version: row["number"], at: row["at"],
            answers: CriticProfile.Answers(
                targets: row["targets"], says: row["says"], sounds: row["sounds"], feels: row["feels"], costs: row["costs"]))
    }
}
