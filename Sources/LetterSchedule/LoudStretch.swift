#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import LetterCore

/// When a run of check-ins calls for a new letter.
///
/// The practice: after stretches where the critic has been loud, write a new letter about it.
/// A stretch is a run of check-ins each within `loudWithin` of the one before. It is loud when
/// `loudCheckIns` of them fall within `loudWithin` of the newest, or one is at `loudIntensity`
/// or above. An invitation is made once per stretch, and only when no letter answers the theme
/// well: a letter that fits and helped (or has not been tried yet, and is offered instead) is
/// the better answer.
public struct LoudStretch: Sendable {
    public var settings: CriticSettings

    public init(settings: CriticSettings) {
        self.settings = settings
    }

    /// A check-in as the rule sees it.
    public struct CheckIn: Sendable, Equatable {
        public var at: Date
        public var intensity: Int
        public init(at: Date, intensity: Int) {
            self.at = at
            self.intensity = intensity
        }
    }

    /// The invitation: due at once (quiet hours, the daily cap and a pause hold it like any prompt).
    public func invitation(at date: Date) -> PlannedPrompt {
        PlannedPrompt(kind: .write, reason: .criticLoud, dueAt: date)
    }

    /// How far back check-ins can matter: a stretch longer than this is treated as starting here.
    public var lookBack: Double { max(settings.loudWithin * 30, 30 * 86_400) }

    /// Whether to invite a new letter now.
    /// - Parameters:
    ///   - recent: recent check-ins, newest (the one just logged) first. Evaluated only when the
    ///     answer depends on them, so a store reads them only then (up to a thousand rows).
    ///   - chosen: the letter chosen for the newest check-in, if any.
    ///   - lastInvitationAt: when the last invitation to write was made, if ever.
    ///   - invitationOpen: whether one is still waiting (not yet written or declined).
    public func shouldInvite(
        recent: @autoclosure () throws -> [CheckIn], chosen: ChosenLetter?, lastInvitationAt: Date?,
        invitationOpen: Bool
    ) rethrows -> Bool {
        guard settings.inviteNewLetter, !invitationOpen else { return false }
        if let chosen, answersWell(chosen) { return false }
        let recent = try recent()
        guard !recent.isEmpty, isLoud(recent) else { return false }
        guard let lastInvitationAt else { return true }
        return lastInvitationAt < stretchStart(recent)
    }

    func isLoud(_ recent: [CheckIn]) -> Bool {
        guard let newest = recent.first else { return false }
        if newest.intensity >= settings.loudIntensity { return true }
        let within = recent.filter { newest.at.timeIntervalSince($0.at) < settings.loudWithin }
        return within.count >= settings.loudCheckIns
    }

    /// A letter that speaks to the theme and did not disappoint last time.
    func answersWell(_ chosen: ChosenLetter) -> Bool {
        guard chosen.fitsTheme else { return false }
        switch chosen.lastRating {
        case nil, .helped?, .helpedALot?: return true
        case .didNotHelp?, .somewhat?: return false
        }
    }

    /// When the stretch the newest check-in belongs to began.
    func stretchStart(_ recent: [CheckIn]) -> Date {
        var start = recent[0].at
        for checkIn in recent.dropFirst() {
            guard start.timeIntervalSince(checkIn.at) < settings.loudWithin else { break }
            start = checkIn.at
        }
        return start
    }
}
