import Foundation
import TestSupport
import Testing
import VarlinkProtocol

/// letterd's start-up, its conversation with systemd, and its refusals.
@Suite("letterd's start-up, shutdown and refusals")
struct DaemonLifecycleTests {
    @Test("it logs with syslog priority prefixes, creates private directories, and removes its socket on exit")
    func logsAndFiles() throws {
        let daemon = try DaemonUnderTest()
        defer { daemon.cleanUp() }
        try daemon.start()
        let runtimeMode = try FileManager.default.attributesOfItem(atPath: daemon.runtimeDirectory + "/letterd")[.posixPermissions] as? Int
        let dataMode = try FileManager.default.attributesOfItem(atPath: daemon.root.path + "/data/letterd")[.posixPermissions] as? Int
        let socketMode = try FileManager.default.attributesOfItem(atPath: daemon.socketPath)[.posixPermissions] as? Int
        let databaseMode = try FileManager.default.attributesOfItem(atPath: daemon.databasePath)[.posixPermissions] as? Int
        #expect(runtimeMode == 0o700)
        #expect(dataMode == 0o700)
        #expect(socketMode == 0o600)
        #expect(databaseMode == 0o600)
        #expect(daemon.stop() == 0)
        #expect(daemon.log.contains("<6>listening on \(daemon.socketPath)"))
        #expect(daemon.log.contains("<6>stopped"))
        #expect(!FileManager.default.fileExists(atPath: daemon.socketPath))
    }

    @Test("with NOTIFY_SOCKET it reports READY=1 with a status line, then STOPPING=1 on SIGTERM")
    func notifiesSystemd() throws {
        let daemon = try DaemonUnderTest()
        defer { daemon.cleanUp() }
        let notifications = try DatagramListener(path: daemon.root.path + "/notify.sock")
        try daemon.start(extraEnvironment: ["NOTIFY_SOCKET": notifications.path])
        let ready = try notifications.receive()
        #expect(ready.contains("READY=1"))
        #expect(ready.contains("STATUS=0 letters, 0 check-ins"))
        _ = try daemon.ctl(["log-critic", "4"])
        #expect(try notifications.receive() == "STATUS=0 letters, 1 check-in")
        #expect(daemon.stop() == 0)
        #expect(try notifications.receive().contains("STOPPING=1"))
    }

