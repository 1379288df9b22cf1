#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import LetterCore
import LetterProtocol

/// `letterctl write --guided`: the four steps of `GuidedLetter`, asked at the terminal. Every
/// answer and every line goes into the draft file at once, so Ctrl-C, a closed terminal or
/// letterd being away loses nothing; the next `write --guided` offers the draft back.
struct GuidedWriting {
    /// What the command line already answered.
    struct Presets {
        var about: String?
        var feeling: String?
        var perspective: String?
        var warmth: Int?
        var tags: [String] = []
    }

    let client: ClientOptions
    let presets: Presets
    private let file = GuidedDraftFile()
    private let reader = TerminalLineReader()
    private var draft = GuidedLetter(startedAt: Date.now)
    /// The draft as a new guided letter began (nil when an old draft was taken up): stopping
    /// with nothing given since then leaves no draft behind.
    private var beginning: GuidedLetter?
    private var shownStep = 0
    /// Whether the help note was shown in this sitting (once is enough while writing; the
    /// saved letter's reply carries it again).
    private var helpShown = false

    init(client: ClientOptions, presets: Presets) {
        self.client = client
        self.presets = presets
    }

    /// Runs the steps and stores the letter; nil if the person chose to stop before starting.
    mutating func run() throws(ClientError) -> LetterReply? {
        defer { reader.close() }
        if let waiting = try file.load() {
            guard try resume(waiting) else { return nil }
        } else {
            start()
        }
        while draft.step != .ready {
            try ask(draft.step)
        }
        return try store()
    }

    // MARK: - Starting and resuming

    private mutating func start() {
        draft = GuidedLetter(startedAt: Date.now)
        draft.judging = presets.about
        draft.feeling = presets.feeling
        draft.perspective = presets.perspective
        draft.warmth = presets.warmth
        draft.tags = presets.tags
        draft.step = presets.about == nil ? .judging : (presets.feeling == nil ? .feeling : .voice)
        if draft.step == .voice, presets.perspective != nil { draft.step = .settling }
        beginning = draft
        say(Guidance.guidedIntroduction)
        // Words given on the command line are checked before the first question, as typed ones are.
        showHelpIfNeeded([presets.about, presets.feeling, presets.perspective].compactMap { $0 }.joined(separator: "\n"))
    }

    /// A paragraph for stdout (the result), wrapped like the rest of the conversation.
    static func wrappedForOutput(_ paragraph: String) -> String {
        TextRules.wrapped(paragraph, width: Terminal.textWidth).joined(separator: "\n")
    }

    /// Offers the waiting draft; false if the person keeps it for another time.
    private mutating func resume(_ waiting: GuidedLetter) throws(ClientError) -> Bool {
        var summary = "You began a guided letter on \(Terminal.localTime(waiting.startedAt))"
        if let judging = waiting.judging { summary += ", about \u{201C}\(judging)\u{201D}" }
        let count = waiting.writtenLineCount
        summary += count == 0 ? "." : " (\(count) line\(count == 1 ? "" : "s") so far)."
        say(summary)
        if try yesOrNo("Go on with it? [Y/n] ", default: true) {
            draft = waiting
            say("")
            recap()
            return true
        }
        if try yesOrNo("Delete it and begin a new one? What it holds will be gone. [y/N] ", default: false) {
            file.remove()
            say("")
            start()
            return true
        }
        say("It is kept, and will be offered again next time.")
        return false
    }

    /// What the draft holds, so the person can pick up the thread.
    private func recap() {
        var lines: [String] = []
        if let judging = draft.judging { lines.append("What you have been judging yourself for: \(judging)") }
        if let feeling = draft.feeling { lines.append("What you feel: \(feeling)") }
        if let perspective = draft.perspective, draft.step > .voice { lines.append("Written as: \(perspective)") }
        if !lines.isEmpty { Terminal.say(lines.joined(separator: "\n")) }
    }

    // MARK: - The steps

    private mutating func ask(_ step: GuidedLetter.Step) throws(ClientError) {
        if step.number != shownStep {
            shownStep = step.number
            Terminal.say("\n" + Guidance.guidedHeading(step))
        }
        switch step {
        case .judging:
            draft.judging = try question("What have you been judging yourself for? A line is enough (Enter to skip).")
            showHelpIfNeeded(draft.judging)
            draft.step = draft.feeling == nil ? .feeling : .voice
        case .feeling:
            draft.feeling = try question(
                "When you think of it, what do you feel? Just name it, in a word or a few; there is no need to explain it.")
            showHelpIfNeeded(draft.feeling)
            draft.step = draft.perspective == nil ? .voice : .settling
        case .voice:
            try chooseVoice()
            draft.step = .settling
        case .settling:
            Terminal.say("")
            say(draft.settling)
            _ = try answer("Press Enter when you are ready. ")
            draft.step = .letter
        case .letter:
            try writeLetter()
            draft.step = draft.warmth == nil ? .warmth : .ready
        case .warmth:
            try askWarmth()
            draft.step = .ready
        case .ready:
            return
        }
        try keep()
    }

