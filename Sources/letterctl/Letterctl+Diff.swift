#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import LetterProtocol

extension Letterctl {
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "diff",
            abstract: "Show what changed between two versions of a letter.",
            discussion: """
                Without versions: the one before the latest against the latest. Lines only in \
                the older version start with "-", lines only in the newer with "+".
                """)

        @Argument(help: ArgumentHelp("The letter's number.", valueName: "number"))
        var id: Int64

        @Argument(help: ArgumentHelp("The older version's number.", valueName: "from"))
        var from: Int?

        @Argument(help: ArgumentHelp("The newer version's number (default: the latest).", valueName: "to"))
        var to: Int?

        @OptionGroup var client: ClientOptions

        func run() throws {
            try runReportingErrors { () throws(ClientError) in
                let reply: LetterReply = try client.connect().call(
                    LettersInterface.Method.getLetter.rawValue, GetLetterParameters(id: id, withVersions: true))
                let versions = reply.versions ?? []
                let latest = reply.letter.version
                let newer = to ?? latest
                let older = from ?? max(newer - 1, 1)
                guard let a = versions.first(where: { $0.number == older }), let b = versions.first(where: { $0.number == newer }) else {
                    throw ClientError.badData("letter #\(id) has versions 1 to \(latest)")
                }
                if latest == 1 && from == nil {
                    print("Letter #\(id) has one version so far; letterctl rework \(id) writes another.")
                    return
                }
                let colour = isatty(STDOUT_FILENO) == 1 && getenv("NO_COLOR") == nil
                print("--- version \(a.number), \(Terminal.localTime(a.createdAt))")
                print("+++ version \(b.number), \(Terminal.localTime(b.createdAt))")
                for line in LineDiff.lines(from: a.text, to: b.text) {
                    switch line {
                    case .same(let text): print("  " + text)
                    case .removed(let text): print(colour ? "\u{1B}[31m- \(text)\u{1B}[0m" : "- " + text)
                    case .added(let text): print(colour ? "\u{1B}[32m+ \(text)\u{1B}[0m" : "+ " + text)
                    }
                }
            }
        }
    }
}

/// A line-by-line comparison, from the standard library's `CollectionDifference`.
enum LineDiff {
    enum Line: Equatable {
        case same(String), removed(String), added(String)
    }

    static func lines(from old: String, to new: String) -> [Line] {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let difference = b.difference(from: a)
        var removed = Set<Int>()
        var inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var result: [Line] = []
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if i < a.count && removed.contains(i) {
                result.append(.removed(a[i])); i += 1
            } else if j < b.count && inserted.contains(j) {
                result.append(.added(b[j])); j += 1
            } else {
                if i < a.count { result.append(.same(a[i])) }
                i += 1; j += 1
            }
        }
        return result
    }
}