    @Test("under socket activation it serves the socket it is given on fd 3")
    func socketActivation() throws {
        let activator = try #require(
            ["/usr/bin/systemd-socket-activate", "/lib/systemd/systemd-socket-activate"]
                .first(where: FileManager.default.isExecutableFile(atPath:)),
            "needs systemd-socket-activate, from the systemd package")
        let daemon = try DaemonUnderTest()
        defer { daemon.cleanUp() }
        let socket = daemon.root.path + "/activated.sock"
        let log = daemon.root.path + "/activator.log"
        let process = try ChildProcess(
            activator, ["-l", socket, Binaries.letterd], environment: daemon.environment,
            stdoutPath: log, stderrPath: log)
        defer { process.signal(SIGKILL) }
        #expect(eventually { FileManager.default.fileExists(atPath: socket) })
        // The first connection starts letterd, which adopts the listening socket.
        let result = try daemon.ctl(["status", "--socket", socket])
        #expect(result.status == 0, "\(result)")
        #expect(try daemon.ctl(["log-critic", "3", "--socket", socket]).status == 0)
        process.signal(SIGTERM)
        #expect(process.wait(timeoutSeconds: 15) == 0)
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        #expect(output.contains("(fd 3 from systemd)"), "\(output)")
    }

    @Test("a second letterd on the same socket refuses to start and leaves the first one serving")
    func secondDaemonRefuses() throws {
        try withDaemon { daemon in
            let second = try daemon.runExpectingExit()
            #expect(second.status == 69)
            #expect(second.stderr.contains("another letterd is already answering"))
            #expect(try daemon.ctl(["status"]).status == 0)
        }
    }

    @Test("a database from a newer letterd: refuses to start, says what to do, leaves the file alone")
    func refusesNewerDatabase() throws {
        let daemon = try DaemonUnderTest()
        defer { daemon.cleanUp() }
        try daemon.start()
        _ = try daemon.ctl(["write", "--from", "-"], stdin: "precious")
        #expect(daemon.stop() == 0)
        let sqlite = try runCommand("/usr/bin/sqlite3", [daemon.databasePath, "INSERT INTO grdb_migrations VALUES ('v9-future')"], environment: daemon.environment)
        #expect(sqlite.status == 0, "\(sqlite)")
        let before = try Data(contentsOf: URL(fileURLWithPath: daemon.databasePath))
        let refused = try daemon.runExpectingExit()
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("<2>cannot start: The database \(daemon.databasePath) was last used by a newer version of letterd"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: daemon.databasePath)) == before)
    }

    @Test("a file that is not a database: refuses to start and leaves it alone")
    func refusesForeignFile() throws {
        let daemon = try DaemonUnderTest()
        defer { daemon.cleanUp() }
        try FileManager.default.createDirectory(atPath: daemon.root.path + "/data/letterd", withIntermediateDirectories: true)
        let junk = Data(String(repeating: "not a database ", count: 500).utf8)
        try junk.write(to: URL(fileURLWithPath: daemon.databasePath))
        let refused = try daemon.runExpectingExit()
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("is not a letterd database"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: daemon.databasePath)) == junk)
    }

    @Test("without HOME and XDG paths it refuses to start and says why")
    func refusesWithoutPaths() throws {
        let result = try runCommand(Binaries.letterd, [], environment: ["PATH": "/usr/bin:/bin"])
        #expect(result.status == 78)
        #expect(result.stderr.contains("XDG_DATA_HOME nor HOME"))
    }

    @Test(
        "another user who reaches the socket is refused by the uid check",
        .enabled(if: getuid() == 0, "needs root to run letterctl as another user"),
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"), "needs setpriv (util-linux)"))
    func refusesOtherUsers() throws {
        let daemon = try DaemonUnderTest()
        defer { daemon.cleanUp() }
        // A socket the other user can reach (on purpose, for this test): directories open, socket 0666.
        let open = try daemon.root.makeDirectory("open", mode: 0o755)
        chmod(daemon.root.path, 0o755)
        let socket = open + "/letterd.sock"
        try daemon.start(arguments: ["--socket", socket], waitForSocket: socket)
        chmod(socket, 0o666)
        let asNobody = try runCommand(
            "/usr/bin/setpriv",
            ["--reuid=65534", "--regid=65534", "--clear-groups", Binaries.letterctl, "status", "--socket", socket],
            environment: ["PATH": "/usr/bin:/bin"])
        #expect(asNobody.status == 77, "\(asNobody)")
        #expect(asNobody.stderr.contains("serves only the user it runs as"))
        #expect(daemon.stop() == 0)
        #expect(daemon.log.contains("<4>refused a connection from uid 65534"))
    }
}

/// A Unix datagram socket standing in for systemd's notification socket.
final class DatagramListener {
    let path: String
    private let fd: Int32

    init(path: String) throws {
        self.path = path
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        let bound = UnixSocketAddress(path: path)?.bind(fd) ?? -1
        guard bound == 0 else { throw POSIXError(.EADDRINUSE) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    /// Every message that arrives within `seconds`.
    static func drain(_ listener: DatagramListener, for seconds: Double) throws -> [String] {
        var received: [String] = []
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let message = try? listener.receive(timeoutMilliseconds: 100) { received.append(message) }
        }
        return received
    }

    func receive(timeoutMilliseconds: Int) throws -> String {
        var timeout = timeval(tv_sec: timeoutMilliseconds / 1000, tv_usec: Int((timeoutMilliseconds % 1000) * 1000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        defer {
            var restore = timeval(tv_sec: 10, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &restore, socklen_t(MemoryLayout<timeval>.size))
        }
        return try receive()
    }

    func receive() throws -> String {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { throw POSIXError(.ETIMEDOUT) }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }
}
