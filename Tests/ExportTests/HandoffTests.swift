import Foundation
import Ledger
import Synchronization
import Testing

@testable import Export

/// The hand-over itself, with producers that can fail: what `CalendarExport` cannot show
/// (its scheduler never throws).
@Suite("The bounded hand-over between two threads")
struct HandoffTests {
  struct Failure: Error, Equatable {
    var side: String
  }

  /// What the producer's thread reports to the test's: how many items it made, whether it
  /// has finished.
  final class Progress: Sendable {
    private let made = Atomic<Int>(0)
    private let done = Atomic<Bool>(false)

    func make() { made.add(1, ordering: .sequentiallyConsistent) }
    func finish() { done.store(true, ordering: .sequentiallyConsistent) }
    var produced: Int { made.load(ordering: .sequentiallyConsistent) }
    var finished: Bool { done.load(ordering: .sequentiallyConsistent) }
  }

  /// Hands `item` over; once stopped, lingers a moment before saying so, so that a `run`
  /// that returned without waiting for the producer's thread would return first.
  static func hand(_ item: Int, to producer: Handoff<Int>.Producer) throws {
    do {
      try producer.hand(CollectionOfOne(item))
    } catch {
      Thread.sleep(forTimeInterval: 0.2)
      throw error
    }
  }

  @Test("items arrive in order, and the producer never runs more than the bound ahead")
  func orderAndBound() throws {
    let progress = Progress()
    let (capacity, batchSize, total) = (2, 3, 1000)
    var taken = 0
    var largestLead = 0
    let items = try Handoff<Int>.run(
      capacity: capacity, batchSize: batchSize, name: "test-producer",
      produce: { producer in
        for item in 0..<total {
          progress.make()
          try producer.hand(CollectionOfOne(item))
        }
      },
      consume: { next in
        var items: [Int] = []
        while let batch = try next() {
          taken += batch.count
          largestLead = max(largestLead, progress.produced - taken)
          items += batch
        }
        return items
      })
    expectSame(items, Array(0..<total))
    // Queued batches, the one being filled and the item being handed.
    #expect(largestLead <= capacity * batchSize + batchSize)
  }

  /// Marks the producing thread in its thread dictionary (Foundation keeps one per thread).
  static let producerMarker = "tenterhooks-test-producer"

  @Test("a batch the consumer is done with is freed on the producing thread")
  func spentBatchesAreFreedByTheProducer() throws {
    final class Counts: Sendable {
      let onProducer = Atomic<Int>(0)
      let elsewhere = Atomic<Int>(0)
    }
    final class Item: Sendable {
      let counts: Counts
      init(_ counts: Counts) { self.counts = counts }
      deinit {
        if Thread.current.threadDictionary[HandoffTests.producerMarker] != nil {
          counts.onProducer.add(1, ordering: .sequentiallyConsistent)
        } else {
          counts.elsewhere.add(1, ordering: .sequentiallyConsistent)
        }
      }
    }
    let counts = Counts()
    let (capacity, batchSize, total) = (2, 10, 1000)
    let taken = try Handoff<Item>.run(
      capacity: capacity, batchSize: batchSize, name: "test-producer",
      produce: { producer in
        Thread.current.threadDictionary[HandoffTests.producerMarker] = true
        for _ in 0..<total { try producer.hand(CollectionOfOne(Item(counts))) }
      },
      consume: { next in
        var taken = 0
        while let batch = try next() { taken += batch.count }
        return taken
      })
    let (onProducer, elsewhere) = (
      counts.onProducer.load(ordering: .sequentiallyConsistent),
      counts.elsewhere.load(ordering: .sequentiallyConsistent)
    )
    #expect(taken == total)
    #expect(onProducer + elsewhere == total)
    // Only what is left once the producer has handed its last batch: the one lent to the
    // consumer, the spent ones it has not dropped yet (at most the queue's and one more).
    #expect(elsewhere <= (capacity + 2) * batchSize)
  }

  @Test("when no thread can be started, run says why and neither side runs")
  func noThread() {
    let progress = Progress()
    var consumed = false
    #expect {
      try Handoff<Int>.run(
        capacity: 2, batchSize: 4, name: "test-producer",
        startingWith: { _, _ throws(Errno) in throw Errno(rawValue: EAGAIN) },
        produce: { _ in progress.make() },
        consume: { _ in consumed = true })
    } throws: { error in
      (error as? Handoff<Int>.ThreadUnavailable)?.errno == Errno(rawValue: EAGAIN)
    }
    #expect(progress.produced == 0 && !consumed)
  }

  @Test("the consumer's error stops the producer, which is waited for, and comes out unchanged")
  func consumerErrorStopsTheProducer() throws {
    for stopAt in [0, 1, 5, 40] {
      let progress = Progress()
      let error = withoutHanging { () -> (any Error)? in
        do {
          try Handoff<Int>.run(
            capacity: 2, batchSize: 4, name: "test-producer",
            produce: { producer in
              defer { progress.finish() }
              // Far more than fits: without being stopped it would wait for ever.
              for item in 0..<1_000_000 {
                progress.make()
                try Self.hand(item, to: producer)
              }
            },
            consume: { next in
              var seen = 0
              while let batch = try next() {
                seen += batch.count
                if seen > stopAt { throw Failure(side: "consumer") }
              }
            })
          return nil
        } catch {
          return error
        }
      }
      guard let error else { return }
      #expect(error as? Failure == Failure(side: "consumer"))
      // Joined: the producer's thread was done before `run` returned.
      #expect(progress.finished)
      #expect(progress.produced <= stopAt + 4 * (2 + 2))
    }
  }

  @Test("the producer's error reaches the consumer after everything handed over before it")
  func producerErrorComesAfterItsItems() throws {
    for failAfter in [0, 1, 4, 5, 33] {
      let outcome = withoutHanging { () -> (error: (any Error)?, received: [Int]) in
        var received: [Int] = []
        do {
          try Handoff<Int>.run(
            capacity: 2, batchSize: 4, name: "test-producer",
            produce: { producer in
              for item in 0..<failAfter { try producer.hand(CollectionOfOne(item)) }
              throw Failure(side: "producer")
            },
            consume: { next in
              while let batch = try next() { received += batch }
            })
          return (nil, received)
        } catch {
          return (error, received)
        }
      }
      guard let outcome else { return }
      #expect(outcome.error as? Failure == Failure(side: "producer"))
      // Those still collecting for a batch when the producer failed included.
      expectSame(outcome.received, Array(0..<failAfter))
    }
  }

  @Test("a consumer that returns early stops the producer too")
  func earlyReturnStopsTheProducer() throws {
    let progress = Progress()
    let first = withoutHanging { () -> [Int]? in
      try? Handoff<Int>.run(
        capacity: 1, batchSize: 1, name: "test-producer",
        produce: { producer in
          defer { progress.finish() }
          for item in 0..<1_000_000 { try Self.hand(item, to: producer) }
        },
        consume: { next in try next() })
    }
    #expect(first == [0])
    #expect(progress.finished)
  }
}
