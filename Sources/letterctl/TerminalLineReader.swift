#if canImport(Glibc)
import Glibc
#endif

/// Set by the signal handler when the person presses Ctrl-C (or the terminal goes away).
/// A C signal handler can do no more than this, safely.
nonisolated(unsafe) private var stopRequested: sig_atomic_t = 0

/// Reads answers a line at a time from the terminal, the way the terminal itself edits them
/// (backspace, Ctrl-U, Ctrl-W all work as usual), but so that Ctrl-C loses nothing: the line
/// being typed when it was pressed is handed back rather than thrown away.
///
/// How: the terminal normally discards a half-typed line on Ctrl-C. With `NOFLSH` it keeps it,
/// our SIGINT handler makes the wait for input return, and switching the terminal out of
/// line mode for a moment makes that half line readable (Linux's n_tty hands the pending
/// line over when canonical mode is turned off). The terminal's settings are put back after.
///
/// The wait is `pselect` with the signals blocked around it, which unblocks them only while it
/// waits: a Ctrl-C that lands after the last look at the flag but before the wait began
/// would otherwise leave a plain `read` blocked for good (it happened in CI, the test typing
/// Ctrl-C the moment the question appeared).
final class TerminalLineReader {
    enum Input: Equatable {
        case line(String)
        /// End of input (Ctrl-D on an empty line).
        case end
        /// Ctrl-C, SIGTERM or a closed terminal, with whatever had been typed on the line.
        case stopped(partial: String)
    }

    private var original = termios()
    private let hasTerminal: Bool
    private var previousActions: [Int32: sigaction] = [:]
    private static let signals = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    init() {
        hasTerminal = tcgetattr(STDIN_FILENO, &original) == 0
        if hasTerminal {
            var settings = original
            settings.c_lflag |= tcflag_t(NOFLSH)
            tcsetattr(STDIN_FILENO, TCSANOW, &settings)
        }
        for signal in Self.signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { _ in stopRequested = 1 }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0  // no SA_RESTART: the blocked read must return
            var previous = sigaction()
            sigaction(signal, &action, &previous)
            previousActions[signal] = previous
        }
    }

    /// Puts the terminal and the signal handling back as they were.
    func close() {
        if hasTerminal { tcsetattr(STDIN_FILENO, TCSANOW, &original) }
        for (signal, var previous) in previousActions {
            sigaction(signal, &previous, nil)
        }
        previousActions = [:]
    }

    deinit { close() }

    /// Lines that arrived together (a paste, or typing ahead) beyond the one returned.
    private var pending: [UInt8] = []

    /// Writes `prompt` (to stderr, like every question letterctl asks) and reads one line.
    func read(prompt: String) -> Input {
        // Blocked from here to the end, except inside pselect (see the type's comment); the mask
        // before is the one pselect waits with, and is put back on the way out.
        var blocked = sigset_t()
        sigemptyset(&blocked)
        for signal in Self.signals { sigaddset(&blocked, signal) }
        var waitMask = sigset_t()
        pthread_sigmask(SIG_BLOCK, &blocked, &waitMask)
        defer { pthread_sigmask(SIG_SETMASK, &waitMask, nil) }

        Terminal.say(prompt, newline: false)
        var bytes = pending
        pending = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            if let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) {
                pending = Array(bytes[(newline + 1)...])
                return .line(Self.text(Array(bytes[..<newline])))
            }
            if stopRequested != 0 { return stopped(after: bytes) }
            var readable = fd_set()
            readable.__fds_bits.0 = 1 << STDIN_FILENO  // FD_SET(0): Swift has no FD_SET
            if pselect(STDIN_FILENO + 1, &readable, nil, nil, nil, &waitMask) < 0 {
                if errno == EINTR { continue }
                return stopped(after: bytes)
            }
            // Readable (a whole line, end of input, or a closed terminal): read does not block.
            let count = chunk.withUnsafeMutableBytes { Glibc.read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return stopped(after: bytes)
            }
            if count == 0 {
                // Ctrl-D: on an empty line it ends the input; after some text it hands that text over.
                return bytes.isEmpty ? .end : .line(Self.text(bytes))
            }
            bytes.append(contentsOf: chunk[..<count])
        }
    }

    private func stopped(after bytes: [UInt8]) -> Input {
        var all = bytes
        if hasTerminal {
            // Take the half-typed line out of the terminal's buffer (see the type's comment).
            var raw = original
            raw.c_lflag &= ~tcflag_t(ICANON)
            withUnsafeMutableBytes(of: &raw.c_cc) { cc in
                cc[Int(VMIN)] = 0
                cc[Int(VTIME)] = 0
            }
            if tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0 {
                var chunk = [UInt8](repeating: 0, count: 4096)
                while true {
                    let count = chunk.withUnsafeMutableBytes { Glibc.read(STDIN_FILENO, $0.baseAddress, $0.count) }
                    if count <= 0 { break }
                    all.append(contentsOf: chunk[..<count])
                }
                tcsetattr(STDIN_FILENO, TCSANOW, &original)
            }
        }
        // What was drained may hold whole lines (typed ahead) and the half line; keep them all.
        return .stopped(partial: Self.text(all))
    }

    private static func text(_ bytes: [UInt8]) -> String {
        var bytes = bytes
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
}
