import Export
import Feed
import Foundation
import Testing

@Suite("feed -o FILE.ics")
struct FeedWriterTests {
  @Test("the calendar is written with exactly the rendered bytes")
  func writesOnce() async throws {
    try await withTemporaryFolder { folder in
      let output = folder + "/interviews.ics"
      let calendar = sampleCalendar()
      let writer = FeedWriter(outputPath: output, render: StubRenderer(calendar).render)
      let (outcome, _) = try writer.update()
      #expect(outcome == .wrote(actionCount: 1))
      #expect(FileManager.default.contents(atPath: output) == Data(calendar.bytes))
    }
  }

  @Test("identical bytes are not rewritten: same inode, same modification time")
  func leavesIdenticalFileAlone() async throws {
    try await withTemporaryFolder { folder in
      let output = folder + "/interviews.ics"
      let writer = FeedWriter(outputPath: output, render: StubRenderer(sampleCalendar()).render)
      try writer.update()
      let before = try #require(fileIdentity(output))
      try await Task.sleep(for: .milliseconds(20))
      let (outcome, _) = try writer.update()
      #expect(outcome == .unchanged)
      let after = try #require(fileIdentity(output))
      #expect(after.inode == before.inode)
      #expect(after.modified == before.modified)
    }
  }

  @Test("changed bytes replace the file")
  func rewritesChangedFile() async throws {
    try await withTemporaryFolder { folder in
      let output = folder + "/interviews.ics"
      let stub = StubRenderer(sampleCalendar("one"))
      let writer = FeedWriter(outputPath: output, render: stub.render)
      try writer.update()
      stub.set(.success(sampleCalendar("two")))
      let (outcome, _) = try writer.update()
      #expect(outcome == .wrote(actionCount: 1))
      #expect(FileManager.default.contents(atPath: output) == Data(sampleCalendar("two").bytes))
    }
  }

  @Test("a broken ledger leaves the last good calendar untouched, and says so")
  func keepsLastGoodFile() async throws {
    try await withTemporaryFolder { folder in
      let output = folder + "/interviews.ics"
      let stub = StubRenderer(sampleCalendar())
      let writer = FeedWriter(outputPath: output, render: stub.render)
      try writer.update()
      let before = try #require(fileIdentity(output))
      stub.set(.failure(brokenLedger))
      #expect(throws: FeedWriter.Failure.self) { _ = try writer.update() }
      #expect(FileManager.default.contents(atPath: output) == Data(sampleCalendar().bytes))
      #expect(fileIdentity(output)?.inode == before.inode)

      do throws(FeedWriter.Failure) {
        try writer.update()
        Issue.record("the update should have failed")
      } catch {
        let message = FeedWriter.Event.failed(
          path: output, error, keptExisting: writer.outputExists
        )
        .description
        #expect(message.contains("interviews.ledger:3:18: error: unknown verb 'intervew'"))
        #expect(message.contains("keeping the last good calendar"))
      }
    }
  }

  @Test("a broken ledger on the first run creates no file")
  func createsNothingOnError() async throws {
    try await withTemporaryFolder { folder in
      let output = folder + "/interviews.ics"
      let writer = FeedWriter(
        outputPath: output, render: StubRenderer(failing: brokenLedger).render)
      #expect(throws: FeedWriter.Failure.self) { _ = try writer.update() }
      #expect(!FileManager.default.fileExists(atPath: output))
      let remaining = try FileManager.default.contentsOfDirectory(atPath: folder)
      #expect(remaining.isEmpty)
    }
  }

  @Test("watching picks up an edit of the ledger and a replaced holidays file, and stops on cancel")
  func watchPicksUpChanges() async throws {
    try await withTemporaryFolder { folder in
      let output = folder + "/interviews.ics"
      let ledger = folder + "/interviews.ledger"
      let holidays = folder + "/holidays.ics"
      try Data("timezone Europe/Berlin\n".utf8).write(to: URL(fileURLWithPath: ledger))
      try Data("BEGIN:VCALENDAR\r\n".utf8).write(to: URL(fileURLWithPath: holidays))
      let first = sampleCalendar("one", sources: [ledger, holidays])
      let stub = StubRenderer(first)
      let writer = FeedWriter(outputPath: output, render: stub.render)
      let events = LogRecorder()
      let clock = ManualClock()
      let poll = Duration.milliseconds(25)
      let watching = Task {
        await writer.watch([ledger], schedule: WatchSchedule(pollInterval: poll), clock: clock) {
          events.append($0.description)
        }
      }
      defer { watching.cancel() }
      // The first update comes before the loop's first sleep.
      try await clock.waitUntilSleeping()
      #expect(events.text == "wrote 1 actions to \(output)")
      #expect(FileManager.default.contents(atPath: output) == Data(first.bytes))

      let second = sampleCalendar("two", sources: [ledger, holidays])
      stub.set(.success(second))
      try edit(ledger, appending: "2026-11-24 10:00 interview acme\n")
      clock.advance(by: poll)
      try await events.waitFor("wrote 1 actions", times: 2)
      #expect(FileManager.default.contents(atPath: output) == Data(second.bytes))

      // The holidays file was named by the first render's sources, not by the caller.
      let third = sampleCalendar("three", sources: [ledger, holidays])
      stub.set(.success(third))
      try replace(holidays, with: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
      clock.advance(by: poll)
      try await events.waitFor("wrote 1 actions", times: 3)
      #expect(FileManager.default.contents(atPath: output) == Data(third.bytes))

      stub.set(.failure(brokenLedger))
      try edit(ledger, appending: "2026-11-25 intervew acme\n")
      clock.advance(by: poll)
      try await events.waitFor("keeping the last good calendar")
      #expect(FileManager.default.contents(atPath: output) == Data(third.bytes))
      #expect(events.text.contains("interviews.ledger:3:18: error: unknown verb 'intervew'"))
      #expect(stub.calls == 4)

      watching.cancel()
      try await bounded(hangGuard, "the watch to stop") { await watching.value }
    }
  }
}

@Suite("Rendering off the task pool")
struct BlockingWorkTests {
  @Test("feed --watch renders on the thread pool, never on a thread of Swift's task pool")
  func watchRendersOnThePool() async throws {
    try await withTemporaryFolder { folder in
      let output = folder + "/interviews.ics"
      let threads = LogRecorder()
      let calendar = sampleCalendar()
      let writer = FeedWriter(outputPath: output) { () throws(RenderError) -> FeedCalendar in
        threads.append(Thread.current.name ?? "unnamed")
        return calendar
      }
      let clock = ManualClock()
      let watching = Task {
        await writer.watch(
          [folder + "/none"], schedule: .init(pollInterval: .milliseconds(25)),
          clock: clock
        ) { _ in }
      }
      defer { watching.cancel() }
      try await eventually("the first render", on: threads.changes) { !threads.text.isEmpty }
      watching.cancel()
      try await bounded(hangGuard, "the watch to stop") { await watching.value }
      // NIO names the shared thread pool's threads SGLTN-TP-#0, SGLTN-TP-#1, …
      #expect(threads.text.contains("TP-#"), "rendered on '\(threads.text)'")
    }
  }
}
