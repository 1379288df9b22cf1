import Foundation
import TestSupport
import Testing

/// An acknowledged write is on disk: it survives SIGKILL right after the acknowledgement, and a
/// SIGTERM in the middle of many writes lets every one in flight finish.
@Suite("Durability of acknowledged writes")
struct DurabilityTests {
    @Test("kill -9 right after each acknowledged write: after a restart every write is there", arguments: [20])
    func survivesKillNine(rounds: Int) throws {
        let daemon = try DaemonUnderTest()
        defer { daemon.cleanUp() }
        for round in 1...rounds {
            try daemon.start()
            let letter = try daemon.ctl(["write", "--from", "-", "--about", "round \(round)"], stdin: "Letter written in round \(round).")
            #expect(letter.status == 0, "\(letter)")
            let checkIn = try daemon.ctl(["log-critic", "5", "said in round \(round)"])
            #expect(checkIn.status == 0, "\(checkIn)")
            daemon.killHard()
        }
        try daemon.start()
        let status = try daemon.json(["status"])["status"] as? [String: Any]
        #expect(status?["letters"] as? Int == rounds)
        #expect(status?["checkIns"] as? Int == rounds)
        for round in [1, rounds / 2, rounds] {
            let letter = try daemon.json(["show", "\(round)"])["letter"] as? [String: Any]
            #expect(letter?["text"] as? String == "Letter written in round \(round).")
        }
        #expect(daemon.stop() == 0)
    }

    @Test("SIGTERM during concurrent writes: letterd exits 0 and every acknowledged write is kept")
    func termDuringWrites() throws {
        let daemon = try DaemonUnderTest()
        defer { daemon.cleanUp() }
        try daemon.start()
        let acknowledged = Acknowledged()
        let writers = (0..<6).map { writer in
            Thread {
                for index in 0..<40 {
                    guard let result = try? daemon.ctl(["log-critic", "4", "w\(writer)-\(index)"]) else { return }
                    if result.status == 0 { acknowledged.add("w\(writer)-\(index)") }
                    if result.status == 69 { return }  // the daemon has gone: stop writing
                }
            }
        }
        writers.forEach { $0.start() }
        #expect(eventually { acknowledged.count >= 10 })
        #expect(daemon.stop() == 0, "log:\n\(daemon.log)")
        #expect(eventually(timeoutSeconds: 60) { writers.allSatisfy(\.isFinished) })
        try daemon.start()
        let listed = try daemon.json(["search", "w0", "--limit", "1000"])  // any one writer's tag proves the index too
        #expect(listed["hits"] != nil)
        let checkIns = try listAllCheckIns(daemon)
        let saidValues = Set(checkIns)
        for said in acknowledged.all { #expect(saidValues.contains(said), "acknowledged but missing: \(said)") }
        #expect(checkIns.count == saidValues.count, "no duplicates")
        #expect(daemon.stop() == 0)
    }

    /// Every check-in's text, through the Varlink interface (letterctl has no command for it yet).
    private func listAllCheckIns(_ daemon: DaemonUnderTest) throws -> [String] {
        let client = try UnixSocketClient(path: daemon.socketPath)
        let reply = try client.call(#"{"method":"io.letterd.Letters.ListCheckIns","parameters":{"limit":1000}}"#)
        let checkIns = (reply["parameters"] as? [String: Any])?["checkIns"] as? [[String: Any]] ?? []
        return checkIns.compactMap { $0["said"] as? String }
    }
}

/// The writes the clients saw acknowledged.
private final class Acknowledged: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String] = []
    func add(_ value: String) { lock.withLock { values.append(value) } }
    var count: Int { lock.withLock { values.count } }
    var all: [String] { lock.withLock { values } }
}
