import ArgumentParser
import LetterCore

/// Options that describe a letter's content, shared by `write` and `rework`.
struct LetterContentOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "What you have been judging yourself for, and how it feels, in a line.", valueName: "text"))
    var about: String?

    @Option(help: ArgumentHelp(
        "What you feel when you think of it, named in a word or a few, e.g. \"ashamed, tired\".", valueName: "words"))
    var feeling: String?

    @Option(help: ArgumentHelp(
        "Read the letter from a file, or - for standard input, instead of opening an editor.", valueName: "file"))
    var from: String?

    @Option(help: ArgumentHelp(
        "Who the letter is written from, e.g. \"a wise, kind friend\" or \"my compassionate self\".",
        valueName: "name"))
    var perspective: String?

    @Option(help: ArgumentHelp("How warm it felt to write, from 0 (not at all) to 10.", valueName: "0-10"))
    var warmth: Int?

    func validate() throws {
        if let warmth, !Limits.scale.contains(warmth) {
            throw ValidationError("--warmth must be from 0 to 10, not \(warmth).")
        }
    }
}

/// A letter's text as the person gave it: read from `--from`, or written in their editor, in
/// which case the draft file is kept until the text is safely stored.
struct LetterInput {
    let text: String
    private let draft: LetterEditor.Draft?

    /// Reads `path` ("-" for stdin) if given; otherwise opens the editor on `template`.
    init(from path: String?, editorTemplate template: @autoclosure () -> String) throws(ClientError) {
        if let path {
            text = try InputText.read(path)
            draft = nil
        } else {
            let edited = try LetterEditor().edit(template())
            text = edited.text
            draft = edited.draft
        }
    }

    var isBlank: Bool { text.allSatisfy(\.isWhitespace) }

    var cameFromEditor: Bool { draft != nil }

    /// Nothing will be saved: the draft goes.
    func discard() { draft?.remove() }

    /// Runs `save`. On success the draft goes; on failure the person is told where their text
    /// is kept, so nothing they typed is lost.
    func saving<R>(_ save: () throws(ClientError) -> R) throws(ClientError) -> R {
        do throws(ClientError) {
            let result = try save()
            draft?.remove()
            return result
        } catch {
            if let draft { Terminal.warn("Your text is kept in \(draft.path)") }
            throw error
        }
    }
}
