import ArgumentParser
import LetterCore
import LetterProtocol
import TestSupport
import Testing

@testable import letterctl

/// `QuickCommandLine` reads the everyday command lines (`log-critic`, `list`, `due`, `search`)
/// without ArgumentParser. These tests hold it to ArgumentParser: wherever it reads a command
/// line, ArgumentParser must read the same line into the same request and output; everything
/// else it must leave to ArgumentParser.
@Suite("the quick path reads command lines as ArgumentParser does")
struct QuickCommandLineTests {
    /// What ArgumentParser makes of `arguments`, in the quick path's terms; nil when the line
    /// is not a valid command the quick path knows (an error, help, or another command), or
    /// when the command would go further than the quick path (log-critic asking, or --reread).
    static func argumentParserReading(_ arguments: [String]) -> QuickCommandLine? {
        guard let parsed = try? Letterctl.parseAsRoot(arguments) else { return nil }
        switch parsed {
        case let command as Letterctl.LogCritic:
            guard let intensity = command.intensity, !command.reread else { return nil }
            return QuickCommandLine(
                .logCritic(LogCheckInParameters(
                    intensity: intensity, said: command.said.isEmpty ? nil : command.said.joined(separator: " "),
                    trigger: command.trigger, about: command.about, tags: command.tags.isEmpty ? nil : command.tags)),
                socket: command.client.socket, json: command.output.json)
        case let command as Letterctl.List:
            return QuickCommandLine(
                .list(PageParameters(limit: command.limit, before: command.before)),
                socket: command.client.socket, json: command.output.json)
        case let command as Letterctl.Due:
            return QuickCommandLine(
                .due(all: command.all, quiet: command.quiet), socket: command.client.socket, json: command.output.json)
        case let command as Letterctl.Search:
            return QuickCommandLine(
                .search(words: command.words, limit: command.limit), socket: command.client.socket, json: command.output.json)
        default:
            return nil
        }
    }

    @Test("the everyday forms are read, into the request ArgumentParser would send", arguments: [
        ["log-critic", "6"],
        ["log-critic", "6", "you always mess this up", "--trigger", "fear"],
        ["log-critic", "0", "you", "always", "mess", "this", "up"],
        ["log-critic", "10", "--trigger", "loss", "it", "is", "over", "--json"],
        ["log-critic", "4", "--about", "the team meeting", "--tag", "work", "--tag", "people"],
        ["log-critic", "+7", "said", "--socket", "/run/user/1000/letterd/letterd.sock"],
        ["log-critic", "07", ""],
        ["log-critic", "3", "ünïcödé — “quoted”", "--trigger", "other"],
        ["list"], ["list", "--json"], ["list", "--limit", "5"], ["list", "--before", "120", "--limit", "1000"],
        ["list", "--socket", "/tmp/s", "--before", "+3"],
        ["due"], ["due", "--all"], ["due", "--quiet"], ["due", "-q"], ["due", "--all", "--json", "--socket", "/tmp/s"],
        ["search", "deadline"], ["search", "deadline", "work"], ["search", "--limit", "3", "kind"],
        ["search", "ünïcödé", "--json"], ["search", "lighthouse", "--socket", "/tmp/s", "--limit", "1"],
    ])
    func everydayForms(arguments: [String]) throws {
        let quick = try #require(QuickCommandLine(arguments: arguments))
        #expect(quick == Self.argumentParserReading(arguments))
    }

    @Test("the check-in example in the issue becomes this request")
    func example() throws {
        let quick = try #require(QuickCommandLine(arguments: ["log-critic", "6", "you always mess this up", "--trigger", "fear", "--json"]))
        #expect(quick.command == .logCritic(LogCheckInParameters(intensity: 6, said: "you always mess this up", trigger: .fear)))
        #expect(quick.json)
        #expect(quick.socket == nil)
    }

    @Test("list and search send the limits their help gives as defaults")
    func defaults() throws {
        #expect(try #require(QuickCommandLine(arguments: ["list"])).command == .list(PageParameters(limit: 50)))
        #expect(try #require(QuickCommandLine(arguments: ["search", "a", "b"])).command == .search(words: ["a", "b"], limit: 20))
        #expect(try #require(QuickCommandLine(arguments: ["due"])).command == .due(all: false, quiet: false))
    }

    @Test("anything else is left to ArgumentParser", arguments: [
        ["log-critic"],  // asks in a terminal
        ["log-critic", "--help"], ["log-critic", "-h"], ["log-critic", "6", "--reread"],
        ["log-critic", "11"], ["log-critic", "-1"], ["log-critic", "six"],
        ["log-critic", "6", "--trigger=fear"], ["log-critic", "6", "--trigger", "sadness"],
        ["log-critic", "6", "--trigger", "fear", "--trigger", "loss"], ["log-critic", "6", "--about"],
        ["log-critic", "6", "--about", "a", "--about", "b"], ["log-critic", "6", "--json", "--json"],
        ["log-critic", "6", "--", "--trigger"], ["log-critic", "6", "--tag", "--json"],
        ["log-critic", "6", "-x"], ["critic"], [], ["--version"], ["help", "list"],
        ["list", "--help"], ["list", "extra"], ["list", "--limit", "0"], ["list", "--limit", "1001"],
        ["list", "--limit", "ten"], ["list", "--limit=5"], ["list", "--before", "-3"], ["list", "--limit", "5", "--limit", "6"],
        ["list", "--socket=/tmp/s"], ["search", "a", "--socket=/tmp/s"], ["due", "--socket=/tmp/s"],
        ["list", "--all"], ["due", "now"], ["due", "-h"], ["due", "--all", "--all"], ["due", "-q", "--quiet"],
        ["due", "-qa"], ["search"], ["search", "--json"], ["search", "-h"], ["search", "--limit", "0", "a"],
        ["search", "a", "--limit"], ["search", "--", "-a"], ["search", "a", "--socket", "--json"],
    ])
    func leftToArgumentParser(arguments: [String]) {
        #expect(QuickCommandLine(arguments: arguments) == nil)
    }

    /// Random command lines from words that matter to either reader. Wherever the quick path
    /// reads one, ArgumentParser must agree exactly; and it must never read a line that
    /// ArgumentParser refuses. (The seed is fixed, so a failure repeats.)
    @Test("on random command lines, the quick path never disagrees with ArgumentParser",
          arguments: ["log-critic", "list", "due", "search"])
    func randomLines(command: String) {
        let words = [
            "6", "0", "10", "11", "-1", "+3", "x", "", "you always", "--trigger", "fear", "loss", "sad", "--about",
            "--tag", "work", "--json", "--socket", "/tmp/s", "--reread", "--", "-h", "--trigger=fear", "--help",
            "log-critic", "--limit", "--before", "1000", "1001", "--all", "--quiet", "-q", "help", "-", "list",
        ]
        var generator = SeededRandom(seed: 7)
        var read = 0
        for _ in 0..<3_000 {
            let count = Int(generator.next() % 7)
            let line = [command] + (0..<count).map { _ in words[Int(generator.next() % UInt64(words.count))] }
            guard let quick = QuickCommandLine(arguments: line) else { continue }
            read += 1
            #expect(quick == Self.argumentParserReading(line), "\(line)")
        }
        #expect(read > 100, "the generator should produce lines the quick path reads (\(read))")
    }
}
