import Foundation
import LetterCore
@testable import LetterDaemon
import Logging
import TestSupport
import Testing

@Suite("What a notification says")
struct PromptNoticeTests {
    let dunstLike = NotificationCapabilities(actions: true, bodyMarkup: true, serverName: "dunst")
    let plain = NotificationCapabilities(actions: false, bodyMarkup: false, serverName: "minimal")
    /// When the prompts fell due, and the notification goes out.
    let due = Date(timeIntervalSince1970: 0)

    func prompt(_ id: Int64, kind: PromptKind = .reread, reason: PromptReason = .firstReread, about: String? = "the deadline") -> Prompt {
        Prompt(id: id, letterId: id + 100, kind: kind, reason: reason, dueAt: Date(timeIntervalSince1970: 0),
               notifiedAt: nil, about: about, excerpt: "Dear me, <of course> it stung & that's fair.")
    }

    @Test("one reread names the letter, escapes markup, and offers Reread now, Later and Skip")
    func singleReread() {
        let request = PromptNotice.request(for: [prompt(1)], capabilities: dunstLike, now: due)
        #expect(request.summary == "A letter to come back to")
        #expect(request.body.hasPrefix("“the deadline”\nDear me, &lt;of course&gt; it stung &amp; that's fair."))
        #expect(request.actions.map(\.key) == ["default", "reread", "later", "skip"])
        #expect(!request.body.contains("letterctl"))
    }

    @Test("a server without actions gets the command to run instead, and raw text without markup")
    func withoutActions() {
        let request = PromptNotice.request(for: [prompt(1)], capabilities: plain, now: due)
        #expect(request.body.contains("<of course> it stung & that's fair"))
        #expect(request.body.hasSuffix("letterctl reread 101"))
    }

    @Test("a rework invitation says why it came")
    func rework() {
        let nextDay = PromptNotice.request(for: [prompt(1, kind: .rework, reason: .nextDayRework)], capabilities: dunstLike, now: due)
        #expect(nextDay.summary.hasPrefix("Yesterday's letter"))
        #expect(nextDay.actions.map(\.key) == ["default", "rework", "later", "skip"])
        let stale = PromptNotice.request(for: [prompt(1, kind: .rework, reason: .notResonating)], capabilities: dunstLike, now: due)
        #expect(stale.body.contains("hasn't been landing lately"))
        #expect(stale.summary == "A letter that may be ready for a new version", "not \"yesterday's\": rereads stopped helping")
        let daysLater = PromptNotice.request(
            for: [prompt(1, kind: .rework, reason: .nextDayRework)], capabilities: dunstLike, now: due.addingTimeInterval(3 * 86_400))
        #expect(daysLater.summary == "A letter to look at again, if you'd like", "held for days (a pause, the cap): no longer yesterday's")
        // Invitations, not instructions.
        for text in [nextDay.body, stale.body] {
            #expect(!text.lowercased().contains("should"))
            #expect(!text.lowercased().contains("must"))
        }
    }

    @Test("an invitation to write names the theme, offers Write now, and without actions gives the command")
    func invitationToWrite() {
        let invitation = Prompt(
            id: 9, letterId: nil, kind: .write, reason: .criticLoud, dueAt: Date(timeIntervalSince1970: 0),
            notifiedAt: nil, about: "the dinner <party>", excerpt: "you ruin every dinner")
        let request = PromptNotice.request(for: [invitation], capabilities: dunstLike, now: due)
        #expect(request.summary == "The critic has been loud lately")
        #expect(request.body.hasPrefix("“the dinner &lt;party&gt;”\n"))
        #expect(!request.body.contains("you ruin every dinner"), "the critic's words are not repeated back")
        #expect(request.actions.map(\.key) == ["default", "write", "later", "skip"])
        #expect(!request.body.lowercased().contains("should"))
        #expect(PromptNotice.request(for: [invitation], capabilities: plain, now: due).body.hasSuffix("letterctl write --guided"))
        #expect(PromptNotice.name(of: invitation) == "a new letter about “the dinner <party>”")
    }

