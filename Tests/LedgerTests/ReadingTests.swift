import Foundation
import Testing

@testable import Ledger

@Suite("Reading a valid ledger")
struct ReadingTests {
  @Test("entries are typed, in file order, with their header and field locations")
  func entriesAreTyped() throws {
    let j = try #require(
      journal(
        """
        # comment
        2026-11-24 10:00 interview acme
          company: Acme GmbH   
          decision: 2026-12-01
          caller: me
          news: email
          thanks: no
          note: bring # and: colons
        2026-11-25 thanked acme

        2026-12-02 called acme
          outcome: undecided
        """))
    #expect(j.entries.map(\.verb) == [.interview, .thanked, .called])
    #expect(j.entries.map(\.order) == [0, 1, 2])
    let interview = j.entries[0]
    #expect(interview.location == SourceLocation(path: "t.ledger", line: 2, column: 1))
    #expect(interview.value(.company) == "Acme GmbH")
    #expect(interview.value(.note) == "bring # and: colons")
    #expect(interview.decision == CivilDate(year: 2026, month: 12, day: 1))
    #expect(interview.caller == .me)
    #expect(interview.news == .email)
    #expect(interview.thanks == false)
    #expect(interview.fields[1].location == SourceLocation(path: "t.ledger", line: 4, column: 3))
    #expect(j.entries[2].outcome == .undecided)
    #expect(j.entries[2].time == nil)
  }

  @Test("an application's zone is its tz, else the timezone directive, else the default")
  func zonesResolve() throws {
    let text = """
      timezone Europe/Berlin
      2026-11-24 10:00 interview acme
      2026-11-24 10:00 interview globex
        tz: America/New_York
      """
    let j = try #require(journal(text, zone: TimeZone(identifier: "Asia/Tokyo")!))
    #expect(j.zones == ["acme": "Europe/Berlin", "globex": "America/New_York"])
    // 10:00 in Berlin (UTC+1) is 09:00Z; 10:00 in New York (UTC-5) is 15:00Z.
    #expect(j.entries[0].instant == ISODateTime.parse("2026-11-24T09:00Z", defaultZone: .current))
    #expect(j.entries[1].instant == ISODateTime.parse("2026-11-24T15:00Z", defaultZone: .current))
    let noDirective = try #require(
      journal("2026-11-24 interview acme\n", zone: TimeZone(identifier: "Asia/Tokyo")!))
    #expect(noDirective.zones == ["acme": "Asia/Tokyo"])
  }

  @Test("an entry without a time is at 09:00 in its zone")
  func defaultTime() throws {
    let j = try #require(journal("timezone Europe/Berlin\n2026-11-24 interview acme\n"))
    #expect(j.entries[0].instant == ISODateTime.parse("2026-11-24T08:00Z", defaultZone: .current))
  }

  @Test("a wall time skipped by the spring DST change moves forward by the gap")
  func skippedWallTime() throws {
    let j = try #require(journal("timezone Europe/Berlin\n2026-03-29 02:30 interview acme\n"))
    // 03:30 CEST = 01:30Z.
    #expect(j.entries[0].instant == ISODateTime.parse("2026-03-29T01:30Z", defaultZone: .current))
  }

  @Test("two interviews of one application may not name different zones")
  func conflictingZones() throws {
    let found = diagnostics(
      "2026-11-24 interview acme\n  tz: Europe/Berlin\n2026-12-01 interview acme\n  tz: Europe/London\n"
    )
    #expect(found.count == 1)
    #expect(found.first?.location.line == 4)
    #expect(found.first?.location.column == 3)
    #expect(found.first?.hint?.hasPrefix("the interview at line 2 says 'Europe/Berlin'") == true)
    // The zone is the first valid one given, wherever it comes; the hint names its line.
    let later = diagnostics(
      """
      2026-11-20 interview acme
      2026-11-24 interview acme
        tz: Mars/Base
      2026-11-25 interview acme
        tz: Europe/Berlin
      2026-12-01 interview acme
        tz: Europe/London
      2026-12-02 interview acme
        tz: Europe/Berlin

      """)
    #expect(later.map(\.location.line) == [3, 7])
    #expect(later.last?.hint?.hasPrefix("the interview at line 5 says 'Europe/Berlin'") == true)
  }

  @Test("directives set the settings; absent ones keep the contract's defaults")
  func directives() throws {
    let defaults = try #require(journal("")).settings
    #expect(defaults.callAt == LocalTime(hour: 10, minute: 0))
    #expect(defaults.followUpAfter == 3 && defaults.reconsiderAfter == 3)
    #expect(defaults.checkEmail == .weekdays)
    let s = try #require(
      journal(
        """
        call-at 11:15
        follow-up-after 5
        reconsider-after 2
        check-email daily
        calendar-name My job search
        uid-domain example.org
        """)
    ).settings
    #expect(s.callAt == LocalTime(hour: 11, minute: 15))
    #expect(s.followUpAfter == 5 && s.reconsiderAfter == 2)
    #expect(s.checkEmail == .daily)
    #expect(s.calendarName == "My job search")
    #expect(s.uidDomain == "example.org")
  }

  @Test("CRLF line endings and a UTF-8 BOM read the same as LF")
  func crlfAndBOM() throws {
    let lf = try fixture("journal.ledger")
    let crlf = lf.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] }
    let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
    let zone = TimeZone(identifier: "UTC")!
    let a = try Journal.parse(lf, path: "j", defaultZone: zone)
    #expect(a.entries.count > 10)
    #expect(try Journal.parse(crlf, path: "j", defaultZone: zone) == a)
    #expect(try Journal.parse(bom + lf, path: "j", defaultZone: zone) == a)
    #expect(try Journal.parse(bom + crlf, path: "j", defaultZone: zone) == a)
  }

  @Test("CRLF and a BOM do not shift reported columns")
  func crlfAndBOMDiagnostics() throws {
    let lf = try fixture("every-error.ledger")
    let crlf = lf.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] }
    let expected = diagnostics(bytes: lf)
    #expect(!expected.isEmpty)
    #expect(diagnostics(bytes: [0xEF, 0xBB, 0xBF] + crlf) == expected)
  }

  @Test("the shipped sample ledger parses, with every verb and directive")
  func sampleLedger() throws {
    let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../samples/interviews.ledger").standardizedFileURL.path
    let j = try Journal.load(path: sample, defaultZone: .current)
    #expect(Set(j.entries.map(\.verb)) == Set(Verb.allCases))
    #expect(j.settings.holidays.map(\.zone) == [nil, "America/New_York"])
    #expect(j.zones["globex"] == "America/New_York")
    let text = try String(contentsOfFile: sample, encoding: .utf8)
    for directive in Directive.allCases.map(\.rawValue) {
      #expect(text.contains("\n\(directive) "), "sample lacks '\(directive)'")
    }
  }

  @Test("the starter ledger written by init parses cleanly")
  func starterParses() throws {
    let j = try #require(journal(StarterLedger.text))
    #expect(j.entries.isEmpty)
    // Uncommenting its examples gives a valid ledger too.
    let examples = StarterLedger.text.split(separator: "\n").filter {
      $0.hasPrefix("# 2026") || ($0.hasPrefix("#   ") && $0.contains(":"))
    }.map { $0.dropFirst(2) }.joined(separator: "\n")
    let uncommented = try #require(journal(examples + "\n"))
    #expect(uncommented.entries.count == 5)
  }

  @Test("uncommenting every setting of the starter ledger gives a valid ledger")
  func starterSettingsUncomment() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    for name in ["holidays-de.ics", "holidays-us.ics"] {
      try Data("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".utf8).write(
        to: folder.appendingPathComponent(name))
    }
    // What a user does: remove the '# ' before each setting's line.
    var settings = 0
    let text = StarterLedger.text.split(separator: "\n", omittingEmptySubsequences: false).map {
      line -> Substring in
      let body = line.dropFirst(2)
      guard line.hasPrefix("# "), let name = body.split(separator: " ").first,
        Directive(rawValue: String(name)) != nil
      else { return line }
      settings += 1
      return body
    }.joined(separator: "\n")
    #expect(settings == Directive.allCases.count + 1)  // `holidays` twice
    let path = folder.appendingPathComponent("interviews.ledger").path
    let j = try #require(journal(text, path: path))
    #expect(j.settings.timeZone == "Europe/Berlin")
    #expect(j.settings.holidays.count == 2)
    #expect(j.settings.uidDomain == "tenterhooks.example.com")
    #expect(j.settings.calendarName == "Job search")
  }
}

