import Foundation
import LetterCore
import LetterSchedule
import LetterStore
import Logging
import ServiceLifecycle
import Synchronization

/// The daemon's scheduler: it sleeps until the next notification may go out, sends it, and
/// acts on what the person clicks.
///
/// Each turn reads the store (prompts not yet notified, today's notifications, the pause),
/// asks the ``DeliveryPlanner`` what to do, and then either notifies or sleeps on the
/// ``WakeTimer`` — until the planned time, a change (`nudge()` after every write that touches
/// the schedule), or a clock change. It never polls. The store is the only state that matters:
/// after a restart the next turn picks up exactly where the last left off.
final class PromptScheduler: Service, Sendable, CustomStringConvertible {
    var description: String { "PromptScheduler" }

    struct Settings: Sendable {
        var rules: ScheduleRules
        var notificationsEnabled: Bool
        var retryAfter: Double
        var opener: LetterOpener
        /// Where to find help, for reread notifications in the calm after the help note.
        var helpResources: [String]
    }

    /// What a shown notification stands for, to act on its buttons.
    struct ShownNotice: Sendable {
        var promptIds: [Int64]
        /// The first prompt's letter (nil for an invitation to write), kind and theme.
        var letterId: Int64?
        var kind: PromptKind
        var theme: String?
    }

    let database: LetterDatabase
    let clock: any WallClock
    let logger: Logger
    private let settings: Mutex<Settings>
    private let timer: WakeTimer
    private let shown = Mutex<[UInt32: ShownNotice]>([:])
    private let notifier = Mutex<DesktopNotifier?>(nil)

    init(database: LetterDatabase, config: DaemonConfig, clock: any WallClock, logger: Logger) throws {
        self.database = database
        self.clock = clock
        self.logger = logger
        self.settings = Mutex(Self.settings(from: config, logger: logger))
        self.timer = try WakeTimer(clock: clock)
    }

    static func settings(from config: DaemonConfig, logger: Logger) -> Settings {
        Settings(
            rules: ScheduleRules(settings: config.schedule, timeZone: config.resolvedTimeZone),
            notificationsEnabled: config.notifications.enabled,
            retryAfter: config.notifications.retryAfter,
            opener: LetterOpener(configured: config.notifications.openCommand, logger: logger),
            helpResources: config.safetyResources)
    }

    /// The rules as configured now (they change on reload).
    var rules: ScheduleRules { settings.withLock { $0.rules } }

    /// New settings from a reload; the next turn uses them.
    func update(_ config: DaemonConfig) {
        settings.withLock { $0 = Self.settings(from: config, logger: logger) }
        nudge()
    }

    /// Something in the schedule changed: decide again now.
    func nudge() { timer.nudge() }

    /// When the next notification may go out, as things stand; nil if nothing is waiting.
    func nextNotificationAt() async throws -> Date? {
        let now = clock.now()
        switch try await decide(now: now).decision {
        case .nothingPending: return nil
        case .wait(let until): return until
        case .deliver: return now
        }
    }

    /// What to do now, and whether the calm after the help note is on (see
    /// `ScheduleRules.calmUntil`): invitations to write or rework wait, and rereads that go out
    /// carry the help lines.
    private func decide(now: Date) async throws -> (decision: DeliveryPlanner.Decision, calm: Bool) {
        let rules = rules
        let planner = DeliveryPlanner(hours: rules.hours, dailyCap: rules.settings.dailyCap)
        let holds = try await database.deliveryHolds()
        let calmUntil = holds.lastHelpNoteAt.map { rules.calmUntil(afterNoteAt: $0) }.flatMap { $0 > now ? $0 : nil }
        let pending = try await database.pendingDeliveries(dueBy: now, calm: calmUntil != nil)
        if pending.isEmpty { return (.nothingPending, calmUntil != nil) }
        // Yesterday's too: after a clock jump back, "today" may reach into them.
        let sent = try await database.notificationTimes(since: planner.hours.startOfDay(now).addingTimeInterval(-2 * 86_400))
        let decision = planner.decide(pending: pending, sent: sent, pausedUntil: holds.pausedUntil, calmUntil: calmUntil, now: now)
        return (decision, calmUntil != nil)
    }

    func run() async throws {
        await withGracefulShutdownHandler {
            await loop()
        } onGracefulShutdown: {
            self.timer.stop()
        }
        notifier.withLock { $0?.stop() }
    }

