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

  @Test("on 9 Dec, the day after Acme's offer was accepted, only the withdrawals are pending")
  func pendingOnNinthDecember() throws {
    let journal = try Journal.load(path: path, defaultZone: TimeZone(identifier: "UTC")!)
    let now = try #require(ISODateTime.parse("2026-12-09T12:00:00+01:00", defaultZone: .gmt))
    let plan = try Workspace(loading: journal)
    let report = PlanReport(
      actions: Scheduler.plan(plan.journal, holidays: plan.holidays, now: now), now: now)
    let uids = report.actions.map(\.uid)
    #expect(
      uids == [
        "withdraw.round-2.hooli@tenterhooks.example.com",
        "withdraw.round-1.initech@tenterhooks.example.com",
      ])
    let all = Scheduler.plan(plan.journal, holidays: plan.holidays, now: now)
    #expect(all.first { $0.kind == .answerOffer }?.status == .done)
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
    // The ledger runs on to Acme's acceptance on 8 Dec: this evening came before it.
    #expect(action.status == .done)
  }
}
