import LetterCore

/// The words letterctl shows around the writing itself. The practice they describe comes from
/// Gilbert's compassionate mind letter writing (Gilbert 2007; Gilbert & Procter 2006) and Neff's
/// self-compassion writing exercise; the sentences are letterd's own. See README "Sources".
enum Guidance {
    /// The page a new letter starts on in the editor: the greeting if there is one, room to
    /// write, and the guided steps in brief as comment lines (removed on saving).
    static func newLetterTemplate(greeting: String?) -> String {
        (greeting.map { $0 + "\n" } ?? "") + newLetterGuidance
    }

    static let newLetterGuidance = """


        # Write your letter above these lines. Lines starting with # are removed
        # when you save; if nothing else is left, nothing is saved.
        #
        # Stop whenever you like. Kindness can touch old pain: tears, grief or fear
        # may come up as you write, and that is normal. If you tend to dissociate
        # (lose touch with yourself or your surroundings), write this with a
        # therapist rather than alone.
        #
        # 1. Think of what you have been judging yourself for, and name what you
        #    feel about it. No need to explain it.
        # 2. Bring to mind someone who knows your whole story and cares about you:
        #    a wise, kind friend, your compassionate self, or a kind image. Take a
        #    few slow breaths and let some of their warmth in, as much as you can.
        # 3. Write to yourself in their voice. A way in, if it helps:
        #      "It makes sense that you feel ..., because ..."
        #      "I'd like you to know ..."
        #    Ideas to draw on, one or two at a time: standing back; stepping aside
        #    from the low mood; the courage you have shown; you are not alone in
        #    this; a friend who sees all of you; what sets the critic off
        #    (disappointment, loss, fear); what you never chose; small kind steps;
        #    dilemmas; kindness for your feelings; good feelings that have faded;
        #    what helps; warmth.
        #    Encourage rather than instruct: "shoulds" and "why don't you just"
        #    let the critic back in. Writing about yourself by name, or as "she",
        #    "he" or "they", can be easier. (letterctl write --guided explains
        #    each idea and asks one step at a time.)
        # 4. When you are done, let it rest. letterd will bring it back after a
        #    pause for a slow reread; editing can wait for another day.

        """

    // MARK: - write --guided

    /// Said once, at the start of a guided letter.
    static let guidedIntroduction = [
        "A letter in four small steps. Take your time; there are no right answers, and anything can be skipped with Enter.",
        "Kindness can touch old pain, so tears, grief or fear may come up as you write; that is normal. Stop "
            + "whenever you like with Ctrl-C: what you have written is kept and offered next time. If you tend to "
            + "dissociate (lose touch with yourself or your surroundings), this is an exercise to do with a "
            + "therapist rather than alone.",
    ]

    static func guidedHeading(_ step: GuidedLetter.Step) -> String {
        let title = switch step.number {
        case 1: "What has been weighing on you"
        case 2: "A caring voice"
        case 3: "The letter"
        default: "Afterwards"
        }
        return "Step \(step.number) of 4 \u{00B7} \(title)"
    }

    /// Before the first line of a guided letter.
    static let guidedLetterIntroduction = [
        "Now write to yourself in that voice, a line at a time. Let it say what hurts and why that makes sense, "
            + "and that you are not the only one who feels this way. Encouragement works better than instructions.",
        "If a first line would help, you could start with something like:",
    ]

    /// How writing a guided letter works, said once before it starts.
    static let guidedLetterControls = [
        "Enter starts a new line; an empty line starts a new paragraph. Type ? on a line of its own for an idea "
            + "to draw on (one at a time), and a single . when you have finished.",
        "Some people find it easier to write about themselves by name, or as \u{201C}she\u{201D}, \u{201C}he\u{201D} "
            + "or \u{201C}they\u{201D}, rather than \u{201C}you\u{201D}. Either is fine. If the critic's voice "
            + "creeps into a line, let it be; the letter can be reworked tomorrow.",
    ]

    /// After a guided letter is stored. `reread` is when letterd will first bring it back.
    static func guidedSaved(id: Int64, reread: String?) -> String {
        let when = reread.map { "around \($0)" } ?? "after a pause"
        return "Saved as letter #\(id). Thank you for writing it. Let it rest now: letterd will invite you back "
            + "\(when) to read it slowly. Tomorrow, if you like, you can look it over and rework it "
            + "(letterctl rework \(id))."
    }

    /// The comment block under an existing letter when reworking it.
    static func reworkTemplate(version: Int) -> String {
        """

        # This is your letter as it reads now (version \(version)). Change whatever
        # you like; saving adds version \(version + 1) and keeps every earlier one.
        # Lines starting with # are removed. Leave the text as it is to save nothing.
        #
        # Reading it again, you might ask: does it sound like someone who cares
        # about you? Is there a line that lectures or judges, where understanding
        # could go instead?

        """
    }

    /// What letterctl says after a check-in, by how loud the critic was. Short on purpose:
    /// a check-in is meant to take seconds.
    static func acknowledgement(intensity: Int) -> String {
        switch intensity {
        case 0...3:
            return "Noted. You caught the critic while it was quiet; that noticing counts."
        case 4...7:
            return "Noted. That was hard to hear, and it makes sense that it stung."
        default:
            return "Noted. That is a lot to carry right now. Go gently; you don't have to argue with it this minute."
        }
    }

    /// After the help note, instead of the acknowledgement by intensity (which would read as
    /// making light of it).
    static let checkInKept = "Your check-in is saved."

    /// After a letter from the editor or a file is stored.
    static func saved(id: Int64) -> String {
        "Saved as letter #\(id). Let it rest for now; letterd will invite you back later to read it slowly."
    }

    /// Said when the person opens the editor and saves nothing.
    static let nothingSaved = "Nothing was saved: the letter was empty. Whenever you're ready, it will be here."

    /// The reread's questions about the critic and the letter (one key each, 0-9).
    static let criticBeforeReading = "Before you read: how loud is your critic right now, from 0 (quiet) to 9 (very loud)?"
    static let criticAfterReading = "And now, how loud is the critic, from 0 (quiet) to 9 (very loud)?"
    static let believable = "How believable does the letter feel to you, from 0 (not at all) to 9 (completely)?"

    /// Shown above a letter on a reread.
    static let beforeReread = """
        Before you begin, let your breathing slow a little. Read the letter at an unhurried \
        pace, aloud if you can, as though someone who knows you well and wishes you well were \
        saying it to you. There is nothing to fix right now; just notice what comes up.
        """
}
