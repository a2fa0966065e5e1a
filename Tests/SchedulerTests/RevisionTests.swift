import Foundation
import Ledger
import Scheduler
import Testing

@Suite("Identity and revisions")
struct RevisionTests {
  var ledger: LedgerBuilder {
    var ledger = LedgerBuilder { $0.uidDomain = "example.org" }
    ledger.add(
      "2026-11-24 10:00 interview acme", ["company": "Acme GmbH", "decision": "2026-12-01"])
    ledger.add("2026-11-24 19:30 thanked acme")
    ledger.add("2026-11-26 10:00 interview beta")
    return ledger
  }

  @Test("the same ledger and the same now give the same plan")
  func deterministic() {
    #expect(ledger.plan() == ledger.plan())
    #expect(ledger.plan().count == 8)
  }

  @Test("the plan does not depend on the order applications come in")
  func orderOfApplications() {
    var reversed = LedgerBuilder { $0.uidDomain = "example.org" }
    reversed.add("2026-11-26 10:00 interview beta")
    reversed.add(
      "2026-11-24 10:00 interview acme", ["company": "Acme GmbH", "decision": "2026-12-01"])
    reversed.add("2026-11-24 19:30 thanked acme")
    let strip = { (plan: [Action]) in plan.map { ($0.uid, $0.start, $0.status, $0.sequence) } }
    #expect(strip(reversed.plan()).elementsEqual(strip(ledger.plan()), by: ==))
  }

  @Test("UIDs name the action, its round and the application, in the uid-domain")
  func uidShape() {
    let uids = Set(ledger.plan().map(\.uid))
    #expect(uids.contains("follow-up-call-1.round-1.acme@example.org"))
    #expect(uids.contains("thank-you.round-1.acme@example.org"))
    #expect(uids.contains("check-email.round-1.beta@example.org"))
    #expect(uids.contains("interview.round-1.beta@example.org"))
  }

  @Test("the default UID domain is reserved and cannot clash")
  func defaultDomain() {
    var ledger = LedgerBuilder()
    ledger.add("2026-11-24 10:00 interview acme")
    #expect(ledger.plan().allSatisfy { $0.uid.hasSuffix(".acme@tenterhooks.invalid") })
  }

  @Test("when a date moves the UID stays and the sequence grows, once per change")
  func sequenceGrows() throws {
    var ledger = ledger
    let first = try #require(
      ledger.plan().first { $0.uid.hasPrefix("follow-up-call-1.round-1.acme") })
    ledger.add("2026-11-30 10:00 postponed acme", ["decision": "2026-12-08"])
    let second = try #require(ledger.plan().first { $0.uid == first.uid })
    ledger.add("2026-12-01 10:00 note acme", ["text": "nothing new"])
    let unchanged = try #require(ledger.plan().first { $0.uid == first.uid })
    ledger.add("2026-12-07 10:00 postponed acme", ["decision": "2026-12-15"])
    let third = try #require(ledger.plan().first { $0.uid == first.uid })
    #expect(first.sequence == 0)
    #expect(second.sequence == 1)
    #expect(unchanged.sequence == 1)
    #expect(third.sequence == 2)
    #expect(local(third.start) == "2026-12-16 10:00")
  }

  @Test("the stamp is the instant of the latest entry that changed the action")
  func stamp() throws {
    var ledger = ledger
    ledger.add("2026-11-30 10:00 postponed acme", ["decision": "2026-12-08"])
    ledger.add("2026-12-01 10:00 note acme", ["text": "nothing new"])
    let call = try #require(
      ledger.plan(now: "2026-12-02T12:00:00+01:00").first {
        $0.uid.hasPrefix("follow-up-call-1.round-1.acme")
      })
    #expect(local(call.stamp) == "2026-11-30 10:00")
    #expect(call.sources.map(\.line) == [1, 10])
  }

  @Test("a cancelled action has a higher sequence than its pending version")
  func cancelledIsHigher() throws {
    var ledger = ledger
    let pending = try #require(
      ledger.plan().first { $0.uid.hasPrefix("follow-up-call-1.round-1.acme") })
    ledger.add("2026-11-30 10:00 withdrew acme")
    let cancelled = try #require(ledger.plan().first { $0.uid == pending.uid })
    #expect(cancelled.status == .cancelled)
    #expect(cancelled.sequence > pending.sequence)
  }

  @Test("no stamp is later than now, even for an interview still to come")
  func stampNeverAfterNow() throws {
    var ledger = LedgerBuilder()
    ledger.add("2026-11-24 10:00 interview acme", ["decision": "2026-12-01"])
    ledger.add("2027-01-08 10:00 interview acme")
    ledger.add("2026-12-20 10:00 agreed acme", ["caller": "me"])
    let now = "2026-12-21T12:00:00+01:00"
    let instant = try #require(ISODateTime.parse(now, defaultZone: .gmt))
    let plan = ledger.plan(now: now)
    #expect(plan.allSatisfy { $0.stamp <= instant })
    let interview = try #require(plan.first { $0.uid.hasPrefix("interview.round-2") })
    #expect(interview.stamp == instant)
    #expect(ledger.plan(now: now) == plan)
    // A stamp already in the past stays the ledger's.
    let later = ledger.plan(now: "2027-02-01T12:00:00+01:00")
    let settled = try #require(later.first { $0.uid.hasPrefix("interview.round-2") })
    #expect(local(settled.stamp) == "2027-01-08 10:00")
  }
}