    private mutating func chooseVoice() throws(ClientError) {
        say("Who would you like the letter to come from?")
        for voice in GuidedLetter.Voice.allCases {
            Terminal.say("  \(voice.rawValue)  \(voice.choice)")
        }
        while true {
            let typed = try answer("Choose 1 to \(GuidedLetter.Voice.allCases.count) (Enter for 1): ")
            let choice = typed.isEmpty ? GuidedLetter.Voice.friend : Int(typed).flatMap(GuidedLetter.Voice.init(rawValue:))
            guard let voice = choice else {
                say("A number from 1 to \(GuidedLetter.Voice.allCases.count), please.")
                continue
            }
            var name: String?
            if let nameQuestion = voice.nameQuestion {
                name = try question(nameQuestion)
                showHelpIfNeeded(name)
            }
            draft.voice = voice
            draft.voiceName = name
            draft.perspective = voice.perspective(named: name)
            return
        }
    }

    private mutating func writeLetter() throws(ClientError) {
        if draft.lines.isEmpty {
            say(Guidance.guidedLetterIntroduction)
            for opener in GuidedLetter.openers(feeling: draft.feeling) {
                Terminal.say("    \u{201C}\(opener)\u{201D}")
            }
            Terminal.say("")
            say(Guidance.guidedLetterControls)
            Terminal.say("")
            if let greeting = client.letterGreeting() {
                draft.greeting = greeting
                draft.lines = [greeting]
                try keep()
            }
        } else {
            say("Your letter so far (? for an idea, a single . on a line to finish):")
        }
        let cutOff = draft.lastLineCutOff ? draft.lines.popLast() : nil
        for line in draft.lines {
            Terminal.say("> " + line)
        }
        if let cutOff {
            try carryOn(cutOff)
        }
        while true {
            switch reader.read(prompt: "> ") {
            case let .line(typed):
                switch GuidedLetter.letterInput(typed) {
                case let .line(text):
                    draft.lines.append(GuidedLetter.cleanLine(text))
                    // With the line before: a phrase may run over a line break.
                    showHelpIfNeeded(draft.lines.suffix(2).joined(separator: " "))
                    if draft.text.utf8.count > Limits.letterTextBytes {
                        say("The letter has reached the longest letterd keeps (256 KiB). Type a single . to finish.")
                    }
                    try keep()
                case let .idea(number):
                    let (shown, idea) = number.map { ($0, GuidedLetter.ideas[$0 - 1]) } ?? draft.nextIdea()
                    Terminal.say("")
                    say("Idea \(shown) of \(GuidedLetter.ideas.count): \(idea.name). \(idea.text)")
                    say("(? for another idea, ?? for the list; carry on writing whenever you like.)")
                    try keep()
                case .ideaList:
                    for (index, idea) in GuidedLetter.ideas.enumerated() {
                        Terminal.say("  ?\(index + 1)  \(idea.name)")
                    }
                    say("Type ? and a number to read one. None of them is needed; one or two is plenty.")
                case .finish:
                    if try finished() { return }
                }
            case .end:
                if try finished() { return }
            case let .stopped(partial):
                keepStopped(partial)
                try stop()
            }
        }
    }

    /// Keeps what was on the terminal's line (and any lines typed ahead) when the person stopped.
    private mutating func keepStopped(_ partial: String) {
        let lines = partial.split(separator: "\n", omittingEmptySubsequences: false).map { GuidedLetter.cleanLine(String($0)) }
        draft.lines += lines.filter { !$0.isEmpty }
        draft.lastLineCutOff = lines.last.map { !$0.isEmpty } ?? false
    }

    /// The line that was cut off last time comes back as the prompt, so typing carries it on
    /// where it stopped; Enter alone leaves it as it is.
    private mutating func carryOn(_ line: String) throws(ClientError) {
        say("Your last line stopped partway. Type to carry it on (start with a space for a new word), or press Enter to leave it as it is.")
        switch reader.read(prompt: "> " + line) {
        case let .line(typed):
            draft.lines.append(line + GuidedLetter.cleanLine(typed))
            draft.lastLineCutOff = false
            try keep()
        case .end:
            Terminal.say("")
            draft.lines.append(line)
            draft.lastLineCutOff = false
            try keep()
        case let .stopped(partial):
            // Stopped again: the line keeps what was added to it, and anything typed after it.
            var parts = partial.split(separator: "\n", omittingEmptySubsequences: false).map { GuidedLetter.cleanLine(String($0)) }
            draft.lines.append(line + parts.removeFirst())
            draft.lines += parts.filter { !$0.isEmpty }
            draft.lastLineCutOff = parts.last.map { !$0.isEmpty } ?? true
            try stop()
        }
    }

