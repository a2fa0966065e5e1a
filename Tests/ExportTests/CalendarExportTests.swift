import Export
import Foundation
import ICal
import Ledger
import Scheduler
import Testing

/// Ledger text → workspace → actions → calendar, the way `export` does it, without files.
enum Export {
  static let berlin = TimeZone(identifier: "Europe/Berlin")!

  static func now(_ text: String) -> Date { ISODateTime.parse(text, defaultZone: berlin)! }

  static func journal(_ text: String) throws -> Journal {
    try Journal.parse(Array(text.utf8), path: "/tmp/test.ledger", defaultZone: berlin)
  }

  static func calendar(_ text: String, now: String, todos: Bool = false) throws -> (
    VCalendar, [Action]
  ) {
    let journal = try journal(text)
    let actions = Scheduler.plan(journal, holidays: [], now: self.now(now))
    let calendar = try CalendarExport.calendar(
      for: actions, settings: journal.settings, defaultZone: berlin,
      style: CalendarStyle(asTodos: todos))
    return (calendar, actions)
  }

  static func text(_ ledger: String, now: String, todos: Bool = false) throws -> String {
    try calendar(ledger, now: now, todos: todos).0.serialized()
  }
}

@Suite("The calendar export")
struct CalendarExportTests {
  static let ledger = """
    timezone Europe/Berlin
    calendar-name My job search
    uid-domain example.org

    2026-11-24 10:00 interview acme
      company: Acme GmbH
      role: iOS Engineer
      contact: Jane Doe
      email: jane@acme.example
      decision: 2026-12-01

    2026-11-24 19:30 thanked acme

    2026-11-26 15:00 interview globex
      company: Globex; "Springfield", 5th floor
      contact: Hank Scorpio
      tz: America/New_York

    2026-11-27 rejected globex

    """

  @Test("pending actions carry DISPLAY alarms with text; done and cancelled ones none")
  func alarmsFollowStatus() throws {
    let (calendar, actions) = try Export.calendar(Self.ledger, now: "2026-11-25T12:00:00")
    let byUID = Dictionary(uniqueKeysWithValues: calendar.events.map { ($0.uid, $0) })
    #expect(byUID.count == actions.count)
    #expect(actions.contains { $0.status == .done } && actions.contains { $0.status == .cancelled })
    for action in actions {
      let event = try #require(byUID[action.uid])
      if action.status == .pending {
        #expect(event.alarms.count == action.reminders.count)
        #expect(!event.alarms.isEmpty, "pending \(action.uid) has no alarm")
        #expect(event.alarms.allSatisfy { $0.action == .display && !$0.description.isEmpty })
        #expect(event.alarms.allSatisfy { if case .relative = $0.trigger { true } else { false } })
      } else {
        #expect(event.alarms.isEmpty, "\(action.status) \(action.uid) still has alarms")
      }
      #expect(event.status == (action.status == .cancelled ? .cancelled : .confirmed))
      #expect(event.sequence == action.sequence)
    }
  }

  @Test("each event and to-do has one CATEGORIES line: Tenterhooks and the kind")
  func oneCategoriesLine() throws {
    for todos in [false, true] {
      let (calendar, actions) = try Export.calendar(
        Self.ledger, now: "2026-11-25T12:00:00", todos: todos)
      let text = try calendar.serialized()
      let lines = text.components(separatedBy: "\r\n").filter { $0.hasPrefix("CATEGORIES") }
      #expect(lines.count == actions.count)
      for action in actions {
        #expect(lines.contains("CATEGORIES:Tenterhooks,\(action.kind.rawValue)"))
      }
    }
  }

  @Test("the calendar carries every property the contract lists")
  func calendarProperties() throws {
    let text = try Export.text(Self.ledger, now: "2026-11-25T12:00:00")
    for line in [
      "VERSION:2.0", "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "NAME:My job search",
      "X-WR-CALNAME:My job search", "X-WR-TIMEZONE:Europe/Berlin",
      "REFRESH-INTERVAL;VALUE=DURATION:PT1H", "X-PUBLISHED-TTL:PT1H",
    ] {
      #expect(text.contains("\r\n\(line)\r\n"), "missing \(line)")
    }
    #expect(text.contains("\r\nPRODID:"))
    #expect(text.hasPrefix("BEGIN:VCALENDAR\r\n") && text.hasSuffix("END:VCALENDAR\r\n"))
  }

