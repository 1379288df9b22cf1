// swift-tools-version: 6.1
import PackageDescription

// Module map (see README "Layout"):
//   LetterCore      domain model: letters, versions, check-ins, limits, the clock. No I/O.
//   LetterSchedule  the rules of the practice's rhythm: when rereads and rework invitations fall
//                   due, spacing by how rereads landed, preferred/quiet hours, the daily cap.
//   LetterStore     the SQLite store (GRDB): schema, migrations, queries, full-text search.
//   CivilDays       days since 1970 and back, integer arithmetic (wire and stored times, stats' days). No deps.
//   VarlinkProtocol generic Varlink message types (FoundationEssentials only).
//   LetterProtocol  the io.letterd.Letters interface: its .varlink file and Codable messages.
//   VarlinkServer   the NIO socket server: framing, limits, peer check, ordered dispatch.
//   LetterDaemon    wiring: store + server + systemd glue + logging.
//   CSystemd        libsystemd, as a system library.
//   letterd         the daemon executable.
//   LetterStats     `letterctl stats` in the terminal: sparklines and bars, plain-text fallback.
//   letterctl       the thin client: no GRDB, no NIO, no Foundation.
let package = Package(
    name: "letterd",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "letterd", targets: ["letterd"]),
        .executable(name: "letterctl", targets: ["letterctl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CSystemd",
            pkgConfig: "libsystemd",
            providers: [.apt(["libsystemd-dev"])]
        ),
        .target(name: "LetterCore", resources: [.embedInCode("crisis-phrases.txt")]),
        .target(name: "LetterSchedule", dependencies: ["LetterCore"]),
        .target(
            name: "LetterStore",
            dependencies: [
                "CivilDays", "LetterCore", "LetterSchedule", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .target(name: "CivilDays"),
        .target(name: "VarlinkProtocol", dependencies: ["CivilDays"]),
        .target(
            name: "LetterProtocol",
            dependencies: ["LetterCore", "VarlinkProtocol"],
            resources: [.embedInCode("io.letterd.Letters.varlink")]
        ),
        .target(
            name: "VarlinkServer",
            dependencies: [
                "VarlinkProtocol",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "LetterDaemon",
            dependencies: [
                "CSystemd", "LetterCore", "LetterExport", "LetterSchedule", "LetterStore", "LetterProtocol", "VarlinkProtocol", "VarlinkServer",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        .executableTarget(
            name: "letterd",
            dependencies: [
                "CSystemd", "LetterDaemon", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .target(name: "LetterStats", dependencies: ["LetterCore", "CivilDays"]),
        .target(name: "LetterExport", dependencies: ["LetterCore"]),
        .executableTarget(
            name: "letterctl",
            dependencies: [
                "LetterCore", "LetterProtocol", "VarlinkProtocol", "LetterStats",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: letterctlLinkerSettings
        ),
        // Helpers shared by the test targets: temporary directories, a raw socket client, processes.
        .target(name: "TestSupport", dependencies: ["VarlinkProtocol"], path: "Tests/TestSupport"),
        .testTarget(name: "LetterCoreTests", dependencies: ["LetterCore", "TestSupport"]),
        .testTarget(name: "LetterScheduleTests", dependencies: ["LetterCore", "LetterSchedule"]),
        .testTarget(name: "LetterStatsTests", dependencies: ["LetterCore", "LetterStats"]),
        .testTarget(name: "LetterStoreTests", dependencies: ["LetterCore", "LetterSchedule", "LetterStore", "TestSupport"]),
        .testTarget(
            name: "VarlinkServerTests",
            dependencies: [
                "VarlinkProtocol", "VarlinkServer", "LetterCore", "LetterProtocol", "TestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTestUtils", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "LetterDaemonTests",
            dependencies: [
                "LetterDaemon", "LetterCore", "LetterSchedule", "LetterStore", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(
            name: "LetterctlTests",
            dependencies: [
                "letterctl", "LetterCore", "LetterProtocol", "TestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(name: "IntegrationTests", dependencies: ["LetterCore", "LetterProtocol", "VarlinkProtocol", "TestSupport"]),
    ]
)

/// The release letterctl is a position-dependent executable, so the dynamic loader has nothing
/// of its own to relocate. As a position-independent one, the loader wrote a pointer into every
/// page of its 550 KB of Swift metadata and data at each start: 110 page faults, about 0.6 ms
/// of a check-in that takes about 5 (README, "Benchmarks"). The price is that letterctl's own
/// code sits at a fixed address; its stack, heap and the libraries it loads are still placed at
/// random, and letterd, the long-running process that listens on the socket, stays
/// position-independent. `LETTERCTL_PIE=1 make install` builds letterctl as before.
var letterctlLinkerSettings: [LinkerSetting] {
    if Context.environment["LETTERCTL_PIE"] == "1" { return [] }
    return [.unsafeFlags(["-Xclang-linker", "-no-pie"], .when(platforms: [.linux], configuration: .release))]
}
