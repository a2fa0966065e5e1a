import Foundation
import Ledger
import Scheduler
import Testing

@Suite("A further interview is a new round")
struct RoundTests {
  @Test("a second round supersedes the first round's call and restarts the waiting")
  func secondRound() throws {
    var ledger = LedgerBuilder()
    ledger.add(
      "2026-11-24 10:00 interview acme", ["company": "Acme GmbH", "decision": "2026-12-04"])
    ledger.add("2026-11-24 18:00 thanked acme")
    ledger.add("2026-12-01 14:00 interview acme", ["decision": "2026-12-11"])
    let plan = ledger.plan()
    let calls = plan.all(.followUpCall)
    #expect(calls.map(\.status) == [.cancelled, .pending])
    #expect(calls[0].uid.contains("round-1"))
    #expect(calls[1].uid.contains("round-2"))
    #expect(local(calls[1].start) == "2026-12-14 10:00")
    #expect(calls[0].why.contains("Superseded"))

    let checks = plan.all(.checkEmail)
    #expect(checks.map(\.status) == [.done, .pending])
    #expect(local(checks[0].repetition?.until) == "2026-12-01 09:00")
    #expect(local(checks[1].start) == "2026-12-02 09:00")

    let letters = plan.all(.thankYou)
    #expect(letters.map(\.status) == [.done, .pending])
    #expect(letters[1].title.contains("Acme GmbH"))  // the profile carries over
    #expect(plan.all(.interview).count == 2)
  }

  @Test("a further round only scheduled leaves the first round's letter to write; once over, not")
  func scheduledRoundKeepsTheLetter() throws {
    var ledger = LedgerBuilder()
    ledger.add("2026-11-24 10:00 interview acme", ["company": "Acme GmbH"])
    ledger.add("2026-12-03 10:00 interview acme")
    func letter(at now: String) throws -> Action {
      try #require(ledger.plan(now: now).first { $0.uid.hasPrefix("thank-you.round-1.") })
    }
    // Two hours after the first interview, nine days before the second.
    let before = try letter(at: "2026-11-24T11:00:00Z")
    #expect(before.status == .pending && !before.reminders.isEmpty)
    #expect(!before.why.contains("Superseded"))
    // While the second is going on it still counts; once it is over, it is superseded.
    #expect(try letter(at: "2026-12-03T09:30:00Z").status == .pending)
    let after = try letter(at: "2026-12-03T10:00:00Z")  // 11:00 in Berlin: over
    #expect(after.status == .cancelled && after.why.contains("Superseded"))
    #expect(after.sequence > before.sequence)
  }

  @Test("an interview logged after a rejection reopens the application")
  func reopen() {
    var ledger = LedgerBuilder()
    ledger.add("2026-11-24 10:00 interview acme")
    ledger.add("2026-11-30 10:00 rejected acme")
    ledger.add("2027-03-01 10:00 interview acme", ["role": "Android Engineer"])
    let pending = ledger.plan().filter { $0.status == .pending }
    #expect(Set(pending.map(\.kind)) == [.interview, .thankYou, .followUpCall, .checkEmail])
    #expect(pending.allSatisfy { $0.uid.contains("round-2") })
  }

  @Test("postponements are counted per round")
  func postponementsPerRound() {
    var ledger = LedgerBuilder()
    ledger.add("2026-11-24 10:00 interview acme", ["decision": "2026-12-01"])
    ledger.add("2026-11-30 10:00 postponed acme", ["decision": "2026-12-08"])
    ledger.add("2026-12-07 10:00 postponed acme", ["decision": "2026-12-15"])
    ledger.add("2026-12-10 10:00 interview acme", ["decision": "2026-12-17"])
    ledger.add("2026-12-16 10:00 postponed acme", ["decision": "2026-12-22"])
    #expect(ledger.plan().all(.reconsider).isEmpty)
  }

  @Test("a new interviewer in a further round does not inherit the previous one's address")
  func newContactDropsTheOldAddress() throws {
    var ledger = LedgerBuilder()
    ledger.add(
      "2026-11-24 10:00 interview acme",
      [
        "company": "Acme GmbH", "contact": "Dr. Anja Köhler", "email": "a.koehler@acme.example",
        "phone": "+49 30 1234",
      ])
    ledger.add("2026-11-24 18:00 thanked acme")
    ledger.add("2026-12-01 14:00 interview acme", ["contact": "Lars Jensen"])
    let plan = ledger.plan()
    let letter = try #require(plan.all(.thankYou).last)
    #expect(letter.title == "Send a thank-you letter to Lars Jensen at Acme GmbH")
    #expect(!letter.details.contains("a.koehler@acme.example"))
    #expect(letter.details.contains("To: Lars Jensen\n"))
    #expect(letter.details.contains("no e-mail address for Lars Jensen"))
    let interview = try #require(plan.all(.interview).last)
    #expect(!interview.details.contains("+49 30 1234"))
    #expect(letter.title.contains("Acme GmbH"))  // the company still carries over
  }

  @Test("a further round with the same interviewer keeps the address")
  func sameContactKeepsTheAddress() throws {
    var ledger = LedgerBuilder()
    ledger.add(
      "2026-11-24 10:00 interview acme",
      ["contact": "Jane Doe", "email": "jane@acme.example"])
    ledger.add("2026-12-01 14:00 interview acme", ["contact": "Jane Doe"])
    let letter = try #require(ledger.plan().all(.thankYou).last)
    #expect(letter.details.contains("To: Jane Doe <jane@acme.example>"))
  }
}
