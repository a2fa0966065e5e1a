internal import CivilCalendar
import Foundation

/// HTTP dates (RFC 9110 §5.6.7): always written as IMF-fixdate, read in all three formats a
/// recipient must accept. Whole seconds only, always GMT.
package enum HTTPDate {
  private static let weekdays = Gregorian.weekdayAbbreviations
  private static let months = Gregorian.monthAbbreviations

  /// `Sun, 06 Nov 1994 08:49:37 GMT` for `date`, its fraction of a second dropped.
  package static func format(_ date: Date) -> String {
    let seconds = Int(date.timeIntervalSince1970.rounded(.down))
    let (days, secondOfDay) = Gregorian.split(secondsSinceEpoch: seconds)
    let (year, month, day) = Gregorian.date(daysSinceEpoch: days)
    let weekday = weekdays[Gregorian.isoWeekday(daysSinceEpoch: days) - 1]
    return "\(weekday), \(two(day)) \(months[month - 1]) \(year) "
      + "\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60)) GMT"
  }

  /// Reads an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), an obsolete RFC 850 date
  /// (`Sunday, 06-Nov-94 08:49:37 GMT`) or an asctime date (`Sun Nov  6 08:49:37 1994`);
  /// `nil` for anything else.
  package static func parse(_ text: String) -> Date? {
    let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    if let comma = fields.first?.last, comma == "," {
      if fields.count == 6, fields[5] == "GMT" {
        return date(year: Int(fields[3]), month: fields[2], day: Int(fields[1]), time: fields[4])
      }
      if fields.count == 4, fields[3] == "GMT" {
        let parts = fields[1].split(separator: "-").map(String.init)
        guard parts.count == 3, let short = Int(parts[2]), parts[2].count == 2 else { return nil }
        // RFC 9110: a two-digit year more than 50 years in the future means the past century.
        let today = Gregorian.split(secondsSinceEpoch: Int(Date().timeIntervalSince1970)).days
        let thisYear = Gregorian.date(daysSinceEpoch: today).year
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
      Gregorian.isValid(year: year, month: monthIndex + 1, day: day)
    else { return nil }
    let days = Gregorian.daysSinceEpoch(year: year, month: monthIndex + 1, day: day)
    let seconds = days * Gregorian.secondsPerDay + hour * 3600 + minute * 60 + min(second, 59)
    return Date(timeIntervalSince1970: TimeInterval(seconds))
  }

  private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
