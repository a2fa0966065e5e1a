import Foundation
import Ledger
import Scheduler

/// The plan as `tenterhooks plan` shows it: a JSON array for programs, a table for people.
///
/// Pending actions come first, the most urgent on top: overdue ones, then the upcoming ones,
/// each by the time shown (a series' next occurrence, or its last once it is over). With `includeAll`, done and cancelled actions
/// follow in start order. The same actions, `now` and zone always give the same bytes.
public struct PlanReport: Sendable {
  /// The actions shown, in display order.
  public let actions: [Action]
  /// The time the report is made at (what "overdue" and "next" are measured against).
  public let now: Date
  /// Your zone: the table shows every time in it, and the employer's own time beside it
  /// when the action's zone is another one.
  public let yourZone: TimeZone

  /// Selects and orders `actions`: pending only, unless `includeAll`.
  ///
  /// - Parameter yourZone: the ledger's `timezone` (see `yourZone(of:system:)`), else the
  ///   system's zone.
  public init(
    actions: [Action], now: Date, includeAll: Bool = false, yourZone: TimeZone = .current
  ) {
    self.now = now
    self.yourZone = yourZone
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

  /// Your zone as CONTRACT §2 defines it: the ledger's `timezone` directive, else `system`.
  public static func yourZone(of journal: Journal, system: TimeZone = .current) -> TimeZone {
    journal.settings.timeZone?.timeZone ?? system
  }

  /// Overdue first, then by the time the table shows (a series' next or last day, not its
  /// first), so the WHEN column reads in order.
  private static func urgency(of action: Action, at now: Date) -> (overdue: Bool, when: Date) {
    (action.isOverdue(at: now), action.nextOccurrence(after: now, in: zone(of: action)))
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
      try c.encode(action.timeZone.identifier, forKey: .timeZone)
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

  /// A table for the terminal: when, what, status, and the rule in a few words.
  ///
  /// WHEN is in your zone (the year only when it is not the current one); an action in
  /// another zone — an employer abroad — adds its own time: `Thu 3 Dec 16:00 — 10:00 in
  /// New York` (the employer's weekday too when its date differs). There is no company
  /// column: every title already names the employer. Widths are counted in terminal columns
  /// (`DisplayWidth`), so emoji and CJK text stay aligned; with a `width`, WHY and WHAT are
  /// shortened with `…` (WHY left out on a narrow terminal) until every line fits (`fit`).
  /// ANSI styles only when `color` is set (see `TerminalOutput`).
  public func table(color: Bool, width: Int? = nil) -> String {
    guard !actions.isEmpty else { return "Nothing to do.\n" }
    let header = ["WHEN", "WHAT", "STATUS", "WHY"]
    let thisYear = CivilDate(now, in: yourZone).year
    let rows = actions.map { action -> (cells: [String], style: Style) in
      let zone = PlanReport.zone(of: action)
      let shown =
        action.status == .pending ? action.nextOccurrence(after: now, in: zone) : action.start
      let overdue = action.isOverdue(at: now)
      var status = overdue ? "OVERDUE" : action.status.rawValue
      if let repetition = action.repetition, action.status == .pending, !overdue {
        status +=
          ", until "
          + PlanReport.wallClock(repetition.until, in: yourZone, time: false, thisYear: thisYear)
      }
      let style: Style =
        overdue
        ? .alert
        : action.status != .pending ? .faint : action.isProminent ? .strong : .plain
      return (
        [when(shown, of: action, thisYear: thisYear), action.title, status, action.rule], style
      )
    }
    var widths = header.map { DisplayWidth.columns(of: $0) }
    for row in rows {
      for (i, cell) in row.cells.enumerated() {
        widths[i] = max(widths[i], DisplayWidth.columns(of: cell))
      }
    }
    if let width { widths = PlanReport.fit(widths, into: width) }
    let last = widths.lastIndex { $0 > 0 } ?? 0
    func line(_ cells: [String]) -> String {
      cells.indices.filter { widths[$0] > 0 }.map { i in
        let shown = DisplayWidth.truncate(cells[i], to: widths[i])
        return i == last ? shown : DisplayWidth.pad(shown, to: widths[i])
      }.joined(separator: PlanReport.gap)
    }
    var text = Style.heading.apply(line(header), color: color) + "\n"
    for row in rows { text += row.style.apply(line(row.cells), color: color) + "\n" }
    return text
  }

  /// The space between columns.
  private static let gap = "  "

  /// The WHEN cell: your wall-clock time, and the employer's when its zone is another.
  private func when(_ instant: Date, of action: Action, thisYear: Int) -> String {
    let yours = PlanReport.wallClock(instant, in: yourZone, thisYear: thisYear)
    // The zones as Foundation resolves them: `yourZone.identifier` may read "GMT" where
    // the ledger (and so the action) says "UTC".
    let theirZone = PlanReport.zone(of: action)
    guard theirZone != yourZone else { return yours }
    let theirs =
      CivilDate(instant, in: theirZone) == CivilDate(instant, in: yourZone)
      ? CivilDate.localTime(of: instant, in: theirZone).description
      : PlanReport.wallClock(instant, in: theirZone, thisYear: thisYear)
    return "\(yours) — \(theirs) in \(Wording.city(of: action.timeZone))"
  }

  /// Column widths that fit `total` terminal columns; 0 hides a column. WHY (the last
  /// column) gives way first, down to 24 columns, then WHAT (the second) down to 30; if that
  /// is still too wide WHY is left out, and WHAT shrinks further, down to 10. WHEN and
  /// STATUS are kept whole: a terminal too narrow even for them wraps the lines.
  static func fit(_ widths: [Int], into total: Int) -> [Int] {
    let natural = widths
    var widths = widths
    let what = 1
    let why = widths.count - 1
    func excess() -> Int {
      let shown = widths.filter { $0 > 0 }
      return shown.reduce(0, +) + gap.count * (shown.count - 1) - total
    }
    func shrink(_ column: Int, downTo floor: Int) {
      let cut = min(max(0, excess()), max(0, widths[column] - floor))
      widths[column] -= cut
    }
    shrink(why, downTo: 24)
    shrink(what, downTo: 30)
    if excess() > 0 {
      // WHY is left out; WHAT takes the room it had.
      widths[why] = 0
      widths[what] = natural[what]
      shrink(what, downTo: 10)
    }
    return widths
  }

  /// `Wed 25 Nov 2026 09:00` in `zone`; the day alone when `time` is false; without the
  /// year when it is `thisYear`.
  static func wallClock(
    _ date: Date, in zone: TimeZone, time: Bool = true, thisYear: Int? = nil
  ) -> String {
    let day = CivilDate(date, in: zone)
    var text = day.shortText
    if day.year != thisYear { text += " \(day.year)" }
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

/// How the plan may be drawn on standard output: whether ANSI styles are allowed and how many
/// columns the table may use.
package struct TerminalOutput: Hashable, Sendable {
  /// Whether ANSI styles may be printed.
  package var color: Bool
  /// The columns available, or `nil` when the output is not a terminal and `COLUMNS` is not
  /// set: then nothing is shortened.
  package var width: Int?

  /// Decides from the environment: colour only on a terminal, never with `NO_COLOR` set (to
  /// any value, empty included) or `TERM=dumb`; the width from `COLUMNS` (a positive
  /// number), else the terminal's own width (`windowWidth`, asked only on a terminal).
  package init(environment: [String: String], isTerminal: Bool, windowWidth: () -> Int?) {
    color = isTerminal && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    if let columns = environment["COLUMNS"].flatMap({ Int($0) }), columns > 0 {
      width = columns
    } else if isTerminal, let columns = windowWidth(), columns > 0 {
      width = columns
    } else {
      width = nil
    }
  }
}

/// How many terminal columns text takes, counted per user-perceived character (a Swift
/// `Character`, a grapheme cluster): East Asian Wide and Fullwidth characters and emoji take
/// two, combining marks, zero-width joiners, variation selectors and other format characters
/// none, everything else one.
package enum DisplayWidth {
  /// The columns `text` takes.
  package static func columns(of text: String) -> Int {
    text.reduce(0) { $0 + columns(of: $1) }
  }

  /// The columns one user-perceived character takes: 0, 1 or 2.
  package static func columns(of character: Character) -> Int {
    let scalars = character.unicodeScalars
    guard let first = scalars.first else { return 0 }
    // Emoji presentation: by default (🎉, 🇩🇪, a ZWJ family), or asked for with VS16 (☺️, 1️⃣).
    if first.properties.isEmojiPresentation
      || (first.properties.isEmoji && scalars.contains("\u{FE0F}"))
    {
      return 2
    }
    return min(2, scalars.reduce(0) { $0 + columns(of: $1) })
  }

  /// The columns one scalar takes on its own.
  static func columns(of scalar: Unicode.Scalar) -> Int {
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .spacingMark, .format, .control:
      return 0
    default:
      break
    }
    let v = scalar.value
    if (0xFE00...0xFE0F).contains(v) || (0xE0100...0xE01EF).contains(v)  // variation selectors
      || (0x1160...0x11FF).contains(v)  // Hangul vowels and finals join the initial
    {
      return 0
    }
    return wide.contains { $0.contains(v) } ? 2 : 1
  }

  /// East Asian Wide (W) and Fullwidth (F) ranges of Unicode's EastAsianWidth.txt, in
  /// blocks; emoji are told by their properties instead.
  private static let wide: [ClosedRange<UInt32>] = [
    0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
    0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF,
    0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4,
    0x17000...0x18CFF, 0x1B000...0x1B2FF, 0x1F200...0x1F2FF, 0x20000...0x2FFFD,
    0x30000...0x3FFFD,
  ]

  /// `text` cut to at most `width` columns, ending with `…` when anything was cut.
  package static func truncate(_ text: String, to width: Int) -> String {
    guard columns(of: text) > width else { return text }
    guard width > 0 else { return "" }
    var result = ""
    var used = 0
    for character in text {
      let w = columns(of: character)
      if used + w > width - 1 { break }
      result.append(character)
      used += w
    }
    return result + "…"
  }

  /// `text` followed by spaces up to `width` columns.
  package static func pad(_ text: String, to width: Int) -> String {
    text + String(repeating: " ", count: max(0, width - columns(of: text)))
  }
}
