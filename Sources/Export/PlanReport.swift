import Foundation
import Ledger
import Scheduler

/// The plan as `tenterhooks plan` shows it: a JSON array for programs, a table for people.
///
/// Pending actions come first, the most urgent on top: overdue ones (by start), then the
/// upcoming ones by their next occurrence. With `includeAll`, done and cancelled actions
/// follow in start order. The same actions and `now` always give the same bytes.
public struct PlanReport: Sendable {
  /// The actions shown, in display order.
  public let actions: [Action]
  /// The time the report is made at (what "overdue" and "next" are measured against).
  public let now: Date

  /// Selects and orders `actions`: pending only, unless `includeAll`.
  public init(actions: [Action], now: Date, includeAll: Bool = false) {
    self.now = now
    let pending = actions.filter { $0.status == .pending }
      .map { (action: $0, key: PlanReport.urgency(of: $0, at: now)) }
      .sorted {
        ($0.key.overdue ? 0 : 1, $0.key.when, $0.action.application, $0.action.uid)
          < ($1.key.overdue ? 0 : 1, $1.key.when, $1.action.application, $1.action.uid)
      }
      .map(\.action)
    let settled = actions.filter { $0.status != .pending }
      .sorted { ($0.start, $0.application, $0.uid) < ($1.start, $1.application, $1.uid) }
    self.actions = includeAll ? pending + settled : pending
  }

  private static func urgency(of action: Action, at now: Date) -> (overdue: Bool, when: Date) {
    if action.isOverdue(at: now) { return (true, action.start) }
    return (false, action.nextOccurrence(after: now, in: zone(of: action)))
  }

  // MARK: JSON

  /// One JSON array, keys sorted, two-space indented, ending with a newline.
  public func json() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    let records = actions.map { ActionRecord(action: $0, now: now) }
    // Encoding strings, numbers and booleans cannot fail.
    let data = try! encoder.encode(records)
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// An action as the JSON output spells it; every key is always present (null when empty).
  private struct ActionRecord: Encodable {
    let action: Action
    let now: Date

    enum Key: String, CodingKey {
      case application, company, kind, start, end, deadline, title, why, details, status, uid
      case sequence, timeZone, overdue, prominent, rule, repeats, reminders
    }
    enum RepeatKey: String, CodingKey { case days, until, except }
    enum ReminderKey: String, CodingKey { case offset, message }

    func encode(to encoder: Encoder) throws {
      let zone = PlanReport.zone(of: action)
      let iso = { (date: Date) in PlanReport.iso8601(date, in: zone) }
      var c = encoder.container(keyedBy: Key.self)
      try c.encode(action.application, forKey: .application)
      try c.encode(action.company, forKey: .company)
      try c.encode(action.kind.rawValue, forKey: .kind)
      try c.encode(iso(action.start), forKey: .start)
      try c.encode(iso(action.end), forKey: .end)
      try c.encode(action.deadline.map(iso), forKey: .deadline)
      try c.encode(action.title, forKey: .title)
      try c.encode(action.why, forKey: .why)
      try c.encode(action.details, forKey: .details)
      try c.encode(action.status.rawValue, forKey: .status)
      try c.encode(action.uid, forKey: .uid)
      try c.encode(action.sequence, forKey: .sequence)
      try c.encode(action.timeZone, forKey: .timeZone)
      try c.encode(action.isOverdue(at: now), forKey: .overdue)
      try c.encode(action.isProminent, forKey: .prominent)
      try c.encode(action.rule, forKey: .rule)
      if let repetition = action.repetition {
        var r = c.nestedContainer(keyedBy: RepeatKey.self, forKey: .repeats)
        try r.encode(repetition.weekdays.sorted().map(\.shortName), forKey: .days)
        try r.encode(iso(repetition.until), forKey: .until)
        try r.encode(repetition.exceptions.sorted().map(iso), forKey: .except)
      } else {
        try c.encodeNil(forKey: .repeats)
      }
      var reminders = c.nestedUnkeyedContainer(forKey: .reminders)
      for reminder in action.reminders {
        var r = reminders.nestedContainer(keyedBy: ReminderKey.self)
        try r.encode(reminder.offset, forKey: .offset)
        try r.encode(reminder.message, forKey: .message)
      }
    }
  }

