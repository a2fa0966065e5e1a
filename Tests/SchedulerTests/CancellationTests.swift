import Foundation
import Ledger
@_spi(Reference) import Scheduler
import Testing

/// A `note` with `cancels:` — an interview that did not take place (an invitation cancelled
/// or moved by the employer).
@Suite("Cancelled and moved interviews")
struct CancellationTests {
  /// Round 1 done and waiting; round 2 scheduled for 8 December.
  var scheduled: LedgerBuilder {
    var ledger = LedgerBuilder()
    ledger.add("2026-11-24 10:00 interview acme", ["company": "Acme GmbH"])
    ledger.add("2026-11-25 09:00 thanked acme")
    ledger.add("2026-12-08 14:00 interview acme")
    return ledger
  }

  @Test("a cancelled interview's event and its round's actions are cancelled, naming the note")
  func cancellation() throws {
    let before = scheduled.plan(now: "2026-11-30T12:00:00Z")
    let roundTwo = try #require(before.first { $0.kind == .interview && $0.start > date(12, 1) })
    var ledger = scheduled
    ledger.add(
      "2026-11-30 09:12 note acme",
      ["text": "Cancelled by the organizer", "cancels": "2026-12-08 14:00"])
    let after = ledger.plan(now: "2026-11-30T12:00:00Z")
    let cancelled = try #require(after.first { $0.uid == roundTwo.uid })
    #expect(cancelled.status == .cancelled)
    #expect(cancelled.sequence > roundTwo.sequence)
    #expect(cancelled.why.contains("did not take place"))
    #expect(cancelled.why.contains("Cancelled by the organizer"))
    // Round 2's letter and call are no longer planned; round 1 waits again.
    for action in after where action.uid.contains("round-2") {
      #expect(action.status == .cancelled, "\(action.uid)")
    }
    let call = try #require(
      after.first { $0.kind == .followUpCall && $0.uid.contains("round-1") })
    #expect(call.status == .pending)
  }

  @Test("a moved interview keeps its round and UID, at the new time, with a higher SEQUENCE")
  func move() throws {
    let before = scheduled.plan(now: "2026-11-30T12:00:00Z")
    let was = try #require(before.first { $0.kind == .interview && $0.start > date(12, 1) })
    var ledger = scheduled
    ledger.add(
      "2026-11-30 09:12 note acme",
      ["text": "Moved by the organizer", "cancels": "2026-12-08 14:00"])
    ledger.add("2026-12-10 11:00 interview acme")
    let after = ledger.plan(now: "2026-11-30T12:00:00Z")
    let moved = try #require(after.first { $0.uid == was.uid })
    #expect(moved.status == .pending)
    #expect(moved.start == date(12, 10, hour: 10))  // 11:00 in Berlin
    #expect(moved.sequence > was.sequence)
    #expect(
      moved.why.contains("takes the place of the interview planned for Tue 8 Dec 2026 at 14:00"))
    #expect(moved.why.contains("Moved by the organizer"))
    #expect(after.filter { $0.kind == .interview }.count == 2)
  }

  @Test("a moved interview that names only its time inherits the company and the address")
  func moveInherits() throws {
    var ledger = LedgerBuilder()
    ledger.add(
      "2026-11-24 10:00 interview globex",
      [
        "company": "Globex", "role": "Engineer", "contact": "Hank Scorpio",
        "email": "hank@globex.example",
      ])
    ledger.add("2026-11-20 12:00 note globex", ["text": "Moved", "cancels": "2026-11-24 10:00"])
    ledger.add("2026-11-25 15:00 interview globex", ["contact": "Hank Scorpio"])
    // Moved again: it inherits through the moved one.
    ledger.add("2026-11-21 09:00 note globex", ["text": "Moved", "cancels": "2026-11-25 15:00"])
    ledger.add("2026-11-26 15:00 interview globex")
    let plan = ledger.plan(now: "2026-11-21T12:00:00Z")
    let interview = try #require(plan.first { $0.kind == .interview })
    #expect(interview.title.contains("Globex"), "\(interview.title)")
    #expect(interview.start == date(11, 26, hour: 14))
    let letter = try #require(plan.first { $0.kind == .thankYou })
    #expect(letter.title.contains("Globex"), "\(letter.title)")
    #expect(letter.details.contains("hank@globex.example"), "\(letter.details)")
  }

  @Test("without a cancelling note the same ledger plans both interviews")
  func noCancellation() {
    let plan = scheduled.plan(now: "2026-11-30T12:00:00Z")
    #expect(plan.filter { $0.kind == .interview && $0.status != .cancelled }.count == 2)
  }

  /// `2026-MM-DD HH:00` UTC.
  func date(_ month: Int, _ day: Int, hour: Int = 0) -> Date {
    CivilDate(year: 2026, month: month, day: day).instant(
      at: LocalTime(hour: hour, minute: 0), in: TimeZone(identifier: "UTC")!)
  }
}

@Suite("Cancellations in one replay")
struct CancellationReplayTests {
  @Test("a note cancelling an interview already past gives what a plan per prefix gives")
  func cancellationAfterTheFact() throws {
    var ledger = LedgerBuilder()
    ledger.add("2026-11-10 10:00 interview acme", ["company": "Acme GmbH"])
    ledger.add("2026-11-11 09:00 thanked acme")
    ledger.add("2026-11-16 10:00 interview acme")
    ledger.add("2026-11-16 12:00 note acme", ["cancels": "2026-11-16 10:00"])
    ledger.add("2026-11-18 15:00 interview acme")
    let now = ISODateTime.parse("2026-11-20T12:00:00Z", defaultZone: .gmt)!
    let fast = Scheduler.plan(ledger.journal, holidays: DaysOff(yours: []), now: now)
    let reference = Scheduler.planReplayingEveryPrefix(
      ledger.journal, holidays: DaysOff(yours: []), now: now)
    #expect(fast == reference)
    // The 18 Nov interview took the cancelled one's round: one round-2 interview, moved.
    let second = try #require(fast.first { $0.uid.hasPrefix("interview.round-2.") })
    #expect(second.status == .done)
    #expect(second.why.contains("takes the place of the interview planned for"))
  }
}
