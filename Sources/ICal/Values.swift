internal import CivilCalendar
import Foundation

/// An iCalendar DATE or DATE-TIME value: UTC, in a named zone, floating, or a whole day.
package struct ICalDateTime: Hashable, Sendable, CustomStringConvertible {
  /// How the value is anchored in time.
  package enum Form: Hashable, Sendable {
    /// A UTC instant (`20261124T090000Z`).
    case utc
    /// Wall-clock time in an IANA zone (`TZID=Europe/Berlin:20261124T100000`).
    case zoned(String)
    /// Wall-clock time with no zone.
    case floating
    /// A whole day (`VALUE=DATE:20261124`).
    case date
  }

  /// The year.
  package var year: Int
  /// The month, 1–12.
  package var month: Int
  /// The day, 1–31.
  package var day: Int
  /// The hour (0 for dates).
  package var hour: Int
  /// The minute (0 for dates).
  package var minute: Int
  /// The second (0 for dates).
  package var second: Int
  /// How the value is anchored.
  package var form: Form

  /// Creates a value from its fields.
  package init(
    year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0,
    form: Form
  ) {
    self.year = year
    self.month = month
    self.day = day
    self.hour = hour
    self.minute = minute
    self.second = second
    self.form = form
  }

  /// A whole day.
  package static func date(year: Int, month: Int, day: Int) -> ICalDateTime {
    ICalDateTime(year: year, month: month, day: day, form: .date)
  }

  /// The UTC form of an instant.
  package static func utc(_ instant: Date) -> ICalDateTime {
    // Whole seconds in 1900…2200 by arithmetic (UTC has no rules to consult); anything else
    // through Foundation's calendar, whose Julian cut-over and rounding stay authoritative.
    let t = instant.timeIntervalSince1970
    guard (-2_208_988_800.0..<7_258_118_400.0).contains(t), t == t.rounded(.down) else {
      return zonedFields(instant, TimeZone(identifier: "UTC")!, form: .utc)
    }
    let (days, time) = Gregorian.split(secondsSinceEpoch: Int(t))
    let (year, month, day) = Gregorian.date(daysSinceEpoch: days)
    return ICalDateTime(
      year: year, month: month, day: day, hour: time / 3600,
      minute: (time % 3600) / 60, second: time % 60, form: .utc)
  }

  /// The wall-clock time of `instant` in `timeZone`, tagged with the zone's IANA name.
  package static func zoned(_ instant: Date, in timeZone: TimeZone) -> ICalDateTime {
    zonedFields(instant, timeZone, form: .zoned(timeZone.identifier))
  }

  private static func zonedFields(_ instant: Date, _ zone: TimeZone, form: Form) -> ICalDateTime {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
    return ICalDateTime(
      year: c.year!, month: c.month!, day: c.day!, hour: c.hour!, minute: c.minute!,
      second: c.second!, form: form)
  }

  /// Whether this is a whole day.
  package var isDate: Bool { form == .date }

  /// The zone's name for a zoned value.
  package var timeZoneIdentifier: String? {
    if case .zoned(let id) = form { return id }
    return nil
  }

  /// `20261124T100000` style, with the zone in brackets for zoned values (for messages).
  package var description: String {
    let day = String(format: "%04d%02d%02d", year, month, day)
    switch form {
    case .date: return day
    case .utc: return day + String(format: "T%02d%02d%02dZ", hour, minute, second)
    case .floating: return day + String(format: "T%02d%02d%02d", hour, minute, second)
    case .zoned(let id):
      return day + String(format: "T%02d%02d%02d", hour, minute, second) + "[\(id)]"
    }
  }
}

