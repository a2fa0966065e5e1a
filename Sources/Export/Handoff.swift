import Foundation
import Ledger
import Synchronization

/// A bounded, first-in first-out hand-over of items from one producing thread to the
/// calling (consuming) thread, in batches: `run` starts `produce` on a thread of its own
/// and runs `consume` on the caller's, and returns only after that thread has finished.
///
/// - Memory stays flat: the producer waits while `capacity` batches are waiting, so at most
///   `capacity` + 2 batches exist at once: the one being filled, and the queued, the lent
///   (being consumed) and the spent ones (see "Freeing"), which together never pass
///   `capacity` + 1 — a batch only moves from the queue to lent to spent, and the producer
///   drops the spent ones before it queues the next.
/// - Order: the consumer gets the items in the order they were handed over.
/// - Errors: an error thrown by `produce` reaches the consumer after every item handed over
///   before it (a batch still being collected included), as the error `next` throws; `run`
///   rethrows it if `consume` does. An error thrown by `consume` cancels the producer (its
///   next hand-over throws instead of waiting, which ends `produce` since it must rethrow
///   it), the thread is waited for, and the error is rethrown unchanged. The consumer never
///   waits for a producer that has stopped, and the producer never waits for a consumer
///   that has: no order of failure deadlocks.
///
/// - Freeing: a batch the consumer is done with goes back to the producer, whose next
///   hand-over drops it (issue 12). The items were made on the producing thread, and freeing
///   them there is cheaper than on the consumer's (the allocator's own thread cache, no
///   reference counts of another thread's objects) and leaves the consumer, the slower side
///   of an export, with less to do. A batch becomes spent when the consumer asks for the
///   next one, so it must not keep a batch beyond that; the batches left when the producer
///   has finished are freed with the hand-over.
///
/// The state lives in a `Mutex` so that the compiler checks every access, and it is only
/// touched while `condition` is locked too, so a wait never misses the change it waits
/// for (the `Mutex` alone cannot wait; the condition's lock alone is not checked).
final class Handoff<Item: Sendable>: Sendable {
  /// Thrown by `hand` once the consumer has stopped; only `run` catches it.
  private struct Cancelled: Error {}

  /// Thrown by `run` when no thread could be started (`pthread_create`'s `errno`): neither
  /// `produce` nor `consume` ran, so the caller can do the work on its own thread.
  struct ThreadUnavailable: Error {
    var errno: Errno
  }

  /// Starts a named thread, or throws the reason it cannot (`SystemCall.startThread`; the
  /// tests pass one that fails).
  typealias ThreadStarter = (
    _ name: String, _ body: @escaping @Sendable () -> Void
  ) throws(Errno) -> Void

  private enum End: Sendable {
    case finished
    case failed(any Error)
  }

  private struct State: Sendable {
    var batches: [[Item]] = []
    /// The batch `take` returned last, still the consumer's.
    var lent: [Item]?
    /// Batches the consumer is done with, for the producer to drop.
    var spent: [[Item]] = []
    var end: End?
    var cancelled = false
    var exited = false
  }

  private let capacity: Int
  private let condition = NSCondition()
  private let state = Mutex(State())

  private init(capacity: Int) { self.capacity = capacity }

  /// What `produce` hands items over with. It collects them and passes them on in batches
  /// of at least `batchSize` (a call's items are never split), and throws once the consumer
  /// has stopped. It is made on the producing thread and does not leave it.
  final class Producer {
    private let handoff: Handoff
    private let batchSize: Int
    private var pending: [Item] = []

    fileprivate init(handoff: Handoff, batchSize: Int) {
      self.handoff = handoff
      self.batchSize = batchSize
      pending.reserveCapacity(batchSize)
    }

    /// Hands `items` over (they reach the consumer after everything handed over before).
    func hand(_ items: some Sequence<Item>) throws {
      pending.append(contentsOf: items)
      if pending.count >= batchSize { try flush() }
    }

    fileprivate func flush() throws {
      guard !pending.isEmpty else { return }
      try handoff.put(pending)
      pending = []
      pending.reserveCapacity(batchSize)
    }
  }

