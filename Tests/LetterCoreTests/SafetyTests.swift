import LetterCore
import Testing

@Suite("When to show where to find help")
struct SafetyTests {
    @Test("the top of the scale, or words of crisis in any of the texts; not ordinary hard days")
    func needsNote() {
        #expect(Safety.needsNote(intensity: 10, texts: []))
        #expect(!Safety.needsNote(intensity: 9, texts: ["you are useless", nil]))
        #expect(Safety.needsNote(intensity: 3, texts: [nil, "Sometimes I think everyone would be better off without me"]))
        #expect(Safety.needsNote(texts: ["I don’t want to be here anymore"]), "curly apostrophes too")
        #expect(Safety.needsNote(texts: ["I WANT TO DIE"]))
        #expect(Safety.needsNote(texts: ["I don't want to die, I just want it to stop"]), "generous on purpose")
        #expect(!Safety.needsNote(texts: ["I could die of embarrassment", "this deadline is killing me"]))
        #expect(!Safety.needsNote(texts: []))
    }

    @Test("a phrase is found wherever it is: the whole text, its start, its end, after other scripts")
    func phrasePositions() {
        #expect(Safety.needsNote(texts: ["suicidal"]))
        #expect(Safety.needsNote(texts: ["Suicidal thoughts again"]))
        #expect(Safety.needsNote(texts: ["again the thought: end it all"]))
        #expect(Safety.needsNote(texts: ["ça recommence — ÜBER alles, I want to die 😞"]))
        #expect(!Safety.needsNote(texts: ["suicida", "", "end it al", "want to di"]), "a phrase cut short is not the phrase")
    }

    @Test("the default resources are region-neutral")
    func defaults() {
        #expect(Safety.defaultResources.contains { $0.contains("local emergency number") })
        #expect(!Safety.defaultResources.contains { $0.contains("911") || $0.contains("999") || $0.contains("112") })
    }
}
