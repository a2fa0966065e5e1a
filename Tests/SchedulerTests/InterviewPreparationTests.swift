import Foundation
import Ledger
import Scheduler
import Testing

@Suite("Rule 6: the interview itself")
struct InterviewPreparationTests {
  var ledger: LedgerBuilder {
    var ledger = LedgerBuilder()
    ledger.add(
      "2026-11-24 10:00 interview acme",
      ["company": "Acme GmbH", "role": "iOS Engineer", "place": "Hafenstr. 1"])
    return ledger
  }

  @Test("a future interview has alarms a day and an hour before, and the checklist")
  func futureInterview() throws {
    let action = try #require(ledger.plan(now: "2026-11-20T12:00:00+01:00").one(.interview))
    #expect(action.status == .pending)
    #expect(local(action.start) == "2026-11-24 10:00")
    #expect(local(action.end) == "2026-11-24 11:00")
    #expect(action.reminders.map(\.offset) == [-86400, -3600])
    #expect(action.details.contains("when the decision will be known"))
    #expect(action.details.contains("who calls whom"))
    #expect(action.details.contains("business card"))
    #expect(action.details.contains("Hafenstr. 1"))
    #expect(action.title == "Interview at Acme GmbH — iOS Engineer")
  }

  @Test("a past interview is done, without alarms, once it is over")
  func pastInterview() throws {
    let during = try #require(ledger.plan(now: "2026-11-24T10:30:00+01:00").one(.interview))
    let after = try #require(ledger.plan(now: "2026-11-24T11:00:00+01:00").one(.interview))
    #expect(during.status == .pending)
    #expect(after.status == .done)
    #expect(after.reminders.isEmpty)
    #expect(after.sequence == during.sequence + 1)
  }

  @Test("an interview the ledger has moved past is done whatever the clock says")
  func ledgerMovedPast() throws {
    var ledger = ledger
    ledger.add("2026-11-24 19:30 thanked acme")
    let action = try #require(ledger.plan(now: "2026-01-01T00:00:00Z").one(.interview))
    #expect(action.status == .done)
  }
}
