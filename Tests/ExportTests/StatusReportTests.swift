import Export
import Foundation
import Ledger
import Scheduler
import Testing

@Suite("status: one row per application")
struct StatusReportTests {
  static let samplePath = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("samples/interviews.ledger").path

  func report(_ journal: Journal, now: String) -> StatusReport {
    let now = EdgeLedgers.date(now)
    return StatusReport(
      standings: Scheduler.standings(journal),
      actions: Scheduler.plan(journal, holidays: [], now: now), now: now,
      yourZone: EdgeLedgers.berlin)
  }

  func sample(now: String = "2026-12-03T12:00:00+01:00") throws -> StatusReport {
    report(try Journal.load(path: Self.samplePath, defaultZone: .gmt), now: now)
  }

  @Test("open applications come first in ledger order, closed ones last")
  func order() throws {
    let rows = try sample().rows
    #expect(
      rows.map(\.standing.application) == [
        "initech", "hooli", "acme", "globex", "umbrella", "wonka",
      ])
    #expect(
      rows.map(\.standing.state) == [.open, .open, .offer, .rejected, .withdrew, .accepted])
  }

  @Test("a row has the round, days since the interview, postponements and the next action")
  func rowFacts() throws {
    let rows = try sample().rows
    let initech = try #require(rows.first { $0.standing.application == "initech" })
    #expect(initech.standing.round == 1)
    #expect(initech.daysSinceInterview == 21)
    #expect(initech.standing.postponements == 3)
    #expect(initech.next != nil)
    let hooli = try #require(rows.first { $0.standing.application == "hooli" })
    #expect(hooli.standing.round == 2)
    // The second round is still ahead on 3 Dec: the days count from the first.
    #expect(hooli.daysSinceInterview == 13)
    // Its first round's thank-you was never logged: overdue, and so next.
    #expect(hooli.next?.kind == .thankYou)
    #expect(
      hooli.next?.isOverdue(
        at: try #require(ISODateTime.parse("2026-12-03T12:00:00+01:00", defaultZone: .gmt))) == true
    )
    let acme = try #require(rows.first { $0.standing.application == "acme" })
    #expect(acme.standing.closedOn == CivilDate(year: 2026, month: 11, day: 25))
    // An offer waits for your answer.
    #expect(acme.next?.kind == .answerOffer)
  }

  @Test("the JSON has every key for every application, in the table's order")
  func json() throws {
    let data = Data(try sample().json().utf8)
    let array = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    #expect(array.count == 6)
    let keys: Set<String> = [
      "application", "company", "role", "contact", "state", "closed", "round",
      "daysSinceInterview", "postponements", "postponementsThisRound", "decision", "next",
    ]
    for object in array { #expect(Set(object.keys) == keys) }
    #expect(array[0]["application"] as? String == "initech")
    let next = try #require(array[0]["next"] as? [String: Any])
    #expect((next["when"] as? String)?.hasSuffix("+01:00") == true)
    #expect(array[2]["closed"] as? String == "2026-11-25")
    #expect((array[2]["next"] as? [String: Any])?["kind"] as? String == "answer-offer")
    #expect(array[5]["next"] is NSNull)
  }

  @Test("the table dims closed rows only with colour, and fits the width it is given")
  func table() throws {
    let report = try sample()
    let plain = report.table(color: false)
    #expect(!plain.contains("\u{1B}["))
    #expect(plain.split(separator: "\n").count == 7)
    let coloured = report.table(color: true)
    let acmeLine = try #require(coloured.split(separator: "\n").first { $0.contains("acme") })
    #expect(acmeLine.hasPrefix("\u{1B}[2m"))
    for line in report.table(color: false, width: 90).split(separator: "\n") {
      #expect(DisplayWidth.columns(of: String(line)) <= 90, "\(line)")
    }
    // At 80 columns the next action's day and time stay whole: the state's date goes first.
    let narrow = report.table(color: false, width: 80).split(separator: "\n").dropFirst()
    let withNext = narrow.filter { !$0.hasSuffix("—") }
    #expect(!withNext.isEmpty)
    for line in withNext {
      #expect(DisplayWidth.columns(of: String(line)) <= 80, "\(line)")
      #expect(line.contains(/[A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2} \d\d:\d\d/), "\(line)")
    }
  }

  @Test("the same ledger and now give the same bytes")
  func deterministic() throws {
    #expect(try sample().json() == sample().json())
    #expect(try sample().table(color: true, width: 100) == sample().table(color: true, width: 100))
  }

  @Test("an empty ledger says there is nothing, in a table and as an empty array")
  func empty() throws {
    let report = report(try EdgeLedgers.journal(EdgeLedgers.empty), now: "2026-12-01T10:00:00Z")
    #expect(report.table(color: false) == "No applications yet.\n")
    let array = try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [Any]
    #expect(array?.isEmpty == true)
  }

  @Test("when everything is closed every row says how, and none has a next action")
  func allClosed() throws {
    let report = report(
      try EdgeLedgers.journal(EdgeLedgers.allClosed), now: "2026-12-01T10:00:00Z")
    #expect(report.rows.map(\.standing.state) == [.offer, .rejected, .withdrew, .rejected])
    #expect(report.rows.allSatisfy { $0.next == nil })
  }

  @Test("a hundred applications give a hundred rows, the open ones first")
  func hundred() throws {
    let report = report(try EdgeLedgers.journal(EdgeLedgers.hundred), now: "2026-12-01T10:00:00Z")
    #expect(report.rows.count == 100)
    let firstClosed = try #require(report.rows.firstIndex { $0.standing.state.isClosed })
    #expect(report.rows[firstClosed...].allSatisfy { $0.standing.state.isClosed })
    #expect(report.rows.filter { $0.standing.state == .offer }.count == 20)
    for line in report.table(color: false, width: 80).split(separator: "\n") {
      #expect(DisplayWidth.columns(of: String(line)) <= 80)
    }
  }

  @Test("non-ASCII companies and names keep the columns aligned")
  func nonASCII() throws {
    let report = report(
      try EdgeLedgers.journal(EdgeLedgers.nonASCII), now: "2026-11-27T10:00:00Z")
    let lines = report.table(color: false).split(separator: "\n").map(String.init)
    #expect(lines.contains { $0.contains("株式会社テスト") })
    // The STATE column starts at the same terminal column on every line.
    let columns = lines.map { line -> Int in
      let mark = ["  STATE", "  open", "  rejected"].compactMap { line.range(of: $0) }.first
      return mark.map { DisplayWidth.columns(of: String(line[..<$0.lowerBound])) } ?? -1
    }
    #expect(lines.count == 5)
    #expect(Set(columns).count == 1)
  }

  @Test("plan --days keeps overdue actions and those whose next time is within the window")
  func planWindow() throws {
    let journal = try Journal.load(path: Self.samplePath, defaultZone: .gmt)
    let now = EdgeLedgers.date("2026-12-03T12:00:00+01:00")
    let actions = Scheduler.plan(journal, holidays: [], now: now)
    let soon = PlanReport.within(days: 8, of: now, actions)
    #expect(!soon.isEmpty)
    for action in soon where action.status == .pending && !action.isOverdue(at: now) {
      #expect(
        action.nextOccurrence(after: now, in: EdgeLedgers.berlin)
          < now.addingTimeInterval(8 * 86_400))
    }
    // Hooli's second round is on Mon 7 Dec at 10:00: 3 days are too few, 5 are enough.
    let three = PlanReport.within(days: 3, of: now, actions)
    #expect(three.contains { $0.application == "hooli" && $0.kind == .interview } == false)
    let week = PlanReport.within(days: 5, of: now, actions)
    #expect(week.contains { $0.application == "hooli" && $0.kind == .interview })
    #expect(
      PlanReport.within(days: 0, of: now, actions).allSatisfy {
        $0.isOverdue(at: now) || $0.start <= now
      })
  }
}