  /// `2026-11-25T09:00:00+01:00`: the wall time in `zone` with its offset at that instant.
  public static func iso8601(_ date: Date, in zone: TimeZone) -> String {
    let c = ZoneOffsets.wallClock(of: date, in: zone)
    let offset = ZoneOffsets.offset(at: date, in: zone)
    let sign = offset < 0 ? "-" : "+"
    let minutes = abs(offset) / 60
    return "\(c.date)T\(LocalTime(hour: c.hour, minute: c.minute)):\(two(c.second))"
      + "\(sign)\(LocalTime(hour: minutes / 60, minute: minutes % 60))"
  }

  private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

  static func zone(of action: Action) -> TimeZone {
    // An unknown name reads as UTC (GMT): the same offsets.
    CalendarExport.timeZone(action.timeZone)
  }

  // MARK: Table

  /// A table for the terminal: when (local time with weekday), what, company, status, and
  /// the rule in a few words. ANSI colour only when `color` is set (the caller decides: a
  /// terminal and no `NO_COLOR`).
  public func table(color: Bool) -> String {
    guard !actions.isEmpty else { return "Nothing to do.\n" }
    let zones = Set(actions.map(\.timeZone))
    let header = ["WHEN", "WHAT", "COMPANY", "STATUS", "WHY"]
    let rows = actions.map { action -> (cells: [String], style: Style) in
      let zone = PlanReport.zone(of: action)
      var when = PlanReport.wallClock(
        action.status == .pending ? action.nextOccurrence(after: now, in: zone) : action.start,
        in: zone)
      if zones.count > 1 {
        let city = action.timeZone.split(separator: "/").last.map(String.init) ?? action.timeZone
        when += " " + city.replacingOccurrences(of: "_", with: " ")
      }
      let overdue = action.isOverdue(at: now)
      var status = overdue ? "OVERDUE" : action.status.rawValue
      if let repetition = action.repetition, action.status == .pending, !overdue {
        status += ", until " + PlanReport.wallClock(repetition.until, in: zone, time: false)
      }
      let style: Style =
        overdue
        ? .alert
        : action.status != .pending ? .faint : action.isProminent ? .strong : .plain
      return (
        [when, action.title, action.company ?? action.application, status, action.rule], style
      )
    }
    var widths = header.map(\.count)
    for row in rows {
      for (i, cell) in row.cells.enumerated() { widths[i] = max(widths[i], cell.count) }
    }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { i, cell in
        i == cells.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
      }.joined(separator: "  ")
    }
    var text = Style.heading.apply(line(header), color: color) + "\n"
    for row in rows { text += row.style.apply(line(row.cells), color: color) + "\n" }
    return text
  }

  /// `Wed 25 Nov 2026 09:00` in `zone`; the day alone when `time` is false.
  static func wallClock(_ date: Date, in zone: TimeZone, time: Bool = true) -> String {
    let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    let months = [
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    let day = CivilDate(date, in: zone)
    let text =
      "\(weekdays[day.weekday.rawValue - 1]) \(day.day) \(months[day.month - 1]) \(day.year)"
    return time ? text + " " + CivilDate.localTime(of: date, in: zone).description : text
  }

  /// How a row is emphasised.
  private enum Style {
    case plain, heading, strong, alert, faint

    func apply(_ text: String, color: Bool) -> String {
      guard color else { return text }
      let code: String
      switch self {
      case .plain: return text
      case .heading: code = "1"
      case .strong: code = "1;33"
      case .alert: code = "1;31"
      case .faint: code = "2"
      }
      return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }
  }
}
