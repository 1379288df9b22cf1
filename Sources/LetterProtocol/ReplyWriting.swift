#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import LetterCore
import VarlinkProtocol

// The replies of the commands people run many times a day (list, due, search), written by
// letterd field by field (``JSONWritable``) instead of through Foundation's `JSONEncoder`: the
// mirror of ``ReadableReply``, letterctl's reading of them. The field names are the synthesized
// coding keys, spelled out as in ReplyReading.swift; `ReplyWritingTests` hold each writing to
// the `Encodable` one on random replies, so a rename or a new field fails there.

extension ListLettersReply: JSONWritable {
    public var json: JSONValue {
        let fields: [(String, JSONValue?)] = [("letters", .array(letters.map(\.json)))]
        return .fields(fields)
    }
}

extension ListDueReply: JSONWritable {
    public var json: JSONValue {
        let fields: [(String, JSONValue?)] = [
            ("prompts", .array(prompts.map(\.json))),
            ("pausedUntil", .time(pausedUntil)),
            ("selfCheckInvited", .bool(selfCheckInvited)),
        ]
        return .fields(fields)
    }
}

extension SearchResults: JSONWritable {
    public var json: JSONValue {
        let fields: [(String, JSONValue?)] = [("hits", .array(hits.map(\.json))), ("rankedNewest", .integer(rankedNewest))]
        return .fields(fields)
    }
}

extension LetterSummary {
    var json: JSONValue {
        let fields: [(String, JSONValue?)] = [
            ("id", .integer(id)), ("about", .string(about)), ("perspective", .string(perspective)),
            ("excerpt", .string(excerpt)), ("tags", .strings(tags)), ("version", .integer(version)),
            ("createdAt", .time(createdAt)), ("updatedAt", .time(updatedAt)),
        ]
        return .fields(fields)
    }
}

extension Prompt {
    var json: JSONValue {
        let fields: [(String, JSONValue?)] = [
            ("id", .integer(id)), ("letterId", .integer(letterId)), ("kind", .string(kind.rawValue)),
            ("reason", .string(reason.rawValue)), ("dueAt", .time(dueAt)), ("notifiedAt", .time(notifiedAt)),
            ("about", .string(about)), ("excerpt", .string(excerpt)),
        ]
        return .fields(fields)
    }
}

extension SearchHit {
    var json: JSONValue {
        let fields: [(String, JSONValue?)] = [
            ("kind", .string(kind.rawValue)), ("id", .integer(id)), ("snippet", .string(snippet)), ("rank", .number(rank)),
        ]
        return .fields(fields)
    }
}

extension JSONValue {
    /// A time as letterd's encoder writes it (``VarlinkJSON/format(_:)``).
    static func time(_ date: Date) -> JSONValue { .string(VarlinkJSON.format(date)) }

    // Optional values, left out of ``fields(_:)`` when nil.
    static func time(_ date: Date?) -> JSONValue? { date.map(time) }
    static func string(_ text: String?) -> JSONValue? { text.map(JSONValue.string) }
    static func integer(_ number: Int64?) -> JSONValue? { number.map(JSONValue.integer) }
    static func integer(_ number: Int?) -> JSONValue? { number.map { .integer(Int64($0)) } }
    static func integer(_ number: Int) -> JSONValue { .integer(Int64(number)) }
    static func strings(_ texts: [String]) -> JSONValue { .array(texts.map(JSONValue.string)) }
}
