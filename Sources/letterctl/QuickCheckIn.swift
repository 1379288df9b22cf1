import LetterCore
import LetterProtocol

/// The everyday check-in, `letterctl log-critic 6 "what it said" --trigger fear`, read
/// without ArgumentParser.
///
/// Why: a check-in is meant to take seconds, and its speed is a target of issue 7 (no slower
/// than a one-row insert with the `sqlite3` CLI). ArgumentParser costs about 2 ms of CPU
/// before any command runs (it builds every command's definition by reflection, and reads the
/// whole tree for a completion-script request first), which is more than letterd takes to
/// store the check-in. So this reads the plain forms of the command and nothing else.
///
/// ArgumentParser stays the definition of the command line: anything this does not read
/// exactly (help, `--reread`, `--opt=value`, an option given twice, anything with a leading
/// dash it does not know, a value out of range, no arguments at all) gives nil, and
/// ArgumentParser reads it as before, errors and all. `LetterctlTests` checks that wherever
/// this reads a command line, ArgumentParser reads the same one the same way.
struct QuickCheckIn: Equatable {
    var parameters: LogCheckInParameters
    var socket: String?
    var json: Bool

    init(parameters: LogCheckInParameters, socket: String?, json: Bool) {
        self.parameters = parameters
        self.socket = socket
        self.json = json
    }

    /// Reads `arguments` (without the program name); nil when ArgumentParser should.
    init?(arguments: [String]) {
        guard arguments.first == "log-critic" else { return nil }
        var intensity: Int?
        var said: [String] = []
        var trigger: CriticTrigger?
        var about: String?
        var tags: [String] = []
        var socket: String?
        var json = false

        var index = 1
        /// The value after an option: present, and not something ArgumentParser could take
        /// for another option.
        func value() -> String? {
            index += 1
            guard index < arguments.count, !arguments[index].hasPrefix("-") else { return nil }
            return arguments[index]
        }
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "--trigger":
                guard trigger == nil, let raw = value(), let parsed = CriticTrigger(rawValue: raw) else { return nil }
                trigger = parsed
            case "--about":
                guard about == nil, let text = value() else { return nil }
                about = text
            case "--tag":
                guard let tag = value() else { return nil }
                tags.append(tag)
            case "--socket":
                guard socket == nil, let path = value() else { return nil }
                socket = path
            case "--json":
                guard !json else { return nil }
                json = true
            default:
                if argument.hasPrefix("-") { return nil }
                if intensity == nil {
                    guard let number = Int(argument), Limits.scale.contains(number) else { return nil }
                    intensity = number
                } else {
                    said.append(argument)
                }
            }
            index += 1
        }
        guard let intensity else { return nil }
        self.parameters = LogCheckInParameters(
            intensity: intensity, said: said.isEmpty ? nil : said.joined(separator: " "),
            trigger: trigger, about: about, tags: tags.isEmpty ? nil : tags)
        self.socket = socket
        self.json = json
    }

    /// Sends the check-in and prints letterd's answer, as `log-critic` does; returns the exit status.
    func run() -> Int32 {
        do throws(ClientError) {
            let connection = try DaemonConnection(path: ClientOptions.socketPath(given: socket))
            let reply = try Letterctl.LogCritic.send(parameters, over: connection)
            try Letterctl.LogCritic.show(reply, json: json, rereadNow: false)
            return 0
        } catch {
            Terminal.warn("letterctl: \(error.message)")
            return error.exitStatus
        }
    }
}
