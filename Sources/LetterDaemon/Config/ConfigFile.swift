import Foundation
import TOMLKit

/// Reading and checking letterd's config file.
///
/// Every problem is reported with the file, the line and the key, and what the key accepts:
/// `~/.config/letterd/letterd.toml:4: server.max-connections is 0, out of range (accepted: a
/// whole number from 1 to 10000)`. A file with any problem is refused as a whole: at start-up
/// letterd does not start, on reload it keeps its previous settings.
public enum ConfigFile {
    /// The largest config file read; anything bigger is surely not a config file.
    static let maximumBytes = 256 * 1024

    /// Loads `path`. A missing file means defaults when `required` is false (the default
    /// location), and is an error when the person named the file.
    public static func load(path: String, required: Bool) throws(ConfigErrors) -> DaemonConfig {
        guard FileManager.default.fileExists(atPath: path) else {
            if required { throw ConfigErrors([ConfigError(file: path, line: nil, problem: "the file does not exist")]) }
            return DaemonConfig()
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigErrors([ConfigError(file: path, line: nil, problem: "the file cannot be read (check its permissions)")])
        }
        guard data.count <= maximumBytes else {
            throw ConfigErrors([ConfigError(file: path, line: nil, problem: "the file is over 256 KiB; is it really letterd's config?")])
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw ConfigErrors([ConfigError(file: path, line: nil, problem: "the file is not valid UTF-8 text")])
        }
        return try parse(text, file: path)
    }

    /// The settings as TOML, every key with its value (defaults included), in the order of
    /// `Config/letterd.toml`. Parsing the result gives the same settings back.
    public static func render(_ config: DaemonConfig) -> String {
        var sections: [(table: String, lines: [String])] = []
        for key in ConfigSchema.keys {
            let parts = key.path.split(separator: ".", maxSplits: 1).map(String.init)
            let (table, name) = parts.count == 2 ? (parts[0], parts[1]) : ("", parts[0])
            let line = "\(name) = \(key.render(config))"
            if let index = sections.firstIndex(where: { $0.table == table }) {
                sections[index].lines.append(line)
            } else {
                sections.append((table, [line]))
            }
        }
        return sections.map { section in
            (section.table.isEmpty ? "" : "[\(section.table)]\n") + section.lines.joined(separator: "\n")
        }.joined(separator: "\n\n") + "\n"
    }

    /// Checks and applies `text` over the defaults.
    public static func parse(_ text: String, file: String) throws(ConfigErrors) -> DaemonConfig {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigErrors([
                ConfigError(file: file, line: error.source.begin.line, problem: "this is not valid TOML: \(error.description)")
            ])
        } catch {
            throw ConfigErrors([ConfigError(file: file, line: nil, problem: "this is not valid TOML: \(error)")])
        }
        var config = DaemonConfig()
        var errors: [ConfigError] = []
        let locator = ConfigKeyLocator(text: text)
        apply(table, prefix: "", to: &config, errors: &errors, file: file, locator: locator)
        if errors.isEmpty {
            for (path, problem) in ConfigSchema.crossChecks(config) {
                errors.append(ConfigError(file: file, line: locator.line(of: path), problem: "\(path) \(problem)"))
            }
        }
        if !errors.isEmpty { throw ConfigErrors(errors.sorted { ($0.line ?? 0) < ($1.line ?? 0) }) }
        return config
    }

    private static func apply(
        _ table: TOMLTable, prefix: String, to config: inout DaemonConfig, errors: inout [ConfigError],
        file: String, locator: ConfigKeyLocator
    ) {
        for key in table.keys {
            guard let value = table[key] else { continue }
            let path = prefix.isEmpty ? key : prefix + "." + key
            if let nested = value.table, prefix.isEmpty, ConfigSchema.tables.contains(key) {
                apply(nested, prefix: key, to: &config, errors: &errors, file: file, locator: locator)
                continue
            }
            let line = locator.line(of: path)
            if prefix.isEmpty, ConfigSchema.tables.contains(key) {
                errors.append(ConfigError(file: file, line: line, problem: "\(key) is a section: write [\(key)] on a line of its own, with its settings below it"))
                continue
            }
            guard let schema = ConfigSchema.byPath[path] else {
                errors.append(ConfigError(file: file, line: line, problem: unknown(path)))
                continue
            }
            if let problem = schema.apply(value, &config) {
                errors.append(ConfigError(file: file, line: line, problem: "\(path) \(problem) (accepted: \(schema.accepted))"))
            }
        }
    }

    /// "unknown key", with the keys that do exist where it was written.
    private static func unknown(_ path: String) -> String {
        let table = path.contains(".") ? String(path[..<path.lastIndex(of: ".")!]) : ""
        let siblings = ConfigSchema.keys.map(\.path).filter {
            table.isEmpty ? !$0.contains(".") : $0.hasPrefix(table + ".")
        }
        let known = siblings + (table.isEmpty ? ConfigSchema.tables.sorted().map { "[\($0)]" } : [])
        return "\(path) is not a letterd setting (known here: \(known.joined(separator: ", ")))"
    }
}

/// One problem in a config file.
public struct ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var problem: String

    public var description: String {
        line.map { "\(file):\($0): \(problem)" } ?? "\(file): \(problem)"
    }
}

/// All the problems found in one file, first line first.
public struct ConfigErrors: Error, Equatable, Sendable, CustomStringConvertible {
    public var errors: [ConfigError]
    init(_ errors: [ConfigError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// Finds the line a key was written on. TOMLKit reports positions for syntax errors only, so
/// for "this value is wrong" the key is looked up in the text: `[table]` headers, `key = ...`
/// and dotted `table.key = ...` lines. Good enough for a config file; a key it cannot place
/// (inside an inline table, say) is reported without a line.
struct ConfigKeyLocator {
    private var lines: [String: Int] = [:]

    init(text: String) {
        var table = ""
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("#") || line.isEmpty { continue }
            if line.hasPrefix("["), let close = line.firstIndex(of: "]") {
                table = Self.unquote(line[line.index(after: line.startIndex)..<close])
                if lines[table] == nil { lines[table] = index + 1 }
                continue
            }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].split(separator: ".").map { Self.unquote($0) }.joined(separator: ".")
            let path = table.isEmpty ? key : table + "." + key
            if lines[path] == nil { lines[path] = index + 1 }
        }
    }

    func line(of path: String) -> Int? { lines[path] }

    private static func unquote(_ text: Substring) -> String {
        text.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
    }
}
