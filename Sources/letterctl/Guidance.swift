/// The words letterctl shows around the writing itself. The practice they describe comes from
/// Gilbert's compassionate mind letter writing (Gilbert 2009; Gilbert & Procter 2006) and Neff's
/// self-compassion writing exercise; the sentences are letterd's own. See README "Sources".
enum Guidance {
    /// The comment block under a new letter in the editor. Lines starting with `#` are removed.
    static let newLetterTemplate = """


        # Write your letter above these lines. Lines starting with # are removed
        # when you save; if nothing else is left, nothing is saved.
        #
        # Before you start, bring to mind someone who knows you well and cares about
        # you as you are: a wise, kind friend, or the most compassionate version of
        # yourself. Take a few slow breaths and let some of their warmth in, as much
        # as you can today.
        #
        # Then write to yourself, in their voice, about what you have been judging
        # yourself for. Some ways in, to pick from rather than to tick off:
        #   - Say what hurts, and why it makes sense that it does:
        #     "Of course this is painful, because ..."
        #   - Remember you are far from the only one who struggles like this, and
        #     that much of it grew from things you never chose.
        #   - Encourage, the way a good friend would. Orders, "shoulds" and
        #     "why don't you just ..." tend to let the critic back in.
        #
        # Writing as "you", or even about yourself by name, can make it easier.
        # There is no right way to do this. When you are done, let the letter rest;
        # come back to it later and read it slowly. Editing can wait for another day.

        """

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

    /// A calm note with where to find help, for a check-in at the top of the scale or words that
    /// suggest a crisis. Shown after the reply, never instead of it.
    static func help(_ resources: [String]) -> String {
        var lines = [
            "",
            "That sounds very heavy. You don't have to hold it on your own: talking to someone can help, today.",
        ]
        lines += resources.map { "  " + $0 }
        lines.append("This exercise is no substitute for that support; letterd will be here whenever you come back.")
        return lines.joined(separator: "\n")
    }

    /// Said when the person opens the editor and saves nothing.
    static let nothingSaved = "Nothing was saved: the letter was empty. Whenever you're ready, it will be here."

    /// Shown above a letter on a reread.
    static let beforeReread = """
        Before you begin, let your breathing slow a little. Read the letter at an unhurried \
        pace, aloud if you can, as though someone who knows you well and wishes you well were \
        saying it to you. There is nothing to fix right now; just notice what comes up.
        """
}
