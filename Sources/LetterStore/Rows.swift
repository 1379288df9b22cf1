import Foundation
import GRDB
import LetterCore

// The store's row types: one per table, plain Codable structs with GRDB's conformances.
// The domain's types (LetterCore) know nothing of GRDB; these convert to and from them.

struct LetterRow: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "letter"
    var id: Int64?
    var createdAt: Date

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

struct LetterVersionRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "letterVersion"
    var letterId: Int64
    var number: Int
    var about: String?
    var perspective: String?
    var text: String
    var warmth: Int?
    var createdAt: Date

    var version: LetterVersion {
        LetterVersion(number: number, about: about, perspective: perspective, text: text, warmth: warmth, createdAt: createdAt)
    }
}

struct LetterTagRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "letterTag"
    var letterId: Int64
    var tag: String
}

struct CheckInRow: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "criticCheckIn"
    var id: Int64?
    var at: Date
    var intensity: Int
    var said: String?
    var trigger: String?
    var about: String?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    var checkIn: CriticCheckIn {
        CriticCheckIn(
            id: id ?? 0, at: at, intensity: intensity, said: said,
            trigger: trigger.flatMap(CriticTrigger.init(rawValue:)), about: about)
    }
}

/// A letter's row joined with its latest version (see `LetterDatabase.latestVersionSQL`).
struct LatestLetterRow: Decodable, FetchableRecord {
    var id: Int64
    var createdAt: Date
    var number: Int
    var about: String?
    var perspective: String?
    var text: String
    var warmth: Int?
    var updatedAt: Date

    func letter(tags: [String]) -> Letter {
        Letter(
            id: id, about: about, perspective: perspective, text: text, warmth: warmth,
            tags: tags, version: number, createdAt: createdAt, updatedAt: updatedAt)
    }

    func summary(tags: [String]) -> LetterSummary {
        LetterSummary(
            id: id, about: about, perspective: perspective, excerpt: LetterSummary.excerpt(of: text),
            tags: tags, version: number, createdAt: createdAt, updatedAt: updatedAt)
    }
}
