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

  @Test("on Fri 27 Nov at noon the plan is what the README's run-samples shows")
  func pendingOnTwentySeventh() throws {
    let journal = try Journal.load(path: path, defaultZone: TimeZone(identifier: "UTC")!)
    let now = try #require(ISODateTime.parse("2026-11-27T12:00:00+01:00", defaultZone: .gmt))
    let workspace = try Workspace(loading: journal)
    let report = PlanReport(
      actions: Scheduler.plan(workspace.journal, holidays: workspace.holidays, now: now),
      now: now)
    #expect(
      report.actions.map(\.uid) == [
        // Hooli's first round was never thanked for; its second is only scheduled.
        "thank-you.round-1.hooli@tenterhooks.example.com",
        "reconsider-3.round-1.initech@tenterhooks.example.com",
        "check-email.round-1.initech@tenterhooks.example.com",
        "answer-offer.round-1.acme@tenterhooks.example.com",
        "interview.round-2.hooli@tenterhooks.example.com",
        "check-email.round-2.hooli@tenterhooks.example.com",
        "thank-you.round-2.hooli@tenterhooks.example.com",
        "follow-up-call-1.round-2.hooli@tenterhooks.example.com",
        "follow-up-call-1.round-1.initech@tenterhooks.example.com",
      ])
    // Nothing in the sample is dated after that moment: check has no warning for it.
    #expect(journal.warnings(now: now).allSatisfy { $0.code != .futureEntry })
  }

  @Test("Initech's third postponement, logged at 18:30, asks the next evening")
  func initechReconsiders() throws {
    let journal = try Journal.load(path: path, defaultZone: TimeZone(identifier: "UTC")!)
    let now = try #require(ISODateTime.parse("2026-11-27T12:00:00+01:00", defaultZone: .gmt))
    let action = try #require(
      Scheduler.plan(journal, holidays: [], now: now).first { $0.kind == .reconsider })
    #expect(
      PlanReport.iso8601(action.start, in: TimeZone(identifier: "Europe/Berlin")!)
        == "2026-11-27T18:00:00+01:00")
    #expect(action.title.contains("postponed 3 times"))
    #expect(action.status == .pending)
  }

  @Test("an offer accepted in October closed Wonka before anything else was waiting")
  func acceptedInOctober() throws {
    let journal = try Journal.load(path: path, defaultZone: TimeZone(identifier: "UTC")!)
    let now = try #require(ISODateTime.parse("2026-11-27T12:00:00+01:00", defaultZone: .gmt))
    let plan = Scheduler.plan(journal, holidays: [], now: now)
    #expect(!plan.contains { $0.kind == .withdraw })
    #expect(journal.standings.first { $0.application == "wonka" }?.isOpen == false)
  }
}
