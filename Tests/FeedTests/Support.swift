import Export
import Feed
import Foundation
import Ledger
import Logging
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How long a test waits for something before calling it a hang. Nothing is paced by it:
/// the tests wait for events (a render, a log line, a loop going back to sleep), and this
/// only turns a bug that never delivers one into a failure instead of a stuck run. Generous,
/// because on 2 cores under ASan the suites beside these can hold the task pool for seconds.
let hangGuard: Double = 60

/// Wakes the tests waiting for something to hold whenever it may have changed, so they wait
/// for the event itself instead of polling on the real clock.
final class Changes: @unchecked Sendable {
  private let lock = NSLock()
  private var waiters:
    [(condition: @Sendable () -> Bool, continuation: CheckedContinuation<Void, Never>)] = []

  /// Re-checks every waiting condition; call after each change.
  func changed() {
    let ready = lock.withLock { () -> [CheckedContinuation<Void, Never>] in
      let ready = waiters.filter { $0.condition() }.map(\.continuation)
      waiters.removeAll { $0.condition() }
      return ready
    }
    for continuation in ready { continuation.resume() }
  }

  /// Suspends until `condition` holds (checked now and after every change).
  func wait(until condition: @escaping @Sendable () -> Bool) async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      let holds = lock.withLock {
        if condition() { return true }
        waiters.append((condition, continuation))
        return false
      }
      if holds { continuation.resume() }
    }
  }
}

/// Waits until `condition` holds, woken by `changes`; throws if that takes `hangGuard`.
func eventually(
  _ what: String, on changes: Changes, _ condition: @escaping @Sendable () -> Bool
) async throws {
  try await bounded(hangGuard, what) { await changes.wait(until: condition) }
}

/// A renderer whose next result the test sets, counting its calls.
final class StubRenderer: @unchecked Sendable {
  private let lock = NSLock()
  private var result: Result<FeedCalendar, RenderError>
  private var count = 0
  /// Told of every call.
  let changes = Changes()

  init(_ calendar: FeedCalendar) { result = .success(calendar) }
  init(failing error: RenderError) { result = .failure(error) }

  /// What the next renders produce.
  func set(_ next: Result<FeedCalendar, RenderError>) { lock.withLock { result = next } }
  /// How many times it was called.
  var calls: Int { lock.withLock { count } }

  /// Waits (bounded) until it has been called `count` times at least.
  func waitForCalls(_ count: Int) async throws {
    try await eventually("\(count) renders", on: changes) { self.calls >= count }
  }

  var render: CalendarRenderer {
    { () throws(RenderError) -> FeedCalendar in
      let next = self.lock.withLock {
        self.count += 1
        return self.result
      }
      self.changes.changed()
      return try next.get()
    }
  }
}

/// A calendar with recognisable bytes.
func sampleCalendar(
  _ text: String = "one", lastModified: Date? = nil, sources: [String] = []
) -> FeedCalendar {
  FeedCalendar(
    bytes: Array("BEGIN:VCALENDAR\r\nX-TEST:\(text)\r\nEND:VCALENDAR\r\n".utf8),
    lastModified: lastModified, sources: sources, actionCount: 1)
}

/// A ledger error, as the pipeline reports it.
let brokenLedger = RenderError.invalidLedger(
  Diagnostics([
    Diagnostic(
      .unknownVerb, location: SourceLocation(path: "interviews.ledger", line: 3, column: 18),
      message: "unknown verb 'intervew'", hint: "did you mean 'interview'?")
  ]))

/// A fresh folder, removed when `body` returns.
func withTemporaryFolder<T>(_ body: (String) async throws -> T) async throws -> T {
  let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("feed-tests-\(UUID().uuidString)").path
  try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(atPath: folder) }
  return try await body(folder)
}

struct TimedOut: Error, CustomStringConvertible {
  var what: String
  var description: String { "timed out: \(what)" }
}

/// Runs `operation`, giving up after `seconds` even if it ignores cancellation.
func bounded<T: Sendable>(
  _ seconds: Double, _ what: String, _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
  return try await withCheckedThrowingContinuation { continuation in
    let once = ResumeOnce(continuation)
    let work = Task {
      do { once.resume(.success(try await operation())) } catch { once.resume(.failure(error)) }
    }
    Task {
      try? await Task.sleep(for: .seconds(seconds))
      work.cancel()
      once.resume(.failure(TimedOut(what: what)))
    }
  }
}

/// A continuation that the first of several racers resumes.
final class ResumeOnce<T: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var continuation: CheckedContinuation<T, Error>?
  init(_ continuation: CheckedContinuation<T, Error>) { self.continuation = continuation }
  func resume(_ result: Result<T, Error>) {
    let taken = lock.withLock {
      defer { continuation = nil }
      return continuation
    }
    taken?.resume(with: result)
  }
}

/// Log lines kept in memory, to check what the server says.
final class LogRecorder: @unchecked Sendable {
  private let lock = NSLock()
  private var lines: [String] = []
  /// Told of every line.
  let changes = Changes()

  func append(_ line: String) {
    lock.withLock { lines.append(line) }
    changes.changed()
  }
  var text: String { lock.withLock { lines.joined(separator: "\n") } }

  /// Waits (bounded) until the log holds `text`, `times` times at least.
  func waitFor(_ text: String, times: Int = 1) async throws {
    try await eventually("\(times) × '\(text)' in the log", on: changes) {
      self.text.components(separatedBy: text).count - 1 >= times
    }
  }

  var logger: Logger {
    var logger = Logger(label: "test") { _ in RecordingHandler(recorder: self) }
    logger.logLevel = .info
    return logger
  }

  struct RecordingHandler: LogHandler {
    var recorder: LogRecorder
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
      get { metadata[key] }
      set { metadata[key] = newValue }
    }
    func log(event: LogEvent) {
      let fields = (event.metadata ?? [:]).sorted { $0.key < $1.key }
        .map { "\($0.key)=\($0.value)" }
      recorder.append(
        ([event.level.rawValue, event.message.description] + fields).joined(separator: " "))
    }
  }
}

/// Changes a file in place, as `>>` or most editors' "save" would.
func edit(_ path: String, appending text: String) throws {
  let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
  defer { try? handle.close() }
  try handle.seekToEnd()
  try handle.write(contentsOf: Data(text.utf8))
}

/// Replaces `path` by writing `text` to a sibling file and renaming it over `path`, as vim
/// and many editors save.
func replace(_ path: String, with text: String) throws {
  let temporary = path + ".new"
  try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
  guard rename(temporary, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
}

/// `stat` of a file: inode and modification time in nanoseconds.
func fileIdentity(_ path: String) -> (inode: UInt64, modified: Int64)? {
  var info = stat()
  guard stat(path, &info) == 0 else { return nil }
  #if canImport(Darwin)
    let modified = info.st_mtimespec
  #else
    let modified = info.st_mtim
  #endif
  return (UInt64(info.st_ino), Int64(modified.tv_sec) * 1_000_000_000 + Int64(modified.tv_nsec))
}
