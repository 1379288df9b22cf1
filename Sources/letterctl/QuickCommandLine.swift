import LetterCore
import LetterProtocol

/// The everyday command lines, read without ArgumentParser: a check-in
/// (`letterctl log-critic 6 "what it said" --trigger fear`), and `list`, `due` and
/// `search WORDS` in their plain forms.
///
/// Why: these are the commands a person runs many times a day, or from a shell prompt, and
/// their speed is a target of issue 7 (a check-in no slower than a one-row insert with the
/// `sqlite3` CLI; list, due and search in 10 ms at the 99th percentile on a large store).
/// ArgumentParser costs 2 to 3 ms of CPU and about 300 page faults before any command runs (it
/// builds every command's definition by reflection, and reads the whole tree for a
/// completion-script request first): more than letterd takes to answer. So this reads the
/// plain forms of these commands and nothing else.
///
/// ArgumentParser stays the definition of the command line: anything this does not read
/// exactly (help, `--reread`, `--opt=value`, an option or flag given twice, anything with a
/// leading dash it does not know, a value out of range, no arguments where the command would
/// ask) gives nil, and ArgumentParser reads it as before, errors and all.
/// `QuickCommandLineTests` check that wherever this reads a command line, ArgumentParser reads
/// the same one the same way.
struct QuickCommandLine: Equatable {
    enum Command: Equatable {
        case logCritic(LogCheckInParameters)
        case list(PageParameters)
        case due(all: Bool, quiet: Bool)
        case search(words: [String], limit: Int)
    }

    var command: Command
    var socket: String?
    var json: Bool

    init(_ command: Command, socket: String?, json: Bool) {
        self.command = command
        self.socket = socket
        self.json = json
    }

    /// Reads `arguments` (without the program name); nil when ArgumentParser should.
    init?(arguments: [String]) {
        guard let name = arguments.first else { return nil }
        let rest = arguments.dropFirst()
        let command: Command
        let line: QuickArguments
        switch name {
        case "log-critic":
            guard let read = QuickArguments(rest, options: ["--trigger", "--about", "--tag"], repeatable: ["--tag"]),
                  let intensityWord = read.words.first, let intensity = Int(intensityWord), Limits.scale.contains(intensity)
            else { return nil }
            var trigger: CriticTrigger?
            if let raw = read.value("--trigger") {
                guard let parsed = CriticTrigger(rawValue: raw) else { return nil }
                trigger = parsed
            }
            let tags = read.values("--tag")
            command = .logCritic(LogCheckInParameters(
                intensity: intensity, said: read.words.count > 1 ? read.words.concatenated(separator: " ", from: 1) : nil,
                trigger: trigger, about: read.value("--about"), tags: tags.isEmpty ? nil : tags))
            line = read
        case "list":
            guard let read = QuickArguments(rest, options: ["--limit", "--before"]), read.words.isEmpty else { return nil }
            var limit = PageParameters.defaultLimit
            if let text = read.value("--limit") {
                guard let number = Int(text), Limits.pageSize.contains(number) else { return nil }
                limit = number
            }
            var before: Int64?
            if let text = read.value("--before") {
                guard let number = Int64(text) else { return nil }
                before = number
            }
            command = .list(PageParameters(limit: limit, before: before))
            line = read
        case "due":
            guard let read = QuickArguments(rest, flags: ["--all", "--quiet"], shortFlag: ("-q", "--quiet")),
                  read.words.isEmpty
            else { return nil }
            command = .due(all: read.has("--all"), quiet: read.has("--quiet"))
            line = read
        case "search":
            guard let read = QuickArguments(rest, options: ["--limit"]), !read.words.isEmpty else { return nil }
            var limit = Letterctl.Search.defaultLimit
            if let text = read.value("--limit") {
                guard let number = Int(text), Limits.pageSize.contains(number) else { return nil }
                limit = number
            }
            command = .search(words: read.words, limit: limit)
            line = read
        default:
            return nil
        }
        self.command = command
        self.socket = line.value("--socket")
        self.json = line.has("--json")
    }

    /// Runs the command as its ArgumentParser form does; returns the exit status.
    func run() -> Int32 {
        do throws(ClientError) {
            let connection = try DaemonConnection(path: ClientOptions.socketPath(given: socket))
            switch command {
            case let .logCritic(parameters):
                let reply = try Letterctl.LogCritic.send(parameters, over: connection)
                try Letterctl.LogCritic.show(reply, json: json, rereadNow: false)
            case let .list(parameters):
                try Letterctl.List.show(parameters, json: json, over: connection)
            case let .due(all, quiet):
                let somethingDue = try Letterctl.Due.show(all: all, quiet: quiet, json: json, over: connection)
                if quiet && !somethingDue { return 1 }
            case let .search(words, limit):
                try Letterctl.Search.show(words: words, limit: limit, json: json, over: connection)
            }
            return 0
        } catch {
            if case let .logCritic(parameters) = command {
                HelpNoteText.showAfterFailure(parameters.writtenTexts, intensity: parameters.intensity, socket: socket)
            }
            Terminal.warn("letterctl: \(error.message)")
            return error.exitStatus
        }
    }
}

/// One command line's words, option values and flags, read strictly for ``QuickCommandLine``.
/// Every command takes `--socket PATH` and `--json` as well as what it names.
///
/// Plain arrays of strings, no sets or dictionaries: the first use of a generic type the
/// standard library has not already made (`Set<String>`, `[String: [String]]`) costs a
/// process a lookup by mangled name, and those were a tenth of a check-in's time in letterctl.
struct QuickArguments {
    /// The positional words, in order.
    private(set) var words: [String] = []
    /// The options given, and at the same index each one's value.
    private var optionsGiven: [String] = []
    private var optionValues: [String] = []
    /// The flags given, by long name.
    private var flagsGiven: [String] = []

    /// Reads `arguments`; nil when any of them is one the quick path leaves to ArgumentParser:
    /// an option or flag it was not told of (help among them), `--name=value`, `--`, an
    /// option without a value or whose value starts with a dash, an option not in
    /// `repeatable` given twice, or a flag given twice. `shortFlag` names a one-letter
    /// spelling of one of `flags`.
    init?(
        _ arguments: ArraySlice<String>, options: [String] = [], repeatable: [String] = [],
        flags: [String] = [], shortFlag: (short: String, long: String)? = nil
    ) {
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("-") else {
                words.append(argument)
                continue
            }
            if argument == "--socket" || options.contains(argument) {
                guard index < arguments.endIndex, !arguments[index].hasPrefix("-") else { return nil }
                guard !optionsGiven.contains(argument) || repeatable.contains(argument) else { return nil }
                optionsGiven.append(argument)
                optionValues.append(arguments[index])
                index += 1
            } else if argument == "--json" || flags.contains(argument) || argument == shortFlag?.short {
                let flag = argument == shortFlag?.short ? shortFlag!.long : argument
                guard !flagsGiven.contains(flag) else { return nil }
                flagsGiven.append(flag)
            } else {
                return nil
            }
        }
    }

    /// An option's value (the last, for a repeatable one); nil when not given.
    func value(_ option: String) -> String? {
        optionsGiven.lastIndex(of: option).map { optionValues[$0] }
    }

    /// Every value given for an option, in order.
    func values(_ option: String) -> [String] {
        optionsGiven.indices.filter { optionsGiven[$0] == option }.map { optionValues[$0] }
    }

    /// Whether a flag was given (by its long name).
    func has(_ flag: String) -> Bool {
        flagsGiven.contains(flag)
    }
}
