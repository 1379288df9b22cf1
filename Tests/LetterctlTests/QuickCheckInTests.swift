import ArgumentParser
import LetterCore
import LetterProtocol
import TestSupport
import Testing

@testable import letterctl

/// `QuickCheckIn` reads the everyday `log-critic` command line without ArgumentParser. These
/// tests hold it to ArgumentParser: wherever it reads a command line, ArgumentParser must read
/// the same line into the same check-in; everything else it must leave to ArgumentParser.
@Suite("log-critic's quick path reads command lines as ArgumentParser does")
struct QuickCheckInTests {
    /// What ArgumentParser makes of `arguments`: the check-in it would send, or nil when the
    /// line is not a valid `log-critic` (an error, help, or another command).
    static func argumentParserReading(_ arguments: [String]) -> QuickCheckIn? {
        guard let command = try? Letterctl.parseAsRoot(arguments) as? Letterctl.LogCritic else { return nil }
        guard let intensity = command.intensity else { return nil }
        return QuickCheckIn(
            parameters: LogCheckInParameters(
                intensity: intensity, said: command.said.isEmpty ? nil : command.said.joined(separator: " "),
                trigger: command.trigger, about: command.about, tags: command.tags.isEmpty ? nil : command.tags,
                rereadNow: command.reread ? true : nil),
            socket: command.client.socket, json: command.output.json)
    }

    @Test("the everyday forms are read, into the check-in ArgumentParser would send", arguments: [
        ["log-critic", "6"],
        ["log-critic", "6", "you always mess this up", "--trigger", "fear"],
        ["log-critic", "0", "you", "always", "mess", "this", "up"],
        ["log-critic", "10", "--trigger", "loss", "it", "is", "over", "--json"],
        ["log-critic", "4", "--about", "the team meeting", "--tag", "work", "--tag", "people"],
        ["log-critic", "+7", "said", "--socket", "/run/user/1000/letterd/letterd.sock"],
        ["log-critic", "07", ""],
        ["log-critic", "3", "ünïcödé — “quoted”", "--trigger", "other"],
    ])
    func everydayForms(arguments: [String]) throws {
        let quick = try #require(QuickCheckIn(arguments: arguments))
        #expect(quick == Self.argumentParserReading(arguments))
    }

    @Test("the example in the issue becomes this check-in")
    func example() throws {
        let quick = try #require(QuickCheckIn(arguments: ["log-critic", "6", "you always mess this up", "--trigger", "fear", "--json"]))
        #expect(quick.parameters == LogCheckInParameters(intensity: 6, said: "you always mess this up", trigger: .fear))
        #expect(quick.json)
        #expect(quick.socket == nil)
    }

    @Test("anything else is left to ArgumentParser", arguments: [
        ["log-critic"],  // asks in a terminal
        ["log-critic", "--help"], ["log-critic", "-h"], ["log-critic", "6", "--reread"],
        ["log-critic", "11"], ["log-critic", "-1"], ["log-critic", "six"],
        ["log-critic", "6", "--trigger=fear"], ["log-critic", "6", "--trigger", "sadness"],
        ["log-critic", "6", "--trigger", "fear", "--trigger", "loss"], ["log-critic", "6", "--about"],
        ["log-critic", "6", "--about", "a", "--about", "b"], ["log-critic", "6", "--json", "--json"],
        ["log-critic", "6", "--", "--trigger"], ["log-critic", "6", "--tag", "--json"],
        ["log-critic", "6", "-x"], ["critic"], ["list"], [], ["--version"],
    ])
    func leftToArgumentParser(arguments: [String]) {
        #expect(QuickCheckIn(arguments: arguments) == nil)
    }

    /// Random command lines from words that matter to either reader. Wherever the quick path
    /// reads one, ArgumentParser must agree exactly; and it must never read a line that
    /// ArgumentParser refuses. (The seed is fixed, so a failure repeats.)
    @Test("on random command lines, the quick path never disagrees with ArgumentParser")
    func randomLines() {
        let words = [
            "6", "0", "10", "11", "-1", "+3", "x", "", "you always", "--trigger", "fear", "loss", "sad", "--about",
            "--tag", "work", "--json", "--socket", "/tmp/s", "--reread", "--", "-h", "--trigger=fear", "--help", "log-critic",
        ]
        var generator = SeededRandom(seed: 7)
        var read = 0
        for _ in 0..<1500 {
            let count = Int(generator.next() % 7)
            let line = ["log-critic"] + (0..<count).map { _ in words[Int(generator.next() % UInt64(words.count))] }
            guard let quick = QuickCheckIn(arguments: line) else { continue }
            read += 1
            #expect(quick == Self.argumentParserReading(line), "\(line)")
        }
        #expect(read > 100, "the generator should produce lines the quick path reads")
    }
}
