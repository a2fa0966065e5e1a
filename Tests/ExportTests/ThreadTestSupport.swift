import Dispatch
import Foundation
import Synchronization
import Testing

/// Fails unless `actual` equals `expected`, naming the first place they differ: a diff of
/// thousands of texts or a megabyte of bytes, as `#expect(a == b)` prints, takes minutes.
func expectSame<T: Equatable>(
  _ actual: [T], _ expected: [T], sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
  guard actual != expected else { return }
  let index =
    zip(actual, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset
    ?? min(actual.count, expected.count)
  func at(_ array: [T]) -> String {
    array.indices.contains(index) ? String(String(describing: array[index]).prefix(200)) : "(end)"
  }
  let message =
    "\(actual.count) and \(expected.count) elements, first different at \(index): "
    + "\(at(actual)) instead of \(at(expected))"
  Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
}

/// What a thread hands back to the test that waits for it.
final class Outcome<T: Sendable>: Sendable {
  let value = Mutex<T?>(nil)
  let done = DispatchSemaphore(value: 0)
}

/// Runs `body` on a thread of its own and returns what it returns, or `nil` with an issue
/// recorded when it has not returned within a minute: a guard against a deadlock, so that
/// one fails its test instead of stopping the whole run (a blocked synchronous test cannot
/// be interrupted, `.timeLimit` included). A passing test never waits for the guard.
func withoutHanging<T: Sendable>(
  _ body: @escaping @Sendable () -> T, sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> T? {
  let outcome = Outcome<T>()
  Thread {
    let value = body()
    outcome.value.withLock { $0 = value }
    outcome.done.signal()
  }.start()
  guard outcome.done.wait(timeout: .now() + 60) == .success else {
    Issue.record("did not return within a minute: a deadlock", sourceLocation: sourceLocation)
    return nil
  }
  return outcome.value.withLock { $0 }
}