  @Test("each zone used has one trimmed VTIMEZONE with its plain IANA name")
  func timeZonesPerZoneUsed() throws {
    let (calendar, _) = try Export.calendar(Self.ledger, now: "2026-11-25T12:00:00")
    #expect(calendar.timeZones.map(\.identifier) == ["America/New_York", "Europe/Berlin"])
    #expect(calendar.timeZones.allSatisfy { $0.years == 2026...2026 })
    let text = try calendar.serialized()
    #expect(text.contains("DTSTART;TZID=America/New_York:20261126T150000\r\n"))
    #expect(!text.contains("freeassociation"))
  }

  @Test("the output passes libical's restriction check and our VALARM checks")
  func validates() throws {
    let text = try Export.text(Self.ledger, now: "2026-11-25T12:00:00")
    let problems = try ICalValidator.problems(in: text)
    // iTIP (RFC 5546) wants an ORGANIZER on published events; a personal reminder calendar
    // has none, and the feeds calendar apps publish omit it too, so that one is expected.
    let unexpected = problems.filter { !$0.contains("ORGANIZER") }
    #expect(unexpected.isEmpty, "\(unexpected)")
  }

  @Test("the same ledger and now give byte-identical output")
  func deterministic() throws {
    let first = try Export.text(Self.ledger, now: "2026-11-25T12:00:00")
    let second = try Export.text(Self.ledger, now: "2026-11-25T12:00:00")
    #expect(first == second)
    // DTSTAMP comes from the ledger (an entry's instant, or `now` when that is later:
    // never in the future), never from the clock.
    let now = "20261125T110000Z"  // 2026-11-25T12:00:00 in Berlin
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
    let entryInstants = Set(
      try Export.journal(Self.ledger).entries.map { formatter.string(from: $0.instant) })
    let stamps = first.split(separator: "\r\n").filter { $0.hasPrefix("DTSTAMP:") }
    #expect(!stamps.isEmpty)
    for stamp in stamps.map({ String($0.dropFirst(8)) }) {
      #expect(entryInstants.contains(stamp) || stamp == now, "\(stamp)")
      #expect(stamp <= now, "\(stamp)")
    }
  }

