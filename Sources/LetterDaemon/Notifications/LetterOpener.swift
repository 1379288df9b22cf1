#if canImport(Glibc)
import Glibc
#endif
import Foundation
import LetterCore
import Logging

/// Runs the command that opens a letter from a notification: the person's own
/// (`notifications.open-command`, with `{id}` and `{kind}` filled in), or a terminal running
/// `letterctl reread ID` (or `rework`).
///
/// Under systemd the command runs through `systemd-run --user`, as a unit of its own: letterd's
/// sandbox (no home directory, no network) is no place for a terminal and an editor.
struct LetterOpener: Sendable {
    var command: [String]
    let logger: Logger
    let environment: [String: String]

    init(configured: [String], logger: Logger, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.command = configured
        self.logger = logger
        self.environment = environment
    }

    /// The argv that opens letter `id` for `kind` (or, with no id, a new letter about `theme`),
    /// or nil if no terminal could be found. In a configured command, `{id}` of a new letter is
    /// empty, and an argument left empty by that is dropped.
    func arguments(letterId id: Int64?, kind: PromptKind, theme: String? = nil) -> [String]? {
        let filled: [String]
        if command.isEmpty {
            guard let terminal = Self.defaultTerminal(environment: environment) else { return nil }
            filled = terminal + [Self.letterctlPath()] + Prompt.letterctlArguments(letterId: id, kind: kind, about: theme)
        } else {
            filled = command.compactMap { argument in
                let filled = argument.replacingOccurrences(of: "{id}", with: id.map(String.init) ?? "")
                    .replacingOccurrences(of: "{kind}", with: kind.rawValue)
                return filled.isEmpty && !argument.isEmpty ? nil : filled
            }
        }
        if environment["INVOCATION_ID"] != nil, let systemdRun = Self.find("systemd-run", environment: environment) {
            return [systemdRun, "--user", "--quiet", "--collect", "--"] + filled
        }
        return filled
    }

    func open(letterId id: Int64?, kind: PromptKind, theme: String? = nil) {
        let what = id.map { "letter \($0)" } ?? "a new letter"
        guard let argv = arguments(letterId: id, kind: kind, theme: theme) else {
            logger.warning("no terminal found to open \(what) in; set notifications.open-command, or run: letterctl \(kind.rawValue) \(id.map(String.init) ?? "")")
            return
        }
        do {
            let pid = try Self.spawn(argv)
            logger.info("opened \(what) for \(kind.rawValue) (pid \(pid))")
            // Reap it when it ends, so no zombie is left behind.
            Thread.detachNewThread {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            }
        } catch {
            logger.warning("could not run \(argv[0]) to open \(what): \(error)")
        }
    }

    /// A terminal emulator that can run a command: the freedesktop way first
    /// (`xdg-terminal-exec`), then Debian's alternative, then common ones by name.
    static func defaultTerminal(environment: [String: String]) -> [String]? {
        let candidates: [(String, [String])] = [
            ("xdg-terminal-exec", []), ("x-terminal-emulator", ["-e"]), ("gnome-terminal", ["--"]),
            ("konsole", ["-e"]), ("xfce4-terminal", ["-x"]), ("foot", []), ("kitty", []),
            ("alacritty", ["-e"]), ("xterm", ["-e"]),
        ]
        for (name, flags) in candidates {
            if let path = find(name, environment: environment) { return [path] + flags }
        }
        return nil
    }

    /// letterctl beside letterd (they are installed together), or by name on PATH.
    static func letterctlPath() -> String {
        let ownPath = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
        let beside = (ownPath as NSString).deletingLastPathComponent + "/letterctl"
        // Under the sandbox the home directory is hidden, so "beside" may not be visible here
        // even though it exists outside; it is still the right path for systemd-run to use.
        return ownPath.isEmpty ? "letterctl" : beside
    }

    static func find(_ name: String, environment: [String: String]) -> String? {
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    static func spawn(_ argv: [String]) throws -> pid_t {
        var pid: pid_t = 0
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A session of its own: a terminal opened from a notification outlives letterd's restarts.
        posix_spawnattr_setflags(&attributes, Int16(0x80))  // POSIX_SPAWN_SETSID (glibc), not imported into Swift
        let cArguments = argv.map { strdup($0) } + [nil]
        defer { for pointer in cArguments { free(pointer) } }
        let result = argv[0].withCString { path in
            (argv[0].contains("/") ? posix_spawn : posix_spawnp)(&pid, path, &actions, &attributes, cArguments, environ)
        }
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EIO) }
        return pid
    }
}
