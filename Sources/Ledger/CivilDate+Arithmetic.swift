import Foundation

extension CivilDate {
  /// Parses `YYYY-MM-DD`, returning `nil` for anything else or an impossible date (`2026-02-30`).
  public init?(parsing text: some StringProtocol) {
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
      guard (1...12).contains(m), d >= 1, d <= CivilDate.daysIn(month: m, year: y) else {
        return nil
      }
      self.init(year: y, month: m, day: d)
      return
    }
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
      let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
    else { return nil }
    guard (1...12).contains(m), d >= 1, d <= CivilDate.daysIn(month: m, year: y) else {
      return nil
    }
    self.init(year: y, month: m, day: d)
  }

  /// The number of days in a month of the proleptic Gregorian calendar.
  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Days since 1970-01-01 (negative before), by Howard Hinnant's civil-from-days algorithm.
  public var daysSinceEpoch: Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
  }

  /// The date `daysSinceEpoch` days after 1970-01-01.
  public init(daysSinceEpoch z: Int) {
    let z = z + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
  }

  /// The date `n` days later (earlier when negative).
  public func adding(days n: Int) -> CivilDate { CivilDate(daysSinceEpoch: daysSinceEpoch + n) }

  /// Whole days from `self` to `other`.
  public func days(until other: CivilDate) -> Int { other.daysSinceEpoch - daysSinceEpoch }

  /// The day of the week.
  public var weekday: Weekday {
    // 1970-01-01 was a Thursday.
    let index = ((daysSinceEpoch % 7) + 7 + 3) % 7  // 0 = Monday
    return Weekday(rawValue: index + 1)!
  }

  /// The instant this day starts at `time` in `zone`. A wall time skipped by a DST change
  /// moves forward by the gap, as calendar apps do.
  public func instant(at time: LocalTime, in zone: TimeZone) -> Date {
    ZoneOffsets.instant(of: self, hour: time.hour, minute: time.minute, in: zone)
  }

  /// The day an instant falls on in `zone`.
  public init(_ instant: Date, in zone: TimeZone) {
    self = ZoneOffsets.wallClock(of: instant, in: zone).date
  }
}
