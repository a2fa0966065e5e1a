import Foundation
import Ledger
import Scheduler
import Testing

@Suite("Rule 1: the thank-you letter")
struct ThankYouLetterTests {
  /// An interview at 10:00 on `date`, with a contact and an address.
  func letter(after date: String, holidays: Set<CivilDate> = [], workdays: Set<Weekday>? = nil)
    -> Action?
  {
    var ledger = LedgerBuilder { if let workdays { $0.workdays = workdays } }
    ledger.add(
      "\(date) 10:00 interview acme",
      ["company": "Acme GmbH", "contact": "Jane Doe", "email": "jane@acme.example"])
    return ledger.plan(holidays: holidays).one(.thankYou)
  }

  @Test(
    "is written on the first business day after the interview at 09:00, due by the end of the second",
    arguments: [
      ("2026-11-23", "2026-11-24", "2026-11-25"),  // Monday
      ("2026-11-24", "2026-11-25", "2026-11-26"),  // Tuesday
      ("2026-11-25", "2026-11-26", "2026-11-27"),  // Wednesday
      ("2026-11-26", "2026-11-27", "2026-11-30"),  // Thursday
      ("2026-11-27", "2026-11-30", "2026-12-01"),  // Friday: over the weekend
      ("2026-11-28", "2026-11-30", "2026-12-01"),  // Saturday
      ("2026-11-29", "2026-11-30", "2026-12-01"),  // Sunday
    ])
  func onEachWeekday(interview: String, write: String, due: String) throws {
    let action = try #require(letter(after: interview))
    #expect(local(action.start) == "\(write) 09:00")
    #expect(local(action.deadline) == "\(due) 23:59")
    #expect(action.status == .pending)
  }

  @Test("skips holidays: an interview before Christmas is thanked for after it")
  func beforeAHoliday() throws {
    let christmas: Set<CivilDate> = [day("2026-12-25"), day("2026-12-26"), day("2027-01-01")]
    let action = try #require(letter(after: "2026-12-24", holidays: christmas))
    #expect(local(action.start) == "2026-12-28 09:00")
    #expect(local(action.deadline) == "2026-12-29 23:59")
  }

  @Test("follows a Sunday–Thursday workweek")
  func sundayToThursday() throws {
    let week: Set<Weekday> = [.sunday, .monday, .tuesday, .wednesday, .thursday]
    let action = try #require(letter(after: "2026-11-26", workdays: week))
    #expect(local(action.start) == "2026-11-29 09:00")
    #expect(local(action.deadline) == "2026-11-30 23:59")
  }

  @Test("reminds at the start and again on the morning of the deadline")
  func secondReminderOnTheLastMorning() throws {
    let action = try #require(letter(after: "2026-11-26"))  // Thursday: Fri, then Mon
    #expect(action.reminders.map(\.offset) == [0, 3 * 24 * 3600])
  }

  @Test("carries the letter checklist with the interviewer's name and address")
  func checklist() throws {
    let action = try #require(letter(after: "2026-11-24"))
    #expect(action.title.contains("Jane Doe"))
    for words in [
      "brief and restrained", "flattery", "CV", "forgot to say", "spelling",
      "Jane Doe <jane@acme.example>",
    ] {
      #expect(action.details.contains(words), "missing: \(words)")
    }
    #expect(action.why.contains("Tue 24 Nov 2026"))
  }

  @Test("is done once the ledger says thanked")
  func doneByThanked() throws {
    var ledger = LedgerBuilder()
    ledger.add("2026-11-24 10:00 interview acme")
    ledger.add("2026-11-24 19:30 thanked acme")
    let action = try #require(ledger.plan().one(.thankYou))
    #expect(action.status == .done)
    #expect(action.reminders.isEmpty)
    #expect(local(action.start) == "2026-11-25 09:00")  // keeps its place
  }

  @Test("is not planned with thanks: no")
  func thanksNo() {
    var ledger = LedgerBuilder()
    ledger.add("2026-11-24 10:00 interview acme", ["thanks": "no"])
    #expect(ledger.plan().all(.thankYou).isEmpty)
    #expect(ledger.plan().all(.followUpCall).count == 1)
  }
}
