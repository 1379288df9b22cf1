import Foundation
import LetterCore
import LetterExport
import LetterProtocol
import LetterStore
import VarlinkProtocol
import VarlinkServer

/// Export (JSON for keeping, Markdown and HTML for reading and printing) and import of JSON.
extension LettersEndpoint {
    func registerExport(on router: inout VarlinkRouter) {
        router.register(LettersInterface.Method.export.rawValue) { (p: ExportParameters) in
            let letters = try Self.letterSelection(p.letters)
            let withCheckIns = p.withCheckIns ?? (p.format == .json)
            let selection = ExportDocument.Selection(letters: letters, since: p.since, withCheckIns: withCheckIns)
            let document = try await database.export(selection, letterdVersion: LetterdVersion.current)
            let contents: Data
            switch p.format {
            case .json:
                let encoder = VarlinkJSON.encoder()
                encoder.outputFormatting.insert(.prettyPrinted)
                contents = try encoder.encode(document)
            case .markdown, .html:
                let options = ExportOptions(
                    withVersions: p.withVersions == true, withRereads: p.withRereads == true, withCheckIns: withCheckIns,
                    timeZone: settings.config.resolvedTimeZone)
                let text = p.format == .html ? HTMLExport.render(document, options) : MarkdownExport.render(document, options)
                contents = Data(text.utf8)
            }
            let path = try ExportFiles.write(contents, fileExtension: p.format.fileExtension, in: backups.path, now: backups.clock.now())
            return ExportReply(path: path, letters: document.letters.count, bytes: contents.count)
        }
        router.register(LettersInterface.Method.importFile.rawValue) { (p: ImportParameters) in
            guard p.path.hasPrefix("/"), p.path.utf8.count <= 4_096, !p.path.contains("\0") else {
                throw InvalidInput("path", "must be an absolute path to a JSON export")
            }
            let document = try ExportFiles.readImport(at: p.path)
            if p.dryRun == true {
                return ImportReply(added: try await database.importPreview(document))
            }
            let added = try await database.importDocument(document)
            if !added.isEmpty {
                await status.refresh()
                scheduler.nudge()
            }
            return ImportReply(added: added)
        }
    }

    static func letterSelection(_ ids: [Int64]?) throws -> [Int64]? {
        guard let ids else { return nil }
        guard !ids.isEmpty, ids.count <= 10_000 else { throw InvalidInput("letters", "must name from 1 to 10000 letters") }
        for id in ids where id < 1 { throw InvalidInput("letters", "holds \(id); letter ids start at 1") }
        return Array(Set(ids)).sorted()
    }
}
