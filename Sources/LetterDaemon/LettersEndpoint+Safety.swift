import LetterCore
import LetterStore

/// The help note in replies (see LetterCore's `Safety`): everything a person writes is
/// checked, and when it calls for the note the reply carries it, for the client to show first.
extension LettersEndpoint {
    /// The note as configured, when `texts` (or an intensity of 10) call for it.
    func helpNote(intensity: Int? = nil, texts: [String?]) -> HelpNote? {
        Safety.needsNote(intensity: intensity, texts: texts) ? Safety.note(resources: settings.config.safetyResources) : nil
    }

    /// The same for what was saved outside a check-in (a letter, a reread, answers): the moment
    /// is recorded, so that the calm after it holds (see `ScheduleRules.calmUntil`).
    func helpNoteRecorded(texts: [String?]) async -> HelpNote? {
        guard let note = helpNote(texts: texts) else { return nil }
        // What was written is already saved, and the note matters more than the record of it:
        // if the record cannot be written, the reply still carries the note.
        if (try? await database.recordHelpNote()) != nil { scheduler.nudge() }
        return note
    }
}
