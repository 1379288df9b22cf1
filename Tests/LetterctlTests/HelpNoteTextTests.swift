import FoundationEssentials
import LetterCore
import LetterProtocol
import Testing

@testable import letterctl

@Suite("The help note in the terminal")
struct HelpNoteTextTests {
    let note = Safety.note(resources: Safety.defaultResources)

    @Test("it fits the width without breaking a word or the address", arguments: [80, 60, 40, 30])
    func fits(width: Int) {
        let text = HelpNoteText.text(note, width: width)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.count <= width }, "\(text)")
        #expect(lines.contains { $0.contains("https://findahelpline.com.") }, "the address stays whole on one line")
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\u{2022}" }).map(String.init)
        let expected = (note.note + " " + note.resources.joined(separator: " ")).split(separator: " ").map(String.init)
        #expect(words == expected, "every word is there, whole and in order")
    }

    @Test("each resource starts a line of its own, with a bullet; its continuation is indented")
    func resources() {
        let text = HelpNoteText.text(HelpNote(note: "Heavy.", resources: ["Call Lena: 0123 456", "Crisis line: 116 123"]), width: 78)
        #expect(text == "Heavy.\n  \u{2022} Call Lena: 0123 456\n  \u{2022} Crisis line: 116 123")
        let narrow = HelpNoteText.text(note, width: 40)
        #expect(narrow.contains("\n  \u{2022} To talk to someone today, find a\n    crisis line"))
    }

    @Test("a check-in's reply starts with the note, alone, and nudges towards nothing")
    func checkInReplyFirst() {
        let checkIn = CriticCheckIn(
            id: 4, at: Date(timeIntervalSince1970: 0), intensity: 10, said: "I made a mistake", trigger: nil, about: nil,
            tags: [], styles: [.labeling], voice: .firstPerson, readingCorrected: false)
        let chosen = ChosenLetter(
            letterId: 2, about: "work", excerpt: "Dear you", reason: "It is about work.", fitsTheme: false, lastRating: nil)
        let withNote = CriticFormatting.reply(
            LogCheckInReply(checkIn: checkIn, chosen: chosen, offeredPromptId: nil, invitation: nil, help: note), rereadNow: false)
        #expect(withNote.hasPrefix(HelpNoteText.text(note) + "\n\n" + Guidance.checkInKept + "\n"))
        #expect(!withNote.contains("letterctl write"), "no nudge to write after the note")
        #expect(!withNote.contains("You caught the critic"))
        let without = CriticFormatting.reply(
            LogCheckInReply(checkIn: checkIn, chosen: chosen, offeredPromptId: nil, invitation: nil, help: nil), rereadNow: false)
        #expect(without.hasPrefix("Noted."))
        #expect(without.contains("letterctl write"))
        #expect(!without.contains(note.note.prefix(30)))
        let noLetter = CriticFormatting.reply(
            LogCheckInReply(checkIn: checkIn, chosen: nil, offeredPromptId: nil, invitation: nil, help: note), rereadNow: false)
        #expect(!noLetter.contains("letterctl write"))
        #expect(!noLetter.hasSuffix("\n"))
    }
}