  @Test("a postponement keeps the call's UID, moves it and raises its SEQUENCE")
  func postponementUpdatesInPlace() throws {
    let before = try Export.calendar(Self.ledger, now: "2026-11-27T12:00:00").0
    let after = try Export.calendar(
      Self.ledger + "2026-11-27 11:00 postponed acme\n  decision: 2026-12-08\n",
      now: "2026-11-27T12:00:00"
    ).0
    let call = { (c: VCalendar) in
      c.events.first { $0.uid.hasPrefix("follow-up-call") && $0.uid.contains("acme") }
    }
    let old = try #require(call(before))
    let new = try #require(call(after))
    #expect(old.uid == new.uid)
    #expect(
      old.start
        == ICalDateTime(year: 2026, month: 12, day: 2, hour: 10, form: .zoned("Europe/Berlin")))
    #expect(
      new.start
        == ICalDateTime(year: 2026, month: 12, day: 9, hour: 10, form: .zoned("Europe/Berlin")))
    #expect((new.sequence ?? 0) > (old.sequence ?? 0))
  }

  @Test("cancelled actions stay with STATUS:CANCELLED and a higher SEQUENCE")
  func cancelledKept() throws {
    let open = try Export.calendar(
      Self.ledger.replacingOccurrences(of: "2026-11-27 rejected globex\n", with: ""),
      now: "2026-11-27T12:00:00"
    ).0
    let closed = try Export.calendar(Self.ledger, now: "2026-11-27T12:00:00").0
    let pending = open.events.filter {
      $0.uid.contains("globex") && $0.status != .cancelled && $0.alarms.count > 0
    }
    #expect(!pending.isEmpty)
    for event in pending {
      let now = try #require(closed.events.first { $0.uid == event.uid })
      #expect(now.status == .cancelled)
      #expect((now.sequence ?? 0) > (event.sequence ?? 0))
      #expect(now.alarms.isEmpty)
    }
  }

  @Test("the e-mail check repeats on business days with UNTIL in UTC")
  func recurrenceUntilInUTC() throws {
    let text = try Export.text(Self.ledger, now: "2026-11-25T12:00:00")
    let rule = try #require(
      text.split(separator: "\r\n").first { $0.hasPrefix("RRULE:") && $0.contains("BYDAY") })
    #expect(rule.contains("FREQ=WEEKLY"))
    #expect(rule.contains("BYDAY=MO,TU,WE,TH,FR"))
    let until = try #require(rule.split(separator: ";").first { $0.hasPrefix("UNTIL=") })
    #expect(until.hasSuffix("Z"))
  }

  @Test("with --todos every action is a VTODO; done ones are COMPLETED without alarms")
  func todos() throws {
    let (calendar, actions) = try Export.calendar(
      Self.ledger, now: "2026-11-25T12:00:00", todos: true)
    #expect(calendar.events.isEmpty)
    #expect(calendar.todos.count == actions.count)
    for action in actions {
      let todo = try #require(calendar.todos.first { $0.uid == action.uid })
      switch action.status {
      case .pending:
        #expect(todo.status == .needsAction)
        #expect(!todo.alarms.isEmpty)
      case .done:
        #expect(todo.status == .completed)
        #expect(todo.completed != nil && todo.alarms.isEmpty)
      case .cancelled:
        #expect(todo.status == .cancelled)
      }
      #expect(todo.due != nil)
    }
    let letter = try #require(
      calendar.todos.first { $0.uid.hasPrefix("thank-you") && $0.uid.contains("acme") })
    #expect(letter.status == .completed)
  }

  @Test("awkward company names survive escaping into the calendar")
  func awkwardText() throws {
    let (calendar, _) = try Export.calendar(Self.ledger, now: "2026-11-25T12:00:00")
    let back = try VCalendar.parse(try calendar.serialized())
    #expect(back.events == calendar.events)
    #expect(back.events.contains { $0.summary.contains("Globex; \"Springfield\", 5th floor") })
  }
}

@Suite("Streaming the calendar to a file")
struct StreamingExportTests {
  @Test("the streamed calendar is byte-identical to the whole calendar serialised at once")
  func streamEqualsWhole() throws {
    for todos in [false, true] {
      let (calendar, actions) = try Export.calendar(
        CalendarExportTests.ledger, now: "2026-11-25T12:00:00", todos: todos)
      let journal = try Export.journal(CalendarExportTests.ledger)
      var streamed = ""
      try CalendarExport.stream(
        actions, settings: journal.settings, defaultZone: Export.berlin,
        style: CalendarStyle(asTodos: todos)
      ) { streamed += $0 }
      #expect(streamed == (try calendar.serialized()))
    }
  }

