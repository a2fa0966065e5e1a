import Foundation
import Ledger
import Scheduler
import Testing

@Suite("Rules 2 and 3: the follow-up call")
struct FollowUpCallTests {
  @Test("with a decision date, the call is on the first business day after it at call-at")
  func afterTheDecisionDate() throws {
    var ledger = LedgerBuilder()
    ledger.add(
      "2026-11-24 10:00 interview acme", ["company": "Acme GmbH", "decision": "2026-12-04"])
    let call = try #require(ledger.plan().one(.followUpCall))
    #expect(local(call.start) == "2026-12-07 10:00")  // Fri 4 Dec → Mon 7 Dec
    #expect(call.why.contains("Fri 4 Dec 2026"))
    #expect(call.why.contains("Don't call before the agreed date"))
  }

  @Test("is never before the decision date, even when it falls on a holiday")
  func neverBeforeTheDecision() throws {
    var ledger = LedgerBuilder()
    ledger.add("2026-12-18 10:00 interview acme", ["decision": "2026-12-24"])
    let call = try #require(
      ledger.plan(holidays: [day("2026-12-25"), day("2026-12-26")]).one(.followUpCall))
    #expect(local(call.start) == "2026-12-28 10:00")
  }

  @Test("with caller: employer the title says to call only if they have not called")
  func employerCalls() throws {
    var ledger = LedgerBuilder()
    ledger.add("2026-11-24 10:00 interview acme", ["decision": "2026-12-01", "caller": "employer"])
    ledger.add("2026-11-24 10:00 interview beta", ["decision": "2026-12-01", "caller": "me"])
    let plan = ledger.plan()
    let acme = try #require(plan.first { $0.application == "acme" && $0.kind == .followUpCall })
    let beta = try #require(plan.first { $0.application == "beta" && $0.kind == .followUpCall })
    #expect(acme.title.contains("only if they have not called"))
    #expect(!beta.title.contains("only if"))
    #expect(local(acme.start) == "2026-12-02 10:00")
    #expect(local(beta.start) == "2026-12-02 10:00")
  }

  @Test(
    "with nothing agreed, the call is on the 3rd business day after the interview — never the next working day",
    arguments: [
      ("2026-11-23", "2026-11-26"),  // Monday → Thursday
      ("2026-11-24", "2026-11-27"),  // Tuesday → Friday
      ("2026-11-25", "2026-11-30"),  // Wednesday → Monday
      ("2026-11-26", "2026-12-01"),  // Thursday → Tuesday
      ("2026-11-27", "2026-12-02"),  // Friday → Wednesday, not Monday
      ("2026-11-28", "2026-12-02"),  // Saturday → Wednesday
      ("2026-11-29", "2026-12-02"),  // Sunday → Wednesday
    ])
  func nothingAgreed(interview: String, call: String) throws {
    var ledger = LedgerBuilder()
    ledger.add("\(interview) 10:00 interview acme")
    let action = try #require(ledger.plan().one(.followUpCall))
    #expect(local(action.start) == "\(call) 10:00")
    #expect(day(interview).days(until: day(call)) >= 3)
    #expect(action.why.contains("not the next working day"))
  }

  @Test("follow-up-after sets how many days to wait when nothing was agreed")
  func followUpAfter() throws {
    var ledger = LedgerBuilder { $0.followUpAfter = 5 }
    ledger.add("2026-11-24 10:00 interview acme")  // Tuesday + 5 business days = Tuesday
    let call = try #require(ledger.plan().one(.followUpCall))
    #expect(local(call.start) == "2026-12-01 10:00")
    #expect(call.why.contains("5 business days later"))
  }

  @Test("call-at sets the hour of every call")
  func callAt() throws {
    var ledger = LedgerBuilder { $0.callAt = LocalTime(hour: 14, minute: 30) }
    ledger.add("2026-11-24 10:00 interview acme", ["decision": "2026-12-01"])
    let call = try #require(ledger.plan().one(.followUpCall))
    #expect(local(call.start) == "2026-12-02 14:30")
  }

  @Test("an employer in another zone is called at call-at in their zone")
  func anotherZone() throws {
    var ledger = LedgerBuilder()
    ledger.add(
      "2026-11-24 10:00 interview nyco", ["tz": "America/New_York", "decision": "2026-12-01"])
    ledger.add("2026-11-24 10:00 interview acme", ["decision": "2026-12-01"])
    let plan = ledger.plan()
    let ny = try #require(plan.first { $0.application == "nyco" && $0.kind == .followUpCall })
    let berlin = try #require(plan.first { $0.application == "acme" && $0.kind == .followUpCall })
    #expect(ny.timeZone == "America/New_York")
    #expect(ny.start == ISODateTime.parse("2026-12-02T15:00:00Z", defaultZone: .gmt))
    #expect(berlin.start == ISODateTime.parse("2026-12-02T09:00:00Z", defaultZone: .gmt))
  }

  @Test("a change to winter time between interview and call keeps the call at 10:00 local")
  func daylightSavingTime() throws {
    var ledger = LedgerBuilder()
    ledger.add("2026-10-23 10:00 interview acme")  // Friday, CEST (+02:00)
    let plan = ledger.plan()
    let interview = try #require(plan.one(.interview))
    let call = try #require(plan.one(.followUpCall))
    #expect(interview.start == ISODateTime.parse("2026-10-23T08:00:00Z", defaultZone: .gmt))
    // Sunday 25 October the clocks go back: Wednesday's 10:00 is 09:00 UTC.
    #expect(call.start == ISODateTime.parse("2026-10-28T09:00:00Z", defaultZone: .gmt))
  }

  @Test("a new decision moves the pending call, keeping its UID")
  func agreedMovesTheCall() throws {
    var ledger = LedgerBuilder()
    ledger.add("2026-11-24 10:00 interview acme")
    let before = try #require(ledger.plan().one(.followUpCall))
    ledger.add("2026-11-25 11:00 agreed acme", ["decision": "2026-12-10", "caller": "me"])
    let after = try #require(ledger.plan().one(.followUpCall))
    #expect(local(before.start) == "2026-11-27 10:00")
    #expect(local(after.start) == "2026-12-11 10:00")
    #expect(after.uid == before.uid)
    #expect(after.sequence == before.sequence + 1)
    #expect(!after.title.contains("only if"))
  }

  @Test("a call that ends undecided without a date plans the next one from the call's day")
  func undecidedWithoutDate() throws {
    var ledger = LedgerBuilder()
    ledger.add("2026-11-24 10:00 interview acme", ["decision": "2026-12-01"])
    ledger.add("2026-12-02 09:40 called acme", ["outcome": "undecided"])
    let calls = ledger.plan().all(.followUpCall)
    #expect(calls.map(\.status) == [.done, .pending])
    #expect(local(calls[1].start) == "2026-12-07 10:00")  // Wed + 3 = Sat → Mon
    #expect(calls[1].details.contains("agree on a new date this time"))
    #expect(calls[1].why.contains("ended undecided"))
    #expect(calls[0].uid != calls[1].uid)
  }

  @Test("a call that ends undecided with a new date plans the next one after that date")
  func undecidedWithDate() throws {
    var ledger = LedgerBuilder()
    ledger.add("2026-11-24 10:00 interview acme", ["decision": "2026-12-01"])
    ledger.add("2026-12-02 09:40 called acme", ["outcome": "undecided", "decision": "2026-12-08"])
    let calls = ledger.plan().all(.followUpCall)
    #expect(calls.map(\.status) == [.done, .pending])
    #expect(local(calls[1].start) == "2026-12-09 10:00")
    #expect(!calls[1].details.contains("this time"))
  }

  @Test("at most one call is pending, never a call every day")
  func onePendingCall() {
    var ledger = LedgerBuilder()
    ledger.add("2026-11-24 10:00 interview acme", ["decision": "2026-12-01"])
    ledger.add("2026-12-02 09:40 called acme", ["outcome": "undecided"])
    ledger.add("2026-12-07 10:00 called acme", ["outcome": "undecided"])
    ledger.add("2026-12-08 10:00 heard acme", ["by": "email", "decision": "2026-12-15"])
    let pending = ledger.plan().filter { $0.kind == .followUpCall && $0.status == .pending }
    #expect(pending.count == 1)
    #expect(pending.map { local($0.start) } == ["2026-12-16 10:00"])
  }
}

