#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import LetterCore
import LetterProtocol

/// How prompts and the schedule read in the terminal.
enum ScheduleFormatting {
    /// `#3  reread  due Sun 22 Nov, 15:00  “about” — excerpt`
    static func line(_ prompt: Prompt, now: Date) -> String {
        var line = (prompt.letterId.map { "#\($0)" } ?? "new").padding(5) + "  " + prompt.kind.rawValue.padding(6) + "  "
        line += when(prompt.dueAt, now: now).padding(24) + "  "
        if prompt.kind == .write {
            return line + "a new letter" + (prompt.about.map { " about “\($0)”" } ?? "") + ", when you feel ready"
        }
        if let about = prompt.about { line += "“\(about)” — " }
        return line + prompt.excerpt
    }

    /// "since Sun 22 Nov, 15:00" for the past, "Sun 22 Nov, 15:00 (in 3h)" for the future.
    static func when(_ date: Date, now: Date) -> String {
        let local = Terminal.localTime(date, withYear: false)
        if date <= now { return "since " + local }
        return local + " (in " + DurationText.describe(date.timeIntervalSince(now)) + ")"
    }

    /// Why a prompt was scheduled, in words.
    static func reason(_ reason: PromptReason) -> String {
        switch reason {
        case .firstReread: return "the first reread, after a pause from writing"
        case .spacedReread: return "a later reread, spaced by how the last ones landed"
        case .nextDayRework: return "an invitation to rework it, the day after writing"
        case .notResonating: return "the last rereads did not help much, so a rework instead of another reread"
        case .afterRework: return "the first reread of the new version"
        case .criticReturned: return "the critic came back, and this letter may answer it"
        case .criticLoud: return "the critic has been loud about this, and no letter answers it well yet"
        }
    }

    static func rating(_ rating: ReadingRating?) -> String {
        rating?.label ?? "not said"
    }
}
