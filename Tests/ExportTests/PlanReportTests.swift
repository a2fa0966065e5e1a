import Export
import Foundation
import Ledger
import Scheduler
import Testing

@Suite("The plan report")
struct PlanReportTests {
  let berlin = TimeZone(identifier: "Europe/Berlin")!

  /// Acme (Berlin, decision Tue 1 Dec, thanked) and Nyco (New York, nothing agreed).
  var journal: Journal {
    func entry(
      _ verb: Verb, _ id: String, _ date: String, _ zone: String, order: Int,
      _ fields: [(String, String)] = []
    ) -> Entry {
      let day = CivilDate(parsing: date)!
      let time = LocalTime(hour: 10, minute: 0)
      let location = SourceLocation(path: "t.ledger", line: order + 1, column: 1)
      return Entry(
        verb: verb, application: id, date: day, time: time,
        instant: day.instant(at: time, in: TimeZone(identifier: zone)!),
        fields: fields.map {
          Field(key: FieldKey(rawValue: $0.0)!, value: $0.1, location: location)
        },
        location: location, order: order)
    }
    var settings = Settings()
    settings.timeZone = "Europe/Berlin"
    return Journal(
      path: "t.ledger", settings: settings,
      entries: [
        entry(
          .interview, "acme", "2026-11-24", "Europe/Berlin", order: 0,
          [("company", "Acme GmbH"), ("decision", "2026-12-01")]),
        entry(.thanked, "acme", "2026-11-24", "Europe/Berlin", order: 1),
        entry(
          .interview, "nyco", "2026-11-25", "America/New_York", order: 2,
          [("tz", "America/New_York")]),
      ],
      zones: ["acme": "Europe/Berlin", "nyco": "America/New_York"])
  }

  func report(now: String, all: Bool = false, journal: Journal? = nil) -> PlanReport {
    let now = ISODateTime.parse(now, defaultZone: .gmt)!
    return PlanReport(
      actions: Scheduler.plan(journal ?? self.journal, holidays: [], now: now), now: now,
      includeAll: all, yourZone: berlin)
  }

  func objects(_ report: PlanReport) throws -> [[String: Any]] {
    let parsed = try JSONSerialization.jsonObject(with: Data(report.json().utf8))
    return try #require(parsed as? [[String: Any]])
  }

