import Foundation
import TestSupport
import Testing

/// The real letterctl against the real letterd: what a person types and sees.
@Suite("letterctl against a running letterd")
struct LetterctlTests {
    @Test("write from standard input, then list, show and search it")
    func writeFromStdin() throws {
        try withDaemon { daemon in
            let written = try daemon.ctl(
                ["write", "--from", "-", "--about", "the missed deadline", "--perspective", "a wise, kind friend",
                 "--warmth", "6", "--tag", "work"],
                stdin: "Dear you,\n\nOf course this stings: you cared about it.\n")
            #expect(written.status == 0, "\(written)")
            #expect(written.stdout.hasPrefix("Saved as letter #1."))
            #expect(written.stdout.replacingOccurrences(of: "\n", with: " ").contains("invite you back later to read it slowly"))
            #expect(written.stdout.split(separator: "\n").allSatisfy { $0.count <= 78 }, "wrapped to fit")

            let list = try daemon.ctl(["list"])
            #expect(list.status == 0)
            #expect(list.stdout.contains("#1"))
            #expect(list.stdout.contains("the missed deadline — Dear you, Of course this stings: you cared about it."))
            #expect(list.stdout.contains("[work]"))

            let show = try daemon.ctl(["show", "1"])
            #expect(show.stdout.contains("About: the missed deadline"))
            #expect(show.stdout.contains("From: a wise, kind friend"))
            #expect(show.stdout.contains("Warmth while writing: 6/10"))
            #expect(show.stdout.hasSuffix("Dear you,\n\nOf course this stings: you cared about it.\n"))

            let search = try daemon.ctl(["search", "deadlines"])
            #expect(search.status == 0)
            #expect(search.stdout.hasPrefix("letter #1"))
        }
    }

    @Test("write in $EDITOR: the guidance is offered as comments and stripped on save")
    func writeInEditor() throws {
        try withDaemon { daemon in
            let script = daemon.root.path + "/editor.sh"
            let seen = daemon.root.path + "/seen.txt"
            // A scripted editor: keeps a copy of what it was given, then types a letter above it.
            try """
                #!/bin/sh
                cp "$1" "\(seen)"
                { printf 'Dear me,\\n# not a comment to me, but stripped like git does\\nIt makes sense.\\n'; cat "$1"; } > "$1.new"
                mv "$1.new" "$1"
                """.write(toFile: script, atomically: true, encoding: .utf8)
            // Run through sh rather than exec'd: a script written a moment ago can still be open
            // for writing in a process another test is forking, and exec would fail (ETXTBSY).
            let result = try daemon.ctl(["write", "--about", "snapping at my sister"], environment: ["EDITOR": "sh \(script)"])
            #expect(result.status == 0, "\(result)")
            let given = try String(contentsOfFile: seen, encoding: .utf8)
            #expect(given.contains("# Write your letter above these lines."))
            #expect(given.contains("a wise, kind friend"))

            let letter = try daemon.json(["show", "1"])["letter"] as? [String: Any]
            #expect(letter?["text"] as? String == "Dear me,\nIt makes sense.")
            #expect(letter?["about"] as? String == "snapping at my sister")
            // The draft file is removed once the letter is saved.
            let drafts = try FileManager.default.contentsOfDirectory(atPath: daemon.runtimeDirectory).filter { $0.hasPrefix("letterd-letter-") }
            #expect(drafts.isEmpty)
        }
    }

