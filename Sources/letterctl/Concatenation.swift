extension Array where Element == String {
    /// The strings with `separator` between them, as `joined(separator:)` gives them. Written out
    /// because that generic algorithm looks up its element type at run time on first use, which
    /// scans the whole binary's conformance records: a check-in's answer paid for it twice
    /// (perf record of letterctl log-critic).
    func concatenated(separator: String) -> String {
        var text = ""
        for (index, part) in enumerated() {
            if index > 0 { text += separator }
            text += part
        }
        return text
    }
}
