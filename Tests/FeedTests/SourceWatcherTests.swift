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

  @Test("regeneration happens on a change and when the calendar gets too old, and stops on cancel")
  func keepsRegenerating() async throws {
    try await withTemporaryFolder { folder in
      let ledger = folder + "/interviews.ledger"
      try Data("x\n".utf8).write(to: URL(fileURLWithPath: ledger))
      let stub = StubRenderer(sampleCalendar())
      let quiet = Task {
        var watcher = SourceWatcher(paths: [ledger])
        await watcher.keepRegenerating(
          schedule: WatchSchedule(pollInterval: .milliseconds(20), maximumAge: .seconds(3600))
        ) {
          _ = try? stub.render()
          return []
        }
      }
      try await Task.sleep(for: .milliseconds(200))
      #expect(stub.calls == 0)
      try edit(ledger, appending: "y\n")
      try await eventually("a regeneration after the edit") { stub.calls == 1 }
      quiet.cancel()
      try await bounded(5, "the loop to stop") { await quiet.value }

      let aging = StubRenderer(sampleCalendar())
      let forced = Task {
        var watcher = SourceWatcher(paths: [ledger])
        await watcher.keepRegenerating(
          schedule: WatchSchedule(pollInterval: .milliseconds(20), maximumAge: .milliseconds(60))
        ) {
          _ = try? aging.render()
          return []
        }
      }
      try await eventually("regenerations without any change") { aging.calls >= 2 }
      forced.cancel()
      try await bounded(5, "the loop to stop") { await forced.value }
    }
  }
}
