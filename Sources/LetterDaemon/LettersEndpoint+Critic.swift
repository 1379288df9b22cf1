import Foundation
import LetterCore
import LetterProtocol
import LetterStore
import VarlinkProtocol
import VarlinkServer

/// The methods for looking back: stats, the critic's profile and the self-check.
extension LettersEndpoint {
    func registerLookingBack(on router: inout VarlinkRouter) {
        router.register(LettersInterface.Method.getStats.rawValue) { (p: GetStatsParameters) in
            let days = p.days ?? GetStatsParameters.defaultDays
            guard GetStatsParameters.dayRange.contains(days) else {
                throw InvalidInput(
                    "days", "must be from \(GetStatsParameters.dayRange.lowerBound) to \(GetStatsParameters.dayRange.upperBound), not \(days)")
            }
            return GetStatsReply(stats: try await database.stats(days: days, calendar: scheduler.rules.hours.calendar))
        }
        router.register(LettersInterface.Method.reflectOnLetter.rawValue) { (p: LetterIdParameters) in
            guard let letter = try await database.letter(id: p.id) else { throw StoreError.letterNotFound(p.id) }
            guard settings.config.reflectionsEnabled else {
                return ReflectOnLetterReply(version: letter.version, enabled: false, availableFrom: nil, notes: [], qualities: [])
            }
            // Critique waits for the next day, after the warmth has had its time.
            let availableFrom = scheduler.rules.nextDay(after: letter.updatedAt)
            guard scheduler.clock.now() >= availableFrom else {
                return ReflectOnLetterReply(version: letter.version, enabled: true, availableFrom: availableFrom, notes: [], qualities: [])
            }
            return ReflectOnLetterReply(
                version: letter.version, enabled: true, availableFrom: nil,
                notes: LetterReflections.notes(on: letter.text), qualities: LetterReflections.qualities)
        }
        router.register(LettersInterface.Method.getCriticProfile.rawValue) { (p: GetCriticProfileParameters) in
            let versions = try await database.criticProfiles()
            return GetCriticProfileReply(profile: versions.last, versions: p.withVersions == true ? versions : nil)
        }
        router.register(LettersInterface.Method.saveCriticProfile.rawValue) { (p: SaveCriticProfileParameters) in
            let profile = try await database.saveCriticProfile(p.answers)
            let help = await helpNoteRecorded(texts: p.answers.texts)
            return CriticProfileReply(profile: profile, help: help)
        }
        router.register(LettersInterface.Method.getSelfCheck.rawValue) { (_: NoParameters) in
            GetSelfCheckReply(
                version: SelfCheck.version, statements: SelfCheck.statements, scores: try await database.selfChecks(),
                invited: try await database.selfCheckInvited())
        }
        router.register(LettersInterface.Method.recordSelfCheck.rawValue) { (p: RecordSelfCheckParameters) in
            let score = try await database.recordSelfCheck(p.answers)
            return RecordSelfCheckReply(score: score)
        }
        router.register(LettersInterface.Method.declineSelfCheck.rawValue) { (_: NoParameters) in
            try await database.declineSelfCheck()
            return NoParameters()
        }
    }
}
