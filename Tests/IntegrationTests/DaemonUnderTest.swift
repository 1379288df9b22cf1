import Foundation
import TestSupport
import Testing

/// Where the built `letterd` and `letterctl` are: `$LETTERD_BIN_DIR` (set by `make test`), or
/// beside this test binary, which is where `swift build` puts them.
enum Binaries {
    static let directory: String = {
        if let configured = ProcessInfo.processInfo.environment["LETTERD_BIN_DIR"], !configured.isEmpty {
            return configured
        }
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
        return (executable as NSString).deletingLastPathComponent
    }()

    static var letterd: String { directory + "/letterd" }
    static var letterctl: String { directory + "/letterctl" }
}

/// A real `letterd` process in a private temporary HOME and XDG tree, driven by the real
/// `letterctl`. The process is stopped by its PID and the tree removed by `cleanUp()`.
final class DaemonUnderTest: @unchecked Sendable {
    let root: TemporaryDirectory
    let environment: [String: String]
    let runtimeDirectory: String
    var socketPath: String { runtimeDirectory + "/letterd/letterd.sock" }
    var databasePath: String { root.path + "/data/letterd/letterd.sqlite3" }
    var logPath: String { root.path + "/letterd.log" }
    /// Where letterd looks for letterd.toml.
    var configDirectory: String { root.path + "/config/letterd" }
    private(set) var process: ChildProcess?

    init() throws {
        root = try TemporaryDirectory(prefix: "letterd-it")
        runtimeDirectory = try root.makeDirectory("run")
        try root.makeDirectory("home")
        environment = [
            "HOME": root.path + "/home",
            "XDG_DATA_HOME": root.path + "/data",
            "XDG_CONFIG_HOME": root.path + "/config",
            "XDG_RUNTIME_DIR": runtimeDirectory,
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "TZ": "UTC",
            "LC_ALL": "C.UTF-8",
        ]
        #expect(FileManager.default.isExecutableFile(atPath: Binaries.letterd), "build letterd first: \(Binaries.letterd)")
    }

    /// Starts letterd and waits until its socket answers.
    func start(arguments: [String] = [], extraEnvironment: [String: String] = [:], waitForSocket: String? = nil) throws {
        let process = try ChildProcess(
            Binaries.letterd, arguments, environment: environment.merging(extraEnvironment) { $1 },
            stdoutPath: logPath, stderrPath: logPath)
        self.process = process
        let socket = waitForSocket ?? socketPath
        // Ready means the socket answers and letterd has said so; it logs "listening" only after
        // making the socket 0600, which a connectable socket alone does not yet prove.
        let up = eventually {
            ((try? UnixSocketClient(path: socket)) != nil && log.contains("<6>listening on")) || !process.isRunning
        }
        guard up, process.isRunning else {
            throw DaemonFailedToStart(log: self.log)
        }
    }

    /// Runs letterd in the foreground until it exits on its own (for start-up refusals).
    func runExpectingExit(arguments: [String] = []) throws -> CommandResult {
        try runCommand(Binaries.letterd, arguments, environment: environment, timeoutSeconds: 20)
    }

    /// SIGTERM, then waits; returns the exit status (or -9 if it had to be killed).
    @discardableResult
    func stop() -> Int32 {
        guard let process else { return 0 }
        process.signal(SIGTERM)
        let status = process.wait(timeoutSeconds: 15)
        self.process = nil
        return status
    }

    /// SIGKILL: no chance to finish anything.
    func killHard() {
        guard let process else { return }
        process.signal(SIGKILL)
        process.wait(timeoutSeconds: 15)
        self.process = nil
    }

    /// Runs letterctl against this daemon.
    func ctl(_ arguments: [String], stdin: String? = nil, environment extra: [String: String] = [:]) throws -> CommandResult {
        try runCommand(Binaries.letterctl, arguments, environment: environment.merging(extra) { $1 }, stdin: stdin)
    }

    /// Runs letterctl and decodes its `--json` output.
    func json(_ arguments: [String], stdin: String? = nil) throws -> [String: Any] {
        let result = try ctl(arguments + ["--json"], stdin: stdin)
        #expect(result.status == 0, "\(arguments): \(result)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
    }

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    func cleanUp() {
        process?.signal(SIGKILL)
        process?.wait(timeoutSeconds: 15)
        root.remove()
    }
}

struct DaemonFailedToStart: Error, CustomStringConvertible {
    let log: String
    var description: String { "letterd did not start; its log:\n\(log)" }
}

/// Runs `body` with a started daemon, and always stops and removes it afterwards. A daemon
/// that does not exit 0 on SIGTERM fails the test.
func withDaemon(_ body: (DaemonUnderTest) throws -> Void) throws {
    let daemon = try DaemonUnderTest()
    defer { daemon.cleanUp() }
    try daemon.start()
    try body(daemon)
    if daemon.process != nil {
        #expect(daemon.stop() == 0, "letterd should exit 0 on SIGTERM; log:\n\(daemon.log)")
    }
}