  @Test("writing one application at a time gives the same components as the whole plan")
  func perApplicationStreamHasTheSameComponents() throws {
    for todos in [false, true] {
      let (whole, actions) = try Export.calendar(
        CalendarExportTests.ledger, now: "2026-11-25T12:00:00", todos: todos)
      let journal = try Export.journal(CalendarExportTests.ledger)
      var streamed = ""
      let count = try CalendarExport.stream(
        journal, holidays: [], now: Export.now("2026-11-25T12:00:00"),
        defaultZone: Export.berlin, style: CalendarStyle(asTodos: todos)
      ) { streamed += $0 }
      #expect(count == actions.count)
      let back = try VCalendar.parse(streamed)
      #expect(
        back.events.sorted { $0.uid < $1.uid }
          == whole.events.sorted { $0.uid < $1.uid })
      #expect(
        back.todos.sorted { $0.uid < $1.uid }
          == whole.todos.sorted { $0.uid < $1.uid })
      #expect(back.timeZones.map(\.identifier) == whole.timeZones.map(\.identifier))
      // Applications come one after another, each in start order.
      let applications =
        back.events.map { $0.uid.split(separator: ".").last! }
        + back.todos.map { $0.uid.split(separator: ".").last! }
      #expect(applications == applications.sorted())
    }
  }

  @Test("export to a file writes what render returns, and a bad ledger leaves the file as it was")
  func exportReplacesAtomically() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("tenterhooks-export-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let ledger = folder.appendingPathComponent("interviews.ledger").path
    let output = folder.appendingPathComponent("calendar.ics").path
    try CalendarExportTests.ledger.write(toFile: ledger, atomically: true, encoding: .utf8)
    let now = Export.now("2026-11-25T12:00:00")

    let rendered = try Pipeline.render(ledgerPath: ledger, now: now, defaultZone: Export.berlin)
    _ = try Pipeline.export(ledgerPath: ledger, now: now, defaultZone: Export.berlin, to: output)
    #expect(Array(try Data(contentsOf: URL(fileURLWithPath: output))) == rendered.bytes)

    try (CalendarExportTests.ledger + "2026-11-28 postponed nobody\n")
      .write(toFile: ledger, atomically: true, encoding: .utf8)
    #expect(throws: RenderError.self) {
      try Pipeline.export(ledgerPath: ledger, now: now, defaultZone: Export.berlin, to: output)
    }
    #expect(Array(try Data(contentsOf: URL(fileURLWithPath: output))) == rendered.bytes)
    // No temporary file is left behind.
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [
        "calendar.ics", "interviews.ledger",
      ])
  }

  @Test("an unwritable folder is a clear write error and nothing is created")
  func unwritableFolder() throws {
    let now = Export.now("2026-11-25T12:00:00")
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("tenterhooks-export-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let ledger = folder.appendingPathComponent("interviews.ledger").path
    try CalendarExportTests.ledger.write(toFile: ledger, atomically: true, encoding: .utf8)
    let error = #expect(throws: RenderError.self) {
      try Pipeline.export(
        ledgerPath: ledger, now: now, defaultZone: Export.berlin,
        to: folder.appendingPathComponent("missing/calendar.ics").path)
    }
    guard case .write(let failure) = error else {
      Issue.record("expected a write error, got \(String(describing: error))")
      return
    }
    #expect(failure.description.contains("missing/calendar.ics"))
  }
}

@Suite("Alarms across a DST change")
struct AlarmWallClockTests {
  /// When a relative trigger fires, read as RFC 5545 §3.3.6 says: the days on the local
  /// clock of DTSTART's zone, then the exact time.
  static func firing(_ duration: ICalDuration, from start: ICalDateTime) throws -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = try #require(TimeZone(identifier: start.timeZoneIdentifier ?? "UTC"))
    let local = DateComponents(
      year: start.year, month: start.month, day: start.day + duration.days, hour: start.hour,
      minute: start.minute, second: start.second)
    let day = try #require(calendar.date(from: local))
    return day.addingTimeInterval(TimeInterval(duration.seconds))
  }

  static func wallClock(_ instant: Date, _ zone: String) -> String {
    PlanReport.iso8601(instant, in: TimeZone(identifier: zone)!)
  }

  @Test(
    "the thank-you deadline alarm fires at 09:00 on the deadline morning across a DST change",
    arguments: [
      // Autumn and spring, in Europe/Berlin and America/New_York: interview on a Thursday,
      // letter on Friday 09:00, deadline Monday, the clocks change on the Sunday between.
      ("Europe/Berlin", "2026-10-22", "2026-10-26T09:00:00+01:00"),
      ("Europe/Berlin", "2027-03-25", "2027-03-29T09:00:00+02:00"),
      ("America/New_York", "2026-10-29", "2026-11-02T09:00:00-05:00"),
      ("America/New_York", "2027-03-11", "2027-03-15T09:00:00-04:00"),
    ])
  func deadlineMorningAcrossDST(zone: String, interview: String, morning: String) throws {
    let ledger = "timezone \(zone)\n\(interview) 15:00 interview acme\n  company: Acme\n"
    for todos in [false, true] {
      let (calendar, _) = try Export.calendar(ledger, now: interview + "T16:00:00", todos: todos)
      let letter: (start: ICalDateTime?, alarms: [VAlarm])? =
        todos
        ? calendar.todos.first { $0.uid.hasPrefix("thank-you") }.map { ($0.start, $0.alarms) }
        : calendar.events.first { $0.uid.hasPrefix("thank-you") }.map { ($0.start, $0.alarms) }
      let found = try #require(letter)
      let start = try #require(found.start)
      #expect(found.alarms.count == 2)
      let last = try #require(found.alarms.last)
      guard case .relative(let duration, .start) = last.trigger else {
        Issue.record("the deadline alarm is not relative to the start: \(last.trigger)")
        continue
      }
      #expect(duration == .days(3))
      #expect(Self.wallClock(try Self.firing(duration, from: start), zone) == morning)
    }
  }

  @Test(
    "every alarm fires at the moment the plan means, in every zone, spring and autumn",
    arguments: [
      ("Europe/Berlin", "2026-10-21"), ("Europe/Berlin", "2027-03-24"),
      ("America/New_York", "2026-10-28"), ("America/New_York", "2027-03-10"),
      ("Australia/Sydney", "2026-04-01"), ("Australia/Sydney", "2026-09-30"),
    ])
  func everyAlarmAtItsWallClock(zone: String, week: String) throws {
    // Interviews at 15:00 on each day of the week before the change, and one on the day
    // after it (a day-before alarm across the change), with a decision date past it.
    let first = try #require(CivilDate(parsing: week))
    var ledger = "timezone \(zone)\n"
    for n in 0..<6 {
      let day = first.adding(days: n)
      ledger += "\(day) 15:00 interview app\(n)\n  decision: \(day.adding(days: 2))\n"
    }
    let (calendar, actions) = try Export.calendar(ledger, now: week + "T12:00:00")
    var checked = 0
    for action in actions where action.status == .pending {
      let event = try #require(calendar.events.first { $0.uid == action.uid })
      for (reminder, alarm) in zip(action.reminders, event.alarms) {
        guard case .relative(let duration, .start) = alarm.trigger else {
          Issue.record("\(action.uid): not a relative trigger")
          continue
        }
        let fires = try Self.firing(duration, from: event.start)
        // Whole days mean the same wall-clock time that many days away ("a day before");
        // any other offset names the instant start + offset.
        let meant =
          reminder.offset % 86_400 == 0
          ? try Self.firing(.days(reminder.offset / 86_400), from: event.start)
          : action.start.addingTimeInterval(TimeInterval(reminder.offset))
        #expect(
          Self.wallClock(fires, zone) == Self.wallClock(meant, zone),
          "\(action.uid): \(duration) fires \(Self.wallClock(fires, zone))")
        checked += 1
      }
    }
    #expect(checked > 10)
  }
}

