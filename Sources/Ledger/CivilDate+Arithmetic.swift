internal import CivilCalendar
import Foundation

extension CivilDate {
  /// Parses `YYYY-MM-DD`, returning `nil` for anything else or an impossible date (`2026-02-30`).
  package init?(parsing text: some StringProtocol) {
    // The common case, ten ASCII bytes, without splitting into substrings.
    var fields = (0, 0, 0)
    var count = 0
    var shaped = true
    for byte in text.utf8 {
      count += 1
      if count > 10 {
        shaped = false
      } else if count == 5 || count == 8 {
        shaped = shaped && byte == UInt8(ascii: "-")
      } else if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
        let digit = Int(byte - UInt8(ascii: "0"))
        switch count {
        case 1...4: fields.0 = fields.0 * 10 + digit
        case 6...7: fields.1 = fields.1 * 10 + digit
        default: fields.2 = fields.2 * 10 + digit
        }
      } else {
        shaped = false
      }
      if !shaped { break }
    }
    if shaped, count == 10 {
      let (y, m, d) = fields
      guard Gregorian.isValid(year: y, month: m, day: d) else { return nil }
      self.init(year: y, month: m, day: d)
      return
    }
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
      let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
    else { return nil }
    guard Gregorian.isValid(year: y, month: m, day: d) else { return nil }
    self.init(year: y, month: m, day: d)
  }

  /// The number of days in a month of the proleptic Gregorian calendar.
  package static func daysIn(month: Int, year: Int) -> Int {
    Gregorian.daysIn(month: month, year: year)
  }

  /// Days since 1970-01-01 (negative before).
  package var daysSinceEpoch: Int { Gregorian.daysSinceEpoch(year: year, month: month, day: day) }

  /// The date `daysSinceEpoch` days after 1970-01-01.
  package init(daysSinceEpoch z: Int) {
    let (year, month, day) = Gregorian.date(daysSinceEpoch: z)
    self.init(year: year, month: month, day: day)
  }

  /// The date `n` days later (earlier when negative).
  package func adding(days n: Int) -> CivilDate { CivilDate(daysSinceEpoch: daysSinceEpoch + n) }

  /// Whole days from `self` to `other`.
  package func days(until other: CivilDate) -> Int { other.daysSinceEpoch - daysSinceEpoch }

  /// The day of the week.
  package var weekday: Weekday {
    Weekday(rawValue: Gregorian.isoWeekday(daysSinceEpoch: daysSinceEpoch))!
  }

  /// The instant this day starts at `time` in `zone`. A wall time skipped by a DST change
  /// moves forward by the gap, as calendar apps do.
  package func instant(at time: LocalTime, in zone: TimeZone) -> Date {
    ZoneOffsets.instant(of: self, hour: time.hour, minute: time.minute, in: zone)
  }

  /// The day an instant falls on in `zone`.
  package init(_ instant: Date, in zone: TimeZone) {
    self = ZoneOffsets.wallClock(of: instant, in: zone).date
  }
}

extension CivilDate {
  /// `Tue 24 Nov`: the weekday and month in fixed English abbreviations (never the user's
  /// locale, so the same ledger always gives the same words).
  package var shortText: String {
    Gregorian.weekdayAbbreviations[weekday.rawValue - 1] + " \(day) "
      + Gregorian.monthAbbreviations[month - 1]
  }

  /// `Tue 24 Nov 2026`.
  package var mediumText: String { shortText + " \(year)" }

  /// `November`, in English.
  package var monthName: String { Gregorian.monthNames[month - 1] }

  /// `Tuesday`, in English.
  package var weekdayName: String { Gregorian.weekdayNames[weekday.rawValue - 1] }

  /// `Tue`, in English.
  package var weekdayAbbreviation: String { Gregorian.weekdayAbbreviations[weekday.rawValue - 1] }

  /// `Nov`, in English.
  package var monthAbbreviation: String { Gregorian.monthAbbreviations[month - 1] }
}
