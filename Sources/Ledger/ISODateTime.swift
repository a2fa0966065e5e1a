import Foundation

/// Parses the ISO 8601 date-times the command line accepts (`--now`, `--at`).
package enum ISODateTime {
  /// Accepts `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.fraction]]` (space allowed for `T`, a comma
  /// for the point), with an optional `Z` or `±HH:MM` offset; without one the time is read in
  /// `defaultZone`. (A fraction is what JavaScript's `toISOString()` writes.) A bare date is
  /// 09:00 that day, the time of a ledger entry without one.
  package static func parse(_ text: String, defaultZone: TimeZone) -> Date? {
    var rest = Substring(text.trimmingCharacters(in: .whitespaces))
    guard rest.count >= 10, let date = CivilDate(parsing: rest.prefix(10)) else { return nil }
    rest = rest.dropFirst(10)
    // A date without a time is 09:00, as an entry without one is.
    var hour = LedgerSyntax.defaultTime.hour
    var minute = LedgerSyntax.defaultTime.minute
    var second = 0
    var fraction = 0.0
    if let first = rest.first, first == "T" || first == " " {
      rest = rest.dropFirst()
      let timeEnd = rest.firstIndex(where: { $0 == "Z" || $0 == "+" || $0 == "-" }) ?? rest.endIndex
      var clock = rest[..<timeEnd]
      if let point = clock.firstIndex(where: { $0 == "." || $0 == "," }) {
        let digits = clock[clock.index(after: point)...]
        guard clock[..<point].count == 8, !digits.isEmpty,
          digits.allSatisfy({ $0.isASCII && $0.isNumber }),
          let value = Double("0." + digits)
        else { return nil }
        fraction = value
        clock = clock[..<point]
      }
      let parts = clock.split(separator: ":", omittingEmptySubsequences: false)
      guard parts.count == 2 || parts.count == 3,
        parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
        ),
        let h = Int(parts[0]), let m = Int(parts[1]), (0...23).contains(h), (0...59).contains(m)
      else { return nil }
      hour = h
      minute = m
      if parts.count == 3 {
        guard let s = Int(parts[2]), (0...59).contains(s) else { return nil }
        second = s
      }
      rest = rest[timeEnd...]
    }
    var zone = defaultZone
    if rest == "Z" {
      zone = TimeZone(identifier: "UTC")!
    } else if let sign = rest.first, sign == "+" || sign == "-" {
      let digits = rest.dropFirst().replacingOccurrences(of: ":", with: "")
      guard digits.count == 4, digits.allSatisfy(\.isNumber), let value = Int(digits),
        let offsetZone = TimeZone(
          secondsFromGMT: (sign == "-" ? -1 : 1) * ((value / 100) * 3600 + (value % 100) * 60))
      else { return nil }
      zone = offsetZone
    } else if !rest.isEmpty {
      return nil
    }
    return date.instant(at: LocalTime(hour: hour, minute: minute), in: zone)
      .addingTimeInterval(TimeInterval(second) + fraction)
  }
}