@Suite("CLASS, TRANSP, LOCATION and URL")
struct VisibilityTests {
  static let ledger = """
    timezone Europe/Berlin
    2026-11-24 10:00 interview acme
      place: Friedrichstraße 12, Berlin
      url: https://acme.example/jobs/1

    """

  /// The unfolded content lines of the component whose UID starts with `prefix`.
  func component(_ text: String, _ prefix: String) -> [String] {
    let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
    let blocks = unfolded.components(separatedBy: "BEGIN:VEVENT")
    return blocks.first { $0.contains("UID:" + prefix) }?.components(separatedBy: "\r\n") ?? []
  }

  @Test("private by default; the interview and the call are busy, your reminders free")
  func privateAndTransparency() throws {
    let text = try Export.text(Self.ledger, now: "2026-11-20T12:00:00")
    let interview = component(text, "interview")
    #expect(interview.contains("CLASS:PRIVATE") && interview.contains("TRANSP:OPAQUE"))
    #expect(interview.contains("LOCATION:Friedrichstraße 12\\, Berlin"))
    #expect(interview.contains("URL:https://acme.example/jobs/1"))
    let call = component(text, "follow-up-call")
    #expect(call.contains("TRANSP:OPAQUE") && call.contains("URL:https://acme.example/jobs/1"))
    for mine in ["thank-you", "check-email"] {
      let lines = component(text, mine)
      #expect(lines.contains("TRANSP:TRANSPARENT") && lines.contains("CLASS:PRIVATE"), "\(mine)")
      #expect(!lines.contains { $0.hasPrefix("LOCATION") })
    }
  }

  @Test("privacy public writes CLASS:PUBLIC")
  func publicClass() throws {
    let text = try Export.text("privacy public\n" + Self.ledger, now: "2026-11-20T12:00:00")
    #expect(text.contains("CLASS:PUBLIC"))
    #expect(!text.contains("CLASS:PRIVATE"))
  }
}
