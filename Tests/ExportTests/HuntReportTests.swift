import Export
import Foundation
import Ledger
import Scheduler
import Testing

@Suite("report: the escaping layer and the page")
struct HuntReportTests {
  @Test("text and attribute values are escaped; control characters are replaced")
  func escaping() {
    #expect(
      HTML.escape("<a href=\"x\">Tom & Jerry's</a>")
        == "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;")
    #expect(HTML.escape("a\u{0}b\u{7F}c\td") == "a\u{FFFD}b\u{FFFD}c\td")
    let element = HTML.element("p", ["title": "\"><script>", "hidden": nil], text: "<b>")
    #expect(element.rendered == "<p title=\"&quot;&gt;&lt;script&gt;\">&lt;b&gt;</p>")
    #expect(HTML.element("meta", ["charset": "utf-8"]).rendered == "<meta charset=\"utf-8\">")
  }

  func page(_ text: String, now: String) throws -> String {
    let journal = try EdgeLedgers.journal(text)
    let now = EdgeLedgers.date(now)
    return HuntReport(
      standings: Scheduler.standings(journal),
      actions: Scheduler.plan(journal, holidays: [], now: now), now: now,
      yourZone: EdgeLedgers.berlin
    ).html()
  }

  @Test("ledger text never becomes markup: no script, no foreign tags")
  func noInjection() throws {
    let html = try page(EdgeLedgers.nonASCII, now: "2026-11-27T10:00:00+01:00")
    #expect(!html.contains("<script"))
    #expect(!html.contains("</script>"))
    #expect(html.contains("Lead &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(html.contains("Müller &amp; Söhne &lt;GmbH&gt;"))
    #expect(html.contains("株式会社テスト"))
  }

  @Test("the page is self-contained: nothing is fetched from elsewhere")
  func selfContained() throws {
    let html = try page(EdgeLedgers.hundred, now: "2026-12-01T10:00:00+01:00")
    for needle in ["http://", "https://", "<link", "@import", "url(", "<script", "src="] {
      #expect(!html.contains(needle), "\(needle)")
    }
    #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
    #expect(
      html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
  }

  @Test("every application has a card, open ones first")
  func everyApplication() throws {
    let html = try page(EdgeLedgers.hundred, now: "2026-12-01T10:00:00+01:00")
    #expect(html.components(separatedBy: "<article ").count - 1 == 100)
    for i in 0..<100 { #expect(html.contains("id=\"app\(i)\"")) }
    let firstClosed = try #require(html.range(of: "class=\"app closed\""))
    #expect(html[firstClosed.upperBound...].contains("class=\"app\" ") == false)
  }

  @Test("a timeline names the interviews, letters, calls, postponements and the outcome")
  func timeline() throws {
    let text =
      EdgeLedgers.header + """
        2026-11-10 10:00 interview acme
          company: Acme GmbH
          role: iOS Engineer
          contact: Jane Doe
          decision: 2026-11-17
        2026-11-10 19:30 thanked acme
        2026-11-18 10:05 called acme
          outcome: undecided
          decision: 2026-11-24
        2026-11-20 postponed acme
          decision: 2026-11-26
        2026-11-27 offer acme

        """
    let html = try page(text, now: "2026-12-01T10:00:00+01:00")
    for phrase in [
      "Interview, with Jane Doe; decision by 2026-11-17", "Thank-you letter sent",
      "I called: not decided yet; decision now by 2026-11-24", "Decision postponed to 2026-11-26",
      ">Offer<", "postponed 2×",
    ] {
      #expect(html.contains(phrase), "\(phrase)")
    }
  }

  @Test("the agenda holds the next two weeks and nothing later")
  func agenda() throws {
    let text =
      EdgeLedgers.header + """
        2026-11-30 10:00 interview soon
          company: Soon
          decision: 2026-12-03
        2027-01-20 10:00 interview later
          company: Later

        """
    let html = try page(text, now: "2026-12-01T10:00:00+01:00")
    let agenda = try #require(html.components(separatedBy: "<h2 id=\"apps\">").first)
    #expect(agenda.contains("Soon"))
    #expect(!agenda.contains("Later"))
  }

  @Test("an empty ledger gives a page that says so")
  func empty() throws {
    let html = try page(EdgeLedgers.empty, now: "2026-12-01T10:00:00+01:00")
    #expect(html.contains("No applications yet."))
    #expect(html.contains("Nothing to do in the next two weeks."))
  }

  @Test("everything closed: every card is closed and the agenda is empty")
  func allClosed() throws {
    let html = try page(EdgeLedgers.allClosed, now: "2026-12-01T10:00:00+01:00")
    #expect(html.components(separatedBy: "class=\"app closed\"").count - 1 == 4)
    #expect(html.contains("Nothing to do in the next two weeks."))
  }

  @Test("a ledger in UTC says UTC, not Foundation's GMT")
  func zoneAsWritten() throws {
    let journal = try EdgeLedgers.journal(
      """
      timezone UTC

      2026-11-20 10:00 interview acme
        company: Acme
        role: Engineer
      """)
    let html = HuntReport(
      Workspace(journal: journal, holidays: []), now: EdgeLedgers.date("2026-11-23T09:00:00Z")
    ).html()
    #expect(html.contains("Times in UTC."))
    #expect(html.contains("(UTC)"))
    #expect(!html.contains("GMT"))
  }

  @Test("the same ledger and now give the same page")
  func deterministic() throws {
    #expect(
      try page(EdgeLedgers.nonASCII, now: "2026-11-27T10:00:00+01:00")
        == page(EdgeLedgers.nonASCII, now: "2026-11-27T10:00:00+01:00"))
  }
}
