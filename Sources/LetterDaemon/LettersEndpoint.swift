import Foundation
import LetterCore
import LetterProtocol
import LetterSchedule
import LetterStore
import Logging
import VarlinkProtocol
import VarlinkServer

/// The `io.letterd.Letters` methods: each decodes nothing itself (the router did), builds the
/// domain's checked input, calls the store, and returns the reply type.
struct LettersEndpoint: Sendable {
    let database: LetterDatabase
    let databasePath: String
    let startedAt: Date
    /// Told of every successful change to the store (for the status line).
    let status: StatusLine
    /// Nudged after every change to the schedule; holds the schedule's current rules.
    let scheduler: PromptScheduler
    /// The settings as they are now (they change on reload).
    let settings: CurrentConfig
    /// Where backups are made and restored from.
    let backups: BackupDirectory

    func register(on router: inout VarlinkRouter) {
        router.addInterface(name: LettersInterface.name, description: LettersInterface.description)

        router.register(LettersInterface.Method.writeLetter.rawValue) { (p: WriteLetterParameters) in
            let draft = try LetterDraft(text: p.text, about: p.about, perspective: p.perspective, warmth: p.warmth, feeling: p.feeling)
            let rules = scheduler.rules
            let letter = try await database.writeLetter(draft, tags: p.tags ?? []) { rules.promptsForNewLetter(writtenAt: $0) }
            status.recorded(.letterWritten)
            scheduler.nudge()
            let help = await helpNoteRecorded(texts: p.writtenTexts)
            return LetterReply(letter: letter, help: help)
        }
        router.register(LettersInterface.Method.reviseLetter.rawValue) { (p: ReviseLetterParameters) in
            let draft = try LetterDraft(text: p.text, about: p.about, perspective: p.perspective, warmth: p.warmth, feeling: p.feeling)
            let rules = scheduler.rules
            let letter = try await database.reviseLetter(id: p.id, draft) { rules.promptsAfterRevision(at: $0) }
            status.recorded(.letterRevised)
            scheduler.nudge()
            let help = await helpNoteRecorded(texts: p.writtenTexts)
            return LetterReply(letter: letter, help: help)
        }
        router.register(LettersInterface.Method.getLetter.rawValue) { (p: GetLetterParameters) in
            guard let letter = try await database.letter(id: p.id) else { throw StoreError.letterNotFound(p.id) }
            let versions = p.withVersions == true ? try await database.versions(ofLetter: p.id) : nil
            return LetterReply(letter: letter, versions: versions)
        }
        router.register(LettersInterface.Method.listLetters.rawValue) { (p: PageParameters) in
            ListLettersReply(letters: try await database.letters(limit: try Self.limit(p.limit), before: p.before))
        }
        router.register(LettersInterface.Method.deleteLetter.rawValue) { (p: LetterIdParameters) in
            try await database.deleteLetter(id: p.id)
            status.recorded(.letterDeleted)
            scheduler.nudge()
            return NoParameters()
        }
        router.register(LettersInterface.Method.logCheckIn.rawValue) { (p: LogCheckInParameters) in
            let draft = try CheckInDraft(
                intensity: p.intensity, said: p.said, trigger: p.trigger, about: p.about, tags: p.tags ?? [])
            let rules = scheduler.rules
            var offer: (@Sendable (Date) -> PlannedPrompt)? = nil
            if settings.config.critic.offerReread && p.rereadNow != true {
                offer = { date in rules.promptForCriticReturn(at: date) }
            }
            let invite = LoudStretch(settings: settings.config.critic)
            let help = helpNote(intensity: draft.intensity, texts: p.writtenTexts)
            let outcome: CheckInOutcome = try await database.logCheckIn(
                draft, offer: offer, invite: invite, crisis: help != nil, calmUntil: { rules.calmUntil(afterNoteAt: $0) })
            status.recorded(.checkInLogged)
            if outcome.offeredPromptId != nil || outcome.invitation != nil || help != nil { scheduler.nudge() }
            return LogCheckInReply(
                checkIn: outcome.checkIn, chosen: outcome.chosen, offeredPromptId: outcome.offeredPromptId,
                invitation: outcome.invitation, help: help)
        }
        router.register(LettersInterface.Method.declineInvitation.rawValue) { (_: NoParameters) in
            let declined = try await database.declineInvitations()
            if declined > 0 { scheduler.nudge() }
            return DeclineInvitationReply(declined: declined)
        }
        router.register(LettersInterface.Method.listCheckIns.rawValue) { (p: ListCheckInsParameters) in
            if let about = p.about, about.count > Limits.queryCharacters {
                throw InvalidInput("about", "is longer than \(Limits.queryCharacters) characters")
            }
            let filter = CheckInFilter(since: p.since, trigger: p.trigger, style: p.style, about: p.about, tag: p.tag)
            return ListCheckInsReply(
                checkIns: try await database.checkIns(filter, limit: try Self.limit(p.limit), before: p.before))
        }
        router.register(LettersInterface.Method.correctCheckIn.rawValue) { (p: CorrectCheckInParameters) in
            let checkIn = try await database.correctReading(
                checkInId: p.id, styles: p.styles, voice: p.voice.map { $0.voice })
            return CheckInReply(checkIn: checkIn)
        }
        router.register(LettersInterface.Method.search.rawValue) { (p: SearchParameters) in
            if p.query.count > Limits.queryCharacters {
                throw InvalidInput("query", "is longer than \(Limits.queryCharacters) characters")
            }
            return try await database.search(p.query, limit: try Self.limit(p.limit))
        }
        registerSchedule(on: &router)
        registerLookingBack(on: &router)
        registerBackups(on: &router)
        registerExport(on: &router)
        router.register(LettersInterface.Method.getConfig.rawValue) { (_: NoParameters) in
            let config = settings.config
            return GetConfigReply(
                path: settings.path, settings: ConfigFile.render(config), greeting: config.letter.greeting,
                help: Safety.note(resources: config.safetyResources))
        }
        router.register(LettersInterface.Method.getStatus.rawValue) { (_: NoParameters) in
            let counts = try await database.counts()
            let newest = backups.newest()
            return StatusReply(
                status: DaemonStatus(
                    version: LetterdVersion.current, counts: counts, databasePath: databasePath, startedAt: startedAt,
                    problem: status.problem, backupDirectory: backups.path, lastBackup: newest?.path,
                    lastBackupAt: newest?.writtenAt))
        }
    }

    static func limit(_ value: Int?) throws(InvalidInput) -> Int {
        let limit = value ?? PageParameters.defaultLimit
        guard Limits.pageSize.contains(limit) else {
            throw InvalidInput("limit", "must be from \(Limits.pageSize.lowerBound) to \(Limits.pageSize.upperBound), not \(limit)")
        }
        return limit
    }
}
