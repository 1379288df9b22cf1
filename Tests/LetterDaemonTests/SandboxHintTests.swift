@testable import LetterDaemon
import Testing

@Suite("Explaining how the service ended (ExecStopPost=)")
struct SandboxHintTests {
    @Test("sandbox set-up failures point at the drop-in", arguments: ["218", "226", "228"])
    func sandbox(status: String) throws {
        let text = try #require(SandboxHint.explainExit(environment: ["SERVICE_RESULT": "exit-code", "EXIT_CODE": "exited", "EXIT_STATUS": status]))
        #expect(text.contains("user namespaces"))
        #expect(text.contains("letterd.service.d/no-user-namespaces.conf"))
        #expect(text.contains("systemctl --user daemon-reload"))
    }

    @Test("refusals and the watchdog get their own explanation; a clean stop gets none")
    func others() {
        #expect(SandboxHint.explainExit(environment: ["SERVICE_RESULT": "success", "EXIT_STATUS": "0"]) == nil)
        #expect(SandboxHint.explainExit(environment: ["SERVICE_RESULT": "exit-code", "EXIT_STATUS": "65"])?.contains("database") == true)
        #expect(SandboxHint.explainExit(environment: ["SERVICE_RESULT": "exit-code", "EXIT_STATUS": "78"])?.contains("settings") == true)
        #expect(SandboxHint.explainExit(environment: ["SERVICE_RESULT": "watchdog", "EXIT_CODE": "dumped", "EXIT_STATUS": "ABRT"])?.contains("watchdog") == true)
        #expect(SandboxHint.explainExit(environment: ["SERVICE_RESULT": "exit-code", "EXIT_STATUS": "1"]) == nil)
    }
}
