import Foundation

/// What a finished command produced.
public struct CommandResult: Sendable, CustomStringConvertible {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public var description: String { "exit \(status)\nstdout: \(stdout)\nstderr: \(stderr)" }
}

/// A child process started with `posix_spawn` and reaped with `waitpid`.
///
/// Foundation's `Process` is not used: on Linux it learns that a child exited through a socket
/// the child inherits, so a child that closes its inherited descriptors before exec'ing (as
/// `systemd-socket-activate` does) looks dead while it runs, and Foundation then blocks every
/// other process's reaping in `wait4`.
public final class ChildProcess: @unchecked Sendable {
    public let pid: pid_t
    private let lock = NSLock()
    private var exitStatus: Int32?

    /// Starts `executable` with exactly `environment`; stdin, stdout and stderr come from and go
    /// to the given files (`/dev/null` when nil). Output files are appended to.
    public init(
        _ executable: String, _ arguments: [String], environment: [String: String],
        stdinPath: String? = nil, stdoutPath: String? = nil, stderrPath: String? = nil
    ) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdinPath ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath ?? "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath ?? "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0o600)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Signals the test process ignores must not stay ignored in the child.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        sigaddset(&defaults, SIGTERM)
        sigaddset(&defaults, SIGINT)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid = pid_t()
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .ENOENT) }
        self.pid = pid
    }

    /// Whether it is still running (reaps it if it has exited).
    public var isRunning: Bool { poll() == nil }

    /// Its exit status once it has exited: the code, or 128+signal if a signal ended it.
    public var status: Int32? { poll() }

    public func signal(_ signal: Int32) {
        if isRunning { kill(pid, signal) }
    }

    /// Waits for it to exit; at the time limit it is killed and -9 is returned.
    @discardableResult
    public func wait(timeoutSeconds: Double) -> Int32 {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while true {
            if let status = poll() { return status }
            if Date() > deadline {
                kill(pid, SIGKILL)
                while poll() == nil { usleep(1_000) }
                return -9
            }
            usleep(2_000)
        }
    }

    private func poll() -> Int32? {
        lock.withLock {
            if let exitStatus { return exitStatus }
            var raw: Int32 = 0
            guard waitpid(pid, &raw, WNOHANG) == pid else { return nil }
            // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift cannot import as macros.
            let signal = raw & 0x7F
            exitStatus = signal == 0 ? (raw >> 8) & 0xFF : 128 + signal
            return exitStatus
        }
    }

    deinit {
        if poll() == nil {
            kill(pid, SIGKILL)
            var raw: Int32 = 0
            waitpid(pid, &raw, 0)
        }
    }
}

/// Runs a program to completion with a time limit, its output captured through files (so no
/// pipe can fill up and stall it). A program still running at the limit is killed, and the
/// result says so with status -9.
public func runCommand(
    _ executable: String, _ arguments: [String], environment: [String: String],
    stdin: String? = nil, timeoutSeconds: Double = 30
) throws -> CommandResult {
    let directory = try TemporaryDirectory(prefix: "letterd-cmd")
    defer { directory.remove() }
    let outPath = directory.path + "/out", errPath = directory.path + "/err", inPath = directory.path + "/in"
    if let stdin { try Data(stdin.utf8).write(to: URL(fileURLWithPath: inPath)) }
    let child = try ChildProcess(
        executable, arguments, environment: environment,
        stdinPath: stdin == nil ? nil : inPath, stdoutPath: outPath, stderrPath: errPath)
    let status = child.wait(timeoutSeconds: timeoutSeconds)
    return CommandResult(
        status: status,
        stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
        stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
}

/// Polls `condition` every 10 ms until it holds or the time is up.
public func eventually(timeoutSeconds: Double = 10, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(timeoutSeconds)
    while Date() < deadline {
        if condition() { return true }
        usleep(10_000)
    }
    return condition()
}
