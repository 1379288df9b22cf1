extension Array where Element == String {
    /// The strings with `separator` between them, as `joined(separator:)` gives them. Written out
    /// because that generic algorithm looks up its element type at run time on first use, which
    /// scans the whole binary's conformance records: a check-in's answer paid for it twice
    /// (perf record of letterctl log-critic). `from` skips the first strings, as `dropFirst`
    /// would without making a slice, whose generic methods cost the same set-up.
    func concatenated(separator: String, from first: Int = 0) -> String {
        var text = ""
        for index in first..<count {
            if index > first { text += separator }
            text += self[index]
        }
        return text
    }
}
