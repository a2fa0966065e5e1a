import Foundation
import Testing

@testable import Ledger

/// Suspicious but valid input (CONTRACT §2): warnings, not errors.
@Suite("Warnings")
struct WarningTests {
  /// 2026-12-01 12:00 UTC.
  let now = Date(timeIntervalSince1970: 1_796_126_400)

  func warnings(_ text: String) -> [Diagnostic] {
    journal(text)?.warnings(now: now) ?? []
  }

  @Test("every warning is located, has the warning severity and prints as PATH:LINE:COL: warning:")
  func warningsPrintLikeCompilers() throws {
    let found = warnings(acmeInterview + "2026-12-05 thanked acme\n")
    let first = try #require(found.first)
    #expect(first.severity == .warning)
    #expect(first.description.hasPrefix("t.ledger:4:1: warning: 'thanked acme' is dated after now"))
  }

  @Test("an entry other than an interview dated after now is suspicious; a future interview is not")
  func futureEntries() {
    #expect(warnings(acmeInterview + "2026-12-09 10:00 interview acme\n").isEmpty)
    let found = warnings(acmeInterview + "2026-12-02 called acme\n")
    #expect(found.map(\.message) == ["'called acme' is dated after now"])
  }

  @Test("a decision date before its interview is suspicious, at the decision field")
  func decisionBeforeInterview() {
    let found = warnings(
      "2026-11-24 10:00 interview acme\n  decision: 2025-12-01\n\n"
        + "2026-11-25 agreed acme\n  decision: 2026-11-20\n")
    #expect(found.map(\.location.line) == [2, 5])
    #expect(
      found.first?.message == "decision date 2025-12-01 is before the interview on 2026-11-24")
    #expect(warnings(acmeInterview + "2026-11-25 agreed acme\n  decision: 2026-11-24\n").isEmpty)
  }

  @Test("a letter or a call dated before the interview it answers is suspicious")
  func answersBeforeTheInterview() {
    let found = warnings(
      "2026-11-23 thanked acme\n2026-11-23 called acme\n\n" + acmeInterview)
    #expect(found.count == 2)
    #expect(found.allSatisfy { $0.message.hasSuffix("is dated before the interview it answers") })
  }

  @Test("an entry after the application closed is suspicious unless it reopens it or is a note")
  func entriesAfterClosing() {
    let closedByOutcome = warnings(
      acmeInterview + "2026-11-26 heard acme\n  by: email\n  outcome: rejected\n\n"
        + "2026-11-27 called acme\n2026-11-27 note acme\n  text: asked for feedback\n")
    #expect(closedByOutcome.map(\.location.line) == [8])
    #expect(closedByOutcome.first?.message.contains("after the application closed") == true)
    let reopened = warnings(
      acmeInterview + "2026-11-26 rejected acme\n2026-11-28 10:00 interview acme\n"
        + "2026-11-29 thanked acme\n")
    #expect(reopened.isEmpty)
  }

  @Test("the same interview twice (ID, date and time) is suspicious at the second")
  func duplicateInterviews() {
    let found = warnings(acmeInterview + "2026-11-24 10:00 interview acme\n")
    #expect(found.map(\.location.line) == [4])
    #expect(found.first?.message.contains("already at line 1") == true)
    #expect(warnings(acmeInterview + "2026-11-24 11:00 interview acme\n").isEmpty)
  }

  @Test("an employer zone with no holidays for it is suspicious, and the hint names the directive")
  func foreignZoneWithoutHolidays() throws {
    let folder = try temporaryFolder()
    try Data("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".utf8).write(
      to: folder.appendingPathComponent("h.ics"))
    let path = folder.appendingPathComponent("w.ledger").path
    let text =
      "timezone Europe/Berlin\nholidays h.ics\n2026-11-24 10:00 interview acme\n"
      + "  tz: America/New_York\n2026-11-24 10:00 interview local\n  tz: Europe/Berlin\n"
    let yoursOnly = try #require(journal(text, path: path)).warnings(now: now)
    #expect(yoursOnly.map(\.location.line) == [4])
    #expect(yoursOnly.first?.hint?.contains("holidays America/New_York PATH") == true)
    // With none at all, the foreign employer is still unknown; yours are your business.
    let none = try #require(
      journal(text.replacingOccurrences(of: "holidays h.ics\n", with: ""))
    ).warnings(now: now)
    #expect(none.map(\.location.line) == [3])
    // `holidays ZONE PATH` or the interview's own `holidays:` key answers it.
    let byZone = try #require(
      journal(
        text.replacingOccurrences(
          of: "holidays h.ics\n", with: "holidays h.ics\nholidays America/New_York h.ics\n"),
        path: path)
    ).warnings(now: now)
    #expect(byZone.isEmpty)
    let byKey = try #require(
      journal(
        text.replacingOccurrences(
          of: "  tz: America/New_York\n", with: "  tz: America/New_York\n  holidays: h.ics\n"),
        path: path)
    ).warnings(now: now)
    #expect(byKey.isEmpty)
  }

  @Test("accepting or declining an offer is its answer, not an entry after the closing")
  func answeringAnOffer() throws {
    let accepted = try #require(
      journal(
        "2026-11-20 interview a\n2026-11-24 offer a\n  answer-by: 2026-12-10\n"
          + "2026-11-26 accepted a\n2026-11-27 note a\n"))
    #expect(accepted.warnings(now: now).isEmpty)
    #expect(accepted.standings.first?.closedBy?.verb == .accepted)
    let twice = try #require(
      journal("2026-11-20 interview a\n2026-11-26 accepted a\n2026-11-27 withdrew a\n"))
    #expect(twice.warnings(now: now).map(\.code) == [.entryAfterClosing])
  }

  @Test(
    "an application is open unless closed by a verb or an outcome; a later interview reopens it")
  func standings() throws {
    let j = try #require(
      journal(
        "2026-11-24 interview a\n2026-11-24 interview b\n2026-11-24 interview c\n"
          + "2026-11-24 interview d\n"
          + "2026-11-25 called b\n  outcome: offer\n2026-11-25 heard c\n  outcome: rejected\n"
          + "2026-11-25 withdrew d\n2026-11-27 interview d\n"
          + "2026-11-25 heard a\n  outcome: undecided\n"))
    let open = j.standings.filter(\.isOpen).map(\.application)
    #expect(open == ["a", "d"])
    #expect(j.standings.first { $0.application == "b" }?.closedBy?.verb == .called)
  }

  @Test("news of a rejection closes the application even before a further interview it calls off")
  func outcomeBeforeScheduledInterview() throws {
    let j = try #require(
      journal(
        "2027-01-08 10:00 interview f\n2026-12-20 10:00 heard f\n  by: email\n  outcome: rejected\n"
      ))
    #expect(j.standings.map(\.isOpen) == [false])
  }
}

@Suite("Cancelling an interview")
struct CancelsKeyTests {
  @Test("'cancels' must name an interview of the same application by its date and time")
  func cancelsNamesAnInterview() {
    let good = diagnostics(
      acmeInterview + "2026-11-23 note acme\n  cancels: 2026-11-24 10:00\n")
    #expect(good.isEmpty)
    let none = diagnostics(acmeInterview + "2026-11-23 note acme\n  cancels: 2026-11-24 11:00\n")
    #expect(none.map(\.code) == [.nothingToCancel])
    #expect(none.first?.location.line == 5)
    let bad = diagnostics(acmeInterview + "2026-11-23 note acme\n  cancels: tomorrow\n")
    #expect(bad.map(\.code) == [.invalidValue])
  }
}