    @Test("write in $EDITOR: the page starts with the configured greeting and has the guided steps in brief")
    func writeWithGreeting() throws {
        let daemon = try DaemonUnderTest()
        defer { daemon.cleanUp() }
        try FileManager.default.createDirectory(atPath: daemon.configDirectory, withIntermediateDirectories: true)
        try "[letter]\nname = \"Sam\"\n".write(toFile: daemon.configDirectory + "/letterd.toml", atomically: true, encoding: .utf8)
        try daemon.start()
        let script = daemon.root.path + "/editor.sh"
        let seen = daemon.root.path + "/seen.txt"
        try """
            #!/bin/sh
            cp "$1" "\(seen)"
            { head -n 1 "$1"; printf 'It makes sense that this hurt.\n'; } > "$1.new"
            mv "$1.new" "$1"
            """.write(toFile: script, atomically: true, encoding: .utf8)
        let result = try daemon.ctl(["write", "--feeling", "ashamed"], environment: ["EDITOR": "sh \(script)"])
        #expect(result.status == 0, "\(result)")
        let given = try String(contentsOfFile: seen, encoding: .utf8)
        #expect(given.hasPrefix("Dear Sam,\n"))
        for step in ["# 1. Think of what", "# 2. Bring to mind", "# 3. Write to yourself", "# 4. When you are done"] {
            #expect(given.contains(step), "\(step)")
        }
        #expect(given.contains("one or two at a time: standing back; stepping aside\n#    from the low mood"))
        #expect(!given.contains("never all"), "ideas are optional, without a rule about them")
        #expect(given.contains("tears, grief or fear"))
        #expect(given.contains("therapist rather than alone"))
        let letter = try daemon.json(["show", "1"])["letter"] as? [String: Any]
        #expect(letter?["text"] as? String == "Dear Sam,\nIt makes sense that this hurt.")
        #expect(letter?["feeling"] as? String == "ashamed")
        // The greeting alone is an empty letter: nothing is saved.
        let untouched = try daemon.ctl(["write"], environment: ["EDITOR": "true"])
        #expect(untouched.status == 0)
        #expect(untouched.stdout.contains("Nothing was saved"))
        #expect((try daemon.json(["list"])["letters"] as? [Any])?.count == 1)
    }

    @Test("$VISUAL wins over $EDITOR, and an editor command with arguments works")
    func visualWins() throws {
        try withDaemon { daemon in
            let script = daemon.root.path + "/visual.sh"
            try "#!/bin/sh\nprintf 'From VISUAL with %s\\n' \"$1\" > \"$2\"\n".write(toFile: script, atomically: true, encoding: .utf8)
            let result = try daemon.ctl(["write"], environment: ["VISUAL": "sh \(script) an-argument", "EDITOR": "/bin/false"])
            #expect(result.status == 0, "\(result)")
            let letter = try daemon.json(["show", "1"])["letter"] as? [String: Any]
            #expect(letter?["text"] as? String == "From VISUAL with an-argument")
        }
    }

    @Test("saving an empty letter saves nothing and says so; a failing editor keeps the draft")
    func emptyAndFailedEditor() throws {
        try withDaemon { daemon in
            let empty = try daemon.ctl(["write"], environment: ["EDITOR": "true"])
            #expect(empty.status == 0)
            #expect(empty.stdout.contains("Nothing was saved"))
            let failing = try daemon.ctl(["write"], environment: ["EDITOR": "false"])
            #expect(failing.status == 1)
            #expect(failing.stderr.contains("nothing was saved"))
            let draftPath = failing.stderr.components(separatedBy: "Your text is still in ").last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            #expect(FileManager.default.fileExists(atPath: draftPath), "the draft is kept: \(failing.stderr)")
            let emptyFromStdin = try daemon.ctl(["write", "--from", "-"], stdin: "  \n")
            #expect(emptyFromStdin.status == 65)
            #expect(try daemon.json(["status"])["status"].flatMap { ($0 as? [String: Any])?["letters"] as? Int } == 0)
        }
    }

    @Test("rework adds a version; show --versions prints every one, oldest first")
    func reworkAndVersions() throws {
        try withDaemon { daemon in
            _ = try daemon.ctl(["write", "--from", "-", "--about", "the exam"], stdin: "First, harsher words.")
            let unchanged = try daemon.ctl(["rework", "1"], environment: ["EDITOR": "true"])
            #expect(unchanged.stdout.contains("no new version was saved"))
            let reworked = try daemon.ctl(["rework", "1", "--from", "-"], stdin: "Second, kinder words.")
            #expect(reworked.status == 0)
            #expect(reworked.stdout.contains("Saved version 2 of letter #1; the earlier versions are kept."))
            let versions = try daemon.ctl(["show", "1", "--versions"])
            let first = try #require(versions.stdout.range(of: "First, harsher words."))
            let second = try #require(versions.stdout.range(of: "Second, kinder words."))
            #expect(first.lowerBound < second.lowerBound)
            let reply = try daemon.json(["show", "1", "--versions"])
            #expect((reply["versions"] as? [[String: Any]])?.compactMap { $0["number"] as? Int } == [1, 2])
        }
    }

