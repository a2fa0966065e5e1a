import Foundation
import Testing

@testable import Ledger

/// One test per kind of mistake, each pinning the exact line and column reported.
@Suite("Diagnostics point at the offending token")
struct DiagnosticTests {
  @Test("an unknown verb is reported at the verb, with a spelling hint")
  func unknownVerb() throws {
    let d = try #require(onlyDiagnostic(acmeInterview + "2026-11-25 10:00 thankd acme\n"))
    #expect(d.location.line == 4)
    #expect(d.location.column == 18)
    #expect(d.message == "unknown verb 'thankd'")
    #expect(d.hint == "did you mean 'thanked'?")
  }

  @Test("an unknown key is reported at the key, suggesting the closest allowed one")
  func unknownKey() throws {
    let d = try #require(
      onlyDiagnostic(acmeInterview + "2026-11-26 postponed acme\n  decison: 2026-12-01\n"))
    #expect(d.location.line == 5)
    #expect(d.location.column == 3)
    #expect(d.message == "unknown key 'decison' for 'postponed'")
    #expect(d.hint == "did you mean 'decision'?")
  }

  @Test("a key another verb takes is an unknown key for this verb")
  func keyOfAnotherVerb() throws {
    let d = try #require(onlyDiagnostic(acmeInterview + "2026-11-26 agreed acme\n\touter: x\n"))
    #expect(d.location.line == 5)
    #expect(d.location.column == 2)
    let d2 = try #require(
      onlyDiagnostic(acmeInterview + "2026-11-26 thanked acme\n  outcome: offer\n"))
    #expect(d2.location.column == 3)
    #expect(d2.hint == "'thanked' takes: note")
  }

  @Test("an unknown directive is reported at column 1")
  func unknownDirective() throws {
    let d = try #require(onlyDiagnostic("# settings\ntimezon Europe/Berlin\n"))
    #expect(d.location.line == 2)
    #expect(d.location.column == 1)
    #expect(d.message == "unknown directive 'timezon'")
    #expect(d.hint == "did you mean 'timezone'?")
  }

  @Test("an ID without an interview anywhere is unknown; the hint says it needs one")
  func unknownID() throws {
    let d = try #require(onlyDiagnostic(acmeInterview + "\n2026-11-25 09:00 thanked globex\n"))
    #expect(d.location.line == 5)
    #expect(d.location.column == 26)
    #expect(d.message == "unknown application ID 'globex'")
    #expect(
      d.hint?.contains("no application 'globex' — it needs an 'interview' entry first") == true)
  }

  @Test("an interview later in the file introduces an ID used earlier")
  func interviewLaterInFileIsEnough() {
    let text = "2026-11-25 thanked acme\n\n" + acmeInterview
    #expect(diagnostics(text).isEmpty)
  }

  @Test("an unknown zone is reported in a tz field and in the timezone directive")
  func unknownZone() {
    let found = diagnostics(
      "timezone Europe/Berln\n2026-11-24 interview acme\n  tz: Mars/Olympus_Mons\n")
    #expect(found.map(\.location.line) == [1, 3])
    #expect(found.map(\.location.column) == [10, 7])
    #expect(found[0].message == "unknown time zone 'Europe/Berln'")
    #expect(found[0].hint == "did you mean 'Europe/Berlin'?")
    #expect(found[1].message == "unknown time zone 'Mars/Olympus_Mons'")
  }

  @Test("a misspelt zone in 'holidays ZONE PATH' is an unknown zone, not a missing file")
  func misspeltHolidaysZone() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".utf8).write(
      to: folder.appendingPathComponent("fr.ics"))
    let path = folder.appendingPathComponent("z.ledger").path
    let found = diagnostics(
      "holidays Europe/Pariss fr.ics\nholidays Foo/Bar fr.ics\nholidays Europe/Pariss nope.ics\n"
        + "holidays Europe/Paris fr.ics\nholidays sub/dir.ics\n", path: path)
    #expect(
      found.map(\.message) == [
        "unknown time zone 'Europe/Pariss'", "unknown time zone 'Foo/Bar'",
        "unknown time zone 'Europe/Pariss'", "holidays file 'nope.ics' not found",
        "holidays file 'sub/dir.ics' not found",
      ])
    #expect(found[0].hint == "did you mean 'Europe/Paris'?")
    #expect(found.map(\.location.line) == [1, 2, 3, 3, 5])
  }

  @Test("an impossible date is reported in the header and in a decision value")
  func impossibleDate() {
    let found = diagnostics(
      "2026-02-30 interview acme\n2026-11-24 interview beta\n  decision:   2026-13-01\n")
    #expect(found.map(\.location.line) == [1, 3])
    #expect(found.map(\.location.column) == [1, 15])
    #expect(found[0].message == "impossible date '2026-02-30'")
    #expect(found[0].hint == "February 2026 has 28 days")
    #expect(found[1].message == "impossible date '2026-13-01'")
  }

  @Test("an impossible time is reported at the time")
  func impossibleTime() throws {
    let d = try #require(onlyDiagnostic("2026-11-24 25:00 interview acme\n"))
    #expect(d.location.line == 1)
    #expect(d.location.column == 12)
    #expect(d.message == "impossible time '25:00'")
    let m = try #require(onlyDiagnostic("call-at 10:60\n"))
    #expect(m.location.column == 9)
    #expect(m.message == "impossible time '10:60'")
  }

  @Test("malformed headers: a bad date, a bad time, no verb, no ID, no date, trailing words")
  func malformedHeader() {
    let found = diagnostics(
      """
      2026-1-24 interview acme
      2026-11-24 9h30 interview acme
      2026-11-24 10:00
      2026-11-24 10:00 interview
      interview acme
      2026-11-24 interview acme corp
        note: fine
        2026-11-25 thanked acme

      """)
    #expect(found.count == 7)
    let places = found.map { [$0.location.line, $0.location.column] }
    #expect(places == [[1, 1], [2, 12], [3, 17], [4, 27], [5, 1], [6, 27], [8, 3]])
    #expect(found[0].message == "malformed date '2026-1-24'")
    #expect(found[1].message == "malformed time '9h30'")
    #expect(found[2].message.hasPrefix("malformed entry header"))
    #expect(found[3].message == "missing application ID after 'interview'")
    #expect(found[4].message == "malformed entry header: missing date")
    #expect(found[5].message == "unexpected 'corp' after the application ID")
    #expect(found[6].message == "entry header is indented")
  }

  @Test("a missing required key is reported at the verb of its entry")
  func missingRequiredKey() throws {
    let d = try #require(onlyDiagnostic(acmeInterview + "2026-11-27 postponed acme\n  note: x\n"))
    #expect(d.location.line == 4)
    #expect(d.location.column == 12)
    #expect(d.message == "missing required key 'decision' for 'postponed'")
  }

  @Test("a bad enumerated value is reported at the value, listing the choices")
  func badEnumValue() {
    let found = diagnostics(
      acmeInterview
        + "2026-11-27 heard acme\n  by: pigeon\n  outcome: offr\n2026-11-28 agreed acme\n  caller: them\n"
    )
    #expect(found.map { [$0.location.line, $0.location.column] } == [[5, 7], [6, 12], [8, 11]])
    #expect(found[0].message == "invalid value 'pigeon' for 'by'")
    #expect(found[0].hint == "expected one of: call, email")
    #expect(found[1].hint == "did you mean 'offer'? expected one of: undecided, offer, rejected")
    #expect(found[2].message == "invalid value 'them' for 'caller'")
  }

  @Test("invalid UTF-8 is reported at the bad byte, columns counted in characters")
  func invalidUTF8() throws {
    var bytes = Array((acmeInterview + "2026-11-25 note acme\n  text: Café ").utf8)
    bytes += [0xC3, 0x28]  // a lead byte followed by an ASCII byte
    bytes += Array(" ok\n2026-11-26 thanked acme\n".utf8)
    let found = diagnostics(bytes: bytes)
    #expect(found.count == 1)
    #expect(found.first?.location.line == 5)
    // "  text: Café " is 13 characters (é is two bytes), so the bad byte is column 14.
    #expect(found.first?.location.column == 14)
    #expect(found.first?.message == "invalid UTF-8 byte")
  }

  @Test("a field line with no entry above it is reported at its key")
  func fieldWithoutEntry() {
    let found = diagnostics("  company: Acme\ntimezone UTC\n\t role: x\n")
    #expect(found.map { [$0.location.line, $0.location.column] } == [[1, 3], [3, 3]])
    #expect(found.allSatisfy { $0.message == "field line with no entry above it" })
  }

  @Test("a key given twice in one entry is reported at the second")
  func duplicateKey() throws {
    let d = try #require(
      onlyDiagnostic(
        acmeInterview + "2026-11-27 called acme\n  note: a\n  outcome: offer\n   note: b\n"))
    #expect(d.location.line == 7)
    #expect(d.location.column == 4)
    #expect(d.message == "duplicate key 'note' in one entry")
    #expect(d.hint == "'note' is already given at line 5; keep one")
  }

  @Test("bad directive values are reported at the value")
  func badDirectiveValues() {
    let found = diagnostics(
      """
      workdays mon-fry
      workdays mon
      call-at 7:00
      follow-up-after three
      reconsider-after 0
      check-email hourly
      uid-domain not a domain
      calendar-name
      timezone UTC
      timezone UTC

      """)
    let places = found.map { [$0.location.line, $0.location.column] }
    #expect(
      places == [
        [1, 14], [2, 1], [3, 9], [4, 17], [5, 18], [6, 13], [7, 12], [8, 14], [10, 1],
      ])
    #expect(found[0].message == "unknown day 'fry' in 'workdays'")
    #expect(found[1].message == "duplicate 'workdays' directive")
    #expect(found[2].message == "malformed time '7:00'")
    #expect(found[3].message == "invalid number 'three'")
    #expect(found[5].message == "invalid value 'hourly' for 'check-email'")
    #expect(found[7].message == "'calendar-name' needs a value")
  }

  @Test("workdays takes a range, a wrapping range or a comma list")
  func workdaysForms() throws {
    let range = try #require(journal("workdays mon-fri\n")).settings.workdays
    #expect(range == [.monday, .tuesday, .wednesday, .thursday, .friday])
    let list = try #require(journal("workdays sun, mon,tue\n")).settings.workdays
    #expect(list == [.sunday, .monday, .tuesday])
    let wrap = try #require(journal("workdays sat-mon\n")).settings.workdays
    #expect(wrap == [.saturday, .sunday, .monday])
  }

  @Test("a missing holidays file is reported at its path, resolved next to the ledger")
  func missingHolidays() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".utf8)
      .write(to: folder.appendingPathComponent("here.ics"))
    let ledger = folder.appendingPathComponent("x.ledger").path
    let found = diagnostics(
      "holidays here.ics\nholidays  missing.ics\nholidays .\n", path: ledger)
    #expect(found.map { [$0.location.line, $0.location.column] } == [[2, 11], [3, 10]])
    #expect(found[0].message == "holidays file 'missing.ics' not found")
    #expect(found[1].message.contains("is a folder"))
    let good = try Journal.parse(
      Array("holidays here.ics\n".utf8), path: ledger, defaultZone: .current)
    #expect(
      good.settings.holidays.map(\.resolvedPath) == [folder.appendingPathComponent("here.ics").path]
    )
  }

  @Test(
    "an unreadable holidays file is reported",
    .enabled(if: getuid() != 0, "root reads any file, whatever its permissions"))
  func unreadableHolidays() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let ics = folder.appendingPathComponent("secret.ics")
    try Data("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".utf8).write(to: ics)
    try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: ics.path)
    let found = diagnostics(
      "holidays secret.ics\n", path: folder.appendingPathComponent("x.ledger").path)
    #expect(found.first?.message == "cannot read holidays file 'secret.ics'")
    #expect(found.first?.location.column == 10)
  }

  @Test("every problem in a file is reported, in order, in compiler format")
  func everyProblem() throws {
    let bytes = try fixture("every-error.ledger")
    let found = diagnostics(bytes: bytes, path: "every-error.ledger")
    let lines = found.map(\.location.line)
    #expect(lines == [3, 6, 7, 9, 11, 13, 17, 19])
    let text = Diagnostics(found).description
    #expect(text.hasPrefix("every-error.ledger:3:1: error: unknown directive 'frobnicate'\n"))
    #expect(
      text.contains(
        "every-error.ledger:6:3: error: unknown key 'decison' for 'interview'\n"
          + "every-error.ledger:6:3: note: did you mean 'decision'?"))
  }
}
