#if canImport(Glibc)
import Glibc
#endif

/// Writing a letter in the person's own editor, the way `git commit` does: a private temporary
/// file with guidance as `#` comment lines, `$VISUAL` or `$EDITOR` (or `vi`) on it, and the
/// comment lines stripped afterwards.
///
/// The file lives in `$XDG_RUNTIME_DIR` (private to the user, in memory) when it can, and it is
/// kept if saving to letterd fails, so nothing typed is ever lost.
struct LetterEditor {
    let environment: [String: String]

    init(environment: [String: String] = LetterEditor.processEnvironment()) {
        self.environment = environment
    }

    /// The draft file holding the text being edited.
    struct Draft {
        let path: String

        func remove() { unlink(path) }
    }

    /// Opens the editor on `initialText` and returns the text saved, comments stripped.
    func edit(_ initialText: String) throws(ClientError) -> (text: String, draft: Draft) {
        let draft = try makeDraft(initialText)
        let editor = environment["VISUAL"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["EDITOR"].flatMap { $0.isEmpty ? nil : $0 } ?? "vi"
        // Through the shell, so that EDITOR="code --wait" works as it does for git.
        let status = run(["/bin/sh", "-c", "\(editor) \"$1\"", "sh", draft.path])
        guard status == 0 else {
            throw ClientError.cancelled(
                "The editor (\(editor)) exited with status \(status), so nothing was saved. Your text is still in \(draft.path)")
        }
        let text: String
        do {
            text = try InputText.read(draft.path)
        } catch {
            throw ClientError.badData("\(error.message). Your text is still in \(draft.path)")
        }
        return (Self.stripComments(text), draft)
    }

    /// Removes the lines that start with `#` (the guidance), keeping everything else as typed.
    static func stripComments(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("#") }
            .joined(separator: "\n")
    }

    private func makeDraft(_ text: String) throws(ClientError) -> Draft {
        var directory = environment["TMPDIR"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? "/tmp"
        if let runtime = environment["XDG_RUNTIME_DIR"], runtime.hasPrefix("/"), access(runtime, W_OK) == 0 {
            directory = runtime
        }
        var template = Array((directory + "/letterd-letter-XXXXXX.txt").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }  // mode 0600
        guard fd >= 0 else {
            throw ClientError.internalFailure("cannot create a draft file in \(directory): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                unlink(path)
                throw ClientError.internalFailure("cannot write the draft file \(path): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        return Draft(path: path)
    }

    /// Runs a program attached to this terminal and waits for it; returns its exit status.
    private func run(_ arguments: [String]) -> Int32 {
        var pid = pid_t()
        var argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let spawned = posix_spawn(&pid, arguments[0], nil, nil, &argv, environ)
        guard spawned == 0 else { return 127 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return 127 }
        }
        // WIFEXITED / WEXITSTATUS, which Swift cannot import as macros.
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    static func processEnvironment() -> [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let pair = String(cString: entry)
            if let equals = pair.firstIndex(of: "=") {
                result[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }
}