/// A signed length of time, as iCalendar's DURATION (`-PT15M`, `P3D`, `P1DT2H`).
///
/// RFC 5545 §3.3.6 reads the two parts differently: days are nominal — added on the local
/// clock of the start's zone, so a day across a DST change lasts 23 or 25 hours — and the
/// time part is exact. Both parts carry the same sign (a DURATION has one sign).
package struct ICalDuration: Hashable, Sendable {
  /// Whole nominal days; negative means "before".
  package var days: Int
  /// Exact seconds after the days; negative means "before".
  package var seconds: Int

  /// Creates a duration of `days` nominal days and then `seconds` exact seconds.
  package init(days: Int = 0, seconds: Int = 0) {
    self.days = days
    self.seconds = seconds
  }

  /// A duration of whole minutes (exact).
  package static func minutes(_ n: Int) -> ICalDuration { ICalDuration(seconds: n * 60) }
  /// A duration of whole hours (exact).
  package static func hours(_ n: Int) -> ICalDuration { ICalDuration(seconds: n * 3600) }
  /// A duration of whole nominal days (the same wall-clock time `n` days away).
  package static func days(_ n: Int) -> ICalDuration { ICalDuration(days: n) }
}

/// When an alarm fires.
package enum AlarmTrigger: Hashable, Sendable {
  /// Which end of the component a relative trigger counts from.
  package enum Anchor: Hashable, Sendable {
    /// The start (`RELATED=START`, the default).
    case start
    /// The end (`RELATED=END`).
    case end
  }

  /// An offset from the start or end (negative: before).
  case relative(ICalDuration, to: Anchor)
  /// A fixed UTC instant.
  case absolute(Date)
}

/// A day of the week as recurrence rules name it.
package enum RecurrenceWeekday: Int, CaseIterable, Hashable, Sendable {
  case sunday = 1
  case monday, tuesday, wednesday, thursday, friday, saturday
}

/// A recurrence rule (RRULE) — the parts the product uses and holiday calendars carry.
package struct RecurrenceRule: Hashable, Sendable {
  /// How often the rule repeats.
  package enum Frequency: Hashable, Sendable, CaseIterable {
    case secondly, minutely, hourly, daily, weekly, monthly, yearly
  }

  /// A `BYDAY` entry: a weekday, optionally the n-th in the month or year (`4TH`, `-1MO`).
  package struct Day: Hashable, Sendable {
    /// The weekday.
    package var weekday: RecurrenceWeekday
    /// 0 for "every"; 1 for the first, -1 for the last, etc.
    package var position: Int

    /// Creates a `BYDAY` entry.
    package init(_ weekday: RecurrenceWeekday, position: Int = 0) {
      self.weekday = weekday
      self.position = position
    }
  }

  /// How often.
  package var frequency: Frequency
  /// Every n-th period (1 by default).
  package var interval: Int
  /// The last possible occurrence (kept in UTC when written, as RFC 5545 requires for zoned starts).
  package var until: ICalDateTime?
  /// The number of occurrences, instead of `until`.
  package var count: Int?
  /// `BYDAY`.
  package var byDay: [Day]
  /// `BYMONTH` (1–12).
  package var byMonth: [Int]
  /// `BYMONTHDAY` (1–31, or negative from the end).
  package var byMonthDay: [Int]

  /// Creates a rule.
  package init(
    frequency: Frequency, interval: Int = 1, until: ICalDateTime? = nil, count: Int? = nil,
    byDay: [Day] = [], byMonth: [Int] = [], byMonthDay: [Int] = []
  ) {
    self.frequency = frequency
    self.interval = interval
    self.until = until
    self.count = count
    self.byDay = byDay
    self.byMonth = byMonth
    self.byMonthDay = byMonthDay
  }
}

/// A property the bindings do not model by name (`X-WR-CALNAME`, `X-PUBLISHED-TTL`, …).
package struct ExtraProperty: Hashable, Sendable {
  /// The property name, e.g. `X-WR-CALNAME`.
  package var name: String
  /// The value as text (escaped by libical when written).
  package var value: String

  /// Creates a property.
  package init(name: String, value: String) {
    self.name = name
    self.value = value
  }
}
