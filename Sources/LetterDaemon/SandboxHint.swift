#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// What to tell a person when letterd's sandbox (the systemd unit's hardening) is the likely
/// reason it cannot start, and what to tell them after systemd could not start it at all.
public enum SandboxHint {
    /// The drop-in shipped for systems that restrict unprivileged user namespaces.
    public static let dropInName = "letterd.service.d/no-user-namespaces.conf"

    /// A hint appended to a file-system error at start-up, when running under systemd.
    static func forFilesystemError(_ error: any Error) -> String {
        guard ProcessInfo.processInfo.environment["INVOCATION_ID"] != nil else { return "" }
        let text = String(describing: error)
        guard text.contains("Read-only file system") || text.contains("Permission denied") || text.contains("readOnly") else {
            return ""
        }
        return ". letterd's systemd unit shows it, of your home directory, only the data directory that "
            + "make install wrote into it (XDG_DATA_HOME is pinned there); if you moved your data, run "
            + "make install again so the unit follows it"
    }

    /// Explains how the service ended, for `ExecStopPost=` (`letterd --explain-exit`): systemd
    /// sets SERVICE_RESULT, EXIT_CODE and EXIT_STATUS. Nil when there is nothing worth saying.
    public static func explainExit(environment: [String: String]) -> String? {
        let result = environment["SERVICE_RESULT"] ?? ""
        let status = environment["EXIT_STATUS"] ?? ""
        switch (result, status) {
        case ("success", _):
            return nil
        case (_, "218"), (_, "226"), (_, "228"), (_, "243"):
            return """
                systemd could not set up letterd's sandbox (exit status \(status), before letterd ran). In a \
                user service the sandboxing directives need unprivileged user namespaces, and this system \
                restricts them (Ubuntu's AppArmor policy or kernel.unprivileged_userns_clone=0 do this). To \
                run letterd with less isolation, install the drop-in that ships with it: copy \
                \(dropInName) from letterd's share/doc directory to ~/.config/systemd/user/\(dropInName), \
                then run: systemctl --user daemon-reload && systemctl --user restart letterd.socket letterd.service
                """
        case (_, "203"):
            return "systemd could not run letterd's program (exit status 203). Check that ExecStart= in letterd.service names the installed binary; after moving it, run make install again."
        case (_, "65"):
            return "letterd refused to open its database; the reason and what to do are in the lines above. letterd will not be restarted until you start it again."
        case (_, "78"):
            return "letterd refused its settings; the file, line and problem are in the lines above. Fix them, then: systemctl --user restart letterd.service"
        case ("watchdog", _):
            return "letterd stopped answering systemd's watchdog and was stopped (systemd restarts it). If this happens again, please report it."
        default:
            return nil
        }
    }
}
