internal import CLibical
import Foundation

extension ICalDateTime {
  /// The instant, converted by libical (zoned values through the zone's rules).
  /// Runs with the libical lock held.
  func resolvedInstant() throws(ICalError) -> Date {
    let valid = try validated("date-time")
    let zone: OpaquePointer
    switch form {
    case .utc: zone = icaltimezone_get_utc_timezone()
    case .zoned(let id): zone = try builtinZone(named: id)
    case .floating, .date:
      throw ICalError(
        .invalidValue, "\(self) is a floating time or a date: it has no single instant")
    }
    var t = valid.icalTime
    t.zone = zone
    return Date(timeIntervalSince1970: TimeInterval(icaltime_as_timet_with_zone(t, zone)))
  }

  /// The UTC instant this value stands for, converted by libical using the zone's rules.
  /// - Throws: for floating times and dates (no single instant) and unknown zones.
  public func instant() throws(ICalError) -> Date {
    try withLibical { () throws(ICalError) in try resolvedInstant() }
  }
}

extension VEvent {
  /// The start of every occurrence up to and including `last` (compared by calendar day and
  /// time fields), expanded by libical from DTSTART and RRULE, minus EXDATEs. An event without
  /// RRULE has one occurrence. At most `limit` occurrences are returned.
  public func occurrences(through last: ICalDateTime, limit: Int = 100_000) throws(ICalError)
    -> [ICalDateTime]
  {
    try withLibical { () throws(ICalError) -> [ICalDateTime] in
      let first = try start.validated("DTSTART")
      guard let recurrence else { return first <= last ? [first] : [] }
      let rule = try icalRecurrence(recurrence)
      guard let iterator = icalrecur_iterator_new(rule, first.icalTime) else {
        throw ICalError(
          .invalidValue,
          "libical cannot expand the RRULE of '\(uid)': \(libicalErrorMessage() ?? "unknown error")"
        )
      }
      defer { icalrecur_iterator_free(iterator) }
      let excluded = Set(exceptionDates.map(\.fieldsOnly))
      var result: [ICalDateTime] = []
      while result.count < limit {
        let next = icalrecur_iterator_next(iterator)
        if icaltime_is_null_time(next) != 0 { break }
        var occurrence = ICalDateTime(next, tzid: nil)
        occurrence.form = first.form
        if occurrence > last { break }
        if !excluded.contains(occurrence.fieldsOnly) { result.append(occurrence) }
      }
      return result
    }
  }
}

extension ICalDateTime: Comparable {
  /// Orders by the date and time fields alone (the zone is not consulted).
  public static func < (a: ICalDateTime, b: ICalDateTime) -> Bool {
    (a.year, a.month, a.day, a.hour, a.minute, a.second)
      < (b.year, b.month, b.day, b.hour, b.minute, b.second)
  }

  /// The fields without the form, to match EXDATEs written as dates or date-times.
  fileprivate var fieldsOnly: [Int] { [year, month, day, hour, minute, second] }
}
