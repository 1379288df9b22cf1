import Foundation
import LetterCore

/// Decides when the next notification goes out, from the prompts that have not been notified
/// yet. It holds prompts until an allowed time (preferred hours, outside quiet hours, after a
/// pause, under the daily cap); it never drops one. Everything that has fallen due by then
/// goes out together, in one notification: after a week away the person gets one "3 letters
/// are waiting", not three.
///
/// After the help note was given, until `calmUntil`, invitations to write or rework are held
/// too; rereads may still go out (their notification then carries the help lines).
public struct DeliveryPlanner: Sendable {
    public var hours: AllowedHours
    public var dailyCap: Int

    public init(hours: AllowedHours, dailyCap: Int) {
        self.hours = hours
        self.dailyCap = dailyCap
    }

    public struct Pending: Sendable, Equatable {
        public var promptId: Int64
        public var dueAt: Date
        public var kind: PromptKind
        public init(promptId: Int64, dueAt: Date, kind: PromptKind = .reread) {
            self.promptId = promptId
            self.dueAt = dueAt
            self.kind = kind
        }

        /// When it may go out at the earliest: its due time, or for an invitation to write or
        /// rework, the end of a calm stretch after the help note.
        func earliest(calmUntil: Date?) -> Date {
            guard kind != .reread, let calmUntil, calmUntil > dueAt else { return dueAt }
            return calmUntil
        }
    }

    public enum Decision: Sendable, Equatable {
        /// Nothing is waiting to be notified: sleep until something changes.
        case nothingPending
        /// Sleep until this moment, then decide again.
        case wait(until: Date)
        /// Notify these prompts now, together.
        case deliver([Int64])
    }

    /// - Parameters:
    ///   - pending: prompts not yet notified.
    ///   - sent: when earlier notifications went out (at least those of today), for the cap.
    ///   - pausedUntil: no notification before this.
    ///   - calmUntil: no invitation to write or rework before this (after the help note).
    public func decide(pending: [Pending], sent: [Date], pausedUntil: Date?, calmUntil: Date? = nil, now: Date) -> Decision {
        guard let earliest = pending.map({ $0.earliest(calmUntil: calmUntil) }).min() else { return .nothingPending }
        var moment = max(earliest, now)
        if let pausedUntil, pausedUntil > moment { moment = pausedUntil }
        moment = allowedUnderCap(atOrAfter: moment, sent: sent)
        guard moment <= now else { return .wait(until: moment) }
        let due = pending.filter { $0.earliest(calmUntil: calmUntil) <= now }.sorted { ($0.dueAt, $0.promptId) < ($1.dueAt, $1.promptId) }
        return .deliver(due.map(\.promptId))
    }

    /// The earliest allowed moment at or after `date` on a day that has not had its share of
    /// notifications yet.
    func allowedUnderCap(atOrAfter date: Date, sent: [Date]) -> Date {
        var moment = hours.earliest(atOrAfter: date)
        // Bounded: each turn moves to a later day, and only days with notifications can be full.
        for _ in 0..<(sent.count + 2) {
            let dayStart = hours.startOfDay(moment)
            let nextDay = hours.startOfNextDay(moment)
            let sentThatDay = sent.filter { $0 >= dayStart && $0 < nextDay }.count
            if sentThatDay < dailyCap { return moment }
            moment = hours.earliest(atOrAfter: nextDay)
        }
        return moment
    }
}
