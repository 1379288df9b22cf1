import LetterCore
import VarlinkProtocol

/// A reply letterctl reads by hand, field by field (``JSONObjectReader``), instead of through
/// `Decodable`: the replies of the commands people run many times a day (log-critic, list,
/// due, search), whose speed is a target (`make bench`). `ReplyReadingTests` hold each
/// reading to the `Decodable` one, on replies encoded by letterd's encoder and on damaged ones.
public protocol ReadableReply {
    init(reading object: JSONObjectReader) throws(JSONReadFailure)
}

extension ReadableReply {
    /// Reads a reply's parameters.
    public init(json: JSONValue) throws(JSONReadFailure) {
        try self.init(reading: JSONObjectReader(json))
    }
}

extension ListLettersReply: ReadableReply {
    public init(reading object: JSONObjectReader) throws(JSONReadFailure) {
        self.init(letters: try object.objects("letters", LetterSummary.init(reading:)))
    }
}

extension ListDueReply: ReadableReply {
    public init(reading object: JSONObjectReader) throws(JSONReadFailure) {
        self.init(
            prompts: try object.objects("prompts", Prompt.init(reading:)),
            pausedUntil: try object.optionalDate("pausedUntil"),
            selfCheckInvited: try object.bool("selfCheckInvited"))
    }
}

extension SearchResults: ReadableReply {
    public init(reading object: JSONObjectReader) throws(JSONReadFailure) {
        self.init(
            hits: try object.objects("hits", SearchHit.init(reading:)),
            rankedNewest: try object.optionalInteger("rankedNewest"))
    }
}

extension LogCheckInReply: ReadableReply {
    public init(reading object: JSONObjectReader) throws(JSONReadFailure) {
        self.init(
            checkIn: try object.object("checkIn", CriticCheckIn.init(reading:)),
            chosen: try object.optionalObject("chosen", ChosenLetter.init(reading:)),
            offeredPromptId: try object.optionalInteger("offeredPromptId"),
            invitation: try object.optionalObject("invitation", Prompt.init(reading:)),
            help: try object.optionalObject("help", HelpNote.init(reading:)))
    }
}

// The domain's types inside those replies. The field names are the synthesized coding keys,
// which are private, so they are spelled out here; the tests fail on a rename.

extension LetterSummary {
    init(reading object: JSONObjectReader) throws(JSONReadFailure) {
        self.init(
            id: try object.integer("id"), about: try object.optionalString("about"),
            perspective: try object.optionalString("perspective"), excerpt: try object.string("excerpt"),
            tags: try object.strings("tags"), version: try object.integer("version"),
            createdAt: try object.date("createdAt"), updatedAt: try object.date("updatedAt"))
    }
}

extension Prompt {
    init(reading object: JSONObjectReader) throws(JSONReadFailure) {
        self.init(
            id: try object.integer("id"), letterId: try object.optionalInteger("letterId"),
            kind: try object.value("kind", as: PromptKind.self), reason: try object.value("reason", as: PromptReason.self),
            dueAt: try object.date("dueAt"), notifiedAt: try object.optionalDate("notifiedAt"),
            about: try object.optionalString("about"), excerpt: try object.string("excerpt"))
    }
}

extension SearchHit {
    init(reading object: JSONObjectReader) throws(JSONReadFailure) {
        self.init(
            kind: try object.value("kind", as: SearchHit.Kind.self), id: try object.integer("id"),
            snippet: try object.string("snippet"), rank: try object.double("rank"))
    }
}

extension CriticCheckIn {
    init(reading object: JSONObjectReader) throws(JSONReadFailure) {
        self.init(
            id: try object.integer("id"), at: try object.date("at"), intensity: try object.integer("intensity"),
            said: try object.optionalString("said"), trigger: try object.optionalValue("trigger", as: CriticTrigger.self),
            about: try object.optionalString("about"), tags: try object.strings("tags"),
            styles: try object.values("styles", as: ThinkingStyle.self),
            voice: try object.optionalValue("voice", as: CriticVoice.self), readingCorrected: try object.bool("readingCorrected"))
    }
}

extension HelpNote {
    init(reading object: JSONObjectReader) throws(JSONReadFailure) {
        self.init(note: try object.string("note"), resources: try object.strings("resources"))
    }
}

extension ChosenLetter {
    init(reading object: JSONObjectReader) throws(JSONReadFailure) {
        self.init(
            letterId: try object.integer("letterId"), about: try object.optionalString("about"),
            excerpt: try object.string("excerpt"), reason: try object.string("reason"),
            fitsTheme: try object.bool("fitsTheme"), lastRating: try object.optionalValue("lastRating", as: ReadingRating.self))
    }
}
