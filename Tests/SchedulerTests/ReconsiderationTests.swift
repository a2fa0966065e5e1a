import Foundation
import Ledger
import Scheduler
import Testing

@Suite("Rule 5: reconsidering after repeated postponements")
struct ReconsiderationTests {
  func ledger(postponements: Int, configure: (inout Settings) -> Void = { _ in })
    -> LedgerBuilder
  {
    var ledger = LedgerBuilder(configure: configure)
    ledger.add(
      "2026-11-24 10:00 interview acme", ["company": "Acme GmbH", "decision": "2026-12-01"])
    let moves = [
      ("2026-11-30 10:00 postponed acme", "2026-12-08"),
      ("2026-12-07 10:00 agreed acme", "2026-12-15"),
      ("2026-12-14 10:00 heard acme", "2026-12-22"),
      ("2026-12-21 10:00 postponed acme", "2027-01-05"),
    ]
    for (header, decision) in moves.prefix(postponements) {
      ledger.add(header, ["decision": decision])
    }
    return ledger
  }

  @Test("two postponements are not yet enough")
  func notAtTwo() {
    #expect(ledger(postponements: 2).plan().all(.reconsider).isEmpty)
  }

  @Test("three postponements ask, on the day of the third at 18:00")
  func atThree() throws {
    let action = try #require(ledger(postponements: 3).plan().one(.reconsider))
    #expect(local(action.start) == "2026-12-14 18:00")
    #expect(action.title.contains("the decision was postponed 3 times — do you need this job?"))
    #expect(
      action.why.contains("Tue 1 Dec 2026 → Tue 8 Dec 2026 → Tue 15 Dec 2026 → Tue 22 Dec 2026"))
    #expect(action.status == .pending)
  }

  @Test("reconsider-after 2 asks at the second postponement")
  func reconsiderAfterTwo() throws {
    let plan = ledger(postponements: 2) { $0.reconsiderAfter = 2 }.plan()
    let action = try #require(plan.one(.reconsider))
    #expect(local(action.start) == "2026-12-07 18:00")
    #expect(action.title.contains("postponed 2 times"))
  }

  @Test("each further postponement asks again")
  func fourth() {
    let actions = ledger(postponements: 4).plan().all(.reconsider)
    #expect(actions.count == 2)
    #expect(actions.last?.title.contains("postponed 4 times") == true)
  }

  @Test("a decision date moved earlier is not a postponement")
  func earlierIsNotAPostponement() {
    var ledger = ledger(postponements: 2)
    ledger.add("2026-12-10 10:00 agreed acme", ["decision": "2026-12-11"])
    #expect(ledger.plan().all(.reconsider).isEmpty)
  }

  @Test("a moment to reconsider is done once its evening has passed")
  func doneOnceOver() throws {
    let ledger = ledger(postponements: 3)
    let before = try #require(ledger.plan(now: "2026-12-14T12:00:00+01:00").one(.reconsider))
    let after = try #require(ledger.plan(now: "2026-12-15T12:00:00+01:00").one(.reconsider))
    #expect(before.status == .pending)
    #expect(after.status == .done)
    #expect(after.sequence == before.sequence + 1)
  }

  @Test(
    "a postponement logged at 18:00 or later asks the next evening, never in the past",
    arguments: ["18:00", "19:30", "23:59"])
  func loggedInTheEvening(time: String) throws {
    var ledger = ledger(postponements: 2)
    ledger.add("2026-12-14 \(time) heard acme", ["decision": "2026-12-22"])
    let now = "2026-12-14T\(time):00+01:00"
    let action = try #require(ledger.plan(now: now).one(.reconsider))
    #expect(local(action.start) == "2026-12-15 18:00")
    #expect(action.status == .pending)
    #expect(!action.reminders.isEmpty)
    #expect(action.start > ISODateTime.parse(now, defaultZone: .gmt)!)
  }

  @Test("a postponement logged before 18:00 asks that same evening")
  func loggedBeforeTheEvening() throws {
    var ledger = ledger(postponements: 2)
    ledger.add("2026-12-14 17:59 heard acme", ["decision": "2026-12-22"])
    let action = try #require(ledger.plan().one(.reconsider))
    #expect(local(action.start) == "2026-12-14 18:00")
  }

  @Test("with reconsider-after 1 the words say the decision was postponed once")
  func postponedOnce() throws {
    let action = try #require(
      ledger(postponements: 1) { $0.reconsiderAfter = 1 }.plan().one(.reconsider))
    #expect(action.title == "Acme GmbH: the decision was postponed once — do you need this job?")
    #expect(action.rule == "the decision was postponed once")
    #expect(action.why.contains("has postponed the decision once"))
    #expect(action.why.contains("after 1 postponement "))
    for text in [action.title, action.why, action.rule] + action.reminders.map(\.message) {
      #expect(!text.contains("1 times"))
      #expect(!text.contains("final term"))
    }
  }
}
