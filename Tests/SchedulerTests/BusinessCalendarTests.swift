import Foundation
import Ledger
import Scheduler
import Testing

@Suite("Business days")
struct BusinessCalendarTests {
  let christmas: Set<CivilDate> = [day("2026-12-25"), day("2026-12-26"), day("2027-01-01")]

  @Test("a business day is a workday that is not a holiday")
  func businessDay() {
    let calendar = BusinessCalendar(
      workdays: [.monday, .tuesday, .wednesday, .thursday, .friday], holidays: christmas)
    #expect(calendar.isBusinessDay(day("2026-12-24")))
    #expect(!calendar.isBusinessDay(day("2026-12-25")))
    #expect(!calendar.isBusinessDay(day("2026-12-27")))
    #expect(calendar.firstBusinessDay(after: day("2026-12-24")) == day("2026-12-28"))
    #expect(calendar.businessDay(2, after: day("2026-12-31")) == day("2027-01-05"))
  }

  @Test("a Sunday–Thursday week makes Friday and Saturday the weekend")
  func sundayToThursday() {
    let calendar = BusinessCalendar(
      workdays: [.sunday, .monday, .tuesday, .wednesday, .thursday], holidays: [])
    #expect(calendar.firstBusinessDay(after: day("2026-11-26")) == day("2026-11-29"))
    #expect(calendar.firstBusinessDay(onOrAfter: day("2026-11-28")) == day("2026-11-29"))
  }

  @Test("a Sunday–Thursday week moves the follow-up call too")
  func sundayToThursdayCall() throws {
    var ledger = LedgerBuilder {
      $0.workdays = [.sunday, .monday, .tuesday, .wednesday, .thursday]
    }
    ledger.add("2026-11-24 10:00 interview acme", ["decision": "2026-11-26"])  // Thursday
    let plan = ledger.plan()
    #expect(local(try #require(plan.one(.followUpCall)).start) == "2026-11-29 10:00")
    #expect(plan.one(.checkEmail)?.repetition?.weekdays.contains(.sunday) == true)
  }
}

@Suite("Holidays from a recurring calendar")
struct RecurringHolidayTests {
  /// Thanksgiving as `RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH` expands to for 2026–2027.
  let thanksgiving: Set<CivilDate> = [day("2026-11-26"), day("2027-11-25")]

  @Test("a New York employer's call skips Thanksgiving; your letter in Berlin does not")
  func thanksgivingInNewYork() throws {
    var ledger = LedgerBuilder()
    ledger.add("2026-11-25 10:00 interview nyco", ["tz": "America/New_York"])
    let plan = ledger.plan(
      daysOff: DaysOff(byZone: ["America/New_York": thanksgiving]))
    let letter = try #require(plan.one(.thankYou))
    #expect(letter.timeZone == "Europe/Berlin")
    #expect(local(letter.start) == "2026-11-26 09:00")
    #expect(local(letter.deadline) == "2026-11-27 23:59")
    let call = try #require(plan.one(.followUpCall))
    // Wed 25 → Fri 27, Mon 30, Tue 1 Dec (Thursday is Thanksgiving).
    #expect(local(call.start, "America/New_York") == "2026-12-01 10:00")
  }
}
