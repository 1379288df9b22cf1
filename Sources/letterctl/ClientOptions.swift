#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import LetterCore
import LetterProtocol
import VarlinkProtocol

/// Options every command that talks to letterd shares.
struct ClientOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The socket letterd listens on (default: $XDG_RUNTIME_DIR/letterd/letterd.sock).",
            valueName: "path"))
    var socket: String?

    /// Where to connect.
    func socketPath() throws(ClientError) -> String {
        try Self.socketPath(given: socket)
    }

    /// `given` (from --socket), or letterd's socket in the runtime directory.
    static func socketPath(given socket: String?) throws(ClientError) -> String {
        if let socket { return socket }
        guard let runtime = getenv("XDG_RUNTIME_DIR").map({ String(cString: $0) }), runtime.hasPrefix("/") else {
            throw ClientError.usage("XDG_RUNTIME_DIR is not set, so letterctl cannot find letterd's socket; pass --socket PATH")
        }
        return runtime + "/letterd/letterd.sock"
    }

    /// Connects to letterd.
    func connect() throws(ClientError) -> DaemonConnection {
        try DaemonConnection(path: socketPath())
    }

    /// The line a new letter starts with, "Dear Sam,", from letterd's `[letter]` settings; nil
    /// without a name, or when letterd cannot be asked (writing goes on, and what is written is
    /// kept as a draft if saving fails too).
    func letterGreeting() -> String? { Self.settings(socket: socket)?.greeting }

    /// The help note with the resources letterd is configured with; nil when letterd cannot be asked.
    func helpNote() -> HelpNote? { Self.settings(socket: socket)?.help }

    /// letterd's settings as it runs on them (GetConfig); nil when it cannot be asked.
    static func settings(socket: String?) -> GetConfigReply? {
        guard let connection = try? DaemonConnection(path: socketPath(given: socket)) else { return nil }
        return try? connection.call(LettersInterface.Method.getConfig.rawValue, NoParameters())
    }
}

/// `--json`, for commands that print data.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print the result as JSON (times in UTC, ISO 8601), for scripts.")
    var json = false
}

/// Runs a command body, turning a ``ClientError`` into a message on stderr and its exit status.
func runReportingErrors(_ body: () throws(ClientError) -> Void) throws {
    do {
        try body()
    } catch {
        Terminal.warn("letterctl: \(error.message)")
        throw ExitCode(error.exitStatus)
    }
}
