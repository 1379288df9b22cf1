#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import VarlinkProtocol

/// Small terminal helpers, on Glibc alone.
enum Terminal {
    static var stdinIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// The local time zone's offset from UTC now, in seconds.
    static var utcOffsetSeconds: Int {
        var seconds = time(nil)
        var parts = tm()
        localtime_r(&seconds, &parts)
        return parts.tm_gmtoff
    }

    /// A comfortable width for paragraphs: the terminal's, up to 80 columns, less a margin of 2
    /// (78 when the width is not known).
    static var textWidth: Int { max(min(columns ?? 80, 80) - 2, 30) }

    /// The terminal's width when stdout is one, else $COLUMNS, else nil.
    static var columns: Int? {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return getenv("COLUMNS").flatMap { Int(String(cString: $0)) }
    }


    /// Writes a line to stderr.
    static func warn(_ text: String) {
        say(text)
    }

    /// Writes to stderr, where letterctl talks to the person while stdout carries results.
    static func say(_ text: String, newline: Bool = true) {
        let line = newline ? text + "\n" : text
        line.utf8CString.withUnsafeBufferPointer { _ = write(STDERR_FILENO, $0.baseAddress, $0.count - 1) }
    }

    /// Asks a question on stderr and reads one line from stdin; nil at end of input.
    static func ask(_ question: String) -> String? {
        question.utf8CString.withUnsafeBufferPointer { _ = write(STDERR_FILENO, $0.baseAddress, $0.count - 1) }
        return readLine(strippingNewline: true)
    }

    /// What one key press answered.
    enum KeyAnswer: Equatable {
        case key(Character)
        /// Enter: the question is skipped.
        case skip
        /// Ctrl-C, Ctrl-D or the end of input.
        case stop
    }

    /// Asks a question on stderr and reads one key press, without waiting for Enter: one of
    /// `keys`, or Enter to skip (other keys are ignored). The key is echoed. Anything typed
    /// ahead with it (a habitual Enter after a digit, a paste) is discarded, so it cannot answer
    /// the next question too. Without a terminal, the first character of a line is the key.
    static func key(_ question: String, accepting keys: String) -> KeyAnswer {
        var original = termios()
        guard tcgetattr(STDIN_FILENO, &original) == 0 else {
            guard let line = ask(question) else { return .stop }
            guard let first = line.trimmingWhitespace.first else { return .skip }
            return keys.contains(first) ? .key(first) : .skip
        }
        var raw = original
        // No line editing, no echo, and Ctrl-C as a byte (so the terminal is always put back).
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        guard tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0 else { return .stop }
        defer {
            tcflush(STDIN_FILENO, TCIFLUSH)
            tcsetattr(STDIN_FILENO, TCSANOW, &original)
        }
        say(question, newline: false)
        var byte: UInt8 = 0
        while true {
            let count = read(STDIN_FILENO, &byte, 1)
            if count < 0 && errno == EINTR { continue }
            guard count == 1 else {
                say("")
                return .stop
            }
            switch byte {
            case 0x0D, 0x0A:
                say("")
                return .skip
            case 0x03, 0x04:
                say("")
                return .stop
            default:
                let character = Character(Unicode.Scalar(byte))
                if byte < 0x80, keys.contains(character) {
                    say(String(character))
                    return .key(character)
                }
            }
        }
    }

    /// An answer to a yes-or-no question: y/yes or n/no in any case, Enter for `defaultAnswer`;
    /// nil for anything else (ask again).
    static func yesOrNo(_ answer: String, default defaultAnswer: Bool) -> Bool? {
        switch answer.trimmingWhitespace.lowercased() {
        case "": defaultAnswer
        case "y", "yes": true
        case "n", "no": false
        default: nil
        }
    }

    /// A time in the person's local time zone, e.g. "Sun 22 Nov 2026, 14:05".
    static func localTime(_ date: Date, withYear: Bool = true) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        localtime_r(&seconds, &parts)
        // "%-d": the day without padding (a glibc flag). String.replacing, which took the
        // padding out before, was a twentieth of `letterctl list`'s time (its generic
        // algorithms are set up on first use).
        let format = withYear ? "%a %-d %b %Y, %H:%M" : "%a %-d %b, %H:%M"
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
            let count = strftime(buffer.baseAddress!, buffer.count, format, &parts)
            return String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress, count: count), as: UTF8.self)
        }
    }

    /// Encodes a reply for `--json`: pretty, keys sorted, times in ISO 8601 UTC.
    static func json<T: Encodable>(_ value: T) throws(ClientError) -> String {
        let encoder = VarlinkJSON.encoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw ClientError.internalFailure("cannot encode the output: \(error)")
        }
    }
}