    @Test("diff shows what changed between versions, line by line")
    func diff() throws {
        try withDaemon { daemon in
            _ = try daemon.ctl(["write", "--from", "-"], stdin: "Dear you,\nYou should have known.\nI am here.")
            let single = try daemon.ctl(["diff", "1"])
            #expect(single.stdout.contains("has one version so far"))
            _ = try daemon.ctl(["rework", "1", "--from", "-"], stdin: "Dear you,\nOf course you could not have known.\nI am here.")
            let result = try daemon.ctl(["diff", "1"])
            #expect(result.status == 0, "\(result)")
            let lines = result.stdout.split(separator: "\n").dropFirst(2).map(String.init)
            #expect(lines == ["  Dear you,", "- You should have known.", "+ Of course you could not have known.", "  I am here."])
            let missing = try daemon.ctl(["diff", "1", "1", "5"])
            #expect(missing.status == 65)
            #expect(missing.stderr.contains("letter #1 has versions 1 to 2"))
        }
    }

    @Test("due, reread, skip, snooze, pause and resume from the command line")
    func scheduleCommands() throws {
        try withDaemon { daemon in
            _ = try daemon.ctl(["write", "--from", "-", "--about", "the exam"], stdin: "Dear you, that was a lot.")
            let quiet = try daemon.ctl(["due", "--quiet"])
            #expect(quiet.status == 1, "nothing is due right after writing")
            #expect(quiet.stdout.isEmpty)
            let all = try daemon.ctl(["due", "--all"])
            #expect(all.stdout.contains("reread"))
            #expect(all.stdout.contains("“the exam”"))
            let reread = try daemon.ctl(["reread", "1", "--rating", "helped-a-lot", "--noticed", "my jaw unclenched", "--no-ask"])
            #expect(reread.status == 0, "\(reread)")
            #expect(reread.stdout.contains("It will come back for another reread"))
            let schedule = try daemon.ctl(["schedule", "1"])
            #expect(schedule.stdout.contains("it helped a lot  — my jaw unclenched"))
            #expect(schedule.stdout.contains("Gap between rereads: 2d"))
            let bad = try daemon.ctl(["reread", "1", "--rating", "amazing", "--no-ask"])
            #expect(bad.status == 64)
            #expect(try daemon.ctl(["snooze", "1", "2h"]).stdout.contains("Letter #1 will come back"))
            #expect(try daemon.ctl(["snooze", "1", "soon"]).status == 64)
            #expect(try daemon.ctl(["skip", "1"]).stdout.contains("Skipped this"))
            let paused = try daemon.ctl(["pause", "3d"])
            #expect(paused.stdout.hasPrefix("Paused until"))
            #expect(try daemon.ctl(["due"]).stdout.contains("Notifications are paused until"))
            #expect(try daemon.ctl(["resume"]).status == 0)
            #expect(!(try daemon.ctl(["due"]).stdout.contains("paused")))
            #expect(try daemon.ctl(["skip", "99"]).status == 65)
        }
    }

