import Foundation
import Testing

/// `tenterhooks import FILE.ics`, run as the real binary.
@Suite("Importing an invitation from the command line")
struct InvitationCommandLineTests {
  /// A folder with a Berlin ledger and the named fixtures in it.
  static func folder(with fixtures: [String]) throws -> String {
    let folder = try makeFaultFolder()
    try Data("timezone Europe/Berlin\n".utf8).write(
      to: URL(fileURLWithPath: folder).appendingPathComponent("i.ledger"))
    for name in fixtures {
      try Data(invitationFixture(name).utf8).write(
        to: URL(fileURLWithPath: folder).appendingPathComponent(name))
    }
    return folder
  }

  static func ledger(in folder: String) -> [UInt8] { bytes(at: folder + "/i.ledger") ?? [] }

  @Test("an invitation is appended; the same one again is a warning, exit 0, nothing appended")
  func appendThenWarn() throws {
    let folder = try Self.folder(with: ["google-onsite.ics"])
    let first = try Tenterhooks.run(
      ["import", "google-onsite.ics", "--ledger", "i.ledger"], in: folder)
    #expect(first.status == 0, "\(first.stderr)")
    let after = Self.ledger(in: folder)
    #expect(String(decoding: after, as: UTF8.self).contains("2026-12-08 14:00 interview globex\n"))
    let second = try Tenterhooks.run(
      ["import", "google-onsite.ics", "--ledger", "i.ledger"], in: folder)
    #expect(second.status == 0)
    #expect(
      second.stderr.contains(
        "google-onsite.ics:29:1: warning: invitation '5q1v0l3kq9m2c8d7a6b5e4f3g2@google.com' (sequence 0) is already in the ledger"
      ))
    #expect(Self.ledger(in: folder) == after)
  }

  @Test("the README's worked example starts from the sample invitation and gives its entry")
  func readmeSample() throws {
    let folder = try Self.folder(with: [])
    let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../samples").standardizedFileURL.path
    let result = try Tenterhooks.run(
      [
        "import", samples + "/invitation-globex.ics", "--id", "globex",
        "role=Mobile Platform Engineer", "--ledger", "i.ledger",
      ], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "2026-11-24 10:00 interview globex — appended to i.ledger\n")
    #expect(result.stderr.contains("warning: 'globex' is in America/New_York"))
    var text = String(decoding: Self.ledger(in: folder), as: UTF8.self)
    #expect(
      text.contains(
        """
        2026-11-24 10:00 interview globex
          company: Globex Corporation
          role: Mobile Platform Engineer
          contact: Hank Scorpio
          email: hank.scorpio@globex.example
          tz: America/New_York
          url: https://meet.google.com/xyz-abcd-efg
          note: invitation 7h2k4m6p8r0t1v3x5z7b9d1f3h@google.com (sequence 0)
        """), "\(text)")
    // The Outlook sample, in a Windows zone name, is the other sample invitation.
    let outlook = try Tenterhooks.run(
      [
        "import", samples + "/invitation-acme.ics", "--id", "acme", "role=iOS Engineer",
        "--ledger", "i.ledger",
      ], in: folder)
    #expect(outlook.status == 0, "\(outlook.stderr)")
    text = String(decoding: Self.ledger(in: folder), as: UTF8.self)
    #expect(
      text.contains(
        """
        2026-11-24 10:00 interview acme
          company: Acme GmbH
          role: iOS Engineer
          contact: Jane Doe
          email: jane@acme.example
          place: Acme GmbH, Friedrichstraße 12, Berlin
          note: invitation 040000008200E00074C5B7101A82E008
        """), "\(text)")
  }

  @Test("a bad invitation exits 65 with FILE:LINE:COLUMN and leaves the ledger untouched")
  func badInvitations() throws {
    let folder = try Self.folder(with: ["no-start.ics", "unknown-zone.ics", "contacts.ics"])
    let before = Self.ledger(in: folder)
    let noStart = try Tenterhooks.run(
      ["import", "no-start.ics", "--ledger", "i.ledger"], in: folder)
    #expect(noStart.status == 65)
    #expect(
      noStart.stderr.contains(
        "no-start.ics:12:1: error: VEVENT 'second@vandelay.example' has no DTSTART"))
    let zone = try Tenterhooks.run(
      ["import", "unknown-zone.ics", "--ledger", "i.ledger"], in: folder)
    #expect(zone.status == 65)
    #expect(
      zone.stderr.contains("unknown-zone.ics:8:9: error: unknown time zone 'Mars Standard Time'"))
    let vcard = try Tenterhooks.run(
      ["import", "contacts.ics", "--ledger", "i.ledger"], in: folder)
    #expect(vcard.status == 65)
    #expect(vcard.stderr.contains("contacts.ics:1:1: error: not iCalendar"))
    #expect(Self.ledger(in: folder) == before)
  }

  @Test("a value the ledger refuses is reported at the invitation's line; nothing appended")
  func ledgerProblemsPointIntoTheInvitation() throws {
    let folder = try Self.folder(with: ["calendly-utc.ics"])
    let before = Self.ledger(in: folder)
    let bad = try Tenterhooks.run(
      ["import", "calendly-utc.ics", "caller=them", "--ledger", "i.ledger"], in: folder)
    #expect(bad.status == 65)
    #expect(
      bad.stderr.contains("calendly-utc.ics:6:1: error: invalid value 'them' for 'caller'"),
      "\(bad.stderr)")
    #expect(Self.ledger(in: folder) == before)
  }

  @Test(
    "a cancellation after the invitation appends a note; --id and key=value are refused for CSV")
  func cancelAndCSVArguments() throws {
    let folder = try Self.folder(with: ["google-onsite.ics", "google-onsite-cancelled.ics"])
    #expect(
      try Tenterhooks.run(["import", "google-onsite.ics", "--ledger", "i.ledger"], in: folder)
        .status == 0)
    let cancel = try Tenterhooks.run(
      [
        "import", "google-onsite-cancelled.ics", "--ledger", "i.ledger", "--now",
        "2026-11-30T10:00",
      ],
      in: folder)
    #expect(cancel.status == 0, "\(cancel.stderr)")
    let text = String(decoding: Self.ledger(in: folder), as: UTF8.self)
    #expect(text.contains("\n2026-11-30 10:00 note globex\n  text: Cancelled by the organizer: "))
    try Data("date,id\n2026-11-24,acme\n".utf8).write(
      to: URL(fileURLWithPath: folder).appendingPathComponent("s.csv"))
    let csv = try Tenterhooks.run(
      ["import", "s.csv", "--id", "x", "--ledger", "i.ledger"], in: folder)
    #expect(csv.status == 64)
  }
}

/// An invitation fixture of the import tests (Tests/ExportTests/Fixtures), as text.
func invitationFixture(_ name: String) throws -> String {
  let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../ExportTests/Fixtures/\(name)").standardizedFileURL
  return try String(contentsOf: url, encoding: .utf8)
}
