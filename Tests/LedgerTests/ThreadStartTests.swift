import Foundation
import Synchronization
import Testing

@testable import Ledger

/// `SystemCall.startThread`: the export's second thread, started so that a failure is seen.
@Suite("Starting a thread")
struct ThreadStartTests {
  /// What the started thread reports.
  final class Report: Sendable {
    let runs = Atomic<Int>(0)
    let onCaller = Atomic<Bool>(true)
    let name = Mutex<String?>(nil)
    let done = DispatchSemaphore(value: 0)
  }

  /// Marks the calling thread in its thread dictionary (Foundation keeps one per thread).
  static let callerMarker = "tenterhooks-test-caller"

  @Test("the body runs once, on a thread of its own, named as asked")
  func bodyRunsOnAnotherThread() throws {
    let report = Report()
    Thread.current.threadDictionary[Self.callerMarker] = true
    defer { Thread.current.threadDictionary[Self.callerMarker] = nil }
    try SystemCall.startThread(named: "tenterhooks-test-thread-name") {
      report.runs.add(1, ordering: .sequentiallyConsistent)
      let onCaller = Thread.current.threadDictionary[ThreadStartTests.callerMarker] != nil
      report.onCaller.store(onCaller, ordering: .sequentiallyConsistent)
      #if os(Linux)
        let comm = try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)
        report.name.withLock { $0 = comm }
      #endif
      report.done.signal()
    }
    #expect(report.done.wait(timeout: .now() + 60) == .success)
    let (runs, onCaller) = (
      report.runs.load(ordering: .sequentiallyConsistent),
      report.onCaller.load(ordering: .sequentiallyConsistent)
    )
    #expect(runs == 1)
    #expect(!onCaller)
    #if os(Linux)
      // The kernel keeps the first 15 bytes.
      let name = report.name.withLock { $0 }
      #expect(name == "tenterhooks-tes\n")
    #endif
  }
}
