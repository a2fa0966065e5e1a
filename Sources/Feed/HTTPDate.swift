import Foundation

/// HTTP dates (RFC 9110 §5.6.7): always written as IMF-fixdate, read in all three formats a
/// recipient must accept. Whole seconds only, always GMT.
public enum HTTPDate {
  private static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
  private static let months = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]

  /// `Sun, 06 Nov 1994 08:49:37 GMT` for `date`, its fraction of a second dropped.
  public static func format(_ date: Date) -> String {
    let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
    let days = seconds.floorDivided(by: 86_400)
    let secondOfDay = seconds - days * 86_400
    let (year, month, day) = civil(fromDays: days)
    let weekday = weekdays[Int(days.floorModulo(7))]
    return "\(weekday), \(two(day)) \(months[month - 1]) \(year) "
      + "\(two(Int(secondOfDay / 3600))):\(two(Int(secondOfDay / 60 % 60))):\(two(Int(secondOfDay % 60))) GMT"
  }

  /// Reads an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), an obsolete RFC 850 date
  /// (`Sunday, 06-Nov-94 08:49:37 GMT`) or an asctime date (`Sun Nov  6 08:49:37 1994`);
  /// `nil` for anything else.
  public static func parse(_ text: String) -> Date? {
    let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    if let comma = fields.first?.last, comma == "," {
      if fields.count == 6, fields[5] == "GMT" {
        return date(year: Int(fields[3]), month: fields[2], day: Int(fields[1]), time: fields[4])
      }
      if fields.count == 4, fields[3] == "GMT" {
        let parts = fields[1].split(separator: "-").map(String.init)
        guard parts.count == 3, let short = Int(parts[2]), parts[2].count == 2 else { return nil }
        // RFC 9110: a two-digit year more than 50 years in the future means the past century.
        let thisYear = civil(fromDays: Int64(Date().timeIntervalSince1970) / 86_400).year
        var year = thisYear / 100 * 100 + short
        if year > thisYear + 50 { year -= 100 }
        return date(year: year, month: parts[1], day: Int(parts[0]), time: fields[2])
      }
      return nil
    }
    if fields.count == 5 {
      return date(year: Int(fields[4]), month: fields[1], day: Int(fields[2]), time: fields[3])
    }
    return nil
  }

  private static func date(year: Int?, month: String, day: Int?, time: String) -> Date? {
    guard let year, let day, let monthIndex = months.firstIndex(of: month) else { return nil }
    let clock = time.split(separator: ":", omittingEmptySubsequences: false)
    guard clock.count == 3, clock.allSatisfy({ $0.count == 2 }),
      let hour = Int(clock[0]), let minute = Int(clock[1]), let second = Int(clock[2]),
      (0..<24).contains(hour), (0..<60).contains(minute), (0...60).contains(second),
      (1...daysIn(month: monthIndex + 1, year: year)).contains(day)
    else { return nil }
    let days = self.days(year: year, month: monthIndex + 1, day: day)
    let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59))
    return Date(timeIntervalSince1970: TimeInterval(seconds))
  }

  private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

  private static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  // Howard Hinnant's days_from_civil / civil_from_days: proleptic Gregorian, day 0 = 1970-01-01.
  private static func days(year: Int, month: Int, day: Int) -> Int64 {
    let y = Int64(month <= 2 ? year - 1 : year)
    let era = y.floorDivided(by: 400)
    let yearOfEra = y - era * 400
    let shiftedMonth = Int64(month > 2 ? month - 3 : month + 9)
    let dayOfYear = (153 * shiftedMonth + 2) / 5 + Int64(day) - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  private static func civil(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
    let z = days + 719_468
    let era = z.floorDivided(by: 146_097)
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shiftedMonth = (5 * dayOfYear + 2) / 153
    let day = Int(dayOfYear - (153 * shiftedMonth + 2) / 5 + 1)
    let month = Int(shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9)
    let year = Int(yearOfEra + era * 400) + (month <= 2 ? 1 : 0)
    return (year, month, day)
  }
}

extension Int64 {
  fileprivate func floorDivided(by divisor: Int64) -> Int64 {
    let quotient = self / divisor
    return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
  }

  fileprivate func floorModulo(_ divisor: Int64) -> Int64 {
    self - floorDivided(by: divisor) * divisor
  }
}
