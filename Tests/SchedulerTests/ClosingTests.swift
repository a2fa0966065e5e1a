import Foundation
import Ledger
import Scheduler
import Testing

@Suite("Rule 7: closing an application")
struct ClosingTests {
  var waiting: LedgerBuilder {
    var ledger = LedgerBuilder()
    ledger.add(
      "2026-11-24 10:00 interview acme", ["company": "Acme GmbH", "decision": "2026-12-01"])
    return ledger
  }

  @Test(
    "offer, rejected and withdrew cancel the pending actions; the checks already made stay done",
    arguments: ["offer", "rejected", "withdrew"])
  func closingVerb(verb: String) throws {
    let before = waiting.plan()
    var ledger = waiting
    ledger.add("2026-11-27 15:00 \(verb) acme")
    let after = ledger.plan()
    for kind in [ActionKind.thankYou, .followUpCall] {
      let was = try #require(before.one(kind))
      let now = try #require(after.one(kind))
      #expect(was.status == .pending)
      #expect(now.status == .cancelled, "\(kind)")
      #expect(now.sequence > was.sequence)
      #expect(now.uid == was.uid)
      #expect(now.reminders.isEmpty)
      #expect(now.why.contains("(\(verb))"))
    }
    #expect(after.one(.interview)?.status == .done)
    // The e-mail series ends, done, on its last day before the closing; the rest is dropped.
    let was = try #require(before.one(.checkEmail))
    let checks = try #require(after.one(.checkEmail))
    #expect(checks.status == .done && checks.uid == was.uid && checks.sequence > was.sequence)
    #expect(local(checks.repetition?.until) == "2026-11-27 09:00")
    #expect(checks.reminders.isEmpty)
  }

  @Test("closing before the first e-mail check cancels the whole series")
  func closingBeforeTheChecks() throws {
    var ledger = waiting
    let was = try #require(ledger.plan().one(.checkEmail))
    ledger.add("2026-11-24 18:00 rejected acme")
    let checks = try #require(ledger.plan().one(.checkEmail))
    #expect(checks.uid == was.uid && checks.status == .cancelled)
  }

  @Test("news of a rejection closes the application like rejected")
  func heardRejected() throws {
    var ledger = waiting
    ledger.add("2026-11-30 12:00 heard acme", ["by": "email", "outcome": "rejected"])
    let plan = ledger.plan()
    #expect(plan.one(.followUpCall)?.status == .cancelled)
    #expect(plan.one(.checkEmail)?.status == .done)
    #expect(local(plan.one(.checkEmail)?.repetition?.until) == "2026-11-30 09:00")
    #expect(plan.filter { $0.status == .pending }.isEmpty)
  }

  @Test("a call that brings an offer is done, and the rest is cancelled")
  func calledOffer() throws {
    var ledger = waiting
    ledger.add("2026-12-02 10:05 called acme", ["outcome": "offer"])
    let plan = ledger.plan()
    #expect(plan.all(.followUpCall).map(\.status) == [.done])
    #expect(plan.one(.checkEmail)?.status == .done)
    #expect(plan.one(.thankYou)?.status == .cancelled)
  }

  @Test("a thank-you letter already sent stays done when the application closes")
  func doneStaysDone() {
    var ledger = waiting
    ledger.add("2026-11-24 19:30 thanked acme")
    ledger.add("2026-11-27 15:00 rejected acme")
    #expect(ledger.plan().one(.thankYou)?.status == .done)
  }

  @Test("a withdrawal cancels an interview scheduled after it")
  func withdrawalCallsOffAScheduledInterview() throws {
    var ledger = LedgerBuilder()
    ledger.add("2026-12-10 10:00 interview acme", ["company": "Acme GmbH"])
    let before = try #require(ledger.plan().one(.interview))
    ledger.add("2026-12-05 10:00 withdrew acme")
    let plan = ledger.plan()
    let after = try #require(plan.one(.interview))
    #expect(before.status == .pending)
    #expect(after.status == .cancelled)
    #expect(after.sequence > before.sequence)
    #expect(plan.filter { $0.status == .pending }.isEmpty)
  }

  @Test(
    "a verdict heard before a scheduled further interview closes it like the closing verb",
    arguments: [("heard", "rejected", "rejected"), ("called", "offer", "offer")])
  func verdictBeforeAScheduledInterview(verb: String, outcome: String, closingVerb: String)
    throws
  {
    func plan(_ header: String, _ fields: KeyValuePairs<String, String>) -> [String: ActionStatus] {
      var ledger = LedgerBuilder()
      ledger.add("2027-01-08 10:00 interview f")
      ledger.add(header, fields)
      let actions = ledger.plan(now: "2026-12-21T12:00:00+01:00")
      return Dictionary(uniqueKeysWithValues: actions.map { ($0.uid, $0.status) })
    }
    let byOutcome = plan("2026-12-20 10:00 \(verb) f", ["outcome": outcome])
    let byVerb = plan("2026-12-20 10:00 \(closingVerb) f", [:])
    #expect(byOutcome == byVerb)
    for kind in ["interview", "thank-you", "follow-up-call-1"] {
      #expect(byOutcome["\(kind).round-1.f@tenterhooks.invalid"] == .cancelled, "\(kind)")
    }
    #expect(!byOutcome.values.contains(.pending))
  }
}
