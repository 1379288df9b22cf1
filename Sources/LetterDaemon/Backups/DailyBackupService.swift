import Foundation
import LetterCore
import Logging
import ServiceLifecycle

/// Makes the day's automatic backup and removes the oldest beyond `[backup] keep-daily`.
///
/// At start, and then once a day just after midnight (in the schedule's time zone), it makes
/// the day's backup if there is none yet. In between it sleeps on a ``WakeTimer`` of its own, so
/// it adds no wake-ups to an idle day; a clock jump or a reload wakes it to decide again.
final class DailyBackupService: Service, Sendable, CustomStringConvertible {
    var description: String { "DailyBackupService" }

    let backups: BackupDirectory
    let settings: CurrentConfig
    let clock: any WallClock
    let logger: Logger
    private let timer: WakeTimer

    init(backups: BackupDirectory, settings: CurrentConfig, clock: any WallClock, logger: Logger) throws {
        self.backups = backups
        self.settings = settings
        self.clock = clock
        self.logger = logger
        self.timer = try WakeTimer(clock: clock)
    }

    /// The settings changed: decide again now.
    func nudge() { timer.nudge() }

    func run() async throws {
        await withGracefulShutdownHandler {
            await loop()
        } onGracefulShutdown: {
            self.timer.stop()
        }
    }

    private func loop() async {
        while true {
            let wakeAt = await backUpIfDue()
            let reason = await timer.sleep(until: wakeAt)
            if reason == .stopped || Task.isCancelled { return }
        }
    }

    /// Today's backup if it is due; returns when to look again (nil: when the settings change).
    private func backUpIfDue() async -> Date? {
        let config = settings.config
        guard config.backup.keepDaily > 0 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = config.resolvedTimeZone
        let now = clock.now()
        do {
            if let made = try await backups.makeDailyBackup(keep: config.backup.keepDaily, calendar: calendar) {
                logger.info("daily backup made: \(made.path) (\(made.counts.letters) letters, \(made.counts.checkIns) check-ins)")
            }
        } catch {
            if error is CancellationError { return nil }
            logger.error("the daily backup failed: \(error); letterd tries again in an hour")
            return now.addingTimeInterval(3_600)
        }
        // A few minutes into the next day, so a clock a little off does not name it yesterday.
        let tomorrow = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: now)) ?? now.addingTimeInterval(86_400)
        return tomorrow.addingTimeInterval(5 * 60)
    }
}