  @Test("JSON is one array of objects with every contract key, deadline null when there is none")
  func keys() throws {
    let objects = try objects(report(now: "2026-11-26T12:00:00Z", all: true))
    #expect(objects.count == 8)
    for object in objects {
      for key in [
        "application", "kind", "start", "end", "deadline", "title", "why", "status", "uid",
        "sequence",
      ] {
        #expect(object.keys.contains(key), "missing \(key)")
      }
    }
    let call = try #require(
      objects.first {
        $0["kind"] as? String == "follow-up-call" && $0["application"] as? String == "acme"
      })
    #expect(call["deadline"] is NSNull)
    let letter = try #require(
      objects.first {
        $0["kind"] as? String == "thank-you" && $0["application"] as? String == "acme"
      })
    #expect(letter["deadline"] as? String == "2026-11-26T23:59:00+01:00")
    #expect(letter["status"] as? String == "done")
  }

  @Test("times are ISO 8601 with the offset of the zone each belongs to: the employer's or yours")
  func offsets() throws {
    let objects = try objects(report(now: "2026-11-20T12:00:00Z"))
    let acmeCall = try #require(
      objects.first { $0["uid"] as? String == "follow-up-call-1.round-1.acme@tenterhooks.invalid" })
    #expect(acmeCall["start"] as? String == "2026-12-02T10:00:00+01:00")
    #expect(acmeCall["end"] as? String == "2026-12-02T10:15:00+01:00")
    // The call is on New York's clock; your letter to New York is on yours.
    let nycoCall = try #require(
      objects.first { $0["uid"] as? String == "follow-up-call-1.round-1.nyco@tenterhooks.invalid" })
    #expect(nycoCall["start"] as? String == "2026-11-30T10:00:00-05:00")
    #expect(nycoCall["timeZone"] as? String == "America/New_York")
    let nycoLetter = try #require(
      objects.first { $0["uid"] as? String == "thank-you.round-1.nyco@tenterhooks.invalid" })
    #expect(nycoLetter["start"] as? String == "2026-11-26T09:00:00+01:00")
    #expect(nycoLetter["timeZone"] as? String == "Europe/Berlin")
  }

  @Test("by default only pending actions, overdue first, then the upcoming ones")
  func pendingOnly() throws {
    let objects = try objects(report(now: "2026-11-30T07:00:00Z"))
    #expect(objects.allSatisfy { $0["status"] as? String == "pending" })
    #expect(objects.first?["overdue"] as? Bool == true)  // Nyco's letter, due Fri 27 Nov
    #expect(objects.first?["uid"] as? String == "thank-you.round-1.nyco@tenterhooks.invalid")
    let upcoming = objects.filter { $0["overdue"] as? Bool == false }.compactMap {
      $0["uid"] as? String
    }
    #expect(upcoming.first?.hasPrefix("check-email") == true)
  }

  @Test("overdue rows read in order of the time shown: a past series by its last day")
  func overdueByShownTime() throws {
    func at(_ text: String) -> Date { ISODateTime.parse(text, defaultZone: berlin)! }
    func action(_ uid: String, _ kind: ActionKind, _ start: String, until: String? = nil)
      -> Action
    {
      Action(
        application: "a", kind: kind, start: at(start),
        end: at(start).addingTimeInterval(600), timeZone: "Europe/Berlin", title: uid, why: "",
        details: "", uid: uid, stamp: at(start),
        repetition: until.map {
          Repetition(
            weekdays: [.monday, .tuesday, .wednesday, .thursday, .friday], until: at($0))
        })
    }
    // Checks Mon 23 – Wed 25 Nov (shown as Wed 25), a call on Tue 24: both overdue.
    let actions = [
      action("checks", .checkEmail, "2026-11-23T09:00", until: "2026-11-25T09:00"),
      action("call", .followUpCall, "2026-11-24T10:00"),
      action("later", .followUpCall, "2026-12-03T10:00"),
    ]
    let report = PlanReport(
      actions: actions, now: at("2026-11-30T12:00"), yourZone: berlin)
    #expect(report.actions.map(\.uid) == ["call", "checks", "later"])
    #expect(report.actions.prefix(2).allSatisfy { $0.isOverdue(at: at("2026-11-30T12:00")) })
  }

  @Test("--all adds done and cancelled actions after the pending ones")
  func all() throws {
    let statuses = try objects(report(now: "2026-11-30T12:00:00Z", all: true)).compactMap {
      $0["status"] as? String
    }
    #expect(statuses.contains("done"))
    #expect(statuses.firstIndex(of: "done")! > statuses.lastIndex(of: "pending")!)
  }

  @Test("the same plan gives byte-identical JSON with sorted keys")
  func stable() throws {
    let a = report(now: "2026-11-30T12:00:00Z").json()
    let b = report(now: "2026-11-30T12:00:00Z").json()
    #expect(a == b)
    let keys = a.split(separator: "\n").filter { $0.hasPrefix("    \"") }.prefix(18).map {
      $0.split(separator: "\"")[1]
    }
    #expect(keys == keys.sorted())
    #expect(keys.first == "application")
  }

  @Test("the table shows local time with weekday, status and reason; colour only when asked")
  func table() {
    let report = report(now: "2026-11-30T12:00:00Z")
    let plain = report.table(color: false)
    #expect(plain.hasPrefix("WHEN"))
    #expect(plain.contains("Wed 2 Dec 10:00  "))
    #expect(plain.contains("OVERDUE"))
    #expect(plain.contains("decision due Tue 1 Dec"))
    #expect(!plain.contains("\u{1B}["))
    #expect(report.table(color: true).contains("\u{1B}[1;31m"))
  }

  /// Only Nyco, interviewed in New York; your zone is Berlin.
  var abroad: Journal {
    var journal = journal
    journal.entries = journal.entries.filter { $0.application == "nyco" }
    journal.zones = ["nyco": "America/New_York"]
    return journal
  }

  @Test(
    "an employer's time in another zone is labelled, your time first, even when it is the only zone"
  )
  func foreignTimeLabelled() {
    let plain = report(now: "2026-11-25T18:00:00Z", journal: abroad).table(color: false)
    // The call at 10:00 in New York is 16:00 in Berlin; your letter is on your clock alone.
    #expect(plain.contains("Mon 30 Nov 16:00 — 10:00 in New York"))
    let rows = plain.split(separator: "\n").dropFirst()
    #expect(rows.filter { $0.contains("Call ") }.allSatisfy { $0.contains(" in New York") })
    #expect(rows.filter { $0.contains("thank-you") }.allSatisfy { !$0.contains(" in New York") })
    // Your own zone's actions need no label.
    let home = report(now: "2026-11-25T18:00:00Z").table(color: false)
    let acmeRows = home.split(separator: "\n").filter { $0.contains("Acme GmbH") }
    #expect(!acmeRows.isEmpty)
    #expect(acmeRows.allSatisfy { !$0.contains(" in Berlin") && !$0.contains(" in New York") })
  }

  @Test("in a UTC ledger your own times are not labelled, though Foundation calls UTC 'GMT'")
  func utcLedgerUnlabelled() throws {
    let text = """
      timezone UTC
      2026-11-24 10:00 interview zulu
        company: Zulu Ltd
      2026-11-24 11:00 interview nyco
        company: Nyco
        tz: America/New_York
      """
    let journal = try Journal.parse(Array(text.utf8), path: "u.ledger", defaultZone: berlin)
    let now = ISODateTime.parse("2026-11-25T18:00:00Z", defaultZone: .gmt)!
    let plain = PlanReport(
      actions: Scheduler.plan(journal, holidays: [], now: now), now: now, includeAll: true,
      yourZone: PlanReport.yourZone(of: journal, system: berlin)
    ).table(color: false)
    let rows = plain.split(separator: "\n").dropFirst()
    let zulu = rows.filter { $0.contains("Zulu Ltd") }
    #expect(!zulu.isEmpty)
    #expect(zulu.allSatisfy { !$0.contains(" in UTC") && !$0.contains(" in GMT") })
    #expect(rows.contains { $0.contains("Call Nyco") && $0.contains(" in New York") })
  }

  @Test("the employer's weekday is given too when its date is not yours")
  func foreignDateDiffers() throws {
    var journal = abroad
    journal.settings.callAt = LocalTime(hour: 19, minute: 0)
    let plain = report(now: "2026-11-25T18:00:00Z", journal: journal).table(color: false)
    // A call at 19:00 in New York on Mon 30 Nov is 01:00 on Tue 1 Dec in Berlin.
    #expect(plain.contains("Tue 1 Dec 01:00 — Mon 30 Nov 19:00 in New York"))
  }

  @Test("the year is shown only when it is not the current one")
  func yearOnlyWhenOther() {
    let plain = report(now: "2026-11-30T12:00:00Z").table(color: false)
    #expect(!plain.contains("2026"))
    var journal = journal
    journal.entries = journal.entries.filter { $0.application == "acme" }
    journal.entries[0].fields = [
      Field(key: .decision, value: "2027-01-04", location: journal.entries[0].location)
    ]
    let next = report(now: "2026-11-30T12:00:00Z", journal: journal).table(color: false)
    #expect(next.contains("Tue 5 Jan 2027 10:00"))
  }

  /// Acme with an emoji and CJK in its name, a long role, and an accent made of a combining mark.
  var wideNames: Journal {
    var journal = journal
    journal.entries = journal.entries.filter { $0.application == "acme" }
    journal.entries[0].fields = [
      Field(key: .company, value: "Café\u{301} ☕ 株式会社 🇩🇪", location: journal.entries[0].location),
      Field(key: .role, value: "👩‍💻 Engineer", location: journal.entries[0].location),
    ]
    return journal
  }

  @Test("the table counts terminal columns: emoji and CJK text stay whole and aligned")
  func wideCharactersAligned() throws {
    let plain = report(now: "2026-11-25T08:00:00Z", journal: wideNames).table(color: false)
    #expect(!plain.contains("\u{FFFD}"))
    #expect(plain.contains("Call Café\u{301} ☕ 株式会社 🇩🇪 about the 👩‍💻 Engineer decision"))
    let lines = plain.split(separator: "\n").map(String.init)
    // STATUS starts at the same terminal column on every line.
    let columns = lines.map { line in
      DisplayWidth.columns(
        of: line.components(separatedBy: line.hasPrefix("WHEN") ? "STATUS" : "pending")[0])
    }
    #expect(Set(columns).count == 1, "\(columns)\n\(plain)")
  }

  @Test(
    "the table fits the given width by shortening what to do, and never names the company twice")
  func fitsTheWidth() throws {
    let full = report(now: "2026-11-30T12:00:00Z").table(color: false)
    #expect(!full.contains("…"))
    #expect(!full.contains("COMPANY"))
    let narrow = report(now: "2026-11-30T12:00:00Z").table(color: false, width: 80)
    let lines = narrow.split(separator: "\n")
    #expect(lines.allSatisfy { DisplayWidth.columns(of: String($0)) <= 80 }, "\(narrow)")
    #expect(narrow.contains("…"))
    #expect(!narrow.contains("WHY"))  // left out rather than cut to nothing
    #expect(narrow.contains("Wed 2 Dec 10:00"))
    #expect(narrow.contains("OVERDUE"))
    let wide = report(now: "2026-11-30T12:00:00Z").table(color: false, width: 500)
    #expect(wide == full)
    let medium = report(now: "2026-11-30T12:00:00Z").table(color: false, width: 140)
    #expect(
      medium.split(separator: "\n").allSatisfy { DisplayWidth.columns(of: String($0)) <= 140 })
    #expect(medium.contains("…"))
    #expect(medium.hasPrefix("WHEN") && medium.split(separator: "\n")[0].hasSuffix("WHY"))
  }

  @Test(
    "colour only on a terminal without NO_COLOR or TERM=dumb; width from COLUMNS or the terminal")
  func terminalOutput() {
    let tty = { (environment: [String: String]) in
      TerminalOutput(environment: environment, isTerminal: true, windowWidth: { 120 })
    }
    #expect(tty(["TERM": "xterm"]).color == true)
    #expect(tty(["TERM": "xterm"]).width == 120)
    #expect(tty(["NO_COLOR": ""]).color == false)
    #expect(tty(["NO_COLOR": "1"]).color == false)
    #expect(tty(["TERM": "dumb"]).color == false)
    #expect(tty(["COLUMNS": "100"]).width == 100)
    #expect(tty(["COLUMNS": "wide"]).width == 120)
    let pipe = { (environment: [String: String]) in
      TerminalOutput(environment: environment, isTerminal: false, windowWidth: { 120 })
    }
    #expect(pipe([:]).color == false)
    #expect(pipe([:]).width == nil)
    #expect(pipe(["COLUMNS": "72"]).width == 72)
  }
}

