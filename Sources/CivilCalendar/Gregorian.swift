/// The proleptic Gregorian calendar's arithmetic, in one place for the whole package: leap
/// years, month lengths, date validity, days since 1970-01-01 and back, weekdays. Pure
/// integer arithmetic (Howard Hinnant's `days_from_civil` / `civil_from_days`), valid for
/// any year an `Int` can count days in; no zones, no clock, no Foundation.
package enum Gregorian {
  /// Seconds in a civil day without a clock change.
  package static let secondsPerDay = 86_400

  /// Whether `year` has a February 29: every fourth year, except centuries not divisible
  /// by 400 (2000 is a leap year, 2100 is not).
  package static func isLeapYear(_ year: Int) -> Bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
  }

  /// The number of days in `month` (1–12) of `year`; 0 for a month that does not exist.
  package static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: isLeapYear(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    case 1, 3, 5, 7, 8, 10, 12: 31
    default: 0
    }
  }

  /// Whether `year-month-day` is a real date (`2026-02-29` is not, `2028-02-29` is).
  package static func isValid(year: Int, month: Int, day: Int) -> Bool {
    day >= 1 && day <= daysIn(month: month, year: year)
  }

  /// Days from 1970-01-01 to `year-month-day` (negative before).
  package static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = floorDivide(y, 400)
    let yearOfEra = y - era * 400
    let shiftedMonth = month > 2 ? month - 3 : month + 9
    let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The date `days` days after 1970-01-01 (before it when negative).
  package static func date(daysSinceEpoch days: Int) -> (year: Int, month: Int, day: Int) {
    let z = days + 719_468
    let era = floorDivide(z, 146_097)
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shiftedMonth = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
    let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  /// The ISO weekday of the day `days` after 1970-01-01: 1 is Monday … 7 is Sunday.
  package static func isoWeekday(daysSinceEpoch days: Int) -> Int {
    // 1970-01-01 was a Thursday (ISO 4).
    floorModulo(days + 3, 7) + 1
  }

  /// Seconds since 1970-01-01T00:00 split into whole days and the second of that day
  /// (0..<86400), rounding towards the past for instants before 1970.
  package static func split(secondsSinceEpoch seconds: Int) -> (days: Int, secondOfDay: Int) {
    let days = floorDivide(seconds, secondsPerDay)
    return (days, seconds - days * secondsPerDay)
  }

  /// English weekday abbreviations, Monday first (index `isoWeekday - 1`): fixed, never the
  /// user's locale, so the same ledger always gives the same words (and HTTP dates need them).
  package static let weekdayAbbreviations = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

  /// English weekday names, Monday first (index `isoWeekday - 1`).
  package static let weekdayNames = [
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
  ]

  /// English month abbreviations, January first (index `month - 1`).
  package static let monthAbbreviations = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]

  /// English month names, January first (index `month - 1`).
  package static let monthNames = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
  ]

  /// Division rounding towards negative infinity.
  package static func floorDivide(_ value: Int, _ divisor: Int) -> Int {
    let quotient = value / divisor
    return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
  }

  /// The remainder that goes with `floorDivide`: same sign as `divisor`.
  package static func floorModulo(_ value: Int, _ divisor: Int) -> Int {
    value - floorDivide(value, divisor) * divisor
  }
}
