import Foundation
import LetterCore
import LetterSchedule
import Logging

/// letterd's settings, as read from `letterd.toml`. Every key is optional; these are the defaults.
/// `Config/letterd.toml` in the repository documents each key; `ConfigSchema` lists what each
/// accepts. All of them apply on reload (SIGHUP) without a restart.
public struct DaemonConfig: Sendable, Equatable {
    /// The least severe messages logged.
    public var logLevel: Logger.Level = .info
    public var server = Server()

    public struct Server: Sendable, Equatable {
        /// Connections beyond this are closed as they arrive.
        public var maxConnections = 128
        /// How long a client may take to finish a message it has started, in seconds.
        public var requestTimeout = 30.0
        /// At shutdown, how long a call in progress may take to finish and deliver its reply.
        public var shutdownGrace = 3.0
    }

    /// The rhythm of prompts (`[schedule]`).
    public var schedule = ScheduleSettings()
    /// The time zone preferred and quiet hours are read in; nil: the system's.
    public var timeZone: String? = nil
    public var notifications = Notifications()

    public struct Notifications: Sendable, Equatable {
        /// Send desktop notifications at all. Off, prompts still fall due and `letterctl due`
        /// lists them.
        public var enabled = true
        /// What opening a letter from a notification runs: a command and its arguments, with
        /// `{id}` and `{kind}` (reread or rework) filled in. Empty: a terminal running
        /// `letterctl reread ID` (or `rework`).
        public var openCommand: [String] = []
        /// When no notification server answers, the first retry comes after this long, in
        /// seconds, and each later one after twice the last, up to an hour.
        public var retryAfter = 60.0
    }

    /// How check-ins are answered (`[critic]`).
    public var critic = CriticSettings()
    /// Where to find help, shown in a calm note when a check-in is at the top of the scale or
    /// its words suggest a crisis (`[safety] resources`).
    public var safetyResources: [String] = Safety.defaultResources
    /// Offer gentle notes on a letter's phrasing, the day after it was written (`[reflections]`).
    public var reflectionsEnabled = true
    /// How a new letter greets the person (`[letter]`).
    public var letter = Letter()

    public struct Letter: Sendable, Equatable {
        /// The person's name as they like a letter to address them; "" for none.
        public var name = ""
        /// The word before the name: "Dear", "Hi", or "" for the name alone.
        public var salutation = "Dear"

        /// The first line of a new letter, "Dear Sam,"; nil without a name.
        public var greeting: String? {
            guard !name.isEmpty else { return nil }
            return (salutation.isEmpty ? name : salutation + " " + name) + ","
        }
    }

    /// Automatic backups (`[backup]`).
    public var backup = Backup()

    public struct Backup: Sendable, Equatable {
        /// How many daily backups letterd keeps in its backups directory; 0 makes none.
        public var keepDaily = BackupNames.defaultKeep
    }

    /// The time zone to read the schedule's hours in.
    public var resolvedTimeZone: TimeZone {
        timeZone.flatMap(TimeZone.init(identifier:)) ?? TimeZone.current
    }

    public init() {}
}

extension ScheduleSettings {
    /// Preferred hours as the config's window keys see them (never nil here; the key refuses "").
    var preferredHoursOrNil: DailyWindow? {
        get { preferredHours }
        set { if let newValue { preferredHours = newValue } }
    }
}
