import Foundation
import Ledger
import Scheduler
import Testing

/// `check` says what the 0.2 rules change for a ledger written under the earlier ones.
@Suite("What the 0.2 rules change")
struct RuleChangeTests {
  func changes(_ ledger: LedgerBuilder, now: String) -> [RuleChange] {
    Scheduler.changesFromEarlierRules(
      ledger.journal, holidays: DaysOff(yours: []),
      now: ISODateTime.parse(now, defaultZone: .gmt)!)
  }

  @Test("a Friday interview's call moves from Monday to Wednesday, and check says so")
  func fridayCallMoves() {
    var ledger = LedgerBuilder()
    ledger.add("2026-11-27 10:00 interview acme", ["company": "Acme GmbH"])
    let found = changes(ledger, now: "2026-11-27T12:00:00Z")
    #expect(found.count == 1)
    #expect(found.first?.message.contains("now on Wed 2 Dec 2026, not Mon 30 Nov 2026") == true)
    #expect(found.first?.location.line == 1)
  }

  @Test("a call the old rule put on the same day, or one already past, is not mentioned")
  func unchangedCalls() {
    var monday = LedgerBuilder()
    // Mon 23 Nov: 3 days later is Thu 26 under both rules… unless the letter's deadline
    // (end of Wed 25) pushes it; it does not.
    monday.add("2026-11-23 10:00 interview acme", ["company": "Acme GmbH"])
    #expect(changes(monday, now: "2026-11-23T12:00:00Z").isEmpty)
    var friday = LedgerBuilder()
    friday.add("2026-11-27 10:00 interview acme", ["company": "Acme GmbH"])
    #expect(changes(friday, now: "2026-12-05T12:00:00Z").isEmpty)
  }

  @Test("an employer abroad: your own tasks moved to your clock, said while they are ahead")
  func foreignEmployer() {
    var ledger = LedgerBuilder()
    ledger.add(
      "2026-11-23 10:00 interview globex", ["company": "Globex", "tz": "America/New_York"])
    let found = changes(ledger, now: "2026-11-23T20:00:00Z")
    #expect(found.map(\.message).contains { $0.contains("at your hours in Europe/Berlin") })
    let closed = { () -> LedgerBuilder in
      var ledger = ledger
      ledger.add("2026-11-24 10:00 rejected globex")
      return ledger
    }()
    #expect(changes(closed, now: "2026-11-24T20:00:00Z").isEmpty)
  }
}
