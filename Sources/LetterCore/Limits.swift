/// The bounds letterd puts on what it stores. They are generous for real writing and exist so
/// that one runaway paste cannot make the store or a reply unmanageable. Documented in the README
/// ("Limits") and in the interface file.
public enum Limits {
    /// A letter's text, in bytes of UTF-8: 256 KiB, roughly 40,000 words.
    public static let letterTextBytes = 256 * 1024
    /// The "about" line of a letter or a check-in, in characters.
    public static let aboutCharacters = 2_000
    /// The feeling named with a letter ("ashamed, tired"), in characters.
    public static let feelingCharacters = 500
    /// A perspective's name ("a wise, kind friend"), in characters.
    public static let perspectiveCharacters = 200
    /// What the critic said, in characters.
    public static let saidCharacters = 8_000
    /// Tags on one letter, and characters in one tag.
    public static let tagsPerLetter = 32
    public static let tagCharacters = 64
    /// What the person noticed on a reread, in characters.
    public static let noticedCharacters = 8_000
    /// The longest a prompt can be snoozed, or prompts paused: a year, in seconds.
    public static let longestHold: Double = 366 * 86_400
    /// Warmth and intensity are both on a 0–10 scale.
    public static let scale: ClosedRange<Int> = 0...10
    /// Rows one list or search reply may carry.
    public static let pageSize: ClosedRange<Int> = 1...1_000
    /// The search query, in characters.
    public static let queryCharacters = 1_000
}