    @Test("log-critic: one line in, a kind acknowledgement and what to come back to out, stored with its trigger")
    func logCritic() throws {
        try withDaemon { daemon in
            let result = try daemon.ctl(["log-critic", "7", "you", "always", "mess", "this", "up", "--trigger", "fear", "--about", "the talk"])
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.hasPrefix("Noted. That was hard to hear, and it makes sense that it stung.\n"))
            #expect(result.stdout.contains("“always” or “never”; it spoke to you as “you”"))
            let json = try daemon.json(["log-critic", "2"])
            #expect((json["checkIn"] as? [String: Any])?["intensity"] as? Int == 2)
            let hits = try daemon.json(["search", "mess"])["hits"] as? [[String: Any]]
            #expect(hits?.first?["kind"] as? String == "checkIn")
            #expect(hits?.first?["snippet"] as? String == "you always mess this up — the talk", "a short check-in is shown whole")
        }
    }

    @Test("status tells the version, the counts and where the data is")
    func status() throws {
        try withDaemon { daemon in
            _ = try daemon.ctl(["log-critic", "3"])
            let result = try daemon.ctl(["status"])
            #expect(result.status == 0)
            #expect(result.stdout.contains("letterd 0.1.0 is running"))
            #expect(result.stdout.contains("Check-ins: 1"))
            #expect(result.stdout.contains("Database:  \(daemon.databasePath)"))
            let json = try daemon.json(["status"])["status"] as? [String: Any]
            #expect(json?["databasePath"] as? String == daemon.databasePath)
            #expect(json?["letters"] as? Int == 0)
        }
    }

    @Test("delete asks first; --yes deletes for good")
    func delete() throws {
        try withDaemon { daemon in
            _ = try daemon.ctl(["write", "--from", "-"], stdin: "to be deleted")
            let refused = try daemon.ctl(["delete", "1"])
            #expect(refused.status == 64)
            #expect(refused.stderr.contains("pass --yes"))
            #expect(try daemon.ctl(["show", "1"]).status == 0)
            let deleted = try daemon.ctl(["delete", "1", "--yes"])
            #expect(deleted.status == 0)
            #expect(try daemon.ctl(["show", "1"]).status == 65)
        }
    }

    @Test("exit codes: 64 for usage, 65 for bad data, 69 when letterd is not running")
    func exitCodes() throws {
        try withDaemon { daemon in
            #expect(try daemon.ctl(["log-critic", "11"]).status == 64)
            #expect(try daemon.ctl(["write", "--warmth", "12", "--from", "-"], stdin: "x").status == 64)
            #expect(try daemon.ctl(["no-such-command"]).status == 64)
            #expect(try daemon.ctl(["log-critic"]).status == 64, "no intensity and no terminal to ask on")
            let missing = try daemon.ctl(["show", "42"])
            #expect(missing.status == 65)
            #expect(missing.stderr.contains("there is no letter #42"))
            let binary = daemon.root.path + "/binary"
            try Data([0x44, 0x65, 0x61, 0x72, 0xFF, 0xFE]).write(to: URL(fileURLWithPath: binary))
            let invalid = try daemon.ctl(["write", "--from", binary])
            #expect(invalid.status == 65)
            #expect(invalid.stderr.contains("not valid UTF-8"))
            let control = try daemon.ctl(["write", "--from", "-"], stdin: "escape \u{1B}[2J")
            #expect(control.status == 65)
            #expect(control.stderr.contains("text contains the control character U+001B on line 1"))
            let tooLong = try daemon.ctl(["write", "--from", "-"], stdin: String(repeating: "a", count: 300_000))
            #expect(tooLong.status == 65)
            #expect(tooLong.stderr.contains("the limit is 262144 bytes"))
        }
        let daemon = try DaemonUnderTest()
        defer { daemon.cleanUp() }
        let down = try daemon.ctl(["status"])
        #expect(down.status == 69)
        #expect(down.stderr.contains("systemctl --user start letterd.socket"))
        let noRuntime = try runCommand(Binaries.letterctl, ["status"], environment: ["PATH": "/usr/bin:/bin"])
        #expect(noRuntime.status == 64)
        #expect(noRuntime.stderr.contains("--socket"))
    }

    @Test("--socket points both programs at another path")
    func socketOption() throws {
        let daemon = try DaemonUnderTest()
        defer { daemon.cleanUp() }
        let socket = daemon.root.path + "/elsewhere.sock"
        try daemon.start(arguments: ["--socket", socket], waitForSocket: socket)
        #expect(try daemon.ctl(["status", "--socket", socket]).status == 0)
        #expect(try daemon.ctl(["status"]).status == 69)
        #expect(daemon.stop() == 0)
    }
}
