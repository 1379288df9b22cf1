/// How letterd answers check-ins of the self-critical voice, from the `[critic]` table of the
/// config.
public struct CriticSettings: Sendable, Equatable {
    /// Offer the letter chosen for a check-in as a reread prompt, due at once (held, like any
    /// prompt, by quiet hours, the daily cap and a pause).
    public var offerReread = true
    /// Invite a new letter after a loud stretch on a theme no letter answers well.
    public var inviteNewLetter = true
    /// The critic is loud when this many check-ins fall within `loudWithin`…
    public var loudCheckIns = 3
    public var loudWithin: Double = 86_400
    /// …or when one check-in is at least this intense.
    public var loudIntensity = 8

    public init() {}
}
