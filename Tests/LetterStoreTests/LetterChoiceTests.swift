import Foundation
@testable import LetterCore
import LetterSchedule
@testable import LetterStore
import TestSupport
import Testing

/// A moment the critic was loud, and the theme of the letter that ought to answer it.
struct CriticMoment: Sendable, CustomTestStringConvertible {
    var said: String
    var about: String? = nil
    var tags: [String] = []
    var trigger: CriticTrigger? = nil
    var expected: LetterTheme

    var testDescription: String { "\(expected): \(said)" + (trigger.map { " (\($0))" } ?? "") }

    func draft(intensity: Int = 7) throws -> CheckInDraft {
        try CheckInDraft(intensity: intensity, said: said, trigger: trigger, about: about, tags: tags)
    }
}

/// How a check-in chooses the letter to come back to, against a corpus of real-sounding letters
/// in a real (in-memory) store.
@Suite("Choosing the letter for a check-in")
struct LetterChoiceTests {
    static let rules = ScheduleRules(settings: ScheduleSettings(), timeZone: TimeZone(identifier: "Europe/Berlin")!)
    static let offer: @Sendable (Date) -> PlannedPrompt = { LetterChoiceTests.rules.promptForCriticReturn(at: $0) }

    static let moments: [CriticMoment] = [
        // Work
        CriticMoment(said: "You always miss deadlines, you're useless.", about: "the report", tags: ["work"], expected: .work),
        CriticMoment(said: "My manager thinks I'm incompetent and she's right.", about: "the project deadline", expected: .work),
        CriticMoment(
            said: "Everyone at the office can see you can't keep up with your job.", trigger: .fear, expected: .work),
        CriticMoment(said: "Everyone at the office can see you can't keep up with your job.", expected: .work),
        // Family
        CriticMoment(
            said: "You're a terrible daughter, you never even call your mother.", about: "Mum", trigger: .loss,
            expected: .family),
        CriticMoment(
            said: "You ruined Christmas again by picking a fight with your sister.", tags: ["family"], expected: .family),
        CriticMoment(
            said: "Your parents are right, you are an ungrateful child.", about: "the argument with Dad", expected: .family),
        // Body
        CriticMoment(
            said: "You're disgusting, look at your stomach in that mirror.", tags: ["body"], trigger: .disappointment,
            expected: .body),
        CriticMoment(said: "Nobody wants to see you in a swimsuit.", about: "the swimming pool", expected: .body),
        // Loneliness
        CriticMoment(
            said: "Nobody ever wants to spend time with you, you have no friends.", trigger: .loss, expected: .loneliness),
        CriticMoment(said: "Mara stopped answering because you're boring.", about: "my friendship with Mara", expected: .loneliness),
        // Parenting
        CriticMoment(
            said: "You're a horrible mother, you yelled at the kids again.", tags: ["parenting"], expected: .parenting),
        CriticMoment(said: "You lost your temper with Leo. What kind of parent does that?", expected: .parenting),
        // Exams
        CriticMoment(
            said: "You're too stupid to pass this exam.", about: "the statistics resit", tags: ["exams"], expected: .exams),
        CriticMoment(said: "You'll fail your finals because you never revise.", expected: .exams),
        // Breakup
        CriticMoment(said: "No wonder Sam left you, you're unlovable.", tags: ["breakup"], trigger: .loss, expected: .breakup),
        CriticMoment(said: "Your ex has already moved on and you're still pathetic.", about: "my ex", expected: .breakup),
        // Money
        CriticMoment(
            said: "You're hopeless with money and you'll never pay off this debt.", tags: ["money"], expected: .money),
        CriticMoment(said: "You can't even pay the rent on time.", about: "rent", trigger: .fear, expected: .money),
    ]

    @Test("the corpus covers every theme with several letters")
    func corpus() {
        let counts = Dictionary(grouping: LetterCorpus.letters, by: \.theme).mapValues(\.count)
        #expect(LetterCorpus.letters.count >= 36)
        #expect(Set(counts.keys) == Set(LetterTheme.allCases))
        #expect(counts.values.allSatisfy { $0 >= 4 })
        #expect(LetterCorpus.letters.contains { $0.about == nil })
        #expect(LetterCorpus.letters.contains { $0.tags.isEmpty })
    }

