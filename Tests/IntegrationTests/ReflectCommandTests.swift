import Foundation
import TestSupport
import Testing

/// `letterctl reflect` and the rework page, the real letterctl against the real letterd: the
/// notes wait for the next day (letterd is restarted with its clock two days ahead, through a
/// test hook), then quote their lines; the settings can turn them off.
@Suite("letterctl reflect")
struct ReflectCommandTests {
    static let letter = """
        Dear me,
        It makes sense that the meeting shook you.
        However, you know you tend to be black and white about things.
        Why don't you just let it go?
        """

    @Test("the notes wait until the next day, then quote each line with a kinder way of putting it")
    func waitsThenNotes() throws {
        let daemon = try DaemonUnderTest()
        defer { daemon.cleanUp() }
        try daemon.start()
        let written = try daemon.ctl(["write", "--from", "-", "--about", "the meeting"], stdin: Self.letter)
        #expect(written.status == 0, "\(written)")
        let early = try daemon.ctl(["reflect", "1"])
        #expect(early.status == 0, "\(early)")
        #expect(early.stdout.contains("Its reflections wait until"))
        #expect(!early.stdout.contains("However"), "nothing of the critique at writing time")
        let earlyJSON = try daemon.json(["reflect", "1"])
        #expect((earlyJSON["notes"] as? [Any])?.isEmpty == true)
        #expect(earlyJSON["availableFrom"] is String)
        #expect(daemon.stop() == 0)

        try daemon.start(extraEnvironment: ["LETTERD_TEST_HOOKS": "clock-offset=\(2 * 86_400)"])
        let later = try daemon.ctl(["reflect", "1"])
        #expect(later.status == 0, "\(later)")
        #expect(later.stdout.contains("line 3: However, you know you tend to be black and white about things."))
        #expect(later.stdout.contains("“However”: “However” can take back the warmth"))
        #expect(later.stdout.contains("line 4: Why don't you just let it go?"))
        #expect(later.stdout.contains("Is there warmth all the way through?"))
        let json = try daemon.json(["reflect", "1"])
        let kinds = (json["notes"] as? [[String: Any]])?.map { $0["kind"] as? String }
        #expect(kinds == ["however", "whyDontYou", "just"])

        // The rework page carries them as comments, stripped when saved.
        let seen = daemon.root.path + "/rework-page.txt"
        let editor = daemon.root.path + "/editor.sh"
        try "#!/bin/sh\ncp \"$1\" \"\(seen)\"\n".write(toFile: editor, atomically: true, encoding: .utf8)
        let rework = try daemon.ctl(["rework", "1"], environment: ["EDITOR": "sh \(editor)"])
        #expect(rework.stdout.contains("Nothing changed"), "\(rework)")
        let page = try String(contentsOfFile: seen, encoding: .utf8)
        #expect(page.contains("# Some gentle notes, if you want them"))
        #expect(page.contains("#   line 4: Why don't you just let it go?"))
        #expect(daemon.stop() == 0)
    }

    @Test("turned off in the settings, reflect says so and the rework page has none")
    func turnedOff() throws {
        let daemon = try DaemonUnderTest()
        defer { daemon.cleanUp() }
        try FileManager.default.createDirectory(atPath: daemon.configDirectory, withIntermediateDirectories: true)
        try "[reflections]\nenabled = false\n".write(toFile: daemon.configDirectory + "/letterd.toml", atomically: true, encoding: .utf8)
        try daemon.start(extraEnvironment: ["LETTERD_TEST_HOOKS": "clock-offset=\(2 * 86_400)"])
        _ = try daemon.ctl(["write", "--from", "-"], stdin: Self.letter)
        let reply = try daemon.ctl(["reflect", "1"])
        #expect(reply.stdout.contains("Reflections are turned off"))
        #expect(try daemon.ctl(["reflect", "7"]).status == 65)
        #expect(daemon.stop() == 0)
    }
}
