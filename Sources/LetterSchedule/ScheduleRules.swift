import Foundation
import LetterCore

/// A prompt to be stored: what, why, and when it falls due.
public struct PlannedPrompt: Sendable, Equatable {
    public var kind: PromptKind
    public var reason: PromptReason
    public var dueAt: Date

    public init(kind: PromptKind, reason: PromptReason, dueAt: Date) {
        self.kind = kind
        self.reason = reason
        self.dueAt = dueAt
    }
}

/// When each prompt falls due, from what the person did. Pure: the store calls these inside
/// its transactions, and tests call them with any time and time zone.
///
/// Due times here are the moments the practice asks for. Whether a notification may go out
/// then (preferred and quiet hours, the daily cap, a pause) is the ``DeliveryPlanner``'s
/// concern: it holds a prompt, it never moves the due time.
public struct ScheduleRules: Sendable {
    public var settings: ScheduleSettings
    public var hours: AllowedHours

    public init(settings: ScheduleSettings, timeZone: TimeZone) {
        self.settings = settings
        self.hours = AllowedHours(preferred: settings.preferredHours, quiet: settings.quietHours, timeZone: timeZone)
    }

    /// A new letter: a first reread after the pause, and a rework invitation the next day.
    public func promptsForNewLetter(writtenAt: Date) -> [PlannedPrompt] {
        [
            PlannedPrompt(kind: .reread, reason: .firstReread, dueAt: writtenAt.addingTimeInterval(settings.firstRereadAfter)),
            PlannedPrompt(kind: .rework, reason: .nextDayRework, dueAt: nextDay(after: writtenAt)),
        ]
    }

    /// A new version: it rests like a new letter, then comes back for a first reread.
    /// (No rework invitation: the person has just reworked it.)
    public func promptsAfterRevision(at date: Date) -> [PlannedPrompt] {
        [PlannedPrompt(kind: .reread, reason: .afterRework, dueAt: date.addingTimeInterval(settings.firstRereadAfter))]
    }

    /// After a check-in: the chosen letter, offered for a reread now. (Quiet hours and the
    /// daily cap still hold its notification; the delivery planner sees to that.)
    public func promptForCriticReturn(at date: Date) -> PlannedPrompt {
        PlannedPrompt(kind: .reread, reason: .criticReturned, dueAt: date)
    }

    /// After a reread: the new spacing and the next prompt.
    public func afterReread(_ spacing: Spacing, rating: ReadingRating?, at date: Date) -> (Spacing, PlannedPrompt) {
        let (next, kind) = spacing.after(rating, settings: settings)
        switch kind {
        case .reread:
            return (next, PlannedPrompt(kind: .reread, reason: .spacedReread, dueAt: date.addingTimeInterval(next.interval)))
        case .rework, .write:  // Spacing answers reread or rework only.
            return (next, PlannedPrompt(kind: .rework, reason: .notResonating, dueAt: nextDay(after: date)))
        }
    }

    /// After the person skips a prompt: a skipped reread comes back after the current gap (the
    /// spacing itself does not change); a skipped rework invitation needs nothing new when a
    /// reread is already waiting, and otherwise rereads resume.
    public func afterSkip(_ spacing: Spacing, kind: PromptKind, at date: Date, rereadStillOpen: Bool) -> PlannedPrompt? {
        switch kind {
        case .reread:
            let gap = spacing.interval > 0 ? spacing.interval : settings.firstSpacing
            return PlannedPrompt(kind: .reread, reason: .spacedReread, dueAt: date.addingTimeInterval(gap))
        case .rework:
            if rereadStillOpen { return nil }
            let gap = max(spacing.interval, settings.shortestSpacing)
            return PlannedPrompt(kind: .reread, reason: .spacedReread, dueAt: date.addingTimeInterval(gap))
        case .write:
            return nil  // An invitation to write, declined, is not asked again for this stretch.
        }
    }

    /// Until when things stay calm after the help note was given at `date`: no invitation to
    /// write is made, invitations to write or rework wait, and reread notifications carry the
    /// help lines. By default the rest of that day: until the next `dayStartsAt`.
    public func calmUntil(afterNoteAt date: Date) -> Date {
        if let length = settings.calmAfterNote { return date.addingTimeInterval(length) }
        return hours.at(settings.dayStartsAt, onDayOf: hours.calendar.date(byAdding: .day, value: 1, to: writingDay(of: date))!)
    }

    /// The day a moment belongs to: until `dayStartsAt`, the day before.
    func writingDay(of date: Date) -> Date {
        let calendar = hours.calendar
        let shifted = calendar.date(byAdding: .minute, value: -settings.dayStartsAt.minutesSinceMidnight, to: date)!
        return calendar.startOfDay(for: shifted)
    }

    /// "The next day", at the rework time. Until `dayStartsAt` a moment belongs to the day
    /// before, so a letter written at 1 am is invited back that same morning.
    public func nextDay(after date: Date) -> Date {
        let following = hours.calendar.date(byAdding: .day, value: 1, to: writingDay(of: date))!
        return hours.at(settings.reworkAt, onDayOf: following)
    }
}
