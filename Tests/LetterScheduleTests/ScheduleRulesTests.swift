import Foundation
import LetterCore
import LetterSchedule
import Testing

@Suite("When prompts fall due")
struct ScheduleRulesTests {
    @Test("a new letter rests before its first reread, and is invited back for rework the next day")
    func newLetter() {
        let written = local(2026, 11, 23, 12, 0)
        let prompts = rules().promptsForNewLetter(writtenAt: written)
        #expect(prompts == [
            PlannedPrompt(kind: .reread, reason: .firstReread, dueAt: local(2026, 11, 23, 15, 0)),
            PlannedPrompt(kind: .rework, reason: .nextDayRework, dueAt: local(2026, 11, 24, 10, 0)),
        ])
        // Never right after writing: the first reread is at least the pause away.
        #expect(prompts[0].dueAt.timeIntervalSince(written) >= 3 * 3_600)
    }

    @Test("a letter written in the small hours is invited back the same morning, after sleep")
    func smallHours() {
        #expect(rules().nextDay(after: local(2026, 11, 24, 1, 30)) == local(2026, 11, 24, 10, 0))
        #expect(rules().nextDay(after: local(2026, 11, 24, 4, 0)) == local(2026, 11, 25, 10, 0))
        #expect(rules().nextDay(after: local(2026, 11, 24, 23, 59)) == local(2026, 11, 25, 10, 0))
    }

    @Test("the next day keeps its wall-clock time across both DST changes")
    func nextDayAcrossDST() {
        // Europe/Berlin: clocks go forward on 29 March 2026 and back on 25 October 2026.
        #expect(rules().nextDay(after: local(2026, 3, 28, 12, 0)) == utc(2026, 3, 29, 8, 0))  // 10:00 CEST
        #expect(rules().nextDay(after: local(2026, 10, 24, 12, 0)) == utc(2026, 10, 25, 9, 0))  // 10:00 CET
    }

    @Test("the calm after the help note lasts the rest of the day: until the day starts again at 04:00")
    func calmUntil() {
        #expect(rules().calmUntil(afterNoteAt: local(2026, 11, 24, 15, 0)) == local(2026, 11, 25, 4, 0))
        #expect(rules().calmUntil(afterNoteAt: local(2026, 11, 24, 23, 59)) == local(2026, 11, 25, 4, 0))
        // In the small hours the day is still the one before: it ends at 04:00 that morning.
        #expect(rules().calmUntil(afterNoteAt: local(2026, 11, 25, 1, 30)) == local(2026, 11, 25, 4, 0))
        #expect(rules { $0.dayStartsAt = TimeOfDay(hour: 6, minute: 0)! }.calmUntil(afterNoteAt: local(2026, 11, 24, 15, 0))
            == local(2026, 11, 25, 6, 0))
        // Across a clock change, 04:00 on the wall.
        #expect(rules().calmUntil(afterNoteAt: local(2026, 10, 24, 12, 0)) == utc(2026, 10, 25, 3, 0))
        // A configured length instead.
        #expect(rules { $0.calmAfterNote = 12 * 3_600 }.calmUntil(afterNoteAt: local(2026, 11, 24, 15, 0))
            == local(2026, 11, 25, 3, 0))
    }

    @Test("a new version rests like a new letter, with no second rework invitation")
    func afterRevision() {
        let at = local(2026, 11, 24, 10, 30)
        #expect(rules().promptsAfterRevision(at: at) == [
            PlannedPrompt(kind: .reread, reason: .afterRework, dueAt: local(2026, 11, 24, 13, 30))
        ])
    }

    @Test("rereads that help push the next one further out; the ease follows SM-2")
    func spacingGrows() {
        let r = rules()
        var spacing = Spacing()
        var at = local(2026, 11, 23, 15, 0)
        var gaps: [Double] = []
        for rating in [ReadingRating.helped, .helped, .helpedALot, .helpedALot] {
            let (next, prompt) = r.afterReread(spacing, rating: rating, at: at)
            #expect(prompt.kind == .reread)
            #expect(prompt.reason == .spacedReread)
            gaps.append(prompt.dueAt.timeIntervalSince(at) / 86_400)
            spacing = next
            at = prompt.dueAt
        }
        // 2 days after the first reread, then ×2.5, ×2.5, then the ease rises to 2.6 and 2.7.
        #expect(gaps.map { ($0 * 100).rounded() / 100 } == [2, 5, 13, 35.1])
        #expect(abs(spacing.ease - 2.7) < 1e-9)
    }

    @Test("a reread that helped a little grows the gap gently and lowers the ease")
    func somewhat() {
        let (next, prompt) = rules().afterReread(Spacing(ease: 2.5, interval: 4 * 86_400), rating: .somewhat, at: local(2026, 11, 23, 12))
        #expect(abs(next.ease - 2.36) < 1e-9)
        #expect(abs(prompt.dueAt.timeIntervalSince(local(2026, 11, 23, 12)) - 4.8 * 86_400) < 1)
    }

    @Test("a reread that did not help halves the gap; two in a row bring a rework invitation instead")
    func stopsHelping() {
        let r = rules()
        let at = local(2026, 11, 23, 12)
        let (once, first) = r.afterReread(Spacing(ease: 2.5, interval: 8 * 86_400), rating: .didNotHelp, at: at)
        #expect(first.kind == .reread)
        #expect(first.dueAt == at.addingTimeInterval(4 * 86_400))
        #expect(once.unhelpfulStreak == 1)
        #expect(abs(once.ease - 2.18) < 1e-9)

        let (twice, second) = r.afterReread(once, rating: .didNotHelp, at: first.dueAt)
        #expect(second.kind == .rework)
        #expect(second.reason == .notResonating)
        #expect(second.dueAt == r.nextDay(after: first.dueAt))
        #expect(twice.unhelpfulStreak == 0)
    }

    @Test("a reread that helps in between resets the count of unhelpful ones")
    func streakResets() {
        let r = rules()
        let at = local(2026, 11, 23, 12)
        let (a, _) = r.afterReread(Spacing(interval: 86_400 * 4), rating: .didNotHelp, at: at)
        let (b, _) = r.afterReread(a, rating: .helped, at: at)
        let (_, third) = r.afterReread(b, rating: .didNotHelp, at: at)
        #expect(third.kind == .reread)
    }

    @Test("the gap stays within the shortest and longest spacing, and the ease within 1.3 and 3.0")
    func bounds() {
        let r = rules()
        var spacing = Spacing(ease: 3.0, interval: 100 * 86_400)
        (spacing, _) = r.afterReread(spacing, rating: .helpedALot, at: .now)
        #expect(spacing.interval == r.settings.longestSpacing)
        #expect(spacing.ease == 3.0)
        spacing = Spacing(ease: 1.4, interval: 1.5 * 86_400)
        (spacing, _) = r.afterReread(spacing, rating: .didNotHelp, at: .now)
        #expect(spacing.interval == r.settings.shortestSpacing)
        #expect(spacing.ease == 1.3)
    }

    @Test("a skipped reread comes back after the current gap; a skipped rework lets rereads resume")
    func skip() {
        let r = rules()
        let at = local(2026, 11, 23, 12)
        #expect(r.afterSkip(Spacing(interval: 5 * 86_400), kind: .reread, at: at, rereadStillOpen: false)?.dueAt
            == at.addingTimeInterval(5 * 86_400))
        #expect(r.afterSkip(Spacing(), kind: .reread, at: at, rereadStillOpen: false)?.dueAt
            == at.addingTimeInterval(2 * 86_400))
        #expect(r.afterSkip(Spacing(), kind: .rework, at: at, rereadStillOpen: true) == nil)
        #expect(r.afterSkip(Spacing(interval: 3 * 86_400), kind: .rework, at: at, rereadStillOpen: false)
            == PlannedPrompt(kind: .reread, reason: .spacedReread, dueAt: at.addingTimeInterval(3 * 86_400)))
    }
}
