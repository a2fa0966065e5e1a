internal import CLibical
import Foundation

extension ICalDateTime {
  /// The instant, converted by libical (zoned values through the zone's rules).
  func resolvedInstant(in state: inout LibicalState) throws(ICalError) -> Date {
    let valid = try validated("date-time", in: &state)
    let zone: OpaquePointer
    switch form {
    case .utc: zone = icaltimezone_get_utc_timezone()
    case .zoned(let id): zone = try state.zone(named: id)
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
  package func instant() throws(ICalError) -> Date {
    try withLibical { state throws(ICalError) in try resolvedInstant(in: &state) }
  }
}

extension VEvent {
  /// The start of every occurrence up to and including `last` (compared by calendar day and
  /// time fields), expanded by libical from DTSTART and RRULE, minus EXDATEs. An event without
  /// RRULE has one occurrence. At most `limit` occurrences are returned.
  package func occurrences(through last: ICalDateTime, limit: Int = 100_000) throws(ICalError)
    -> [ICalDateTime]
  {
    try withLibical { state throws(ICalError) -> [ICalDateTime] in
      let first = try start.validated("DTSTART", in: &state)
      guard let recurrence else { return first.fieldsCompare(last) <= 0 ? [first] : [] }
      let rule = try icalRecurrence(recurrence, in: &state)
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
        if occurrence.fieldsCompare(last) > 0 { break }
        if !excluded.contains(occurrence.fieldsOnly) { result.append(occurrence) }
      }
      return result
    }
  }
}

extension ICalDateTime {
  /// Compares the date and time fields alone (the zone is not consulted): negative when
  /// `self` comes first, 0 when the fields are equal, positive after. Not `Comparable`:
  /// `==` compares the form too, and a `<` that ignored it would disagree with it.
  package func fieldsCompare(_ other: ICalDateTime) -> Int {
    let a = fieldsOnly
    let b = other.fieldsOnly
    for (x, y) in zip(a, b) where x != y { return x < y ? -1 : 1 }
    return 0
  }

  /// The fields without the form, to match EXDATEs written as dates or date-times.
  fileprivate var fieldsOnly: [Int] { [year, month, day, hour, minute, second] }
}
