import Foundation
import Ledger
import Scheduler

/// Where each application stands, as `tenterhooks status` shows it: one row per application,
/// open ones first (in ledger order), closed ones last.
///
/// A row has the company and role, open or how it closed, the round, the days since the
/// latest interview that took place, the postponements so far (every round), and the next
/// action with its time in your zone. The same standings, actions, `now` and zone always give
/// the same bytes.
package struct StatusReport: Sendable {
  /// One application's row.
  package struct Row: Hashable, Sendable {
    /// The application's standing.
    package var standing: Standing
    /// Days since the latest interview that has taken place; `nil` before the first.
    package var daysSinceInterview: Int?
    /// The most urgent pending action, as `plan` orders them; `nil` when nothing is left.
    package var next: Action?
    /// When `next` is due next (its next occurrence when it repeats).
    package var nextTime: Date?
  }

  /// The rows, open applications first.
  package let rows: [Row]
  /// The moment the report describes.
  package let now: Date
  /// Your zone: times are shown in it.
  package let yourZone: TimeZone

  /// Builds the rows from every standing and every action of the plan.
  package init(standings: [Standing], actions: [Action], now: Date, yourZone: TimeZone) {
    self.now = now
    self.yourZone = yourZone
    var byApplication: [String: [Action]] = [:]
    for action in actions { byApplication[action.application, default: []].append(action) }
    rows = StatusReport.ordered(standings).map { standing in
      let next = PlanReport(
        actions: byApplication[standing.application] ?? [], now: now, yourZone: yourZone
      ).actions.first
      return Row(
        standing: standing,
        daysSinceInterview: standing.daysSinceInterview(at: now, in: yourZone), next: next,
        nextTime: next.map { $0.nextOccurrence(after: now, in: PlanReport.zone(of: $0)) })
    }
  }

  /// The report of a loaded workspace as of `now`.
  package init(_ workspace: Workspace, now: Date, system: TimeZone = .current) {
    self.init(
      standings: Scheduler.standings(workspace.journal),
      actions: Pipeline.plan(workspace, now: now), now: now,
      yourZone: PlanReport.yourZone(of: workspace.journal, system: system))
  }

  /// Open applications first, then closed ones; each group in ledger order.
  static func ordered(_ standings: [Standing]) -> [Standing] {
    standings.filter { !$0.state.isClosed } + standings.filter(\.state.isClosed)
  }

  /// The state in one word: `open`, `offer`, `rejected`, `withdrew`, `accepted`.
  static func word(for state: Standing.State) -> String { state.rawValue }

  // MARK: JSON

  /// One JSON array, an object per application; keys sorted, every key always present.
  package func json() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    // Encoding strings, numbers and booleans cannot fail.
    let data = try! encoder.encode(rows.map { Record(row: $0, now: now, yourZone: yourZone) })
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  private struct Record: Encodable {
    let row: Row
    let now: Date
    let yourZone: TimeZone

    enum Key: String, CodingKey {
      case application, company, role, contact, state, closed, round, daysSinceInterview
      case postponements, postponementsThisRound, decision, next
    }
    enum NextKey: String, CodingKey { case kind, title, when, overdue, uid }

    func encode(to encoder: Encoder) throws {
      let s = row.standing
      var c = encoder.container(keyedBy: Key.self)
      try c.encode(s.application, forKey: .application)
      try c.encode(s.company, forKey: .company)
      try c.encode(s.role, forKey: .role)
      try c.encode(s.contact, forKey: .contact)
      try c.encode(s.state.rawValue, forKey: .state)
      try c.encode(s.closedOn.map { "\($0)" }, forKey: .closed)
      try c.encode(s.round, forKey: .round)
      try c.encode(row.daysSinceInterview, forKey: .daysSinceInterview)
      try c.encode(s.postponements, forKey: .postponements)
      try c.encode(s.postponementsThisRound, forKey: .postponementsThisRound)
      try c.encode(s.decision.map { "\($0)" }, forKey: .decision)
      if let next = row.next, let when = row.nextTime {
        var n = c.nestedContainer(keyedBy: NextKey.self, forKey: .next)
        try n.encode(next.kind.rawValue, forKey: .kind)
        try n.encode(next.title, forKey: .title)
        try n.encode(PlanReport.iso8601(when, in: yourZone), forKey: .when)
        try n.encode(next.isOverdue(at: now), forKey: .overdue)
        try n.encode(next.uid, forKey: .uid)
      } else {
        try c.encodeNil(forKey: .next)
      }
    }
  }

  // MARK: Table

  /// A table for the terminal. Closed applications come last and are dimmed when `color` is
  /// set; an overdue next action is red. With a `width`, APPLICATION and NEXT are shortened
  /// with `…` until every line fits (widths in terminal columns, see `DisplayWidth`).
  package func table(color: Bool, width: Int? = nil) -> String {
    guard !rows.isEmpty else { return "No applications yet.\n" }
    let header = ["ID", "APPLICATION", "STATE", "ROUND", "DAYS", "POSTPONED", "NEXT"]
    let thisYear = CivilDate(now, in: yourZone).year
    // The widest "[OVERDUE ]day time" of NEXT: what it keeps when it must give way.
    var whenWidth = 1
    let cells: [(cells: [String], style: String?)] = rows.map { row in
      let s = row.standing
      let name = [s.company, s.role].compactMap { $0 }.joined(separator: " — ")
      var state = s.state.rawValue
      if let closed = s.closedOn { state += " \(StatusReport.day(closed, thisYear: thisYear))" }
      var next = "—"
      if let action = row.next, let when = row.nextTime {
        let time =
          (action.isOverdue(at: now) ? "OVERDUE " : "")
          + PlanReport.wallClock(when, in: yourZone, thisYear: thisYear)
        whenWidth = max(whenWidth, DisplayWidth.columns(of: time))
        next = time + "  " + action.title
      }
      let days = s.state.isClosed ? "—" : row.daysSinceInterview.map { "\($0)" } ?? "—"
      let style: String? =
        s.state.isClosed ? "2" : row.next?.isOverdue(at: now) == true ? "1;31" : nil
      return (
        [
          s.application, name.isEmpty ? s.application : name, state, "\(s.round)", days,
          "\(s.postponements)", next,
        ], style
      )
    }
    var widths = header.map { DisplayWidth.columns(of: $0) }
    for row in cells {
      for (i, cell) in row.cells.enumerated() {
        widths[i] = max(widths[i], DisplayWidth.columns(of: cell))
      }
    }
    // (One more than the time: a cut cell ends in `…`, which takes its last column.)
    if let width { widths = StatusReport.fit(widths, into: width, keeping: whenWidth + 1) }
    let numeric: Set<Int> = [3, 4, 5]
    func line(_ cells: [String]) -> String {
      cells.indices.map { i in
        let shown = DisplayWidth.truncate(cells[i], to: widths[i])
        if numeric.contains(i) {
          return String(repeating: " ", count: widths[i] - DisplayWidth.columns(of: shown)) + shown
        }
        return i == cells.count - 1 ? shown : DisplayWidth.pad(shown, to: widths[i])
      }.joined(separator: "  ")
    }
    func styled(_ text: String, _ code: String?) -> String {
      guard color, let code else { return text }
      return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }
    var text = styled(line(header), "1") + "\n"
    for row in cells { text += styled(line(row.cells), row.style) + "\n" }
    return text
  }

  /// `25 Nov`, with the year when it is not `thisYear`.
  private static func day(_ date: CivilDate, thisYear: Int) -> String {
    let months = [
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    let text = "\(date.day) \(months[date.month - 1])"
    return date.year == thisYear ? text : text + " \(date.year)"
  }

  /// Widths that fit `total` columns: NEXT (the last) gives way first, down to 24 (or
  /// `keeping`, when wider), then
  /// APPLICATION down to 12, STATE down to its word (`withdrew…`, the date cut), ID down to 8,
  /// NEXT down to `keeping` (its widest day and time, `OVERDUE` included, as `plan` keeps
  /// WHEN whole), APPLICATION down to 6, and NEXT down to 8. The numbers stay whole.
  static func fit(_ widths: [Int], into total: Int, keeping: Int) -> [Int] {
    var widths = widths
    let (id, application, state) = (0, 1, 2)
    let next = widths.count - 1
    func excess() -> Int { widths.reduce(0, +) + 2 * (widths.count - 1) - total }
    func shrink(_ column: Int, downTo floor: Int) {
      widths[column] -= min(max(0, excess()), max(0, widths[column] - floor))
    }
    shrink(next, downTo: max(24, keeping))
    shrink(application, downTo: 12)
    shrink(state, downTo: 9)
    shrink(id, downTo: 8)
    shrink(next, downTo: keeping)
    shrink(application, downTo: 6)
    shrink(next, downTo: 8)
    return widths
  }
}
