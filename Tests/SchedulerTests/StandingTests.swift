import Foundation
import Ledger
import Testing

@testable import Scheduler

@Suite("standing: where each application is")
struct StandingTests {
  func standings(_ build: (inout LedgerBuilder) -> Void) -> [Standing] {
    var ledger = LedgerBuilder()
    build(&ledger)
    return Scheduler.standings(ledger.journal)
  }

  @Test("an offer closes the application on its day")
  func offer() throws {
    let s = try #require(
      standings {
        $0.add("2026-11-10 10:00 interview acme", ["company": "Acme", "role": "iOS"])
        $0.add("2026-11-25 offer acme")
      }.first)
    #expect(s.state == .offer)
    #expect(s.closedOn == CivilDate(year: 2026, month: 11, day: 25))
    #expect(s.company == "Acme")
    #expect(s.role == "iOS")
    #expect(s.events.map(\.verb) == [.interview, .offer])
  }

  @Test("a call with a rejection closes it as rejected")
  func rejectedByCall() throws {
    let s = try #require(
      standings {
        $0.add("2026-11-10 10:00 interview acme")
        $0.add("2026-11-18 10:00 called acme", ["outcome": "rejected"])
      }.first)
    #expect(s.state == .rejected)
  }

  @Test("postponements count per round and in total")
  func postponements() throws {
    let s = try #require(
      standings {
        $0.add("2026-11-10 10:00 interview acme", ["decision": "2026-11-17"])
        $0.add("2026-11-16 postponed acme", ["decision": "2026-11-20"])
        $0.add("2026-11-19 postponed acme", ["decision": "2026-11-24"])
        $0.add("2026-11-25 10:00 interview acme", ["decision": "2026-12-01"])
        $0.add("2026-11-30 postponed acme", ["decision": "2026-12-04"])
      }.first)
    #expect(s.state == .open)
    #expect(s.round == 2)
    #expect(s.postponements == 3)
    #expect(s.postponementsThisRound == 1)
    #expect(s.decision == CivilDate(year: 2026, month: 12, day: 4))
    #expect(s.events.map(\.round) == [1, 1, 1, 2, 2])
  }

  @Test("a new interviewer's round does not inherit the address; the company stays")
  func newInterviewer() throws {
    let s = try #require(
      standings {
        $0.add(
          "2026-11-10 10:00 interview acme",
          ["company": "Acme", "contact": "Jane Doe", "email": "jane@acme.example"])
        $0.add("2026-11-20 10:00 interview acme", ["contact": "Max"])
      }.first)
    #expect(s.interviews.map(\.email) == ["jane@acme.example", nil])
    #expect(s.interviews.map(\.company) == ["Acme", "Acme"])
    #expect(s.contact == "Max")
  }

  @Test("days since the interview count calendar days in the zone, from the latest held")
  func daysSince() throws {
    let s = try #require(
      standings {
        $0.add("2026-11-10 23:30 interview acme")
        $0.add("2026-12-20 10:00 interview acme")
      }.first)
    let zone = TimeZone(identifier: "Europe/Berlin")!
    let now = ISODateTime.parse("2026-11-11T00:30:00+01:00", defaultZone: .gmt)!
    #expect(s.daysSinceInterview(at: now, in: zone) == 1)
    let before = ISODateTime.parse("2026-11-01T00:30:00+01:00", defaultZone: .gmt)!
    #expect(s.daysSinceInterview(at: before, in: zone) == nil)
  }

  @Test("applications come in the order the ledger introduces them")
  func order() {
    let ids = standings {
      $0.add("2026-11-12 10:00 interview zeta")
      $0.add("2026-11-10 10:00 interview alpha")
    }.map(\.application)
    #expect(ids == ["zeta", "alpha"])
  }
}

@Suite("Standing of an answered offer")
struct AnsweredOfferStandingTests {
  @Test("an accepted offer stands as accepted, closed on the day it was accepted")
  func acceptedOffer() throws {
    var ledger = LedgerBuilder()
    ledger.add("2026-11-20 10:00 interview acme", ["company": "Acme GmbH"])
    ledger.add("2026-11-27 10:00 offer acme", ["answer-by": "2026-12-04"])
    ledger.add("2026-11-29 10:00 accepted acme")
    let standing = try #require(Scheduler.standings(ledger.journal).first)
    #expect(standing.state == .accepted)
    #expect(standing.closedOn == CivilDate(year: 2026, month: 11, day: 29))
  }
}
