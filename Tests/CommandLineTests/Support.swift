import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The real `tenterhooks` binary, run as a subprocess: the one runner every command-line
/// test uses.
///
/// `swift build --build-tests` puts the executable next to the test bundle
/// (`.build/<triple>/debug/`, or `.build-asan/…` for the sanitizer build), which is where the
/// test runner itself lives; `#filePath` gives a second guess for other layouts.
enum Tenterhooks {
  static let binary: String? = {
    var candidates: [URL] = []
    if let runner = Bundle.main.executableURL {
      candidates.append(runner.deletingLastPathComponent().appendingPathComponent("tenterhooks"))
    }
    candidates.append(
      Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("tenterhooks"))
    candidates.append(
      URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../.build/debug/tenterhooks").standardizedFileURL)
    return candidates.map(\.path).first { FileManager.default.isExecutableFile(atPath: $0) }
  }()

  /// How a run ended and what it printed.
  struct Outcome {
    /// The exit status, or the signal that ended it (`signalled`).
    var status: Int32
    var signalled: Bool
    var stdout: String
    var stderr: String
  }

  /// A started process and the pipes its output goes to.
  struct Started {
    var process: Process
    var stdout: Pipe
    var stderr: Pipe
  }

  /// Starts `executable ARGS` in `folder` with the system zone `zone` and no
  /// `$TENTERHOOKS_LEDGER`.
  static func start(
    _ executable: String, _ arguments: [String], in folder: String,
    zone: String = "Europe/Berlin"
  ) throws -> Started {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    var environment = ProcessInfo.processInfo.environment
    environment["TENTERHOOKS_LEDGER"] = nil
    environment["TZ"] = zone
    process.environment = environment
    let started = Started(process: process, stdout: Pipe(), stderr: Pipe())
    process.standardOutput = started.stdout
    process.standardError = started.stderr
    try process.run()
    return started
  }

  /// Waits for a started process, draining both pipes at once: reading one to its end first
  /// would deadlock once the other filled its 64 KiB buffer.
  static func finish(_ started: Started) -> Outcome {
    let errors = PipeReader(started.stderr.fileHandleForReading)
    let out = started.stdout.fileHandleForReading.readDataToEndOfFile()
    let err = errors.wait()
    started.process.waitUntilExit()
    return Outcome(
      status: started.process.terminationStatus,
      signalled: started.process.terminationReason == .uncaughtSignal,
      stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
  }

  /// Runs `tenterhooks ARGS` in `folder` to the end, blocking the calling thread.
  static func run(_ arguments: [String], in folder: String, zone: String = "Europe/Berlin")
    throws -> Outcome
  {
    let binary = try #require(binary, "build the tenterhooks executable first (swift build)")
    return finish(try start(binary, arguments, in: folder, zone: zone))
  }

  /// Runs any executable to the end (for wrappers such as prlimit and setpriv).
  static func runWrapped(_ executable: String, _ arguments: [String], in folder: String) throws
    -> Outcome
  {
    finish(try start(executable, arguments, in: folder))
  }

  /// Runs `tenterhooks ARGS` in `folder` and waits for it on a thread of its own, so the wait
  /// never holds one of the few threads Swift's tasks share.
  static func run(_ arguments: [String], in folder: URL, zone: String = "Europe/Berlin")
    async throws -> Outcome
  {
    try await withCheckedThrowingContinuation { continuation in
      Thread {
        continuation.resume(
          with: Result { try run(arguments, in: folder.path, zone: zone) })
      }.start()
    }
  }

  /// Runs `tenterhooks ARGS` in `folder`, blocking the calling thread.
  static func runBlocking(_ arguments: [String], in folder: URL, zone: String = "Europe/Berlin")
    throws -> Outcome
  {
    try run(arguments, in: folder.path, zone: zone)
  }
}

/// Reads a pipe to its end on a thread of its own.
private final class PipeReader: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  private var data = Data()

  init(_ handle: FileHandle) {
    Thread { [self] in
      data = handle.readDataToEndOfFile()
      done.signal()
    }.start()
  }

  /// Everything the pipe carried, once it is closed.
  func wait() -> Data {
    done.wait()
    return data
  }
}

/// A suite whose tests work in a fresh folder of their own.
protocol ScratchFolder {
  var folder: URL { get }
}

extension ScratchFolder {
  /// Writes `text` to the file `name` in the folder.
  func write(_ name: String, _ text: String) throws {
    try Data(text.utf8).write(to: folder.appendingPathComponent(name))
  }

  /// The bytes of the file `name` in the folder.
  func read(_ name: String) throws -> Data {
    try Data(contentsOf: folder.appendingPathComponent(name))
  }

  /// The path of `name` in the folder.
  func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
}

/// A fresh temporary folder, removed by the caller.
func temporaryFolder() throws -> URL {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("tenterhooks-cli-tests-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

/// Three lines every test ledger can start with so that `acme` is known: header, field, blank.
let acmeInterview = """
  2026-11-24 10:00 interview acme
    company: Acme GmbH


  """
