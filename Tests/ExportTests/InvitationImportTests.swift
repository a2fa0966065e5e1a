import Foundation
import ICal
import Ledger
import Scheduler
import Testing

@testable import Export

/// Invitations shaped like the ones Outlook, Google Calendar, Greenhouse-style schedulers and
/// Calendly send, written from their published formats (Fixtures/*.ics).
@Suite("Importing an invitation")
struct InvitationImportTests {
  static let berlin = TimeZone(identifier: "Europe/Berlin")!
  /// 2026-11-30 10:00 in Berlin.
  static let now = Date(timeIntervalSince1970: 1_796_029_200)

  static func fixture(_ name: String) throws -> String {
    let url = try #require(
      Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
    return try String(contentsOf: url, encoding: .utf8)
  }

  /// A ledger file in a folder of its own, appended to as `import` does.
  final class ScratchLedger {
    let path: String

    init(_ text: String = "timezone Europe/Berlin\n") throws {
      let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("invitation-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      path = folder.appendingPathComponent("i.ledger").path
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    deinit {
      try? FileManager.default.removeItem(
        at: URL(fileURLWithPath: path).deletingLastPathComponent())
    }

    var journal: Journal {
      get throws { try Journal.load(path: path, defaultZone: InvitationImportTests.berlin) }
    }

    var text: String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

    /// Reads the fixture against the ledger as it is.
    func read(
      _ fixture: String, now: Date = InvitationImportTests.now, id: String? = nil,
      fields: [DraftField] = []
    ) throws -> InvitationImport {
      let journal = try self.journal
      return InvitationImport(
        ics: try InvitationImportTests.fixture(fixture), path: fixture, journal: journal,
        yourZone: journal.yourZone, now: now, id: id, fields: fields)
    }

    /// Reads the fixture and appends what it gives.
    @discardableResult
    func `import`(_ fixture: String, now: Date = InvitationImportTests.now, id: String? = nil)
      throws -> InvitationImport
    {
      let invitation = try read(fixture, now: now, id: id)
      #expect(invitation.problems.isEmpty, "\(invitation.problems)")
      if !invitation.drafts.isEmpty {
        _ = try LedgerFile.append(
          invitation.drafts, to: path, defaultZone: InvitationImportTests.berlin)
      }
      return invitation
    }
  }

  static func value(_ key: FieldKey, of draft: EntryDraft) -> String? {
    draft.fields.last { $0.key == key.rawValue }?.value
  }

  static func local(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int)
    -> EntryDraft.Moment
  {
    .local(CivilDate(year: year, month: month, day: day), LocalTime(hour: hour, minute: minute))
  }

  // MARK: What an invitation gives

  @Test("an Outlook invitation in a Windows zone is an interview at its own wall-clock time")
  func outlookWindowsZone() throws {
    let ledger = try ScratchLedger()
    let invitation = try ledger.read("outlook-teams.ics")
    #expect(invitation.problems.isEmpty, "\(invitation.problems)")
    let draft = try #require(invitation.drafts.first)
    #expect(invitation.drafts.count == 1)
    #expect(draft.verb == "interview")
    #expect(draft.application == "acme-gmbh")
    #expect(draft.moment == Self.local(2026, 12, 3, 10, 0))
    #expect(Self.value(.company, of: draft) == "Acme GmbH")
    #expect(Self.value(.contact, of: draft) == "Jane Doe")
    #expect(Self.value(.email, of: draft) == "jane.doe@acme.de")
    #expect(Self.value(.tz, of: draft) == nil, "Berlin is your zone too")
    #expect(
      Self.value(.url, of: draft)
        == "https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQ1ZWI4YzQtYjY1OS00ZTU0%40thread.v2/0?context=%7b%22Tid%22%3a%22a1b2%22%7d"
    )
    #expect(Self.value(.place, of: draft) == nil, "'Microsoft Teams Meeting' is no place")
    let note = try #require(Self.value(.note, of: draft))
    #expect(note.hasPrefix("invitation 040000008200E00074C5B7101A82E008"))
    #expect(note.contains("(sequence 0)"))
    #expect(note.contains("also invited: Tom Lead <tom.lead@acme.de>"))
    #expect(!note.contains("max.mustermann"), "you are not listed as someone else")
  }

