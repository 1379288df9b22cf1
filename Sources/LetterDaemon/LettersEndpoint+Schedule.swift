import Foundation
import LetterCore
import LetterProtocol
import LetterSchedule
import LetterStore
import VarlinkProtocol
import VarlinkServer

/// The schedule's methods of `io.letterd.Letters`: what is due, rereads, skip, snooze, pause.
extension LettersEndpoint {
    func registerSchedule(on router: inout VarlinkRouter) {
        let database = database
        let scheduler = scheduler

        router.register(LettersInterface.Method.listDue.rawValue) { (p: ListDueParameters) in
            let now = scheduler.clock.now()
            let due = try await database.dueList(dueBy: p.all == true ? nil : now, now: now)
            return ListDueReply(prompts: due.prompts, pausedUntil: due.pausedUntil, selfCheckInvited: due.selfCheckInvited)
        }
        router.register(LettersInterface.Method.getSchedule.rawValue) { (p: GetScheduleParameters) in
            let now = scheduler.clock.now()
            if let id = p.id, try await database.letter(id: id) == nil { throw StoreError.letterNotFound(id) }
            let prompts = try await database.openPrompts(letterId: p.id)
            var spacing: SpacingInfo? = nil
            var rereads: [Reread]? = nil
            if let id = p.id {
                let value = try await database.spacing(ofLetter: id)
                spacing = SpacingInfo(ease: value.ease, intervalSeconds: value.interval, unhelpfulStreak: value.unhelpfulStreak)
                rereads = try await database.rereads(ofLetter: id)
            }
            return GetScheduleReply(
                prompts: prompts, spacing: spacing, rereads: rereads,
                pausedUntil: try await database.activePause(now: now),
                nextNotificationAt: try await scheduler.nextNotificationAt())
        }
        router.register(LettersInterface.Method.recordReread.rawValue) { (p: RecordRereadParameters) in
            let draft = try RereadDraft(
                rating: p.rating, noticed: p.noticed, criticBefore: p.criticBefore, criticAfter: p.criticAfter,
                believable: p.believable)
            let (reread, next) = try await database.recordReread(letterId: p.id, draft, rules: scheduler.rules)
            scheduler.nudge()
            return RecordRereadReply(reread: reread, next: next, help: await helpNoteRecorded(texts: [draft.noticed]))
        }
        router.register(LettersInterface.Method.skipPrompt.rawValue) { (p: LetterIdParameters) in
            let (skipped, next) = try await database.skipPrompt(letterId: p.id, rules: scheduler.rules)
            scheduler.nudge()
            return SkipPromptReply(skipped: skipped, next: next)
        }
        router.register(LettersInterface.Method.snooze.rawValue) { (p: SnoozeParameters) in
            let seconds = try Self.hold(p.seconds, field: "seconds")
            let prompts = try await database.snooze(letterId: p.id, until: scheduler.clock.now().addingTimeInterval(seconds))
            scheduler.nudge()
            return PromptsReply(prompts: prompts)
        }
        router.register(LettersInterface.Method.pause.rawValue) { (p: PauseParameters) in
            let seconds = try Self.hold(p.seconds, field: "seconds")
            let until = scheduler.clock.now().addingTimeInterval(seconds).roundedToMilliseconds
            try await database.setPause(until: until)
            scheduler.nudge()
            return PauseReply(pausedUntil: until)
        }
        router.register(LettersInterface.Method.resume.rawValue) { (_: NoParameters) in
            try await database.setPause(until: nil)
            scheduler.nudge()
            return NoParameters()
        }
    }

    /// A snooze or pause length: positive, and at most a year.
    static func hold(_ seconds: Double, field: String) throws(InvalidInput) -> Double {
        guard seconds.isFinite, seconds > 0, seconds <= Limits.longestHold else {
            throw InvalidInput(field, "must be more than 0 and at most \(Int(Limits.longestHold)) (a year)")
        }
        return seconds
    }
}
