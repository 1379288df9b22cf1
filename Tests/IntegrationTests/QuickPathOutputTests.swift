import Foundation
import TestSupport
import Testing

/// letterctl reads the everyday command lines itself (`QuickCommandLine`) and every other
/// form through ArgumentParser. `--socket=PATH` is a form only ArgumentParser reads, so the
/// same command with `--socket PATH` and with `--socket=PATH` runs once down each path; here
/// the two must print the same and exit the same, against the real letterd.
@Suite("letterctl's quick path prints what ArgumentParser's path prints")
struct QuickPathOutputTests {
    /// Read-only command lines, so both runs see the same store. `due`'s text says how long
    /// until a prompt is due, which can change between two runs; with prompts open it is
    /// compared as `--json`.
    static let lines: [[String]] = [
        ["list"], ["list", "--limit", "1"], ["list", "--before", "2"], ["list", "--json"],
        ["search", "deadline"], ["search", "deadline", "kind"], ["search", "lighthouse"], ["search", "deadline", "--json"],
        ["search", "--limit", "1", "deadline"], ["due", "--quiet"], ["due", "--json"], ["due", "--all", "--json"],
    ]

    @Test("list, due and search, on an empty store and on one with letters and check-ins")
    func sameOutput() throws {
        try withDaemon { daemon in
            try Self.compare(daemon, Self.lines + [["due"], ["due", "--all"]])
            for (about, text) in [
                ("the missed deadline", "Dear you,\n\nA deadline slipped, and you are still worth kindness."),
                ("the talk", "Dear me,\n\nYou were nervous, and you spoke anyway. That took courage."),
            ] {
                let written = try daemon.ctl(["write", "--from", "-", "--about", about, "--tag", "work"], stdin: text)
                #expect(written.status == 0, "\(written)")
            }
            let checkIn = try daemon.ctl(["log-critic", "7", "you always miss the deadline", "--trigger", "fear"])
            #expect(checkIn.status == 0, "\(checkIn)")
            try Self.compare(daemon, Self.lines)
        }
    }

    private static func compare(_ daemon: DaemonUnderTest, _ lines: [[String]]) throws {
        for line in lines {
            let quick = try daemon.ctl(line + ["--socket", daemon.socketPath])
            let parsed = try daemon.ctl(line + ["--socket=\(daemon.socketPath)"])
            #expect(quick.status == parsed.status, "\(line): quick \(quick) / ArgumentParser \(parsed)")
            #expect(quick.stdout == parsed.stdout, "\(line)")
            #expect(quick.stderr == parsed.stderr, "\(line)")
            #expect(!quick.stdout.isEmpty || line.contains("--quiet"), "\(line) printed nothing")
        }
    }
}
