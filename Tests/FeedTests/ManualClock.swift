import Synchronization

/// A clock that stands still until the test moves it, so the watch loops' tests drive time
/// step by step instead of sleeping on the real clock: `sleep(until:)` suspends until
/// `advance(by:)` reaches its deadline (or its task is cancelled), and the test can wait
/// until a loop has gone back to sleep, which means it finished what that moment asked of it.
final class ManualClock: Clock {
  struct Instant: InstantProtocol {
    /// Time since the clock was made.
    var offset: Duration

    func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
    func duration(to other: Instant) -> Duration { other.offset - offset }
    static func < (left: Instant, right: Instant) -> Bool { left.offset < right.offset }
  }

  private struct Sleeper {
    var deadline: Instant
    var continuation: CheckedContinuation<Void, Error>
  }

  private struct State {
    var now = Instant(offset: .zero)
    var sleepers: [UInt64: Sleeper] = [:]
    var nextSleeper: UInt64 = 0
    /// Sleeps that suspended so far (a sleep whose deadline had passed does not count).
    var sleepsBegun = 0
    /// Tests waiting for the count of sleeps to pass a number.
    var watchers: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
  }

  private let state = Mutex(State())

  var now: Instant { state.withLock { $0.now } }
  var minimumResolution: Duration { .zero }

  /// How many sleeps have suspended so far.
  var sleepsBegun: Int { state.withLock { $0.sleepsBegun } }

  func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
    let id = state.withLock { state in
      defer { state.nextSleeper += 1 }
      return state.nextSleeper
    }
    try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation {
        (continuation: CheckedContinuation<Void, Error>) in
        let (outcome, woken) = state.withLock {
          state -> (Result<Void, Error>?, [CheckedContinuation<Void, Never>]) in
          // Under the lock, so a cancellation either comes before (and is seen here) or
          // finds the sleeper registered.
          if Task.isCancelled { return (.failure(CancellationError()), []) }
          if deadline <= state.now { return (.success(()), []) }
          state.sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
          state.sleepsBegun += 1
          let begun = state.sleepsBegun
          let woken = state.watchers.filter { $0.count < begun }.map(\.continuation)
          state.watchers.removeAll { $0.count < begun }
          return (nil, woken)
        }
        if let outcome { continuation.resume(with: outcome) }
        for watcher in woken { watcher.resume() }
      }
    } onCancel: {
      let sleeper = state.withLock { $0.sleepers.removeValue(forKey: id) }
      sleeper?.continuation.resume(throwing: CancellationError())
    }
  }

  /// Moves the clock on by `duration`, waking every sleep whose deadline it reaches.
  func advance(by duration: Duration) {
    let due = state.withLock { state -> [CheckedContinuation<Void, Error>] in
      state.now = state.now.advanced(by: duration)
      let now = state.now
      let due = state.sleepers.filter { $0.value.deadline <= now }
      for id in due.keys { state.sleepers.removeValue(forKey: id) }
      return due.values.sorted { $0.deadline < $1.deadline }.map(\.continuation)
    }
    for continuation in due { continuation.resume() }
  }

  /// Suspends until more than `count` sleeps have begun.
  func waitForSleeps(moreThan count: Int) async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      let done = state.withLock { state in
        if state.sleepsBegun > count { return true }
        state.watchers.append((count, continuation))
        return false
      }
      if done { continuation.resume() }
    }
  }

  /// Waits (bounded, in case the loop never sleeps again) until a loop is asleep on this
  /// clock for the first time.
  func waitUntilSleeping() async throws {
    try await bounded(hangGuard, "a loop to sleep on the manual clock") {
      await self.waitForSleeps(moreThan: 0)
    }
  }

  /// Moves the clock on by `duration`, then waits (bounded) until a loop sleeps on it again:
  /// by then the loop has done whatever that moment asked of it.
  func step(_ duration: Duration) async throws {
    let begun = sleepsBegun
    advance(by: duration)
    try await bounded(hangGuard, "the loop to sleep again after \(duration)") {
      await self.waitForSleeps(moreThan: begun)
    }
  }
}
