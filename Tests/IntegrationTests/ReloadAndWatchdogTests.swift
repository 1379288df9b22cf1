import Foundation
import TestSupport
import Testing

/// SIGHUP reloads, start-up with a broken config, and the watchdog, against the real letterd
/// with a stand-in for systemd's notification socket.
@Suite("Settings reload and watchdog")
struct ReloadAndWatchdogTests {
    @Test("SIGHUP with good settings applies them; with broken ones, names the line and keeps the old")
    func reload() throws {
        let daemon = try DaemonUnderTest()
        defer { daemon.cleanUp() }
        let configDirectory = daemon.configDirectory
        try FileManager.default.createDirectory(atPath: configDirectory, withIntermediateDirectories: true)
        let config = configDirectory + "/letterd.toml"
        let notifications = try DatagramListener(path: daemon.root.path + "/notify.sock")
        try daemon.start(extraEnvironment: ["NOTIFY_SOCKET": notifications.path])
        #expect(try notifications.receive().contains("READY=1"))
        let pid = try #require(daemon.process?.pid)

        // Good settings: debug logging takes effect without a restart.
        try "log-level = \"debug\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        kill(pid, SIGHUP)
        let reloading = try notifications.receive()
        #expect(reloading.hasPrefix("RELOADING=1\nMONOTONIC_USEC="))
        #expect(try notifications.receive().contains("READY=1"))
        #expect(daemon.log.contains("<6>reloaded the settings from \(config)"))
        #expect(try daemon.ctl(["status"]).status == 0)
        #expect(eventually { daemon.log.contains("<7>") }, "debug lines appear once log-level is debug")

        // Broken settings: the file, line and problem are logged; letterd keeps serving.
        try "log-level = \"info\"\n[server]\nmax-connections = -1\n".write(toFile: config, atomically: true, encoding: .utf8)
        kill(pid, SIGHUP)
        #expect(try notifications.receive().hasPrefix("RELOADING=1"))
        #expect(try notifications.receive().contains("READY=1"))
        #expect(daemon.log.contains("<3>\(config):3: server.max-connections is -1, out of range"))
        #expect(daemon.log.contains("<3>the settings in \(config) were not applied; letterd keeps its previous settings"))
        #expect(try daemon.ctl(["log-critic", "3"]).status == 0)
        let debugLines = daemon.log.components(separatedBy: "<7>").count
        _ = try daemon.ctl(["status"])
        #expect(eventually { daemon.log.components(separatedBy: "<7>").count > debugLines }, "still at debug: the old settings stayed")
        #expect(daemon.stop() == 0)
    }

    @Test("a broken config at start-up: letterd does not start, and says which line")
    func brokenAtStart() throws {
        let daemon = try DaemonUnderTest()
        defer { daemon.cleanUp() }
        let config = daemon.root.path + "/bad.toml"
        try "log-level = \"chatty\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        let result = try daemon.runExpectingExit(arguments: ["--config", config])
        #expect(result.status == 78)
        #expect(result.stderr.contains("<3>\(config):1: log-level is the text \"chatty\""))
        #expect(result.stderr.contains("<2>cannot start: the settings in \(config) have mistakes"))
        let missing = try daemon.runExpectingExit(arguments: ["--config", daemon.root.path + "/none.toml"])
        #expect(missing.status == 78)
        #expect(missing.stderr.contains("the file does not exist"))
    }

    @Test("with WATCHDOG_USEC it pings at half the interval, and stops when an event loop stalls")
    func watchdog() throws {
        let daemon = try DaemonUnderTest()
        defer { daemon.cleanUp() }
        let notifications = try DatagramListener(path: daemon.root.path + "/notify.sock")
        try daemon.start(extraEnvironment: [
            "NOTIFY_SOCKET": notifications.path, "WATCHDOG_USEC": "400000", "LETTERD_TEST_HOOKS": "stall-on-sigusr2",
        ])
        #expect(try notifications.receive().contains("READY=1"))
        let start = Date()
        for _ in 0..<3 { #expect(try notifications.receive() == "WATCHDOG=1") }
        let elapsed = Date().timeIntervalSince(start)
        #expect(elapsed > 0.4 && elapsed < 3, "three pings at ~200 ms intervals took \(elapsed) s")
        #expect(daemon.log.contains("<4>test hook enabled"))

        kill(try #require(daemon.process?.pid), SIGUSR2)
        #expect(eventually { daemon.log.contains("stalling an event loop now") })
        // At most one ping already on its way; then silence.
        let quiet = try DatagramListener.drain(notifications, for: 1.5)
        #expect(quiet.filter { $0 == "WATCHDOG=1" }.count <= 1, "pings after the stall: \(quiet)")
        daemon.killHard()
    }
}