    @Test("in the calm after the help note, a notification ends with where to find help, escaped like the rest")
    func withHelp() {
        let help = ["Call <112> in an emergency.", "Samaritans & friends: 116 123"]
        let single = PromptNotice.request(for: [prompt(1)], capabilities: dunstLike, help: help, now: due)
        #expect(single.body.hasSuffix("\n\n" + PromptNotice.helpLead + "\nCall &lt;112&gt; in an emergency.\nSamaritans &amp; friends: 116 123"))
        #expect(single.body.hasPrefix("“the deadline”\n"), "the letter still comes first")
        let several = PromptNotice.request(for: [prompt(1), prompt(2)], capabilities: plain, help: help, now: due)
        #expect(several.body.hasSuffix("Call <112> in an emergency.\nSamaritans & friends: 116 123"))
        #expect(!PromptNotice.request(for: [prompt(1)], capabilities: dunstLike, now: due).body.contains(PromptNotice.helpLead))
    }

    @Test("several prompts make one notification that counts them")
    func coalesced() {
        let prompts = (1...7).map { prompt(Int64($0), about: $0 == 3 ? nil : "letter \($0)") }
        let request = PromptNotice.request(for: prompts, capabilities: dunstLike, now: due)
        #expect(request.summary == "7 letters are waiting for you")
        #expect(request.actions.map(\.key) == ["default", "later"])
        #expect(request.body.split(separator: "\n").count == 6)  // five named, then "…and 2 more"
        #expect(request.body.hasSuffix("…and 2 more"))
        #expect(PromptNotice.request(for: Array(prompts.prefix(2)), capabilities: plain, now: due).body.hasSuffix("Run `letterctl due` to see them."))
    }
}

@Suite("Opening a letter from a notification")
struct LetterOpenerTests {
    @Test("a configured command gets the letter's number and the kind of prompt")
    func configured() {
        let opener = LetterOpener(
            configured: ["/usr/bin/foot", "letterctl", "{kind}", "{id}"], logger: Logger(label: "test"),
            environment: ["PATH": "/usr/bin:/bin"])
        #expect(opener.arguments(letterId: 7, kind: .reread) == ["/usr/bin/foot", "letterctl", "reread", "7"])
        #expect(opener.arguments(letterId: 7, kind: .rework) == ["/usr/bin/foot", "letterctl", "rework", "7"])
        // A new letter has no number: {id} is empty, and the argument it leaves empty goes.
        #expect(opener.arguments(letterId: nil, kind: .write, theme: "x") == ["/usr/bin/foot", "letterctl", "write"])
    }

    @Test("under systemd the command runs as a unit of its own, outside letterd's sandbox")
    func underSystemd() throws {
        let systemdRun = try #require(LetterOpener.find("systemd-run", environment: ["PATH": "/usr/bin:/bin"]))
        let opener = LetterOpener(
            configured: ["foot", "{id}"], logger: Logger(label: "test"),
            environment: ["PATH": "/usr/bin:/bin", "INVOCATION_ID": "abc"])
        #expect(opener.arguments(letterId: 3, kind: .reread) == [systemdRun, "--user", "--quiet", "--collect", "--", "foot", "3"])
    }

    @Test("the default terminal runs letterctl write --about THEME for an invitation to write, as separate arguments")
    func defaultTerminalForANewLetter() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let terminal = directory.path + "/xdg-terminal-exec"
        #expect(FileManager.default.createFile(atPath: terminal, contents: Data("#!/bin/sh\n".utf8), attributes: [.posixPermissions: 0o755]))
        let opener = LetterOpener(configured: [], logger: Logger(label: "test"), environment: ["PATH": directory.path])
        let argv = try #require(opener.arguments(letterId: nil, kind: .write, theme: "the dinner; rm -rf ~"))
        #expect(argv.first == terminal)
        #expect(Array(argv.dropFirst(2)) == ["write", "--guided", "--about", "the dinner; rm -rf ~"])
        #expect(try #require(opener.arguments(letterId: 4, kind: .reread)).suffix(2) == ["reread", "4"])
    }

    @Test("with no terminal to be found, nothing is run")
    func noTerminal() {
        let opener = LetterOpener(configured: [], logger: Logger(label: "test"), environment: ["PATH": "/nonexistent"])
        #expect(opener.arguments(letterId: 1, kind: .reread) == nil)
    }
}