  @Test("an employer in another zone than yours gets tz, its time kept as the invitation says")
  func foreignZoneGetsTz() throws {
    let ledger = try ScratchLedger("timezone Europe/London\n")
    let draft = try #require(try ledger.read("outlook-teams.ics").drafts.first)
    #expect(draft.moment == Self.local(2026, 12, 3, 10, 0))
    #expect(Self.value(.tz, of: draft) == "Europe/Berlin")
  }

  @Test("a Google Calendar invitation gives the Meet link, the place and the other interviewers")
  func googleCalendar() throws {
    let ledger = try ScratchLedger()
    let invitation = try ledger.import("google-onsite.ics")
    let draft = try #require(invitation.drafts.first)
    #expect(draft.application == "globex")
    #expect(draft.moment == Self.local(2026, 12, 8, 14, 0))
    #expect(Self.value(.tz, of: draft) == "America/New_York")
    #expect(Self.value(.company, of: draft) == "Globex")
    #expect(Self.value(.contact, of: draft) == "Sam Recruiter")
    #expect(Self.value(.url, of: draft) == "https://meet.google.com/abc-defg-hij")
    #expect(Self.value(.place, of: draft) == "Globex HQ, 200 Park Ave, New York, NY 10166, USA")
    let note = try #require(Self.value(.note, of: draft))
    #expect(note.hasSuffix("also invited: Priya Patel <priya.patel@globex.com>"))
    let journal = try ledger.journal
    #expect(journal.entries.count == 1)
    #expect(journal.zones["globex"] == "America/New_York")
  }

