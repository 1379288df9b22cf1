#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// How to draw for the terminal at hand, decided from the environment alone, so it can be
/// tested with a table of environments and no terminal.
public enum TerminalStyle {
    /// Colour only when stdout is a terminal, NO_COLOR is unset or empty (https://no-color.org), and TERM is not "dumb".
    /// Unicode when LC_ALL, else LC_CTYPE, else LANG (first one set and non-empty) mentions UTF-8 (case-insensitive, "utf8" too).
    public static func options(environment: [String: String], stdoutIsTerminal: Bool, width: Int?) -> StatsReport.Options {
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        let dumb = environment["TERM"] == "dumb"
        let color = stdoutIsTerminal && !noColor && !dumb

        let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        let unicode = locale.map { value in
            let lowered = value.lowercased()
            return lowered.contains("utf-8") || lowered.contains("utf8")
        } ?? false

        return StatsReport.Options(width: width ?? 80, unicode: unicode, color: color)
    }
}