    /// True when there is a letter to finish; otherwise says so and writing goes on.
    private func finished() throws(ClientError) -> Bool {
        if draft.hasWriting { return true }
        say("There is nothing in the letter yet. Write a line or two, or press Ctrl-C to stop for now; what you have answered is kept.")
        return false
    }

    private mutating func askWarmth() throws(ClientError) {
        while true {
            let typed = try answer("How warm did it feel to write, from 0 (not at all) to 10? Enter to skip: ")
            if typed.isEmpty { return }
            if let number = Int(typed), Limits.scale.contains(number) {
                draft.warmth = number
                return
            }
            say("A whole number from 0 to 10, please, or Enter to skip.")
        }
    }

    /// The help note, at once, when an answer or a line calls for it (see LetterCore's
    /// `Safety`): on the terminal, between the questions, and writing then goes on.
    private mutating func showHelpIfNeeded(_ text: String?) {
        guard !helpShown, Safety.needsNote(texts: [text]) else { return }
        helpShown = true
        Terminal.say("\n" + HelpNoteText.text(client.helpNote() ?? Safety.note(resources: Safety.defaultResources)) + "\n")
    }

    // MARK: - Storing

    private mutating func store() throws(ClientError) -> LetterReply {
        let parameters = WriteLetterParameters(
            text: draft.text, about: draft.judging, perspective: draft.perspective, warmth: draft.warmth,
            tags: draft.tags.isEmpty ? nil : draft.tags, feeling: draft.feeling)
        let reply: LetterReply
        do throws(ClientError) {
            reply = try HelpNoteText.sending(parameters.writtenTexts, client: client) { () throws(ClientError) in
                try client.connect().call(LettersInterface.Method.writeLetter.rawValue, parameters)
            }
        } catch {
            Terminal.warn("Your letter is kept in \(file.path); run letterctl write --guided again to save it.")
            throw error
        }
        file.remove()
        return reply
    }

    // MARK: - Asking

    /// One answer to a question, cleaned; nil if left empty. A half answer left when the person
    /// stopped last time is offered back.
    private mutating func question(_ text: String) throws(ClientError) -> String? {
        say(text)
        let unfinished = draft.unfinishedAnswer
        if let unfinished {
            say("(You had begun: \u{201C}\(unfinished)\u{201D}. Enter keeps it; or type your answer.)")
        }
        let typed = try answer("> ")
        draft.unfinishedAnswer = nil
        if typed.isEmpty, let unfinished { return unfinished }
        return typed.isEmpty ? nil : typed
    }

    /// Reads a line; at Ctrl-C the half-typed answer is kept in the draft and letterctl stops.
    private mutating func answer(_ prompt: String) throws(ClientError) -> String {
        switch reader.read(prompt: prompt) {
        case let .line(typed):
            return GuidedLetter.cleanLine(typed).trimmingWhitespace
        case .end:
            Terminal.say("")
            return ""
        case let .stopped(partial):
            let cleaned = GuidedLetter.cleanLine(partial.replacing("\n", with: " ")).trimmingWhitespace
            if !cleaned.isEmpty { draft.unfinishedAnswer = cleaned }
            try stop()
        }
    }

    private mutating func yesOrNo(_ prompt: String, default defaultAnswer: Bool) throws(ClientError) -> Bool {
        while true {
            switch reader.read(prompt: prompt) {
            case let .line(typed):
                guard let answer = Terminal.yesOrNo(typed, default: defaultAnswer) else {
                    say("y or n, please.")
                    continue
                }
                return answer
            case .end:
                return defaultAnswer
            case .stopped:
                Terminal.say("")
                throw ClientError.interrupted("Stopped. Nothing was changed.")
            }
        }
    }

    /// Saves the draft and stops letterctl, saying where the words are.
    private func stop() throws(ClientError) -> Never {
        Terminal.say("")
        if let beginning, !draft.hasAnswers(beyond: beginning) {
            file.remove()
            throw ClientError.interrupted("Stopped before anything was written, so there is no draft to keep.")
        }
        do throws(ClientError) {
            try keep()
        } catch {
            throw ClientError.internalFailure(
                "\(error.message). What you typed could not be kept; letterctl is stopping as you asked.")
        }
        throw ClientError.interrupted(
            "Stopped. Everything you wrote is kept; letterctl write --guided will offer it next time.")
    }

    private func keep() throws(ClientError) {
        try file.save(draft)
    }

    private func say(_ paragraph: String) {
        Terminal.say(Self.wrappedForOutput(paragraph))
    }

    private func say(_ paragraphs: [String]) {
        for paragraph in paragraphs { say(paragraph) }
    }
}