  /// Runs `produce` on a new thread and `consume` on this one (or throws
  /// `ThreadUnavailable` when no thread can be started); `consume`'s `next` returns
  /// the next batch of items, in order, or `nil` after the last one (or throws what
  /// `produce` threw, after the batches handed over before it). Returns `consume`'s result
  /// once the thread has finished.
  static func run<Result>(
    capacity: Int, batchSize: Int, name: String,
    startingWith start: ThreadStarter = SystemCall.startThread,
    produce: @escaping @Sendable (Producer) throws -> Void,
    consume: (_ next: () throws -> [Item]?) throws -> Result
  ) throws -> Result {
    let handoff = Handoff(capacity: max(1, capacity))
    let body: @Sendable () -> Void = {
      let producer = Producer(handoff: handoff, batchSize: max(1, batchSize))
      do {
        try produce(producer)
        try producer.flush()
        handoff.end(.finished)
      } catch is Cancelled {
        // The consumer stopped first; it has its own error to report.
      } catch {
        // What was handed over before the error reaches the consumer first, as it would
        // have without a hand-over; then the error. A flush can only fail by cancelling.
        do {
          try producer.flush()
          handoff.end(.failed(error))
        } catch {}
      }
      handoff.producerLeft()
    }
    do {
      try start(name, body)
    } catch {
      throw ThreadUnavailable(errno: error)
    }
    // On every way out (a result, the consumer's error, the producer's error rethrown),
    // stop the producer if it is still going and wait until its thread is done.
    defer { handoff.cancelAndJoin() }
    return try consume { try handoff.take() }
  }

  /// The producer's side: waits while `capacity` batches are waiting, then queues `batch`;
  /// drops the spent batches, once the lock is given back.
  private func put(_ batch: [Item]) throws {
    var dropped: [[Item]] = []
    // Declared before the unlock's `defer`, so it runs after it: nothing is freed under the lock.
    defer { dropped.removeAll() }
    condition.lock()
    defer { condition.unlock() }
    while true {
      let (cancelled, waiting) = state.withLock { state in
        dropped.append(contentsOf: state.spent)
        state.spent.removeAll()
        return (state.cancelled, state.batches.count)
      }
      if cancelled { throw Cancelled() }
      if waiting < capacity { break }
      condition.wait()
    }
    state.withLock { $0.batches.append(batch) }
    condition.signal()
  }

  /// The producer's last word: every batch is queued, or `produce` failed.
  private func end(_ end: End) {
    condition.lock()
    state.withLock { $0.end = end }
    condition.signal()
    condition.unlock()
  }

  /// The producer's thread is done with everything (the last thing it does).
  private func producerLeft() {
    condition.lock()
    state.withLock { $0.exited = true }
    condition.signal()
    condition.unlock()
  }

  /// The consumer's side: the next batch, waiting for one if need be; `nil` when the
  /// producer finished and everything was taken; the producer's error after the batches
  /// before it. The batch returned before is spent from now on.
  private func take() throws -> [Item]? {
    condition.lock()
    defer { condition.unlock() }
    state.withLock { state in
      if let lent = state.lent.take() { state.spent.append(lent) }
    }
    while true {
      let next: Swift.Result<[Item]?, any Error>? = state.withLock { state in
        if !state.batches.isEmpty {
          let batch = state.batches.removeFirst()
          state.lent = batch
          return .success(batch)
        }
        switch state.end {
        case nil: return nil
        case .finished: return .success(nil)
        case .failed(let error): return .failure(error)
        }
      }
      guard let next else {
        condition.wait()
        continue
      }
      // A place was freed (or nothing changes for the producer): wake it if it waits.
      condition.signal()
      return try next.get()
    }
  }

  /// Tells the producer to stop at its next hand-over and waits until its thread is done;
  /// then frees what is still queued, lent or spent (once the lock is given back), so
  /// nothing outlives `run`.
  private func cancelAndJoin() {
    var left: (queued: [[Item]], lent: [Item]?, spent: [[Item]]) = ([], nil, [])
    // Declared before the unlock's `defer`, so it runs after it.
    defer { withExtendedLifetime(left) {} }
    condition.lock()
    defer { condition.unlock() }
    state.withLock { $0.cancelled = true }
    condition.signal()
    while !state.withLock({ $0.exited }) { condition.wait() }
    state.withLock { state in
      left = (state.batches, state.lent.take(), state.spent)
      (state.batches, state.spent) = ([], [])
    }
  }
}
