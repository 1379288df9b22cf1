import Foundation
import LetterCore
import Testing
@testable import letterctl

/// What the critic did, in the words a check-in's answer and `letterctl critic` use: names the
/// critic used in the first person are ones the person called themself; in the second person,
/// or when which is unclear, ones the critic called them.
@Suite("What the critic did, in words")
struct CriticFormattingTests {
    typealias Case = (styles: [ThinkingStyle], voice: CriticVoice?, reading: String?)

    static let cases: [Case] = [
        ([.labeling], .firstPerson, "calling yourself names; it spoke as “I”"),
        ([.labeling], .secondPerson, "calling you names; it spoke to you as “you”"),
        ([.labeling], nil, "calling you names"),
        ([.labeling, .overgeneralising], .firstPerson, "calling yourself names and “always” or “never”; it spoke as “I”"),
        ([.labeling, .shouldStatement, .overgeneralising], .secondPerson,
         "calling you names, “shoulds” and “musts” and “always” or “never”; it spoke to you as “you”"),
        ([.shouldStatement], .firstPerson, "“shoulds” and “musts”; it spoke as “I”"),
        ([.overgeneralising], nil, "“always” or “never”"),
        ([], .firstPerson, "it spoke as “I”"),
        ([], nil, nil),
    ]

    @Test("a check-in's reading, by style and voice", arguments: cases)
    func reading(_ example: Case) {
        let checkIn = CriticCheckIn(
            id: 1, at: Date(timeIntervalSince1970: 0), intensity: 5, said: nil, trigger: nil, about: nil,
            styles: example.styles, voice: example.voice)
        #expect(CriticFormatting.reading(checkIn) == example.reading, "\(example.styles) \(String(describing: example.voice))")
    }

    @Test("only names depend on the voice", arguments: ThinkingStyle.allCases)
    func describe(_ style: ThinkingStyle) {
        let first = CriticFormatting.describe(style, voice: .firstPerson)
        let second = CriticFormatting.describe(style, voice: .secondPerson)
        #expect(CriticFormatting.describe(style) == second, "an unclear voice reads as the critic speaking to you")
        #expect((first != second) == (style == .labeling))
    }
}
