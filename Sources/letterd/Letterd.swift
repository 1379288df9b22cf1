import ArgumentParser
import Foundation
import LetterCore
import LetterDaemon
import Logging

struct Letterd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "letterd",
        abstract: "Keep your compassionate letters and critic check-ins, and serve them to letterctl.",
        discussion: """
            letterd is the background service behind letterctl. It stores every letter you write \
            to yourself (every version of it) and every check-in of your self-critical voice in \
            a private SQLite database, and answers letterctl over a Unix socket using the Varlink \
            protocol.

            The rhythm of the practice. A new letter rests first: a few hours later (3h by \
            default, inside your preferred hours) letterd invites you back to reread it slowly, \
            and the next day (10:00 by default) it offers a chance to rework it, since \
            critique is kinder once the warmth has had time to land. After each reread you can \
            say how it landed (it didn't help, a little, it helped, a lot); later rereads are \
            spaced by SM-2, the rule behind Anki: each letter has an ease (2.5 to start, 1.3 \
            to 3.0) that rises when rereads help a lot and falls when they help little; the gap \
            after the first reread is 2 days, then it is multiplied by the ease when a reread \
            helped, by 1.2 when it helped a little, and halved when it did not help. After two \
            unhelpful rereads in a row the letter is offered for rework instead of another \
            reread. A new version starts its rhythm afresh.

            Prompts arrive as desktop notifications (org.freedesktop.Notifications on your \
            session bus) naming the letter, with Reread now, Later and Skip. Preferred hours, \
            quiet hours, a daily limit (3) and letterctl pause hold notifications until \
            allowed; nothing is dropped, and whatever came due while the computer was off or \
            asleep arrives in one notification. Times are stored in UTC and read in your time \
            zone, so clock changes for daylight saving neither skip nor repeat a prompt. \
            Without a session bus or notification server letterd keeps running, logs it once, \
            tries again later, and letterctl due lists what is waiting. Every setting is in \
            letterd.toml (see the example shipped with letterd).

            Usually systemd starts it for you (letterd.socket, letterd.service). Run by hand, it \
            stays in the foreground and logs to stderr; stop it with Ctrl-C.

            Files:
              $XDG_DATA_HOME/letterd/letterd.sqlite3   your letters (default ~/.local/share/letterd)
              $XDG_RUNTIME_DIR/letterd/letterd.sock    the socket letterctl talks to
              $XDG_CONFIG_HOME/letterd/letterd.toml    settings, all optional (default ~/.config/letterd)

            Signals: SIGHUP re-reads the settings (a file with mistakes is refused, with its \
            line numbers in the log, and the old settings stay); SIGTERM and SIGINT stop \
            letterd after the requests in progress.

            Exit status: 0 stopped cleanly; 65 the database cannot be used as it is (the message \
            says why; letterd never changes such a file); 69 another letterd holds the socket; \
            70 an unexpected error; 73 a directory cannot be created; 78 the settings file has \
            mistakes, or the environment is not usable (no HOME or XDG_RUNTIME_DIR).

            letterd is a tool for a self-help exercise. It is not medical advice and not a \
            substitute for a qualified professional.
            """,
        version: LetterdVersion.current)

    @Option(name: .long, help: ArgumentHelp("Listen on this socket path instead of the default.", valueName: "path"))
    var socket: String?

    @Option(name: .long, help: ArgumentHelp(
        "Read settings from this file instead of $XDG_CONFIG_HOME/letterd/letterd.toml.", valueName: "path"))
    var config: String?

    @Flag(name: .long, help: "Log debug messages too, whatever the config says.")
    var verbose = false

    @Flag(name: .long, help: ArgumentHelp(
        "Check the settings file (the default one, or --config) and exit: 0 when it is valid, 78 with every mistake when not."))
    var checkConfig = false

    @Flag(name: .long, help: ArgumentHelp(
        "Print the settings the file gives (every key, defaults included) as TOML, and exit."))
    var printConfig = false

    @Flag(name: .long, help: ArgumentHelp(
        "Say why the service stopped, from systemd's SERVICE_RESULT and EXIT_STATUS (for ExecStopPost= in letterd.service).",
        visibility: .hidden))
    var explainExit = false

    mutating func run() async throws {
        if checkConfig || printConfig {
            throw ExitCode(ConfigCommands.run(check: checkConfig, configPath: config))
        }
        LoggingSystem.bootstrap { label in SyslogLogHandler(label: label) }
        if explainExit {
            if let explanation = SandboxHint.explainExit(environment: ProcessInfo.processInfo.environment) {
                Logger(label: "letterd").notice("\(explanation)")
            }
            return
        }
        let status = await LetterDaemon.run(
            DaemonOptions(socketPath: socket, configPath: config, verbose: verbose), clock: TestHooks.clock())
        if status != 0 { throw ExitCode(status) }
    }
}