@Suite("Display width in terminal columns")
struct DisplayWidthTests {
  @Test(
    "each user-perceived character takes the columns a terminal gives it",
    arguments: [
      ("a", 1), ("é", 1), ("e\u{301}", 1), ("日本", 4), ("한국", 4), ("Ａ", 2), ("ｱ", 1),
      ("🎉", 2), ("👩‍💻", 2), ("👍🏽", 2), ("🇩🇪", 2), ("☺", 1), ("☺️", 2), ("1️⃣", 2),
      ("a\u{200B}b", 2), ("\u{200D}", 0), ("Acme GmbH", 9), ("", 0),
    ])
  func columns(text: String, expected: Int) {
    #expect(DisplayWidth.columns(of: text) == expected)
  }

  @Test("truncation keeps whole characters and ends with an ellipsis within the width")
  func truncation() {
    #expect(DisplayWidth.truncate("Acme GmbH", to: 9) == "Acme GmbH")
    #expect(DisplayWidth.truncate("Acme GmbH", to: 5) == "Acme…")
    #expect(DisplayWidth.truncate("日本語テキスト", to: 6) == "日本…")
    #expect(DisplayWidth.truncate("👩‍💻👩‍💻", to: 3) == "👩‍💻…")
    #expect(DisplayWidth.truncate("abc", to: 0) == "")
    #expect(DisplayWidth.pad("日本", to: 6) == "日本  ")
  }
}
