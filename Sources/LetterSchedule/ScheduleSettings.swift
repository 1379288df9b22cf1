/// The rhythm of prompts, from the `[schedule]` table of the config. Defaults follow the
/// practice: a first reread after a pause of a few hours, never at once; a rework invitation the
/// next day, since critique is best left until the warmth has had its time; later rereads spaced
/// further apart while the letter keeps helping.
public struct ScheduleSettings: Sendable, Equatable {
    /// How long a new letter (or a new version) rests before the first reread.
    public var firstRereadAfter: Double = 3 * 3_600
    /// When prompts may arrive. Prompts that fall due outside are held until the window opens.
    public var preferredHours = DailyWindow(start: TimeOfDay(hour: 9, minute: 0)!, end: TimeOfDay(hour: 21, minute: 0)!)
    /// Do-not-disturb: no prompt arrives in this window, whatever `preferredHours` says.
    public var quietHours: DailyWindow? = nil
    /// The time of day a next-day rework invitation is set for.
    public var reworkAt = TimeOfDay(hour: 10, minute: 0)!
    /// Until this hour a letter belongs to the day before: written at 1 am, "the next day" is
    /// that same morning, after sleep.
    public var dayStartsAt = TimeOfDay(hour: 4, minute: 0)!
    /// At most this many notifications a day; more wait for the next day.
    public var dailyCap = 3
    /// The gap between the first reread and the second ("a day or two later").
    public var firstSpacing: Double = 2 * 86_400
    /// Bounds on the gap between rereads.
    public var shortestSpacing: Double = 86_400
    public var longestSpacing: Double = 120 * 86_400
    /// How long "Later" on a notification holds a prompt.
    public var later: Double = 2 * 3_600
    /// After this many rereads in a row that did not help, the letter gets a rework invitation
    /// instead of another reread.
    public var unhelpfulRereadsBeforeRework = 2
    /// After the help note was given (see `Safety`): how long invitations to write or rework
    /// wait, and reread notifications carry the help lines. nil: the rest of that day, until
    /// `dayStartsAt` (`[safety] calm-after-note`).
    public var calmAfterNote: Double? = nil

    public init() {}
}
