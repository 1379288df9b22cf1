import Foundation
import LetterDaemon

/// `letterd --check-config` and `--print-config`: the settings file, read as letterd would read
/// it at start, without starting. `letterctl config check` runs the first.
enum ConfigCommands {
    /// Returns the exit status: 0, or 78 when the file has mistakes (each printed on stderr).
    static func run(check: Bool, configPath: String?) -> Int32 {
        let paths: DaemonPaths
        do {
            paths = try DaemonPaths.resolve(environment: ProcessInfo.processInfo.environment, socket: "/unused", config: configPath)
        } catch {
            FileHandle.standardError.write(Data("letterd: \(error)\n".utf8))
            return LetterDaemon.ExitStatus.config
        }
        do {
            let config = try ConfigFile.load(path: paths.configPath, required: paths.configRequired)
            if check {
                let exists = FileManager.default.fileExists(atPath: paths.configPath)
                print(exists ? "\(paths.configPath): the settings are valid." : "\(paths.configPath) does not exist: letterd uses the defaults.")
            } else {
                print(ConfigFile.render(config), terminator: "")
            }
            return 0
        } catch {
            for problem in error.errors { FileHandle.standardError.write(Data("\(problem)\n".utf8)) }
            return LetterDaemon.ExitStatus.config
        }
    }
}
