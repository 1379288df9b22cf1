import Foundation
import LetterCore
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

@Suite("Test hooks")
struct TestHooksTests {
    @Test("the clock-offset hook shifts letterd's clock; without it, or malformed, the system clock is used")
    func clockOffset() {
        let shifted = TestHooks.clock(environment: ["LETTERD_TEST_HOOKS": "stall-on-sigusr2,clock-offset=86400"]).now()
        #expect(abs(shifted.timeIntervalSinceNow - 86_400) < 5)
        #expect(TestHooks.clock(environment: [:]) is SystemWallClock)
        #expect(TestHooks.clock(environment: ["LETTERD_TEST_HOOKS": "clock-offset=soon"]) is SystemWallClock)
        #expect(TestHooks.clock(environment: ["LETTERD_TEST_HOOKS": "clock-offset=inf"]) is SystemWallClock)
    }

    @Test("the clock-offset-file hook starts from the file's offset, or from the system clock if it holds none")
    func clockOffsetFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("letterd-offset-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try " -3600\n".write(toFile: path, atomically: true, encoding: .utf8)
        let behind = try #require(TestHooks.clock(environment: ["LETTERD_TEST_HOOKS": "clock-offset-file=\(path)"]) as? ShiftedWallClock)
        #expect(behind.offset == -3600)
        try "soon".write(toFile: path, atomically: true, encoding: .utf8)
        let unset = try #require(TestHooks.clock(environment: ["LETTERD_TEST_HOOKS": "clock-offset-file=\(path)"]) as? ShiftedWallClock)
        #expect(unset.offset == 0)
    }
}
