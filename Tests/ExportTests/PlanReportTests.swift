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
        fields: fields.map { Field(key: $0.0, value: $0.1, location: location) },
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

  func report(now: String, all: Bool = false) -> PlanReport {
    let now = ISODateTime.parse(now, defaultZone: .gmt)!
    return PlanReport(
      actions: Scheduler.plan(journal, holidays: [], now: now), now: now, includeAll: all)
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

  @Test("times are ISO 8601 with the offset of the application's zone")
  func offsets() throws {
    let objects = try objects(report(now: "2026-11-20T12:00:00Z"))
    let acmeCall = try #require(
      objects.first { $0["uid"] as? String == "follow-up-call-1.round-1.acme@tenterhooks.invalid" })
    #expect(acmeCall["start"] as? String == "2026-12-02T10:00:00+01:00")
    #expect(acmeCall["end"] as? String == "2026-12-02T10:15:00+01:00")
    let nycoLetter = try #require(
      objects.first { $0["uid"] as? String == "thank-you.round-1.nyco@tenterhooks.invalid" })
    #expect(nycoLetter["start"] as? String == "2026-11-26T09:00:00-05:00")
    #expect(nycoLetter["timeZone"] as? String == "America/New_York")
  }

  @Test("by default only pending actions, overdue first, then the upcoming ones")
  func pendingOnly() throws {
    let objects = try objects(report(now: "2026-11-30T12:00:00Z"))
    #expect(objects.allSatisfy { $0["status"] as? String == "pending" })
    #expect(objects.first?["overdue"] as? Bool == true)  // Nyco's letter, due Fri 27 Nov
    #expect(objects.first?["uid"] as? String == "thank-you.round-1.nyco@tenterhooks.invalid")
    let upcoming = objects.filter { $0["overdue"] as? Bool == false }.compactMap {
      $0["uid"] as? String
    }
    #expect(upcoming.first?.hasPrefix("check-email") == true)
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
    #expect(plain.contains("Wed 2 Dec 2026 10:00 Berlin"))
    #expect(plain.contains("OVERDUE"))
    #expect(plain.contains("decision due Tue 1 Dec"))
    #expect(!plain.contains("\u{1B}["))
    #expect(report.table(color: true).contains("\u{1B}[1;31m"))
  }
}
