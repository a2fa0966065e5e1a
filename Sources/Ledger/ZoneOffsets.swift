import Foundation
import Synchronization

/// Wall-clock conversions in a time zone, as Foundation's Gregorian `Calendar` makes them but
/// without building a calendar for every date: each zone's UTC offset is remembered over the
/// whole stretch between two of its transitions, so a ledger of thousands of entries asks
/// Foundation a few times per zone and year instead of several times per entry.
///
/// Answers are Foundation's own: an offset is only reused inside the stretch where Foundation
/// said it holds, and a wall time near a transition (skipped or repeated by a clock change) or
/// far from the present era goes to `Calendar` itself.
package enum ZoneOffsets {
  /// A stretch `[start, end)` of UTC seconds over which a zone's offset does not change.
  private struct Stretch {
    var start: Double
    var end: Double
    var offset: Int
  }

  /// Stretches known per zone identifier, sorted by start; capped so a long-running server
  /// cannot grow it without bound.
  private static let known = Mutex<[String: [Stretch]]>([:])

  /// Instants (UTC seconds) this converter answers itself; others go to `Calendar`. The
  /// Gregorian calendar's Julian cut-over and far-future rule guesses stay Foundation's.
  private static let fastRange = -2_208_988_800.0..<7_258_118_400.0  // 1900 … 2200

  /// The zone's offset from UTC at `instant`, in seconds.
  package static func offset(at instant: Date, in zone: TimeZone) -> Int {
    stretch(containing: instant.timeIntervalSince1970, in: zone).offset
  }

  private static func stretch(containing t: Double, in zone: TimeZone) -> Stretch {
    let id = zone.identifier
    let found = known.withLock { table -> Stretch? in
      guard let stretches = table[id] else { return nil }
      // Few stretches per zone: a binary search over starts.
      var low = 0
      var high = stretches.count
      while low < high {
        let middle = (low + high) / 2
        if stretches[middle].start <= t { low = middle + 1 } else { high = middle }
      }
      guard low > 0, t < stretches[low - 1].end else { return nil }
      return stretches[low - 1]
    }
    if let found { return found }
    let computed = measureStretch(containing: t, in: zone)
    known.withLock { table in
      var stretches = table[id] ?? []
      if stretches.count > 4096 { stretches = [] }
      stretches.removeAll { $0.start < computed.end && computed.start < $0.end }
      let index = stretches.firstIndex { $0.start > computed.start } ?? stretches.count
      stretches.insert(computed, at: index)
      table[id] = stretches
    }
    return computed
  }

  /// Asks Foundation for the offset at `t` and the transitions around it.
  private static func measureStretch(containing t: Double, in zone: TimeZone) -> Stretch {
    let instant = Date(timeIntervalSince1970: t)
    let offset = zone.secondsFromGMT(for: instant)
    // Walk the transitions from a year before; the last one at or before `t` starts the
    // stretch, the first one after it ends it.
    let year = 366.0 * 86400
    var start = t - year
    var end = Double.infinity
    var cursor = Date(timeIntervalSince1970: start)
    while let next = zone.nextDaylightSavingTimeTransition(after: cursor) {
      let n = next.timeIntervalSince1970
      if n > t {
        end = n
        break
      }
      start = n
      cursor = next
    }
    // A transition may report the offset before it; keep the stretch only if both ends agree.
    if end.isFinite, end - 1 > t,
      zone.secondsFromGMT(for: Date(timeIntervalSince1970: end - 1)) != offset
    {
      return Stretch(start: t, end: t + 1, offset: offset)
    }
    if zone.secondsFromGMT(for: Date(timeIntervalSince1970: start)) != offset {
      return Stretch(start: t, end: min(end, t + 1), offset: offset)
    }
    return Stretch(start: start, end: end, offset: offset)
  }

  /// The calendar day and wall-clock time of `instant` in `zone`.
  package static func wallClock(of instant: Date, in zone: TimeZone) -> (
    date: CivilDate, hour: Int, minute: Int, second: Int
  ) {
    let t = instant.timeIntervalSince1970
    guard fastRange.contains(t), t == t.rounded(.down) else {
      return foundationWallClock(of: instant, in: zone)
    }
    let local = Int(t) + offset(at: instant, in: zone)
    let days = local >= 0 ? local / 86400 : (local - 86399) / 86400
    let seconds = local - days * 86400
    return (
      CivilDate(daysSinceEpoch: days), seconds / 3600, (seconds % 3600) / 60, seconds % 60
    )
  }

  /// The instant `day` reaches `hour:minute` in `zone`; a wall time skipped or repeated by a
  /// clock change is resolved as Foundation resolves it (forward by the gap, the earlier one).
  package static func instant(
    of day: CivilDate, hour: Int, minute: Int, second: Int = 0, in zone: TimeZone
  ) -> Date {
    let local = Double(day.daysSinceEpoch * 86400 + hour * 3600 + minute * 60 + second)
    guard fastRange.contains(local), (0..<24).contains(hour), (0..<60).contains(minute),
      (0..<60).contains(second)
    else {
      return foundationInstant(of: day, hour: hour, minute: minute, second: second, in: zone)
    }
    let guess = local - Double(stretch(containing: local, in: zone).offset)
    let around = stretch(containing: guess, in: zone)
    let t = local - Double(around.offset)
    // Unambiguous only when no transition lies within a day of the answer (offsets differ
    // by less than a day), so no other offset could map another instant to this wall time.
    let margin = 26.0 * 3600
    guard around.start <= t - margin, t + margin < around.end else {
      return foundationInstant(of: day, hour: hour, minute: minute, second: second, in: zone)
    }
    return Date(timeIntervalSince1970: t)
  }

  private static func foundationWallClock(of instant: Date, in zone: TimeZone) -> (
    date: CivilDate, hour: Int, minute: Int, second: Int
  ) {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
    return (CivilDate(year: c.year!, month: c.month!, day: c.day!), c.hour!, c.minute!, c.second!)
  }

  private static func foundationInstant(
    of day: CivilDate, hour: Int, minute: Int, second: Int, in zone: TimeZone
  ) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    let components = DateComponents(
      year: day.year, month: day.month, day: day.day, hour: hour, minute: minute, second: second)
    return calendar.date(from: components)!
  }
}
