/// How letterd answers check-ins of the self-critical voice, from the `[critic]` table of the
/// config.
public struct CriticSettings: Sendable, Equatable {
    /// Offer the letter chosen for a check-in as a reread prompt, due at once (held, like any
    /// prompt, by quiet hours, the daily cap and a pause).
    public var offerReread = true

    public init() {}
}
