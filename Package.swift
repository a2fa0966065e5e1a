// swift-tools-version: 6.1
import PackageDescription

// Data flows one way: Ledger → Scheduler → Export (through ICal → CLibical) → Feed.
// Only ICal imports CLibical; the command-line target only parses arguments and prints.
let package = Package(
  name: "Tenterhooks",
  // Synchronization's Mutex (libical's lock, the zone caches) is new in macOS 15.
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "tenterhooks", targets: ["TenterhooksCLI"]),
    // One library for programs that read ledgers or write calendars the way the tool does.
    .library(name: "TenterhooksKit", targets: ["Ledger", "Scheduler", "Export"]),
    .executable(name: "tenterhooks-bench", targets: ["TenterhooksBench"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
    .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
  ],
  targets: [
    .systemLibrary(
      name: "CLibical",
      pkgConfig: "libical",
      providers: [.apt(["libical-dev"]), .brew(["libical"])]
    ),
    // The Gregorian calendar's arithmetic (leap years, month lengths, day numbers,
    // weekdays), shared by every module that counts days; no dependencies.
    .target(name: "CivilCalendar"),
    .target(name: "ICal", dependencies: ["CLibical", "CivilCalendar"]),
    .target(
      name: "Ledger",
      dependencies: ["CivilCalendar", .product(name: "SwiftCSV", package: "SwiftCSV")]),
    .target(name: "Scheduler", dependencies: ["Ledger"]),
    .target(name: "Export", dependencies: ["ICal", "Ledger", "Scheduler"]),
    .target(
      name: "Feed",
      dependencies: [
        "Export", "CivilCalendar",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
      ]
    ),
    .executableTarget(
      name: "TenterhooksCLI",
      dependencies: [
        "Ledger", "Scheduler", "Export", "Feed",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // A seeded generator shared by the tests and the benchmark; not part of any product.
    .target(name: "SeededRandom"),
    .testTarget(name: "CivilCalendarTests", dependencies: ["CivilCalendar"]),
    .testTarget(name: "ICalTests", dependencies: ["ICal", "SeededRandom"]),
    .testTarget(
      name: "LedgerTests", dependencies: ["Ledger", "SeededRandom"],
      resources: [.copy("Fixtures")]),
    .testTarget(name: "SchedulerTests", dependencies: ["Scheduler", "Ledger"]),
    .testTarget(
      name: "ExportTests", dependencies: ["Export", "ICal", "Scheduler", "Ledger", "SeededRandom"],
      resources: [.copy("Fixtures")]),
    .testTarget(
      name: "FeedTests",
      dependencies: [
        "Feed", "Export", "Ledger", .product(name: "Logging", package: "swift-log"),
        .product(name: "HummingbirdTesting", package: "hummingbird"),
      ]
    ),
    // The real `tenterhooks` binary as a subprocess: every command-line and fault test.
    .testTarget(
      name: "CommandLineTests", dependencies: ["Export", "ICal", "Ledger", "SeededRandom"],
      resources: [.copy("Fixtures")]),
    // The benchmark (BENCHMARKS.md). It imports CLibical for libical's own floor: the one
    // exception to "only ICal imports CLibical", and not product code.
    .executableTarget(
      name: "TenterhooksBench",
      dependencies: ["Ledger", "Scheduler", "Export", "ICal", "CLibical", "SeededRandom"]
    ),
  ],
  swiftLanguageModes: [.v6]
)