@Suite("News from the employer")
struct HeardTests {
  @Test("news that they are still undecided, without a date, moves the call and asks for a date")
  func heardUndecided() throws {
    var ledger = LedgerBuilder()
    ledger.add("2026-11-24 10:00 interview acme", ["decision": "2026-12-01"])
    let before = try #require(ledger.plan().one(.followUpCall))
    ledger.add("2026-12-01 16:00 heard acme", ["by": "call", "outcome": "undecided"])
    let after = try #require(ledger.plan().one(.followUpCall))
    #expect(after.uid == before.uid)
    #expect(local(after.start) == "2026-12-04 10:00")
    #expect(after.details.contains("agree on a new date this time"))
    #expect(after.status == .pending)
  }

  @Test(
    "still undecided before the agreed date, heard or asked: the call stays after that date",
    arguments: ["heard", "called"])
  func undecidedBeforeTheDate(verb: String) throws {
    let undecided: KeyValuePairs<String, String> =
      verb == "heard" ? ["by": "email", "outcome": "undecided"] : ["outcome": "undecided"]
    var ledger = LedgerBuilder()
    ledger.add("2026-11-24 10:00 interview acme", ["decision": "2026-12-10"])  // a Thursday
    let before = try #require(ledger.plan().one(.followUpCall))
    #expect(local(before.start) == "2026-12-11 10:00")
    ledger.add("2026-12-01 11:00 \(verb) acme", undecided)
    // News, not the follow-up call: no call is marked done, and none is added.
    let calls = ledger.plan().all(.followUpCall)
    #expect(calls.map { local($0.start) } == ["2026-12-11 10:00"])
    #expect(calls.map(\.status) == [.pending])
    #expect(calls.allSatisfy { $0.why.contains("Don't call before the agreed date") })
    // Nor does it count towards give-up-after.
    var impatient = ledger
    impatient.settings.giveUpAfter = 1
    #expect(impatient.plan().all(.reconsider).isEmpty)
    // On the agreed day itself the date has come: rule 3 counts from it.
    ledger.add("2026-12-10 16:00 \(verb) acme", undecided)
    let later = ledger.plan().filter { $0.kind == .followUpCall && $0.status == .pending }
    #expect(later.map { local($0.start) } == ["2026-12-15 10:00"])
    // A call on the day marks the planned call done; news changes only the pending one.
    #expect(ledger.plan().all(.followUpCall).count == (verb == "called" ? 2 : 1))
  }
}