  @Test("a Zoom link in the description of a no-reply scheduler's invitation is the url")
  func zoomInDescription() throws {
    let ledger = try ScratchLedger()
    let draft = try #require(try ledger.read("zoom-description.ics").drafts.first)
    #expect(draft.application == "initech")
    #expect(Self.value(.company, of: draft) == "Initech")
    #expect(Self.value(.contact, of: draft) == nil, "a no-reply sender is nobody to thank")
    #expect(Self.value(.email, of: draft) == nil)
    #expect(
      Self.value(.url, of: draft) == "https://initech.zoom.us/j/81234567890?pwd=Q2xhc3NpY1plbzEy")
    #expect(Self.value(.place, of: draft) == nil)
    #expect(Self.value(.tz, of: draft) == "Europe/London")
    #expect(draft.moment == Self.local(2026, 12, 2, 15, 30))
    #expect(
      Self.value(.note, of: draft)?.contains("also invited: Bill Lumbergh <bill@initech.co.uk>")
        == true)
  }

  @Test("a Calendly-style UTC invitation is written in your zone, without tz")
  func calendlyUTC() throws {
    let ledger = try ScratchLedger()
    let draft = try #require(try ledger.read("calendly-utc.ics").drafts.first)
    #expect(draft.application == "umbrella")
    #expect(draft.moment == Self.local(2026, 12, 10, 17, 0), "16:00 UTC is 17:00 in Berlin")
    #expect(Self.value(.tz, of: draft) == nil)
    #expect(Self.value(.contact, of: draft) == "Hannah Hiring")
    #expect(Self.value(.email, of: draft) == "hannah@umbrella.io")
    #expect(Self.value(.url, of: draft) == "https://meet.google.com/xyz-abcd-efg")
    #expect(Self.value(.place, of: draft) == nil)
  }

  @Test("a file with two events gives two rounds of one application, appended together")
  func multiEvent() throws {
    let ledger = try ScratchLedger()
    let invitation = try ledger.import("two-rounds.ics")
    #expect(invitation.drafts.map(\.application) == ["hooli", "hooli"])
    #expect(
      invitation.drafts.map(\.moment) == [
        Self.local(2026, 12, 1, 9, 0), Self.local(2026, 12, 4, 13, 0),
      ])
    #expect(Self.value(.url, of: invitation.drafts[1]) == "https://careers.hooli.xyz/schedule/4711")
    #expect(Self.value(.place, of: invitation.drafts[1]) == "Hooli Berlin, Unter den Linden 1")
    #expect(Self.value(.contact, of: invitation.drafts[0]) == "Gavin Belson")
    let actions = Scheduler.plan(try ledger.journal, holidays: [], now: Self.now)
    #expect(
      actions.filter { $0.kind == .interview }.map(\.title) == [
        "Interview at Hooli", "Interview (round 2) at Hooli",
      ])
  }

  @Test("an invitation imported twice is recognised: a warning at its UID, nothing appended")
  func importedTwice() throws {
    let ledger = try ScratchLedger()
    try ledger.import("google-onsite.ics")
    let again = try ledger.read("google-onsite.ics")
    #expect(again.drafts.isEmpty)
    #expect(again.problems.isEmpty)
    let notice = try #require(again.notices.first)
    #expect(notice.severity == .warning)
    #expect(notice.location.line == 29, "the UID line of the VEVENT")
    #expect(notice.message.contains("is already in the ledger ("))
    // Once its update is in, the first version again says which one the ledger has.
    try ledger.import("google-onsite-moved.ics")
    let old = try #require(try ledger.read("google-onsite.ics").notices.first)
    #expect(
      old.message.contains("(sequence 0) is already in the ledger, as its update (sequence 1)"),
      "\(old.message)")
  }

  @Test("an invitation appended by another import meanwhile is refused under the lock")
  func importedMeanwhile() throws {
    let ledger = try ScratchLedger()
    let first = try ledger.read("google-onsite.ics")
    let second = try ledger.read("google-onsite.ics")
    _ = try LedgerFile.append(first.drafts, to: ledger.path, defaultZone: Self.berlin)
    #expect(throws: AppendFailure.self) {
      _ = try LedgerFile.append(
        second.drafts, to: ledger.path, defaultZone: Self.berlin,
        validate: second.checkNotImportedMeanwhile)
    }
    #expect(try ledger.journal.entries.count == 1)
  }

  @Test("key=value arguments and --id win over what the invitation says")
  func argumentsWin() throws {
    let ledger = try ScratchLedger()
    let invitation = try ledger.read(
      "calendly-utc.ics", id: "umbrella-ios",
      fields: [
        DraftField(key: "company", value: "Umbrella Corporation"),
        DraftField(key: "role", value: "iOS Engineer"),
      ])
    let draft = try #require(invitation.drafts.first)
    #expect(draft.application == "umbrella-ios")
    #expect(Self.value(.company, of: draft) == "Umbrella Corporation")
    #expect(Self.value(.role, of: draft) == "iOS Engineer")
  }

  // MARK: Updates and cancellations

  @Test("an update with a higher SEQUENCE and a new time records the move and the new time")
  func updateMovesTheInterview() throws {
    let ledger = try ScratchLedger()
    try ledger.import("google-onsite.ics")
    let moved = try ledger.import("google-onsite-moved.ics")
    #expect(moved.events.map(\.change) == [.moved])
    #expect(moved.drafts.map(\.verb) == ["note", "interview"])
    #expect(moved.drafts[0].moment == .instant(Self.now), "recorded when it was learnt")
    #expect(
      Self.value(.text, of: moved.drafts[0])
        == "Moved by the organizer: the interview of 2026-12-08 14:00 is now on 2026-12-09 11:00")
    #expect(moved.drafts[1].moment == Self.local(2026, 12, 9, 11, 0))
    #expect(Self.value(.tz, of: moved.drafts[1]) == nil, "the application has its zone already")
    #expect(Self.value(.company, of: moved.drafts[1]) == nil, "a round inherits it")
    #expect(
      Self.value(.note, of: moved.drafts[1])?.contains("(sequence 1); also invited") == true)
    #expect(
      Self.value(.note, of: moved.drafts[1])?.hasSuffix("moved from 2026-12-08 14:00") == true)
    let interviews = try ledger.journal.entries.filter { $0.verb == .interview }
    #expect(interviews.map(\.date.description) == ["2026-12-08", "2026-12-09"])
    // The plan has one interview, moved: the first one's event at the new time.
    let plan = Scheduler.plan(try ledger.journal, holidays: Set<CivilDate>(), now: Self.now)
    let planned = plan.filter { $0.kind == .interview }
    #expect(planned.count == 1)
    #expect(planned.first?.status == .pending)
    #expect(planned.first?.sequence ?? 0 > 0)
    #expect(planned.first?.why.contains("5q1v0l3kq9m2c8d7a6b5e4f3g2@google.com") == true)
    #expect(try ledger.read("google-onsite-moved.ics").drafts.isEmpty, "the move is known now")
    #expect(try ledger.read("google-onsite.ics").drafts.isEmpty, "and so is the older version")
  }

  @Test("an update with a higher SEQUENCE at the same time appends nothing and says so")
  func updateAtTheSameTime() throws {
    let ledger = try ScratchLedger()
    try ledger.import("google-onsite.ics")
    var text = try Self.fixture("google-onsite.ics")
    text = text.replacingOccurrences(of: "SEQUENCE:0", with: "SEQUENCE:4")
    let update = InvitationImport(
      ics: text, path: "u.ics", journal: try ledger.journal, yourZone: "Europe/Berlin",
      now: Self.now)
    #expect(update.drafts.isEmpty)
    #expect(update.notices.first?.message.contains("its time, 2026-12-08 14:00") == true)
  }

  @Test("a cancellation of a known invitation appends a note naming it, once")
  func cancellation() throws {
    let ledger = try ScratchLedger()
    try ledger.import("google-onsite.ics")
    let cancel = try ledger.import("google-onsite-cancelled.ics")
    #expect(cancel.events.map(\.change) == [.cancelled])
    let draft = try #require(cancel.drafts.first)
    #expect(cancel.drafts.count == 1)
    #expect(draft.verb == "note")
    #expect(draft.application == "globex")
    #expect(draft.moment == .instant(Self.now))
    #expect(
      Self.value(.text, of: draft)
        == "Cancelled by the organizer: the interview of 2026-12-08 14:00 "
        + "(Globex – Onsite interview (Staff Engineer)) did not take place")
    #expect(
      Self.value(.note, of: draft)
        == "invitation 5q1v0l3kq9m2c8d7a6b5e4f3g2@google.com (sequence 2) cancelled")
    #expect(Self.value(.cancels, of: draft) == "2026-12-08 14:00")
    // The plan cancels the interview, naming the invitation.
    let plan = Scheduler.plan(try ledger.journal, holidays: Set<CivilDate>(), now: Self.now)
    let interview = try #require(plan.first { $0.kind == .interview })
    #expect(interview.status == .cancelled)
    #expect(interview.why.contains("5q1v0l3kq9m2c8d7a6b5e4f3g2@google.com"))
    #expect(plan.allSatisfy { $0.status != .pending }, "\(plan.map(\.uid))")
    let twice = try ledger.read("google-onsite-cancelled.ics")
    #expect(twice.drafts.isEmpty)
    #expect(twice.notices.first?.message.contains("already cancelled") == true)
    #expect(try ledger.read("google-onsite.ics").drafts.isEmpty, "the old request adds nothing")
  }

  @Test("a cancelled invitation sent again with a higher SEQUENCE is a new interview")
  func rescheduledAfterCancellation() throws {
    let ledger = try ScratchLedger()
    try ledger.import("google-onsite.ics")
    try ledger.import("google-onsite-cancelled.ics")
    var text = try Self.fixture("google-onsite-moved.ics")
    text = text.replacingOccurrences(of: "SEQUENCE:1", with: "SEQUENCE:3")
    let again = InvitationImport(
      ics: text, path: "r.ics", journal: try ledger.journal, yourZone: "Europe/Berlin",
      now: Self.now)
    #expect(again.events.map(\.change) == [.scheduled])
    #expect(again.drafts.map(\.verb) == ["interview"])
    #expect(again.drafts.first?.moment == Self.local(2026, 12, 9, 11, 0))
    _ = try LedgerFile.append(again.drafts, to: ledger.path, defaultZone: Self.berlin)
    #expect(try ledger.journal.entries.map(\.verb) == [.interview, .note, .interview])
  }

  @Test("a cancellation of an invitation the ledger does not hold appends nothing, with a warning")
  func unknownCancellation() throws {
    let ledger = try ScratchLedger()
    let cancel = try ledger.read("google-onsite-cancelled.ics")
    #expect(cancel.drafts.isEmpty)
    #expect(cancel.problems.isEmpty)
    #expect(cancel.notices.first?.message.contains("is not in the ledger") == true)
  }

  // MARK: Which application

  @Test("an ID already taken by another company is refused with a hint to pass --id")
  func idClash() throws {
    let ledger = try ScratchLedger(
      "timezone Europe/Berlin\n\n2026-11-02 10:00 interview globex\n  company: Globex Shipping\n")
    let clash = try ledger.read("google-onsite.ics")
    #expect(clash.drafts.isEmpty)
    let problem = try #require(clash.problems.first)
    #expect(problem.severity == .error)
    #expect(problem.location.line == 24, "the BEGIN:VEVENT line")
    #expect(problem.message.contains("already the application of Globex Shipping"))
    #expect(problem.hint?.contains("--id") == true)
    let named = try ledger.read("google-onsite.ics", id: "globex-nyc")
    #expect(named.problems.isEmpty)
    #expect(named.drafts.first?.application == "globex-nyc")
  }

  @Test("a further round of a known company joins its application, in the application's zone")
  func furtherRound() throws {
    let ledger = try ScratchLedger(
      "timezone Europe/Berlin\n\n2026-11-02 10:00 interview globex\n  company: Globex\n")
    let draft = try #require(try ledger.read("google-onsite.ics").drafts.first)
    #expect(draft.application == "globex")
    #expect(draft.moment == Self.local(2026, 12, 8, 20, 0), "14:00 in New York, in Berlin")
    #expect(Self.value(.tz, of: draft) == nil)
  }

  @Test("the ID is the company's name in lowercase ASCII words joined by dashes")
  func derivedID() {
    #expect(InvitationImport.applicationID(for: "Acme GmbH") == "acme-gmbh")
    #expect(InvitationImport.applicationID(for: "Müller & Söhne KG") == "muller-sohne-kg")
    #expect(InvitationImport.applicationID(for: "  Initech, Inc. ") == "initech-inc")
    #expect(InvitationImport.applicationID(for: "株式会社") == nil)
  }

  // MARK: Zones

  @Test("every Windows zone name in the table maps to a zone libical knows")
  func windowsTable() {
    #expect(WindowsZones.table.count >= 130)
    for (windows, iana) in WindowsZones.table {
      #expect(InvitationImport.ianaZone(for: windows) == iana, "\(windows)")
    }
  }

  @Test("IANA names, prefixed IANA names and UTC aliases are understood; others are not")
  func zoneNames() {
    #expect(InvitationImport.ianaZone(for: "Asia/Tokyo") == "Asia/Tokyo")
    #expect(
      InvitationImport.ianaZone(for: "/freeassociation.sourceforge.net/Europe/Berlin")
        == "Europe/Berlin")
    #expect(
      InvitationImport.ianaZone(for: "/mozilla.org/20050126_1/America/New_York")
        == "America/New_York")
    #expect(InvitationImport.ianaZone(for: "GMT") == "Etc/UTC")
    #expect(InvitationImport.ianaZone(for: "Mars Standard Time") == nil)
  }

  @Test("a floating time is read as the wall-clock time in your zone")
  func floatingTime() throws {
    let text = try Self.fixture("two-rounds.ics").replacingOccurrences(
      of: "DTSTART;TZID=Europe/Berlin:20261201T090000", with: "DTSTART:20261201T091500")
    let invitation = InvitationImport(
      ics: text, path: "f.ics", journal: try ScratchLedger("timezone Asia/Tokyo\n").journal,
      yourZone: "Asia/Tokyo", now: Self.now)
    #expect(invitation.drafts.first?.moment == Self.local(2026, 12, 1, 9, 15))
    #expect(Self.value(.tz, of: invitation.drafts[0]) == nil)
    #expect(Self.value(.tz, of: invitation.drafts[1]) == "Europe/Berlin")
  }

  // MARK: Bad invitations

  @Test("a VEVENT without DTSTART is an error at that VEVENT; nothing is drafted")
  func missingStart() throws {
    let invitation = try ScratchLedger().read("no-start.ics")
    #expect(invitation.drafts.isEmpty)
    let problem = try #require(invitation.problems.first)
    #expect(
      problem.description.hasPrefix(
        "no-start.ics:12:1: error: VEVENT 'second@vandelay.example' has no DTSTART"))
  }

  @Test("an unknown zone is an error at DTSTART's TZID")
  func unknownZone() throws {
    let invitation = try ScratchLedger().read("unknown-zone.ics")
    #expect(invitation.drafts.isEmpty)
    #expect(
      invitation.problems.map(\.description).first?.hasPrefix(
        "unknown-zone.ics:8:9: error: unknown time zone 'Mars Standard Time'") == true)
  }

  @Test("an invitation without a UID is still read for its other problems")
  func missingUIDHidesNothing() throws {
    let text = try Self.fixture("unknown-zone.ics").replacingOccurrences(
      of: "UID:olympus@ares.example\r\n", with: "")
    let invitation = InvitationImport(
      ics: text, path: "u.ics", journal: try ScratchLedger().journal, yourZone: "Europe/Berlin",
      now: Self.now)
    let problems = invitation.problems.map(\.description)
    #expect(
      problems.contains { $0.hasPrefix("u.ics:5:1: error: the VEVENT has no UID") }, "\(problems)")
    #expect(
      problems.contains { $0.contains("error: unknown time zone 'Mars Standard Time'") },
      "\(problems)")
  }

  @Test("text that is not iCalendar, a truncated calendar and a reply are errors")
  func notAnInvitation() throws {
    let journal = try ScratchLedger().journal
    func problems(_ text: String) -> [String] {
      InvitationImport(
        ics: text, path: "x.ics", journal: journal, yourZone: "Europe/Berlin", now: Self.now
      )
      .problems.map(\.description)
    }
    #expect(InvitationImport.isICalendar("\u{FEFF}\r\nbegin:vcalendar\r\n"))
    #expect(!InvitationImport.isICalendar("BEGIN:VCARD\nEND:VCARD\n"))
    #expect(
      problems("BEGIN:VCALENDAR\nVERSION:2.0\n").first?.hasPrefix("x.ics:1:1: error:") == true)
    let reply = try Self.fixture("calendly-utc.ics").replacingOccurrences(
      of: "METHOD:REQUEST", with: "METHOD:REPLY")
    #expect(
      problems(reply).first?.hasPrefix("x.ics:5:1: error: METHOD:REPLY is not an invitation")
        == true)
  }
}
