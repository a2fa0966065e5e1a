import CivilCalendar
import Testing

@Suite("The Gregorian calendar")
struct GregorianTests {
  @Test(
    "leap years are every fourth year except centuries not divisible by 400",
    arguments: [
      (2000, true), (2024, true), (2026, false), (2028, true), (2100, false), (2400, true),
    ])
  func leapYears(year: Int, leap: Bool) {
    #expect(Gregorian.isLeapYear(year) == leap)
    #expect(Gregorian.daysIn(month: 2, year: year) == (leap ? 29 : 28))
    #expect(Gregorian.isValid(year: year, month: 2, day: 29) == leap)
  }

  @Test("February 29 is rejected in 2026 and accepted in 2028")
  func february29() {
    #expect(!Gregorian.isValid(year: 2026, month: 2, day: 29))
    #expect(Gregorian.isValid(year: 2028, month: 2, day: 29))
    #expect(!Gregorian.isValid(year: 2026, month: 4, day: 31))
    #expect(!Gregorian.isValid(year: 2026, month: 13, day: 1))
    #expect(!Gregorian.isValid(year: 2026, month: 1, day: 0))
  }

  @Test("day numbers round-trip and land on the right weekday, before and after 1970")
  func dayNumbers() {
    #expect(Gregorian.daysSinceEpoch(year: 1970, month: 1, day: 1) == 0)
    #expect(Gregorian.isoWeekday(daysSinceEpoch: 0) == 4)  // a Thursday
    let leapDay = Gregorian.daysSinceEpoch(year: 2028, month: 2, day: 29)
    #expect(Gregorian.date(daysSinceEpoch: leapDay + 1) == (2028, 3, 1))
    #expect(Gregorian.isoWeekday(daysSinceEpoch: leapDay) == 2)  // a Tuesday
    #expect(
      Gregorian.date(daysSinceEpoch: Gregorian.daysSinceEpoch(year: 2100, month: 2, day: 28) + 1)
        == (2100, 3, 1))
    for day in stride(from: -800_000, through: 800_000, by: 997) {
      let (y, m, d) = Gregorian.date(daysSinceEpoch: day)
      #expect(Gregorian.isValid(year: y, month: m, day: d))
      #expect(Gregorian.daysSinceEpoch(year: y, month: m, day: d) == day)
    }
    #expect(Gregorian.isoWeekday(daysSinceEpoch: -1) == 3)  // 1969-12-31, a Wednesday
    #expect(Gregorian.split(secondsSinceEpoch: -1) == (-1, 86_399))
  }
}
