#if canImport(Glibc)
import Glibc
#endif

/// Shows long text through the person's pager ($PAGER, else less), short text directly, and
/// anything directly when stdout is not a terminal.
enum Pager {
    static func show(_ text: String) {
        let lines = text.reduce(0) { $0 + ($1 == "\n" ? 1 : 0) }
        guard isatty(STDOUT_FILENO) == 1, lines > terminalRows() - 2 else {
            print(text, terminator: "")
            return
        }
        let command = getenv("PAGER").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "less"
        if !run(command, input: text) { print(text, terminator: "") }
    }

    static func terminalRows() -> Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 { return Int(size.ws_row) }
        return 24
    }

    /// Runs `sh -c command` with `input` on its stdin; false if it could not be started.
    static func run(_ command: String, input: String) -> Bool {
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { return false }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[0], STDIN_FILENO)
        posix_spawn_file_actions_addclose(&actions, pipeEnds[1])
        // less: leave the text on screen after quitting (-X) and keep it raw (-R) only if the
        // person has not set LESS themselves.
        if getenv("LESS") == nil { setenv("LESS", "FRX", 1) }
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup("sh"), strdup("-c"), strdup(command), nil]
        defer { for pointer in argv { free(pointer) } }
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, argv, environ)
        close(pipeEnds[0])
        guard spawned == 0 else { close(pipeEnds[1]); return false }
        var bytes = Array(input.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { write(pipeEnds[1], $0.baseAddress! + offset, $0.count - offset) }
            if written <= 0 { break }
            offset += written
        }
        close(pipeEnds[1])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return true
    }
}
