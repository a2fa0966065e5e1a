import Export
import Foundation
import Ledger
import Scheduler
import Testing

@Suite("samples/interviews.ledger, parsed and planned")
struct SampleLedgerPlanTests {
  let path = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("samples/interviews.ledger").path

  @Test("on 9 Dec only Hooli's second round and Initech are still pending")
  func pendingOnNinthDecember() throws {
    let journal = try Journal.load(path: path, defaultZone: TimeZone(identifier: "UTC")!)
    let now = try #require(ISODateTime.parse("2026-12-09T12:00:00+01:00", defaultZone: .gmt))
    let report = PlanReport(
      actions: Scheduler.plan(journal, holidays: [], now: now), now: now)
    let uids = report.actions.map(\.uid)
    #expect(
      uids == [
        "thank-you.round-2.hooli@tenterhooks.example.com",
        "check-email.round-2.hooli@tenterhooks.example.com",
        "check-email.round-1.initech@tenterhooks.example.com",
        "follow-up-call-1.round-2.hooli@tenterhooks.example.com",
        "follow-up-call-1.round-1.initech@tenterhooks.example.com",
      ])
  }

  @Test("Initech's third postponement asks whether the job is worth it")
  func initechReconsiders() throws {
    let journal = try Journal.load(path: path, defaultZone: TimeZone(identifier: "UTC")!)
    let now = try #require(ISODateTime.parse("2026-12-01T12:00:00+01:00", defaultZone: .gmt))
    let action = try #require(
      Scheduler.plan(journal, holidays: [], now: now).first { $0.kind == .reconsider })
    #expect(
      PlanReport.iso8601(action.start, in: TimeZone(identifier: "Europe/Berlin")!)
        == "2026-12-02T18:00:00+01:00")
    #expect(action.title.contains("postponed 3 times"))
    #expect(action.status == .pending)
  }
}