    private func loop() async {
        var failures = 0
        var retryAt: Date? = nil
        while true {
            let now = clock.now()
            var wakeAt: Date? = nil
            do {
                let (decision, calm) = try await decide(now: now)
                switch decision {
                case .nothingPending:
                    failures = 0
                    retryAt = nil
                case .wait(let until):
                    wakeAt = until
                case .deliver(let ids):
                    if !settings.withLock({ $0.notificationsEnabled }) {
                        break  // prompts stay due; `letterctl due` lists them
                    }
                    if let retryAt, now < retryAt {
                        wakeAt = retryAt
                        break
                    }
                    if let error = await deliver(ids, withHelp: calm) {
                        failures += 1
                        let delay = min(settings.withLock { $0.retryAfter } * pow(2, Double(failures - 1)), 3_600)
                        retryAt = now.addingTimeInterval(delay)
                        wakeAt = retryAt
                        if failures == 1 {
                            logger.warning("desktop notifications cannot be shown: \(error). What is due stays due (letterctl due lists it); letterd tries again, first in \(DurationText.describe(delay))")
                        } else {
                            logger.debug("notifications still unavailable (\(error)); next try in \(DurationText.describe(delay))")
                        }
                    } else {
                        if failures > 0 { logger.info("desktop notifications work again") }
                        failures = 0
                        retryAt = nil
                        continue  // decide again at once: more may be due
                    }
                }
            } catch {
                if error is CancellationError || Task.isCancelled { return }
                // The store failed (a full disk, say). Try again in a minute rather than spin.
                logger.error("the scheduler could not read the store: \(error); trying again in a minute")
                wakeAt = now.addingTimeInterval(60)
            }
            if let wakeAt { logger.debug("scheduler: sleeping until \(wakeAt)") } else { logger.debug("scheduler: nothing waiting; sleeping until something changes") }
            FreedMemory.returnToSystem()
            let reason = await timer.sleep(until: wakeAt)
            if reason == .stopped || Task.isCancelled { return }
        }
    }

    /// Sends one notification for these prompts, with the help lines in the calm after the help
    /// note. Returns what went wrong, or nil.
    private func deliver(_ ids: [Int64], withHelp: Bool) async -> (any Error)? {
        do {
            let prompts = try await database.openPrompts(ids: ids)
            guard let first = prompts.first else { return nil }
            let notifier = self.notifier.withLock { notifier in
                if notifier == nil {
                    notifier = DesktopNotifier(logger: logger) { [weak self] event in
                        guard let self else { return }
                        Task { await self.handle(event) }
                    }
                }
                return notifier!
            }
            let help = withHelp ? settings.withLock { $0.helpResources } : nil
            let now = clock.now()
            let (id, capabilities) = try await notifier.show {
                PromptNotice.request(for: prompts, capabilities: $0, help: help, now: now)
            }
            try await database.recordNotification(promptIds: prompts.map(\.id))
            shown.withLock {
                $0[id] = ShownNotice(
                    promptIds: prompts.map(\.id), letterId: first.letterId, kind: first.kind,
                    theme: first.letterId == nil ? first.about : nil)
            }
            logger.info("notified \(prompts.count) prompt(s) through \(capabilities.serverName) (notification \(id))")
            return nil
        } catch {
            return error
        }
    }

    /// A click on a notification, or its closing.
    func handle(_ event: NotificationEvent) async {
        switch event {
        case .closed(let id):
            shown.withLock { _ = $0.removeValue(forKey: id) }
        case .actionInvoked(let id, let key):
            guard let notice = shown.withLock({ $0.removeValue(forKey: id) }) else { return }
            logger.info("notification \(id): \(key)")
            notifier.withLock { $0 }?.close(id)
            do {
                switch key {
                case "default", "reread", "rework", "write":
                    settings.withLock { $0.opener }.open(letterId: notice.letterId, kind: notice.kind, theme: notice.theme)
                case "later":
                    let until = clock.now().addingTimeInterval(rules.settings.later)
                    try await database.snooze(promptIds: notice.promptIds, until: until)
                case "skip" where notice.promptIds.count == 1:
                    if let letterId = notice.letterId {
                        _ = try await database.skipPrompt(letterId: letterId, rules: rules)
                    } else {
                        try await database.declineInvitations()
                    }
                default:
                    logger.debug("notification \(id): action \(key) is not one of letterd's; ignored")
                }
            } catch {
                logger.error("acting on \"\(key)\" from a notification failed: \(error)")
            }
            nudge()
        }
    }
}
