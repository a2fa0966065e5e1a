import Feed
import Foundation
import Testing

@Suite("Watching the ledger")
struct SourceWatcherTests {
  @Test("nothing counts as a change while the files stay as they are")
  func quietWhenUnchanged() async throws {
    try await withTemporaryFolder { folder in
      let ledger = folder + "/interviews.ledger"
      try Data("timezone Europe/Berlin\n".utf8).write(to: URL(fileURLWithPath: ledger))
      var watcher = SourceWatcher(paths: [ledger])
      do {
        let changed = watcher.poll()
        #expect(!changed)
      }
      do {
        let changed = watcher.poll()
        #expect(!changed)
      }
    }
  }

  @Test("an in-place edit is a change, seen once")
  func seesAppend() async throws {
    try await withTemporaryFolder { folder in
      let ledger = folder + "/interviews.ledger"
      try Data("timezone Europe/Berlin\n".utf8).write(to: URL(fileURLWithPath: ledger))
      var watcher = SourceWatcher(paths: [ledger])
      try edit(ledger, appending: "\n2026-12-09 offer acme\n")
      do {
        let changed = watcher.poll()
        #expect(changed)
      }
      do {
        let changed = watcher.poll()
        #expect(!changed)
      }
    }
  }

  @Test("an editor replacing the file with same-sized content is a change")
  func seesReplacement() async throws {
    try await withTemporaryFolder { folder in
      let ledger = folder + "/interviews.ledger"
      try Data("aaaa\n".utf8).write(to: URL(fileURLWithPath: ledger))
      var watcher = SourceWatcher(paths: [ledger])
      try replace(ledger, with: "bbbb\n")
      do {
        let changed = watcher.poll()
        #expect(changed)
      }
    }
  }

  @Test("a file appearing or disappearing is a change")
  func seesCreationAndDeletion() async throws {
    try await withTemporaryFolder { folder in
      let holidays = folder + "/holidays.ics"
      var watcher = SourceWatcher(paths: [holidays])
      do {
        let changed = watcher.poll()
        #expect(!changed)
      }
      try Data("BEGIN:VCALENDAR\r\n".utf8).write(to: URL(fileURLWithPath: holidays))
      do {
        let changed = watcher.poll()
        #expect(changed)
      }
      try FileManager.default.removeItem(atPath: holidays)
      do {
        let changed = watcher.poll()
        #expect(changed)
      }
    }
  }

  @Test("files added later keep the files already watched and their baseline")
  func addingPathsKeepsBaseline() async throws {
    try await withTemporaryFolder { folder in
      let ledger = folder + "/interviews.ledger"
      let holidays = folder + "/holidays.ics"
      try Data("x\n".utf8).write(to: URL(fileURLWithPath: ledger))
      try Data("y\n".utf8).write(to: URL(fileURLWithPath: holidays))
      var watcher = SourceWatcher(paths: [ledger])
      try edit(ledger, appending: "more\n")
      watcher.watch([ledger, holidays])
      #expect(watcher.paths == [holidays, ledger].sorted())
      do {
        let changed = watcher.poll()
        #expect(changed)
      }
    }
  }

  /// Starts a watch loop over `path` (in a fresh folder; the ledger, holding "x", unless
  /// `path` says otherwise) on a manual clock, rendering with a stub; runs `body` once the
  /// loop sleeps, then cancels the loop and checks that it stops.
  func withLoop(
    polling interval: Duration = .milliseconds(20), maximumAge: Duration = .seconds(3600),
    path: String = "interviews.ledger",
    _ body: (_ path: String, ManualClock, StubRenderer) async throws -> Void
  ) async throws {
    try await withTemporaryFolder { folder in
      let path = folder + "/" + path
      if path.hasSuffix(".ledger") { try Data("x\n".utf8).write(to: URL(fileURLWithPath: path)) }
      let clock = ManualClock()
      let stub = StubRenderer(sampleCalendar())
      let schedule = WatchSchedule(pollInterval: interval, maximumAge: maximumAge)
      let loop = Task {
        var watcher = SourceWatcher(paths: [path])
        await watcher.keepRegenerating(schedule: schedule, clock: clock) {
          _ = try? stub.render()
          return []
        }
      }
      defer { loop.cancel() }
      try await clock.waitUntilSleeping()
      try await body(path, clock, stub)
      loop.cancel()
      try await bounded(hangGuard, "the loop to stop") { await loop.value }
    }
  }

  @Test("an unchanged source is looked at every poll but never regenerated before its time")
  func quietLoop() async throws {
    try await withLoop { _, clock, stub in
      for _ in 0..<10 { try await clock.step(.milliseconds(20)) }
      #expect(stub.calls == 0)
    }
  }

  @Test("an edit is regenerated once, at the next poll at the latest, and the loop stops on cancel")
  func regeneratesOnChange() async throws {
    try await withLoop { ledger, clock, stub in
      try edit(ledger, appending: "y\n")
      // The kernel's hint may wake the loop first; the poll one interval on does in any case.
      clock.advance(by: .milliseconds(20))
      try await stub.waitForCalls(1)
      for _ in 0..<5 { try await clock.step(.milliseconds(20)) }
      #expect(stub.calls == 1)
    }
  }

  @Test("without any change the calendar is regenerated exactly when it reaches its maximum age")
  func regeneratesWhenOld() async throws {
    try await withLoop(maximumAge: .milliseconds(60)) { _, clock, stub in
      var calls: [Int] = []
      for _ in 0..<7 {
        try await clock.step(.milliseconds(20))
        calls.append(stub.calls)
      }
      // 20, 40 ms: too young; 60 ms: regenerated; 120 ms: again; 140 ms: not yet.
      #expect(calls == [0, 0, 1, 1, 1, 2, 2])
    }
  }

  @Test("without a file to hint about, the loop sleeps on the clock and still polls")
  func pollsWithoutHints() async throws {
    // No folder to watch: no kernel hints, only the poll's sleep.
    try await withLoop(path: "missing/holidays.ics") { holidays, clock, stub in
      try await clock.step(.milliseconds(20))
      #expect(stub.calls == 0)
      try FileManager.default.createDirectory(
        atPath: URL(fileURLWithPath: holidays).deletingLastPathComponent().path,
        withIntermediateDirectories: false)
      try Data("BEGIN:VCALENDAR\r\n".utf8).write(to: URL(fileURLWithPath: holidays))
      try await clock.step(.milliseconds(20))
      #expect(stub.calls == 1)
    }
  }
}
