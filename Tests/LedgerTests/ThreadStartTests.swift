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
    let done = DispatchSemaphore(value: 0)
  }

  @Test("the body runs once, on a thread of its own")
  func bodyRunsOnAnotherThread() throws {
    let report = Report()
    let caller = pthread_self()
    try SystemCall.startThread(named: "tenterhooks-test-thread-name") {
      report.runs.add(1, ordering: .sequentiallyConsistent)
      report.onCaller.store(
        pthread_equal(pthread_self(), caller) != 0, ordering: .sequentiallyConsistent)
      report.done.signal()
    }
    #expect(report.done.wait(timeout: .now() + 60) == .success)
    let (runs, onCaller) = (
      report.runs.load(ordering: .sequentiallyConsistent),
      report.onCaller.load(ordering: .sequentiallyConsistent)
    )
    #expect(runs == 1)
    #expect(!onCaller)
  }
}
