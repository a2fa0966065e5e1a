import Foundation
import Ledger
@_spi(Reference) import Scheduler
import Testing

/// Issue 12: revisions are counted in one replay, not one plan per prefix. The definition
/// (`planReplayingEveryPrefix`) is kept, and these tests hold the replay to it.
@Suite("Revisions in one replay")
struct LinearRevisionTests {
  /// A small deterministic generator (xorshift), so every run checks the same ledgers.
  struct Dice {
    var state: UInt64
    mutating func next(_ n: Int) -> Int {
      state ^= state << 13
      state ^= state >> 7
      state ^= state << 17
      return Int(state % UInt64(n))
    }
  }

  /// A ledger of three applications with every verb, mostly in time order, sometimes with
  /// an entry written below later-dated ones.
  func randomLedger(seed: UInt64, digest: Bool) -> LedgerBuilder {
    var dice = Dice(state: seed &* 0x9E37_79B9_7F4A_7C15 | 1)
    var ledger = LedgerBuilder {
      $0.uidDomain = "example.org"
      $0.reconsiderAfter = 1 + Int(seed % 3)
      // A call one business day after the interview waits for the letter: a `thanked` moves it.
      $0.followUpAfter = 1 + Int(seed % 4)
      if digest { $0.checkEmail = .digest }
    }
    let ids = ["acme", "beta", "gamma"]
    var day = CivilDate(year: 2026, month: 11, day: 2)
    for id in ids {
      // Now and then nothing agreed: the call then waits for the letter (`DraftMemory`).
      if dice.next(3) == 0 {
        ledger.add("\(day) 10:00 interview \(id)", ["company": id.capitalized])
      } else {
        ledger.add(
          "\(day) 10:00 interview \(id)",
          ["company": id.capitalized, "decision": "\(day.adding(days: 5))"])
      }
    }
    for _ in 0..<40 {
      let id = ids[dice.next(ids.count)]
      day = day.adding(days: dice.next(3))
      let written = dice.next(8) == 0 ? day.adding(days: -dice.next(6)) : day
      let time = "\(10 + dice.next(10)):\(dice.next(2) == 0 ? "00" : "30")"
      let header = "\(written) \(time)"
      switch dice.next(12) {
      case 0, 1, 2, 3:
        ledger.add(
          "\(header) postponed \(id)", ["decision": "\(written.adding(days: 3 + dice.next(9)))"])
      case 4:
        ledger.add("\(header) thanked \(id)")
      case 5:
        ledger.add("\(header) called \(id)", ["outcome": "undecided"])
      case 6:
        ledger.add("\(header) heard \(id)", ["decision": "\(written.adding(days: 4))"])
      case 7:
        if dice.next(2) == 0 {
          ledger.add("\(header) interview \(id)")
        } else {
          ledger.add("\(header) interview \(id)", ["decision": "\(written.adding(days: 6))"])
        }
      case 8:
        ledger.add(
          "\(header) agreed \(id)", ["decision": "\(written.adding(days: 2))", "caller": "me"])
      case 9:
        ledger.add("\(header) offer \(id)", ["answer-by": "\(written.adding(days: 7))"])
      case 10:
        ledger.add("\(header) \(dice.next(2) == 0 ? "rejected" : "accepted") \(id)")
      default:
        ledger.add("\(header) note \(id)", ["text": "nothing new"])
      }
    }
    return ledger
  }

  @Test(
    "one replay gives the same actions, sequences, stamps and sources as a plan per prefix",
    arguments: 1...24)
  func sameAsEveryPrefix(seed: Int) {
    for digest in [false, true] {
      let ledger = randomLedger(seed: UInt64(seed), digest: digest)
      for now in ["2026-11-01T00:00:00Z", "2026-12-10T12:00:00Z", "2027-06-01T00:00:00Z"] {
        let at = ISODateTime.parse(now, defaultZone: .gmt)!
        let fast = Scheduler.plan(ledger.journal, holidays: DaysOff(yours: []), now: at)
        let reference = Scheduler.planReplayingEveryPrefix(
          ledger.journal, holidays: DaysOff(yours: []), now: at)
        #expect(fast == reference, "seed \(seed), digest \(digest), now \(now)")
      }
    }
  }

  @Test("two hundred postponements, a few out of time order, give the moments the definition gives")
  func manyPostponements() {
    var ledger = LedgerBuilder { $0.uidDomain = "example.org" }
    var day = CivilDate(year: 2026, month: 1, day: 5)
    ledger.add("\(day) 10:00 interview acme", ["decision": "\(day.adding(days: 2))"])
    for n in 1...200 {
      day = day.adding(days: 1)
      // Now and then one logged in the evening, and one written out of time order.
      let time = n % 7 == 0 ? "19:00" : "11:00"
      let written = n % 50 == 0 ? day.adding(days: -3) : day
      ledger.add("\(written) \(time) postponed acme", ["decision": "\(day.adding(days: 2))"])
    }
    let now = ISODateTime.parse("2026-03-01T00:00:00Z", defaultZone: .gmt)!
    let fast = Scheduler.plan(ledger.journal, holidays: DaysOff(yours: []), now: now)
    #expect(fast.all(.reconsider).count > 150)
    #expect(
      fast
        == Scheduler.planReplayingEveryPrefix(
          ledger.journal, holidays: DaysOff(yours: []), now: now))
  }
}
