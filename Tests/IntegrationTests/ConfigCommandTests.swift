import Foundation
import TestSupport
import Testing

/// `letterctl config check` (letterd --check-config, no daemon needed) and `config show` (the
/// running daemon's settings, after a reload).
@Suite("letterctl config")
struct ConfigCommandTests {
    @Test("check names every mistake with file, line and key, and exits 78; a valid file or none exits 0")
    func check() throws {
        let daemon = try DaemonUnderTest()
        defer { daemon.cleanUp() }
        let bad = daemon.root.path + "/bad.toml"
        try "[schedule]\ndaily-cap = 0\n\n[critic]\nloud-within = \"forever\"\nsurprise = 1\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try daemon.ctl(["config", "check", bad])
        #expect(refused.status == 78, "\(refused)")
        #expect(refused.stderr.contains("\(bad):2: schedule.daily-cap is 0, out of range (accepted: a whole number from 1 to 100)"))
        #expect(refused.stderr.contains("\(bad):5: critic.loud-within is \"forever\", which is not a duration"))
        #expect(refused.stderr.contains("\(bad):6: critic.surprise is not a letterd setting"))

        let none = try daemon.ctl(["config", "check"])
        #expect(none.status == 0)
        #expect(none.stdout.contains("does not exist: letterd uses the defaults."))
        let example = try daemon.ctl(["config", "check", FileManager.default.currentDirectoryPath + "/Config/letterd.toml"])
        #expect(example.status == 0, "\(example)")
        #expect(example.stdout.hasSuffix("the settings are valid.\n"))
        let missing = try daemon.ctl(["config", "check", daemon.root.path + "/nope.toml"])
        #expect(missing.status == 78)
        #expect(missing.stderr.contains("the file does not exist"))
    }

    @Test("show prints the running settings as a valid file, and follows a reload")
    func show() throws {
        let daemon = try DaemonUnderTest()
        defer { daemon.cleanUp() }
        try daemon.start()
        let before = try daemon.ctl(["config", "show"])
        #expect(before.status == 0, "\(before)")
        #expect(before.stdout.contains("[schedule]\nfirst-reread-after = \"3h\""))
        #expect(before.stdout.contains("[safety]\nresources = ["))

        try FileManager.default.createDirectory(atPath: daemon.configDirectory, withIntermediateDirectories: true)
        try "[schedule]\ndaily-cap = 5\n".write(toFile: daemon.configDirectory + "/letterd.toml", atomically: true, encoding: .utf8)
        daemon.process?.signal(SIGHUP)
        #expect(eventually { (try? daemon.ctl(["config", "show"]).stdout.contains("daily-cap = 5")) == true })
        let shown = daemon.root.path + "/shown.toml"
        let json = try daemon.json(["config", "show"])
        try (json["settings"] as? String ?? "").write(toFile: shown, atomically: true, encoding: .utf8)
        #expect(try daemon.ctl(["config", "check", shown]).status == 0, "what show prints is itself a valid settings file")
        #expect(daemon.stop() == 0)
    }
}
