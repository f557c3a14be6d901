// swift-tools-version:6.1
import PackageDescription

// One package, a target per room (see the module map in the README).
// RossumKit and RossumSandbox deliberately share no code: the official Python SDK referees the sandbox.
let package = Package(
    name: "rossum-tui",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "RossumKit", targets: ["RossumKit"]),
        .library(name: "RossumSandbox", targets: ["RossumSandbox"]),
        .library(name: "TerminalUI", targets: ["TerminalUI"]),
        .executable(name: "rossum-tui", targets: ["rossum-tui"]),
        .executable(name: "rossum-sandbox", targets: ["rossum-sandbox"]),
        .executable(name: "rossum-bench", targets: ["rossum-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // MARK: client library (no UI)
        .target(
            name: "RossumKit",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // MARK: local Rossum-compatible server
        .target(
            name: "RossumSandbox",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // MARK: long-running workflows shared by CLI and console
        .target(
            name: "RossumJobs",
            dependencies: [
                "RossumKit",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // MARK: terminal engine
        .target(
            name: "TerminalUI",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        .systemLibrary(
            name: "CNcursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        .target(name: "NcursesBackend", dependencies: ["CNcursesw", "TerminalUI"]),
        // A demo screen of the terminal engine, driven in tmux by EndToEndTests.
        .executableTarget(name: "terminal-harness", dependencies: ["TerminalUI", "NcursesBackend"]),
        // MARK: the application
        .target(
            name: "Console",
            dependencies: [
                "RossumKit", "RossumJobs", "TerminalUI",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "rossum-tui",
            dependencies: [
                "Console", "NcursesBackend", "RossumJobs", "RossumKit", "RossumSandbox",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "rossum-sandbox",
            dependencies: [
                "RossumSandbox",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "rossum-bench",
            dependencies: [
                "RossumKit", "RossumSandbox", "RossumJobs", "TerminalUI", "Console", "NcursesBackend",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // MARK: tests
        // A tiny HTTP server whose answers tests write byte by byte (slow and stalled bodies,
        // redirects, empty answers): what the sandbox, a well-behaved server, never does.
        .target(
            name: "ScriptedHTTPServer",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Tests/ScriptedHTTPServer"
        ),
        .testTarget(name: "RossumKitTests", dependencies: ["RossumKit", "RossumSandbox", "ScriptedHTTPServer"]),
        .testTarget(
            name: "RossumSandboxTests",
            dependencies: [
                "RossumSandbox",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "RossumJobsTests",
            dependencies: ["RossumJobs", "RossumKit", "RossumSandbox", "ScriptedHTTPServer", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"]),
        .testTarget(name: "NcursesBackendTests", dependencies: ["NcursesBackend", "TerminalUI"]),
        .testTarget(name: "EndToEndTests", dependencies: ["terminal-harness", "rossum-tui", "rossum-bench", "RossumJobs", "RossumKit", "RossumSandbox"]),
        .testTarget(
            name: "ConsoleTests",
            dependencies: ["Console", "TerminalUI", "RossumKit", "RossumSandbox", "RossumJobs"],
            exclude: ["Snapshots"]  // reviewed text snapshots, read from the source tree by path
        ),
        .testTarget(name: "BenchTests", dependencies: ["rossum-bench", "RossumSandbox"]),
    ],
    swiftLanguageModes: [.v6]
)
