#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import LetterProtocol
import VarlinkProtocol

extension Letterctl {
    struct Config: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "config",
            abstract: "Check the settings file, or show the settings letterd runs on.",
            discussion: """
                letterd reads its settings from $XDG_CONFIG_HOME/letterd/letterd.toml (usually \
                ~/.config/letterd/letterd.toml). Every key is optional; the example shipped with \
                letterd lists them all with their defaults. After editing, check the file, then \
                apply it with: systemctl --user reload letterd.service
                """,
            subcommands: [Check.self, Show.self])

        struct Check: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "check",
                abstract: "Check a settings file without starting or disturbing letterd.",
                discussion: """
                    Reads the file as letterd would at start-up (it runs letterd --check-config) \
                    and names every mistake with its line and key and what the key accepts. \
                    Exit status 0 when the file is valid, 78 when it is not.
                    """)

            @Argument(help: ArgumentHelp("The file (default: letterd's own settings file).", valueName: "file"))
            var file: String?

            func run() throws {
                var arguments = ["--check-config"]
                if let file { arguments += ["--config", file] }
                try Self.execLetterd(arguments)
            }

            /// Replaces letterctl with letterd, so its output and exit status are the answer.
            static func execLetterd(_ arguments: [String]) throws {
                let path = letterdPath()
                let argv = ([path] + arguments).map { strdup($0) } + [nil]
                execv(path, argv)
                let reason = String(cString: strerror(errno))
                Terminal.warn("letterctl: cannot run \(path) (\(reason)); is letterd installed beside letterctl?")
                throw ExitCode(69)
            }

            /// letterd beside this letterctl (they are installed together), else by name on PATH.
            static func letterdPath() -> String {
                var buffer = [CChar](repeating: 0, count: 4096)
                let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
                if count > 0 {
                    let own = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
                    if let slash = own.lastIndex(of: "/") {
                        let beside = String(own[..<slash]) + "/letterd"
                        if access(beside, X_OK) == 0 { return beside }
                    }
                }
                let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin"
                for directory in path.split(separator: ":") where access("\(directory)/letterd", X_OK) == 0 {
                    return "\(directory)/letterd"
                }
                return "letterd"
            }
        }

        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "show",
                abstract: "Show the settings letterd runs on now, every key with its value.",
                discussion: """
                    Asks the running letterd, so it shows what is in effect: the file as of the \
                    last start or reload, with defaults for everything the file leaves out. \
                    The output is itself a valid settings file.
                    """)

            @OptionGroup var client: ClientOptions
            @OptionGroup var output: OutputOptions

            func run() throws {
                try runReportingErrors { () throws(ClientError) in
                    let reply: GetConfigReply = try client.connect().call(
                        LettersInterface.Method.getConfig.rawValue, NoParameters())
                    if output.json {
                        print(try Terminal.json(reply))
                    } else {
                        print("# The settings letterd runs on now; read from \(reply.path) where it sets them.")
                        print(reply.settings, terminator: "")
                    }
                }
            }
        }
    }
}