    @Test("a check-in picks a letter of its own theme", arguments: moments)
    func picksTheTheme(_ moment: CriticMoment) async throws {
        let (store, _, themes) = try await LetterCorpus.store()
        let outcome = try await store.logCheckIn(try moment.draft())
        let chosen = try #require(outcome.chosen)
        #expect(
            themes[chosen.letterId] == moment.expected,
            "chose \(themes[chosen.letterId].map(String.init(describing:)) ?? "?") letter \(chosen.letterId) (\(chosen.about ?? "no about")): \(chosen.reason)")
        #expect(chosen.fitsTheme)
        #expect(outcome.checkIn.id > 0)
        #expect(outcome.offeredPromptId == nil)  // nothing is offered without `offer`
    }

    @Test("the reason for a match on the letter's about line says what it was written about")
    func reasonNamesAbout() async throws {
        let (store, _, themes) = try await LetterCorpus.store()
        let outcome = try await store.logCheckIn(
            try CheckInDraft(intensity: 6, said: "Late again. You can never hand anything in on time.", about: "the quarterly report"))
        let chosen = try #require(outcome.chosen)
        #expect(themes[chosen.letterId] == .work)
        #expect(chosen.about == "missing the deadline on the quarterly report")
        #expect(chosen.reason.hasPrefix("You wrote it about “missing the deadline on the quarterly report”"))
        #expect(chosen.reason.hasSuffix("and you haven't come back to it yet."))
        #expect(chosen.excerpt.hasPrefix("Dear you, the report went in two days late"))
        #expect(!chosen.reason.contains("\n"))
    }

    /// Two letters a check-in finds equally relevant (same about line and length, differing in
    /// one word no check-in uses), and that check-in.
    static func equallyRelevantPair(in store: LetterDatabase) async throws -> ([Int64], CheckInDraft) {
        var pair: [Int64] = []
        for ending in ["morning", "afternoon"] {
            let text = """
                Failing the driving test doesn't mean you'll never drive. You were nervous, and the examiner saw a careful \
                driver having a hard \(ending). Book the next one when you feel ready.
                """
            pair.append(try await store.writeLetter(try LetterDraft(text: text, about: "failing my driving test"), tags: ["driving"]).id)
        }
        let moment = try CheckInDraft(
            intensity: 8, said: "You failed the driving test again, you'll never learn to drive.", about: "the driving test")
        return (pair, moment)
    }

    @Test("between two equally relevant letters, the one that helped a lot wins", arguments: [0, 1])
    func tieBrokenByRatings(helpedALot index: Int) async throws {
        let (store, clock, _) = try await LetterCorpus.store()
        let (pair, moment) = try await Self.equallyRelevantPair(in: store)
        let before = try #require(try await store.logCheckIn(moment).chosen)
        #expect(pair.contains(before.letterId))

        let (loved, lukewarm) = (pair[index], pair[1 - index])
        _ = try await store.recordReread(letterId: loved, try RereadDraft(rating: .helpedALot, noticed: "I cried, the good kind"), rules: Self.rules)
        clock.advance(by: 3_600)
        _ = try await store.recordReread(letterId: lukewarm, try RereadDraft(rating: .somewhat, noticed: nil), rules: Self.rules)
        clock.advance(by: 4 * 86_400)  // both well rested

        let chosen = try #require(try await store.logCheckIn(moment).chosen)
        #expect(chosen.letterId == loved)
        #expect(chosen.fitsTheme)
        #expect(chosen.lastRating == .helpedALot)
        #expect(chosen.reason.contains("helped a lot"))
    }

    @Test("between two equally relevant letters, the one that quieted the critic more wins, and the reason says by how much",
          arguments: [0, 1])
    func tieBrokenByQuieting(quieter index: Int) async throws {
        let (store, clock, _) = try await LetterCorpus.store()
        let (pair, moment) = try await Self.equallyRelevantPair(in: store)
        let (quieter, louder) = (pair[index], pair[1 - index])
        // Rated alike (helped), but measured apart: 8 to 5 and 7 to 5 (2.5 on average), against 6 to 6.
        for (before, after) in [(8, 5), (7, 5)] {
            _ = try await store.recordReread(
                letterId: quieter, try RereadDraft(rating: .helped, noticed: nil, criticBefore: before, criticAfter: after),
                rules: Self.rules)
            clock.advance(by: 3_600)
        }
        _ = try await store.recordReread(
            letterId: louder, try RereadDraft(rating: .helped, noticed: nil, criticBefore: 6, criticAfter: 6), rules: Self.rules)
        clock.advance(by: 4 * 86_400)  // all well rested

        let chosen = try #require(try await store.logCheckIn(moment).chosen)
        #expect(chosen.letterId == quieter)
        #expect(chosen.reason.hasSuffix(", and reading it quieted the critic by 2.5 on average."), "\(chosen.reason)")
    }

    @Test("the reason for a letter measured once, or one that has not quieted the critic")
    func quietingReasons() {
        func reason(_ quieting: LetterCandidate.Quieting?) -> String {
            LetterChoice.reason(
                for: LetterCandidate(
                    letterId: 1, about: "the exam", tags: [], textStart: "Dear you", rank: -1, ratings: [.helped],
                    lastReadAt: Date(timeIntervalSince1970: 0), quieting: quieting),
                themeWords: ["exam"], tags: [])
        }
        #expect(reason(LetterCandidate.Quieting([3])) == "You wrote it about “the exam”, and reading it quieted the critic by 3 last time.")
        #expect(reason(LetterCandidate.Quieting([0, -1])).hasSuffix("; reading it hasn't quieted the critic so far, and it may land differently today."))
        #expect(reason(nil).hasSuffix(", and it helped last time."), "without a measure, the rating speaks")
        #expect(LetterChoice.landing([.helped], quieting: LetterCandidate.Quieting([3])) > LetterChoice.landing([.helped], quieting: nil))
        #expect(LetterChoice.landing([.helped], quieting: LetterCandidate.Quieting([-2])) < LetterChoice.landing([.helped], quieting: nil))
        #expect(LetterCandidate.Quieting([]) == nil)
    }

    @Test("a letter that didn't help twice in a row gives way to another letter of the same theme", arguments: [
        CriticMoment(said: "You always miss deadlines, you're useless.", about: "the report", tags: ["work"], expected: .work),
        CriticMoment(
            said: "You're hopeless with money and you'll never pay off this debt.", tags: ["money"], expected: .money),
        CriticMoment(said: "No wonder Sam left you, you're unlovable.", tags: ["breakup"], expected: .breakup),
    ])
    func stoppedHelping(_ moment: CriticMoment) async throws {
        let (store, clock, themes) = try await LetterCorpus.store()
        let first = try #require(try await store.logCheckIn(try moment.draft()).chosen)
        try #require(themes[first.letterId] == moment.expected)
        for _ in 0..<2 {
            _ = try await store.recordReread(
                letterId: first.letterId, try RereadDraft(rating: .didNotHelp, noticed: "just tired"), rules: Self.rules)
            clock.advance(by: 2 * 86_400)
        }
        clock.advance(by: 4 * 86_400)

        let next = try #require(try await store.logCheckIn(try moment.draft()).chosen)
        #expect(next.letterId != first.letterId)
        #expect(themes[next.letterId] == moment.expected, "chose letter \(next.letterId) (\(next.about ?? "no about")): \(next.reason)")
        #expect(next.fitsTheme)
    }

    @Test("when the only fitting letter stopped helping, it is named but does not fit, and nothing is offered")
    func onlyFittingLetterStoppedHelping() async throws {
        let (store, clock) = try makeStore()
        let fitting = try await store.writeLetter(
            try LetterDraft(text: "Burning the risotto doesn't make you a failure in the kitchen.", about: "the burnt risotto"))
        _ = try await store.writeLetter(try LetterDraft(text: "You are allowed to rest.", about: "tiredness"))
        for _ in 0..<2 {
            _ = try await store.recordReread(letterId: fitting.id, try RereadDraft(rating: .didNotHelp, noticed: nil), rules: Self.rules)
            clock.advance(by: 4 * 86_400)
        }
        let outcome = try await store.logCheckIn(
            try CheckInDraft(intensity: 5, said: "You burnt the risotto, you're hopeless in the kitchen."), offer: Self.offer)
        let chosen = try #require(outcome.chosen)
        #expect(chosen.letterId == fitting.id)
        #expect(!chosen.fitsTheme)
        #expect(chosen.reason.contains("hasn't helped lately"))
        #expect(outcome.offeredPromptId == nil)
    }

    @Test("with no letters at all, nothing is chosen and nothing offered")
    func noLetters() async throws {
        let (store, _) = try makeStore()
        let outcome = try await store.logCheckIn(
            try CheckInDraft(intensity: 9, said: "You always mess everything up.", tags: ["work"]), offer: Self.offer)
        #expect(outcome.chosen == nil)
        #expect(outcome.offeredPromptId == nil)
        #expect(outcome.checkIn.said == "You always mess everything up.")
        #expect(try await store.openPrompts().isEmpty)
        #expect(try await store.checkIns(limit: 10).map(\.id) == [outcome.checkIn.id])
    }

    @Test(
        "a check-in on a theme no letter covers gets a letter that does not fit, and no prompt, whatever set it off",
        arguments: [nil] + CriticTrigger.allCases.map(Optional.some))
    func noLetterFits(trigger: CriticTrigger?) async throws {
        let (store, clock, themes) = try await LetterCorpus.store()
        let outcome = try await store.logCheckIn(
            try CheckInDraft(intensity: 4, said: "My cooking is a disaster.", trigger: trigger, about: "cooking", tags: ["cooking"]),
            offer: Self.offer)
        let chosen = try #require(outcome.chosen)
        #expect(themes[chosen.letterId] != nil)
        #expect(
            chosen.fitsTheme == false,
            "chose \(themes[chosen.letterId].map(String.init(describing:)) ?? "?") letter \(chosen.letterId) (\(chosen.about ?? "no about")): \(chosen.reason)")
        #expect(chosen.reason.hasPrefix("None of your letters is about this yet"))
        #expect(outcome.offeredPromptId == nil)
        #expect(try await store.openPrompts(dueBy: clock.now()).isEmpty)
    }

    @Test("a fitting choice is offered as a reread due now, once, however often the critic returns")
    func offering() async throws {
        let (store, clock, themes) = try await LetterCorpus.store()
        let moment = try CheckInDraft(
            intensity: 8, said: "You're a horrible mother, you yelled at the kids again.", tags: ["parenting"])
        let first = try await store.logCheckIn(moment, offer: Self.offer)
        let chosen = try #require(first.chosen)
        #expect(themes[chosen.letterId] == .parenting)
        let promptId = try #require(first.offeredPromptId)
        let due = try await store.openPrompts(dueBy: clock.now())
        #expect(due.map(\.id) == [promptId])
        #expect(due.first?.letterId == chosen.letterId)
        #expect(due.first?.kind == .reread)
        #expect(due.first?.reason == .criticReturned)
        #expect(due.first?.dueAt == clock.now().roundedToMilliseconds)

        clock.advance(by: 20 * 60)
        let second = try await store.logCheckIn(moment, offer: Self.offer)
        #expect(second.chosen?.letterId == chosen.letterId)
        #expect(second.offeredPromptId == nil)
        #expect(try await store.openPrompts(dueBy: clock.now()).map(\.id) == [promptId])
        #expect(try await store.checkIns(limit: 10).count == 2)
    }

    @Test("check-ins in other languages, or with search syntax in them, do not crash and still get one of the letters", arguments: [
        "Du bist so faul, du schaffst deine Arbeit nie rechtzeitig.",
        "Tu es nulle, tu as encore raté l'examen.",
        "また締め切りに遅れた。私は本当にダメだ。",
        "Είσαι άχρηστος, πάντα αργείς.",
        "أنت فاشل دائماً",
        "Ты никому не нужна 😞",
        "😞😞😞 …",
        "NEAR AND OR NOT \"quoted\" (parens) * ^ col:umn",
    ])
    func nonEnglish(_ said: String) async throws {
        let (store, _, themes) = try await LetterCorpus.store()
        let outcome = try await store.logCheckIn(try CheckInDraft(intensity: 6, said: said), offer: Self.offer)
        let chosen = try #require(outcome.chosen)
        #expect(themes[chosen.letterId] != nil)
        #expect(!chosen.reason.isEmpty)
    }

    @Test("only the newest matches are ranked for a check-in, and the trigger's word alone makes no match")
    func rankedNewest() async throws {
        let (store, _) = try makeStore()
        // The oldest letter matches best (its about line), but falls outside the newest two.
        let oldest = try await store.writeLetter(LetterDraft(text: "Deadlines and fear.", about: "the deadline"))
        var newer: [Int64] = []
        for number in 1...3 {
            newer.append(try await store.writeLetter(LetterDraft(text: "Letter \(number): the deadline came and went.")).id)
        }
        // A letter only the trigger's word matches: it must not become a match.
        let fearOnly = try await store.writeLetter(LetterDraft(text: "On fear, and nothing else.")).id

        let narrow = try await store.read { db in
            try LetterDatabase.letterCandidates(db, themeWords: ["deadline"], related: ["fear"], ranked: 2)
        }
        let ranked = Dictionary(uniqueKeysWithValues: narrow.compactMap { c in c.rank.map { (c.letterId, $0) } })
        #expect(Set(ranked.keys) == Set(newer.suffix(2)), "the two newest letters with the word, and only they, are ranked")
        #expect(narrow.first { $0.letterId == fearOnly }?.rank == nil)

        let wide = try await store.read { db in
            try LetterDatabase.letterCandidates(db, themeWords: ["deadline"], related: ["fear"], ranked: 10)
        }
        let wideRanks = Dictionary(uniqueKeysWithValues: wide.compactMap { c in c.rank.map { (c.letterId, $0) } })
        #expect(Set(wideRanks.keys) == Set(newer + [oldest.id]))
        #expect(wideRanks[oldest.id]! < wideRanks[newer[0]]!, "the about line, and the trigger's word, rank it first")
        #expect(wide.first { $0.letterId == fearOnly }?.rank == nil, "the trigger alone makes no match")
    }

    @Test("the widened search leaves out words the index reads as ones already searched")
    func wideningByIndexedForm() async throws {
        let (store, _) = try makeStore()
        // The best match's about line says "messing" and "kitchen"; to the index, "messing" is "mess".
        _ = try await store.writeLetter(LetterDraft(text: "The mess, the mess, the mess.", about: "messing up the kitchen"))
        let other = try await store.writeLetter(LetterDraft(text: "Another mess entirely."))
        let kitchen = try await store.writeLetter(LetterDraft(text: "A quiet kitchen."))
        // Letters with neither word, so that "mess" is rare enough to weigh something.
        for _ in 1...5 { _ = try await store.writeLetter(LetterDraft(text: "A walk by the sea.")) }
        let (candidates, first) = try await store.read { db in
            (try LetterDatabase.letterCandidates(db, themeWords: ["mess"]),
             try LetterDatabase.fullTextRanks(db, words: ["mess"], ranked: LetterDatabase.choiceRankedMatches))
        }
        let ranks = Dictionary(uniqueKeysWithValues: candidates.compactMap { c in c.rank.map { (c.letterId, $0) } })
        #expect(ranks[kitchen.id] != nil, "the widening found the letter about the kitchen")
        #expect(try #require(first[other.id]) < -0.1)
        #expect(ranks[other.id] == first[other.id], "a letter only \"mess\" matches keeps the rank \"mess\" gave it")
        let fresh = try await store.read { db in
            try LetterDatabase.unsearchedWords(db, in: ["messing", "kitchen", "kitchens", "Mess"], searched: ["mess"])
        }
        #expect(fresh == ["kitchen"])
    }
}
