/// Durations as people write them in the config and on the command line: a number and a unit,
/// or several ("1h30m"). Units: ms, s, m (minutes), h, d (days), w (weeks).
public enum DurationText {
    /// The duration in seconds, or nil if `text` is not a duration.
    public static func seconds(_ text: String) -> Double? {
        var rest = Substring(text.filter { !$0.isWhitespace })
        guard !rest.isEmpty else { return nil }
        var total = 0.0
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !digits.isEmpty, let value = Double(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            let unit = rest.prefix { $0.isASCII && $0.isLetter }
            rest = rest.dropFirst(unit.count)
            guard let scale = units[String(unit)] else { return nil }
            total += value * scale
        }
        return total.isFinite ? total : nil
    }

    /// The accepted units, for error messages.
    public static let accepted = "a number with a unit: 500ms, 30s, 5m, 2h, 1d, 1w, or a mix such as 1h30m"

    private static let units: [String: Double] = [
        "ms": 0.001, "s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 604_800,
    ]

    /// A duration as a person reads it, to the two largest units: "45s", "5m", "2h 30m", "3d 4h".
    public static func describe(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "a very long time" }
        var rest = Int(seconds.rounded())
        if rest < 60 { return "\(max(rest, 0))s" }
        var parts: [String] = []
        for (unit, size) in [("w", 604_800), ("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)] where rest >= size {
            parts.append("\(rest / size)\(unit)")
            rest %= size
            if parts.count == 2 { break }
        }
        return parts.joined(separator: " ")
    }

    /// A duration written exactly, so that reading it back gives the same number of seconds
    /// (to the millisecond): "3h", "1d2h30m", "120d", "500ms", "0s". Days are the largest unit,
    /// as the config's ranges are written in days.
    public static func exact(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds > 0 else { return "0s" }
        var rest = Int64((seconds * 1000).rounded())
        var text = ""
        for (unit, size) in [("d", Int64(86_400_000)), ("h", 3_600_000), ("m", 60_000), ("s", 1_000), ("ms", 1)] {
            let count = rest / size
            if count > 0 {
                text += "\(count)\(unit)"
                rest -= count * size
            }
        }
        return text
    }
}
