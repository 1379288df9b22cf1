import Foundation
import LetterCore
import LetterSchedule
import Testing

/// When a run of check-ins calls for an invitation to write a new letter.
@Suite("Loud stretches of the critic")
struct LoudStretchTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    let rule = LoudStretch(settings: CriticSettings())  // 3 within a day, or one at 8+

    func checkIns(hoursAgo: [Double], intensity: Int = 5, now: Date) -> [LoudStretch.CheckIn] {
        hoursAgo.map { LoudStretch.CheckIn(at: now.addingTimeInterval(-$0 * 3_600), intensity: intensity) }
    }

    func chosen(fits: Bool, lastRating: ReadingRating?) -> ChosenLetter {
        ChosenLetter(letterId: 1, about: nil, excerpt: "", reason: "", fitsTheme: fits, lastRating: lastRating)
    }

    @Test("two check-ins in a day are not loud; the third is; so is a single one at 8")
    func loudness() {
        #expect(!rule.shouldInvite(recent: checkIns(hoursAgo: [0, 5], now: start), chosen: nil, lastInvitationAt: nil, invitationOpen: false))
        #expect(rule.shouldInvite(recent: checkIns(hoursAgo: [0, 5, 20], now: start), chosen: nil, lastInvitationAt: nil, invitationOpen: false))
        #expect(!rule.shouldInvite(recent: checkIns(hoursAgo: [0, 5, 30], now: start), chosen: nil, lastInvitationAt: nil, invitationOpen: false))
        #expect(rule.shouldInvite(recent: checkIns(hoursAgo: [0], intensity: 8, now: start), chosen: nil, lastInvitationAt: nil, invitationOpen: false))
        #expect(!rule.shouldInvite(recent: checkIns(hoursAgo: [0], intensity: 7, now: start), chosen: nil, lastInvitationAt: nil, invitationOpen: false))
    }

    @Test("a fitting letter that helped, or has not been tried, answers the stretch; one that did not help does not")
    func fittingLetter() {
        let loud = checkIns(hoursAgo: [0, 1, 2], now: start)
        for (letter, invite) in [
            (chosen(fits: true, lastRating: .helped), false),
            (chosen(fits: true, lastRating: .helpedALot), false),
            (chosen(fits: true, lastRating: nil), false),
            (chosen(fits: true, lastRating: .didNotHelp), true),
            (chosen(fits: true, lastRating: .somewhat), true),
            (chosen(fits: false, lastRating: .helpedALot), true),
        ] {
            #expect(rule.shouldInvite(recent: loud, chosen: letter, lastInvitationAt: nil, invitationOpen: false) == invite,
                    "fits \(letter.fitsTheme), last rating \(String(describing: letter.lastRating))")
        }
    }

    @Test("once per stretch: not while one is open, not again in the same stretch, again in the next")
    func oncePerStretch() {
        // A stretch: check-ins every 6 hours for two days; the invitation was made 30 hours ago.
        let stretch = checkIns(hoursAgo: Array(stride(from: 0.0, through: 48, by: 6)), now: start)
        let invitedAt = start.addingTimeInterval(-30 * 3_600)
        #expect(!rule.shouldInvite(recent: stretch, chosen: nil, lastInvitationAt: nil, invitationOpen: true))
        #expect(!rule.shouldInvite(recent: stretch, chosen: nil, lastInvitationAt: invitedAt, invitationOpen: false))

        // Two quiet days later, a new loud stretch: a new invitation.
        let later = start.addingTimeInterval(3 * 86_400)
        let next = checkIns(hoursAgo: [0, 2, 4], now: later) + stretch
        #expect(rule.shouldInvite(recent: next, chosen: nil, lastInvitationAt: invitedAt, invitationOpen: false))
    }

    @Test("turned off in the config, never")
    func off() {
        var settings = CriticSettings()
        settings.inviteNewLetter = false
        let off = LoudStretch(settings: settings)
        #expect(!off.shouldInvite(recent: checkIns(hoursAgo: [0], intensity: 10, now: start), chosen: nil, lastInvitationAt: nil, invitationOpen: false))
    }
}