@Suite("The etiquette's new vocabulary")
struct EtiquetteVocabularyTests {
  @Test("holidays ZONE PATH, holidays: on an interview, give-up-after, privacy, digest, accepted")
  func newVocabulary() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".utf8).write(
      to: folder.appendingPathComponent("us holidays.ics"))
    let path = folder.appendingPathComponent("n.ledger").path
    let text = """
      timezone Europe/Berlin
      holidays America/New_York us holidays.ics
      holidays us holidays.ics
      give-up-after 2
      privacy public
      check-email digest
      2026-11-24 10:00 interview acme
        tz: America/New_York
        holidays: us holidays.ics
      2026-11-30 offer acme
        answer-by: 2026-12-07
      2026-12-01 accepted acme

      """
    let j = try Journal.parse(Array(text.utf8), path: path, defaultZone: .gmt)
    #expect(j.settings.holidays.map(\.zone) == ["America/New_York", nil])
    #expect(j.settings.holidays.allSatisfy { $0.path == "us holidays.ics" })
    #expect(j.interviewHolidays.map(\.path) == ["us holidays.ics"])
    #expect(j.settings.giveUpAfter == 2 && j.settings.privacy == .public)
    #expect(j.settings.checkEmail == .digest)
    #expect(j.entries.last?.verb == .accepted)
    #expect(j.entries[1].answerBy == CivilDate(year: 2026, month: 12, day: 7))
    #expect(j.yourZone == "Europe/Berlin")
  }

  @Test("a missing holidays: file and a bad privacy are errors at their place")
  func newVocabularyErrors() throws {
    let text = "privacy secret\n2026-11-24 interview acme\n  holidays: nowhere.ics\n"
    #expect(throws: Diagnostics.self) {
      try Journal.parse(Array(text.utf8), path: "/tmp/x.ledger", defaultZone: .gmt)
    }
    do {
      _ = try Journal.parse(Array(text.utf8), path: "/tmp/x.ledger", defaultZone: .gmt)
    } catch {
      #expect(error.items.map(\.location.line) == [1, 3])
    }
  }
}
