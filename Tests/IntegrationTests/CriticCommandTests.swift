import Foundation
import LetterCore
import TestSupport
import Testing

/// `log-critic`, `critic` and `skip new`, the real letterctl against the real letterd.
@Suite("letterctl and the critic")
struct CriticCommandTests {
    @Test("a check-in answers with what the critic did and the letter to come back to, and says why")
    func checkInAnswers() throws {
        try withDaemon { daemon in
            let none = try daemon.ctl(["log-critic", "4", "you idiot, you never finish anything"])
            #expect(none.status == 0, "\(none)")
            #expect(none.stdout.contains("What the critic did: calling you names and “always” or “never”; it spoke to you as “you”."))
            #expect(none.stdout.contains("There is no letter to come back to yet."))

            _ = try daemon.ctl(
                ["write", "--from", "-", "--about", "the unfinished thesis", "--tag", "study"],
                stdin: "Dear you,\nthe thesis is slow because it is hard, not because you are.\n")
            let answered = try daemon.ctl(["log-critic", "6", "the thesis will never be done", "--tag", "study"])
            #expect(answered.status == 0, "\(answered)")
            #expect(answered.stdout.contains("Letter #1, “the unfinished thesis”, may help now."))
            #expect(answered.stdout.contains("You wrote it about “the unfinished thesis”, and you haven't come back to it yet."))
            #expect(answered.stdout.contains("It is waiting as a reread (letterctl reread 1)"))
            let due = try daemon.ctl(["due"])
            #expect(due.stdout.contains("#1"))
            #expect(due.stdout.contains("letterctl reread 1"))

            let json = try daemon.json(["log-critic", "2", "--tag", "study"])
            let chosen = json["chosen"] as? [String: Any]
            #expect(chosen?["letterId"] as? Int == 1)
            #expect((json["checkIn"] as? [String: Any])?["tags"] as? [String] == ["study"])
        }
    }

    @Test("critic lists check-ins with filters, as text and JSON; critic correct replaces what was noted")
    func listAndCorrect() throws {
        try withDaemon { daemon in
            #expect(try daemon.ctl(["log-critic", "7", "you should have said no", "--trigger", "fear", "--about", "the party"]).status == 0)
            #expect(try daemon.ctl(["log-critic", "3", "useless again, I'm useless", "--tag", "work"]).status == 0)

            let all = try daemon.ctl(["critic"])
            #expect(all.status == 0, "\(all)")
            let lines = all.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first?.hasPrefix("#2") == true, "newest first: \(all.stdout)")
            #expect(all.stdout.contains("3/10  \"useless again, I'm useless\"  [work]"))
            #expect(all.stdout.contains("7/10  fear  \"you should have said no\"  (about the party)"))
            #expect(all.stdout.contains("“shoulds” and “musts”; it spoke to you as “you”"))
            #expect(all.stdout.contains("calling yourself names; it spoke as “I”"), "names the critic spoke as “I”")

            let should = try daemon.json(["critic", "--style", "should"])["checkIns"] as? [[String: Any]]
            #expect(should?.map { $0["id"] as? Int } == [1])
            #expect(should?.first?["styles"] as? [String] == ["shouldStatement"])
            let work = try daemon.json(["critic", "list", "--tag", "work", "--since", "1h"])["checkIns"] as? [[String: Any]]
            #expect(work?.map { $0["id"] as? Int } == [2])
            let future = try daemon.ctl(["critic", "--since", "2999-01-01"])
            #expect(future.stdout == "No check-ins match.\n")
            let badSince = try daemon.ctl(["critic", "--since", "last tuesday"])
            #expect(badSince.status == 64)
            #expect(badSince.stderr.contains("neither a date"))

            let corrected = try daemon.ctl(["critic", "correct", "2", "--no-styles", "--voice", "second"])
            #expect(corrected.status == 0, "\(corrected)")
            #expect(corrected.stdout.contains("it spoke to you as “you” (as you corrected it)"))
            #expect(try daemon.ctl(["critic", "correct", "2"]).status == 64, "nothing to correct is a usage error")
            let missing = try daemon.ctl(["critic", "correct", "99", "--voice", "first"])
            #expect(missing.status == 65)
            #expect(missing.stderr.contains("99"))
        }
    }

    @Test("a loud stretch invites a new letter once; skip new declines it")
    func loudStretch() throws {
        try withDaemon { daemon in
            let loud = try daemon.ctl(["log-critic", "9", "you are a terrible friend", "--about", "forgetting Ana's birthday"])
            #expect(loud.status == 0, "\(loud)")
            #expect(loud.stdout.contains("The critic has been loud lately, and no letter answers it well yet."))
            let again = try daemon.ctl(["log-critic", "9", "terrible friend", "--about", "forgetting Ana's birthday"])
            #expect(!again.stdout.contains("has been loud lately"), "once per stretch")

            let due = try daemon.ctl(["due"])
            #expect(due.stdout.contains("new    write"))
            #expect(due.stdout.contains("“forgetting Ana's birthday”"))
            #expect(due.stdout.contains("When you are ready:  letterctl write --guided"))

            let skipped = try daemon.ctl(["skip", "new"])
            #expect(skipped.stdout.contains("Declined for now."))
            #expect(try daemon.ctl(["skip", "new"]).stdout.contains("No invitation to write is waiting."))
            #expect(try daemon.ctl(["skip", "soon"]).status == 64)
            #expect(try daemon.ctl(["due"]).stdout.contains("Nothing is waiting"))
        }
    }
}

/// The calm note with where to find help.
@Suite("letterctl: where to find help")
struct HelpNoteTests {
    @Test("a check-in at 10, or a reread's words of crisis, add a calm note with the configured resources; others do not")
    func helpNote() throws {
        let daemon = try DaemonUnderTest()
        defer { daemon.cleanUp() }
        try FileManager.default.createDirectory(atPath: daemon.configDirectory, withIntermediateDirectories: true)
        try "[safety]\nresources = [\"Call Lena: 0123 456\", \"Crisis line: 116 123\"]\n"
            .write(toFile: daemon.configDirectory + "/letterd.toml", atomically: true, encoding: .utf8)
        try daemon.start()
        let ordinary = try daemon.ctl(["log-critic", "8", "you always ruin it"])
        #expect(!ordinary.stdout.contains("Crisis line"))
        let highest = try daemon.ctl(["log-critic", "10"])
        #expect(highest.status == 0)
        #expect(highest.stdout.hasPrefix(Safety.noteText.prefix(40)), "the note comes first: \(highest.stdout)")
        #expect(highest.stdout.contains("  \u{2022} Call Lena: 0123 456\n  \u{2022} Crisis line: 116 123\n\nYour check-in is saved."))
        let json = try daemon.json(["log-critic", "3", "I want to end it all"])
        let help = try #require(json["help"] as? [String: Any])
        #expect(help["resources"] as? [String] == ["Call Lena: 0123 456", "Crisis line: 116 123"])
        #expect(help["note"] as? String == Safety.noteText + " " + Safety.keptText)

        _ = try daemon.ctl(["write", "--from", "-"], stdin: "Dear you, it makes sense.")
        let reread = try daemon.ctl(["reread", "1", "--no-ask", "--noticed", "I keep thinking about hurting myself"])
        #expect(reread.status == 0)
        #expect(reread.stdout.contains("Crisis line: 116 123"))
        #expect(daemon.stop() == 0)
    }
}
