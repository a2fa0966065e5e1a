import Foundation
import ICal
import Ledger
import Scheduler

/// How actions become calendar components.
public struct CalendarStyle: Hashable, Sendable {
  /// Write VTODOs (with DUE and completion) instead of VEVENTs.
  public var asTodos: Bool
  /// How often subscribers should refresh (REFRESH-INTERVAL and X-PUBLISHED-TTL).
  public var refreshInterval: Int

  /// Events, refreshed hourly.
  public init(asTodos: Bool = false, refreshInterval: Int = 3600) {
    self.asTodos = asTodos
    self.refreshInterval = refreshInterval
  }
}

/// How `CalendarExport.stream(_ journal:…)` divides its work between threads.
package enum ExportThreading: Hashable, Sendable {
  /// Everything on the caller's thread, one action after another: schedule an application,
  /// build each action's component, serialise it, hand it to the sink. The reference the
  /// tests and the benchmark compare the pipelined path with.
  case sequential
  /// Two threads (issue 12): a thread of its own schedules the applications and builds each
  /// action's component value (pure Swift); the caller's thread serialises them through
  /// libical and hands the text to the sink, in the same order and with the same bytes as
  /// `sequential`. libical is only ever called from the caller's thread.
  case pipelined
}

/// Turns the scheduler's actions into an iCalendar calendar, built through the ICal bindings.
package enum CalendarExport {
  /// The PRODID every calendar carries.
  package static let productID = "-//Tenterhooks//Tenterhooks//EN"
  /// The calendar's name when the ledger has no `calendar-name`.
  package static let defaultName = "Tenterhooks: after the interview"

  /// The calendar for `actions`: calendar properties, one trimmed VTIMEZONE per zone used,
  /// then one component per action in the order given.
  package static func calendar(
    for actions: [Action], settings: Settings, defaultZone: TimeZone, style: CalendarStyle = .init()
  ) throws(ICalError) -> VCalendar {
    let name = settings.calendarName ?? defaultName
    let ttl = ICalDuration(seconds: style.refreshInterval)
    var calendar = VCalendar(
      productID: productID, method: "PUBLISH", calendarScale: "GREGORIAN", name: name,
      refreshInterval: ttl,
      extraProperties: [
        ExtraProperty(name: "X-WR-CALNAME", value: name),
        ExtraProperty(
          name: "X-WR-TIMEZONE", value: settings.timeZone?.identifier ?? defaultZone.identifier),
        ExtraProperty(name: "X-PUBLISHED-TTL", value: durationText(style.refreshInterval)),
      ])
    calendar.timeZones = try timeZones(for: actions)
    let privacy = settings.privacy
    if style.asTodos {
      calendar.todos = actions.map { todo($0, privacy: privacy) }
    } else {
      calendar.events = actions.map { event($0, privacy: privacy) }
    }
    return calendar
  }

  /// Writes the same calendar as `calendar(for:…)` piece by piece: the envelope's header,
  /// each VTIMEZONE, one component per action, the footer — each built, serialised by
  /// libical and handed to `sink` on its own, so memory stays flat however many actions
  /// there are. The bytes are identical to serialising the whole calendar at once.
  package static func stream(
    _ actions: [Action], settings: Settings, defaultZone: TimeZone,
    style: CalendarStyle = .init(), into sink: (String) throws -> Void
  ) throws {
    try stream(
      actions, settings: settings, defaultZone: defaultZone, style: style,
      bytesInto: { try sink(String(decoding: $0, as: UTF8.self)) })
  }

  /// `stream` of a plan, handing `sink` the bytes as libical wrote them (see the journal's
  /// `stream(…bytesInto:)`).
  package static func stream(
    _ actions: [Action], settings: Settings, defaultZone: TimeZone,
    style: CalendarStyle = .init(), bytesInto sink: (UnsafeRawBufferPointer) throws -> Void
  ) throws {
    let privacy = settings.privacy
    try write(
      settings: settings, zones: try timeZones(for: actions), defaultZone: defaultZone,
      style: style, into: sink
    ) { emit in
      for action in actions { try emit(component(action, style: style, privacy: privacy)) }
    }
  }

  /// Schedules and writes the ledger's calendar one application at a time: the envelope,
  /// a VTIMEZONE for every zone the ledger's applications use (trimmed to the years from
  /// the first entry to the year after the last entry or decision date), then each
  /// application's components. Memory holds a few applications' actions at a time (one
  /// with `.sequential`, a few dozen on their way between the two threads with
  /// `.pipelined`), never the whole plan. Returns how many actions were written.
  package static func stream(
    _ journal: Journal, holidays: Set<CivilDate>, now: Date, defaultZone: TimeZone,
    style: CalendarStyle = .init(), threading: ExportThreading = .pipelined,
    into sink: (String) throws -> Void
  ) throws -> Int {
    try stream(
      journal, holidays: DaysOff(yours: holidays), now: now, defaultZone: defaultZone,
      style: style, threading: threading, into: sink)
  }

  /// `stream` with the days off of you and of each employer.
  ///
  /// `.pipelined` (the default) schedules the applications and builds their components on
  /// a thread of its own while this thread serialises them through libical and calls
  /// `sink` (`Handoff`); `.sequential` does it all here, one action after another. Both
  /// call `sink` with the same texts in the same order; an error from `sink` stops the
  /// scheduling thread and is rethrown unchanged once that thread has finished.
  package static func stream(
    _ journal: Journal, holidays: DaysOff, now: Date, defaultZone: TimeZone,
    style: CalendarStyle = .init(), threading: ExportThreading = .pipelined,
    into sink: (String) throws -> Void
  ) throws -> Int {
    try stream(
      journal, holidays: holidays, now: now, defaultZone: defaultZone, style: style,
      threading: threading, bytesInto: { try sink(String(decoding: $0, as: UTF8.self)) })
  }

  /// `stream`, handing `sink` the bytes of each piece as libical wrote them (UTF-8), valid
  /// only during the call: no `String` is made of them (issue 12, what the file export uses).
  package static func stream(
    _ journal: Journal, holidays: DaysOff, now: Date, defaultZone: TimeZone,
    style: CalendarStyle = .init(), threading: ExportThreading = .pipelined,
    bytesInto sink: (UnsafeRawBufferPointer) throws -> Void
  ) throws -> Int {
    let privacy = journal.settings.privacy
    switch threading {
    case .sequential:
      var count = 0
      try write(
        settings: journal.settings, zones: try timeZones(for: journal), defaultZone: defaultZone,
        style: style, into: sink
      ) { emit in
        try Scheduler.forEachApplication(in: journal, holidays: holidays, now: now) { actions in
          for action in actions { try emit(component(action, style: style, privacy: privacy)) }
          count += actions.count
        }
      }
      return count
    case .pipelined:
      return try pipelined(
        journal, holidays: holidays, now: now, defaultZone: defaultZone, style: style,
        bytesInto: sink)
    }
  }

  /// The `.pipelined` stream; when no second thread can be started (`start` fails: too
  /// many threads, no memory for a stack), the `.sequential` one, with the same bytes —
  /// nothing was written before the thread was asked for.
  static func pipelined(
    _ journal: Journal, holidays: DaysOff, now: Date, defaultZone: TimeZone,
    style: CalendarStyle,
    startingWith start: Handoff<Component>.ThreadStarter =
      SystemCall.startThread,
    bytesInto sink: (UnsafeRawBufferPointer) throws -> Void
  ) throws -> Int {
    let privacy = journal.settings.privacy
    // Whether the caller's side began (it may have written): then no error means "start over".
    var began = false
    do {
      return try Handoff<Component>.run(
        capacity: handoffCapacity, batchSize: handoffBatch, name: "tenterhooks-schedule",
        startingWith: start,
        produce: { producer in
          try Scheduler.forEachApplication(in: journal, holidays: holidays, now: now) {
            actions in
            try producer.hand(actions.lazy.map { component($0, style: style, privacy: privacy) })
          }
        },
        consume: { next in
          began = true
          // One component per action.
          var count = 0
          // The envelope and the zones are serialised while the first application is planned.
          try write(
            settings: journal.settings, zones: try timeZones(for: journal),
            defaultZone: defaultZone, style: style, into: sink
          ) { emit in
            while let batch = try next() {
              for component in batch { try emit(component) }
              count += batch.count
            }
          }
          return count
        })
    } catch let error as Handoff<Component>.ThreadUnavailable {
      guard !began else { throw error }
      return try stream(
        journal, holidays: holidays, now: now, defaultZone: defaultZone, style: style,
        threading: .sequential, bytesInto: sink)
    }
  }

  /// At least this many components go through the hand-over at once (about seven
  /// applications), so the two threads meet once per batch rather than once per action.
  static let handoffBatch = 32
  /// Batches that may wait for the serialising thread; with the one being built and the one
  /// being serialised (the serialised ones not yet freed count among the waiting, see
  /// `Handoff`), about forty applications are in memory at most.
  static let handoffCapacity = 4

  /// An action's calendar component, built but not yet serialised (pure Swift, no libical).
  enum Component: Sendable {
    case event(VEvent)
    case todo(VTodo)
  }

  /// The component `style` makes of `action`.
  static func component(_ action: Action, style: CalendarStyle, privacy: Privacy) -> Component {
    style.asTodos ? .todo(todo(action, privacy: privacy)) : .event(event(action, privacy: privacy))
  }

  /// The envelope's header, the zones, whatever components `components` emits (each
  /// serialised alone), then the footer.
  private static func write(
    settings: Settings, zones: [VTimeZone], defaultZone: TimeZone, style: CalendarStyle,
    into sink: (UnsafeRawBufferPointer) throws -> Void,
    components: ((Component) throws -> Void) throws -> Void
  ) throws {
    var shell = try calendar(for: [], settings: settings, defaultZone: defaultZone, style: style)
    shell.timeZones = zones
    var (header, footer) = try ComponentSerializer.envelope(of: shell)
    try header.withUTF8 { try sink(UnsafeRawBufferPointer($0)) }
    for zone in zones { try ComponentSerializer.serialized(zone).withBytes(sink) }
    // The component writer hands `sink` to the caller's loop; it never outlives this call.
    try withoutActuallyEscaping(sink) { sink in
      try components { component in
        switch component {
        case .event(let event): try ComponentSerializer.serialized(event).withBytes(sink)
        case .todo(let todo): try ComponentSerializer.serialized(todo).withBytes(sink)
        }
      }
    }
    try footer.withUTF8 { try sink(UnsafeRawBufferPointer($0)) }
  }

  /// One VTIMEZONE per zone the journal's applications use, and yours (your own tasks are
  /// on your clock), by name, trimmed to the years the plan can reach.
  static func timeZones(for journal: Journal) throws(ICalError) -> [VTimeZone] {
    // One pass, no list as long as the journal (issue 12).
    var zones = Set<ZoneID>()
    for entry in journal.entries {
      if let zone = journal.zones[entry.application] { zones.insert(zone) }
    }
    if !journal.entries.isEmpty { zones.insert(journal.yourZone) }
    zones = zones.filter { !$0.isUTC }
    guard let years = journal.yearsWritten else { return [] }
    let (first, last) = (years.lowerBound, years.upperBound)
    // Calls and checks run past the last entry or decision date, at most into the next year.
    return try zones.sorted().map { id throws(ICalError) in
      try VTimeZone(identifier: id.identifier, years: first...(last + 1))
    }
  }

  /// One VTIMEZONE per zone the actions use, in name order, trimmed to the years they span.
  static func timeZones(for actions: [Action]) throws(ICalError) -> [VTimeZone] {
    var years: [ZoneID: ClosedRange<Int>] = [:]
    for action in actions where !action.timeZone.isUTC {
      let zone = timeZone(action.timeZone)
      var instants = [action.start, action.end]
      if let until = action.repetition?.until { instants.append(until) }
      for instant in instants {
        let year = CivilDate(instant, in: zone).year
        let range = years[action.timeZone].map {
          min($0.lowerBound, year)...max($0.upperBound, year)
        }
        years[action.timeZone] = range ?? year...year
      }
    }
    return try years.keys.sorted().map { id throws(ICalError) in
      try VTimeZone(identifier: id.identifier, years: years[id]!)
    }
  }

  /// The zone named `id` (GMT for a name Foundation does not know).
  static func timeZone(_ id: ZoneID) -> TimeZone { id.timeZone ?? .gmt }

  /// A date-time in the action's zone (UTC values for UTC zones, which need no VTIMEZONE).
  static func local(_ instant: Date, _ action: Action) -> ICalDateTime {
    if action.timeZone.isUTC { return .utc(instant) }
    let zone = timeZone(action.timeZone)
    let clock = ZoneOffsets.wallClock(of: instant, in: zone)
    return ICalDateTime(
      year: clock.date.year, month: clock.date.month, day: clock.date.day, hour: clock.hour,
      minute: clock.minute, second: clock.second, form: .zoned(action.timeZone.identifier))
  }

  /// `PT1H` style text for X-PUBLISHED-TTL (seconds rounded down to minutes).
  static func durationText(_ seconds: Int) -> String {
    let hours = seconds / 3600
    let minutes = (seconds % 3600) / 60
    if hours > 0 && minutes == 0 { return "PT\(hours)H" }
    if hours > 0 { return "PT\(hours)H\(minutes)M" }
    return "PT\(max(minutes, 1))M"
  }

  static func summary(_ action: Action) -> String {
    switch action.status {
    case .pending: return action.title
    case .done: return "Done: " + action.title
    case .cancelled: return "Cancelled: " + action.title
    }
  }

  static func description(_ action: Action) -> String {
    var parts = [action.details]
    if let deadline = action.deadline {
      parts.append("Deadline: " + PlanDates.long(deadline, in: action.timeZone))
    }
    parts.append("Why: " + action.why)
    return parts.filter { !$0.isEmpty }.joined(separator: "\n\n")
  }

  static func alarms(_ action: Action) -> [VAlarm] {
    guard action.status == .pending else { return [] }
    return action.reminders.map {
      VAlarm(trigger: .relative(trigger($0, of: action), to: .start), description: $0.message)
    }
  }

  /// The TRIGGER that fires a reminder at the wall-clock moment the plan means, read the
  /// RFC 5545 §3.3.6 way: nominal days on the local clock of DTSTART's zone, then exact time.
  ///
  /// An offset of whole days ("a day before") means the same wall-clock time that many
  /// days away, so it is written as nominal days alone (`-P1D`). Any other offset names an
  /// instant — `start + offset`, e.g. 09:00 on the thank-you deadline's morning — and is
  /// written as the whole days between the two local dates plus the exact rest: Fri 09:00
  /// CEST to Mon 09:00 CET is `P3D`, not the 73 hours `P3DT1H` that fires at 10:00.
  static func trigger(_ reminder: Reminder, of action: Action) -> ICalDuration {
    let day = 86_400
    if reminder.offset % day == 0 { return ICalDuration(days: reminder.offset / day) }
    let zone = action.timeZone.isUTC ? TimeZone.gmt : timeZone(action.timeZone)
    let target = action.start.addingTimeInterval(TimeInterval(reminder.offset))
    let from = ZoneOffsets.wallClock(of: action.start, in: zone)
    let to = ZoneOffsets.wallClock(of: target, in: zone)
    func wallSeconds(_ c: (date: CivilDate, hour: Int, minute: Int, second: Int)) -> Int {
      c.date.daysSinceEpoch * day + c.hour * 3600 + c.minute * 60 + c.second
    }
    // Whole local days, rounded towards zero so that the exact rest has the same sign.
    var days = (wallSeconds(to) - wallSeconds(from)) / day
    while true {
      let anchor = ZoneOffsets.instant(
        of: from.date.adding(days: days), hour: from.hour, minute: from.minute,
        second: from.second, in: zone)
      let rest = Int(target.timeIntervalSince(anchor).rounded())
      // A clock change between the anchor and the target can flip the rest's sign; a day
      // fewer then keeps one sign, as a DURATION needs.
      if days == 0 || rest == 0 || (rest < 0) == (days < 0) {
        return ICalDuration(days: days, seconds: rest)
      }
      days += days > 0 ? -1 : 1
    }
  }

  static func recurrence(_ action: Action) -> (RecurrenceRule?, [ICalDateTime]) {
    guard let repetition = action.repetition else { return (nil, []) }
    let days = repetition.weekdays.sorted().map { RecurrenceRule.Day(recurrenceWeekday($0)) }
    let rule =
      repetition.weekdays.count == 7
      ? RecurrenceRule(frequency: .daily, until: .utc(repetition.until))
      : RecurrenceRule(frequency: .weekly, until: .utc(repetition.until), byDay: days)
    return (rule, repetition.exceptions.map { local($0, action) })
  }

  static func recurrenceWeekday(_ day: Weekday) -> RecurrenceWeekday {
    switch day {
    case .monday: .monday
    case .tuesday: .tuesday
    case .wednesday: .wednesday
    case .thursday: .thursday
    case .friday: .friday
    case .saturday: .saturday
    case .sunday: .sunday
    }
  }

  static func extras(_ action: Action) -> [ExtraProperty] {
    [
      ExtraProperty(name: "X-TENTERHOOKS-APPLICATION", value: action.application),
      ExtraProperty(name: "X-TENTERHOOKS-KIND", value: action.kind.rawValue),
      ExtraProperty(name: "X-TENTERHOOKS-STATUS", value: action.status.rawValue),
    ]
  }

  /// CLASS: private unless the ledger says `privacy public` — people hunt for a job while
  /// employed, on calendars their colleagues can see.
  static func classification(_ privacy: Privacy) -> Classification {
    privacy == .public ? .public : .private
  }

  /// TRANSP: what involves the employer (the interview, the call) is busy time; your own
  /// reminders — a ten-minute e-mail check — do not block your day.
  static func transparency(_ action: Action) -> Transparency {
    action.kind.involvesEmployer ? .opaque : .transparent
  }

  static func event(_ action: Action, privacy: Privacy = .private) -> VEvent {
    let (rule, exceptions) = recurrence(action)
    return VEvent(
      uid: action.uid, stamp: action.stamp, start: local(action.start, action),
      end: local(action.end, action), summary: summary(action), description: description(action),
      location: action.location, url: action.url,
      categories: ["Tenterhooks", action.kind.rawValue],
      status: action.status == .cancelled ? .cancelled : .confirmed, sequence: action.sequence,
      priority: action.isProminent ? 1 : nil, recurrence: rule, exceptionDates: exceptions,
      alarms: alarms(action), extraProperties: extras(action),
      classification: classification(privacy), transparency: transparency(action))
  }

  static func todo(_ action: Action, privacy: Privacy = .private) -> VTodo {
    let (rule, exceptions) = recurrence(action)
    let status: TodoStatus =
      switch action.status {
      case .pending: .needsAction
      case .done: .completed
      case .cancelled: .cancelled
      }
    return VTodo(
      uid: action.uid, stamp: action.stamp, start: local(action.start, action),
      due: local(action.deadline ?? action.end, action), summary: action.title,
      description: description(action), url: action.url,
      categories: ["Tenterhooks", action.kind.rawValue], status: status,
      completed: action.status == .done ? action.stamp : nil,
      percentComplete: action.status == .done ? 100 : nil, sequence: action.sequence,
      priority: action.isProminent ? 1 : nil, recurrence: rule, exceptionDates: exceptions,
      alarms: alarms(action), extraProperties: extras(action), location: action.location,
      classification: classification(privacy))
  }
}

/// Locale-independent date texts for descriptions and the plan.
package enum PlanDates {
  /// "Thu 26 Nov 2026, 23:59 (Europe/Berlin)".
  package static func long(_ instant: Date, in zoneID: ZoneID) -> String {
    let clock = ZoneOffsets.wallClock(of: instant, in: CalendarExport.timeZone(zoneID))
    let time = LocalTime(hour: clock.hour, minute: clock.minute)
    return "\(clock.date.mediumText), \(time) (\(zoneID.identifier))"
  }
}
