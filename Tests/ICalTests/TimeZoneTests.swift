import Foundation
import ICal
import Testing

@Suite("Time zones")
struct TimeZoneTests {
  private func utc(_ text: String) -> Date {
    ISO8601DateFormatter().date(from: text)!
  }

  @Test(
    "zoned times convert to the right UTC instant on both sides of a DST change",
    arguments: [
      // Europe/Berlin: CEST (+2) until 2026-10-25 03:00, then CET (+1).
      ("Europe/Berlin", 2026, 10, 24, 10, "2026-10-24T08:00:00Z"),
      ("Europe/Berlin", 2026, 10, 26, 10, "2026-10-26T09:00:00Z"),
      ("Europe/Berlin", 2026, 3, 30, 10, "2026-03-30T08:00:00Z"),
      // America/New_York: EDT (-4) until 2026-11-01 02:00, then EST (-5).
      ("America/New_York", 2026, 10, 31, 10, "2026-10-31T14:00:00Z"),
      ("America/New_York", 2026, 11, 2, 10, "2026-11-02T15:00:00Z"),
      ("America/New_York", 2027, 3, 15, 10, "2027-03-15T14:00:00Z"),
    ])
  func zonedToUTC(zone: String, y: Int, m: Int, d: Int, h: Int, expected: String) throws {
    let value = ICalDateTime(year: y, month: m, day: d, hour: h, form: .zoned(zone))
    #expect(try value.instant() == utc(expected))
    // And Foundation's view of the same zone agrees with libical's.
    #expect(ICalDateTime.zoned(utc(expected), in: TimeZone(identifier: zone)!) == value)
  }

  @Test("the VTIMEZONE carries the plain IANA name and only the years in use")
  func vtimezoneIsTrimmedAndNamedPlainly() throws {
    let calendar = VCalendar(
      productID: "-//T//T//EN",
      timeZones: [
        try VTimeZone(identifier: "Europe/Berlin", years: 2026...2026),
        try VTimeZone(identifier: "America/New_York", years: 2026...2027),
      ])
    let text = try calendar.serialized()
    #expect(!text.contains("freeassociation"))
    // TZUNTIL is optional, and dateutil (so ics-py) rejects the calendar for it.
    #expect(!text.contains("TZUNTIL"))
    #expect(text.contains("\r\nTZID:Europe/Berlin\r\n"))
    #expect(text.contains("\r\nTZID:America/New_York\r\n"))
    // Nothing starts before the year before the first year in use (the observance in
    // force at its 1 January 00:00 UTC is New York's 31 December 2024, 19:00) and nothing
    // after the last year in use.
    let starts = text.split(separator: "\r\n").filter {
      $0.hasPrefix("DTSTART:") || $0.hasPrefix("RDATE:")
    }
    #expect(!starts.isEmpty)
    for line in starts {
      let year = Int(line.split(separator: ":")[1].prefix(4))!
      #expect((2024...2027).contains(year), "observance outside the years in use: \(line)")
    }
    // Transitions are in local time, as RFC 5545 requires inside VTIMEZONE.
    #expect(!starts.contains { $0.hasSuffix("Z") })
    // A full history would hold dozens of observances; trimmed, a handful.
    let observances =
      text.components(separatedBy: "BEGIN:STANDARD").count
      + text.components(separatedBy: "BEGIN:DAYLIGHT").count - 2
    #expect(observances <= 8)
  }

  /// The observances of one VTIMEZONE as text: kind, TZNAME and DTSTART (local, as written).
  private func observances(_ identifier: String, years: ClosedRange<Int>) throws -> [(
    kind: Substring, name: Substring, start: Substring
  )] {
    let text = try ComponentSerializer.text(of: VTimeZone(identifier: identifier, years: years))
    var result: [(kind: Substring, name: Substring, start: Substring)] = []
    var kind: Substring = ""
    var name: Substring = ""
    for line in text.split(separator: "\r\n") {
      if line.hasPrefix("BEGIN:STANDARD") || line.hasPrefix("BEGIN:DAYLIGHT") {
        kind = line.dropFirst("BEGIN:".count)
      } else if line.hasPrefix("TZNAME:") {
        name = line.dropFirst("TZNAME:".count)
      } else if line.hasPrefix("DTSTART:") {
        result.append((kind, name, line.dropFirst("DTSTART:".count)))
      }
    }
    return result
  }

  @Test(
    "every date in the years in use follows an onset of both STANDARD and DAYLIGHT",
    arguments: ["Europe/Berlin", "America/New_York", "Australia/Sydney"])
  func everyObservanceHasAnOnsetBeforeTheFirstYear(zone: String) throws {
    let found = try observances(zone, years: 2026...2027)
    for kind in ["STANDARD", "DAYLIGHT"] {
      let earliest = found.filter { $0.kind == kind }.map(\.start).min()
      let start = try #require(earliest, "no \(kind) in \(zone)")
      #expect(start < "20260101T000000", "\(zone): the first \(kind) onset is \(start)")
    }
  }

  @Test("a period with daylight saving time in effect is DAYLIGHT: Sydney's January is AEDT")
  func daylightPeriodsAreLabelledDaylight() throws {
    let found = try observances("Australia/Sydney", years: 2026...2026)
    #expect(found.contains { $0.name == "AEDT" })
    for observance in found {
      #expect(
        observance.kind == (observance.name == "AEDT" ? "DAYLIGHT" : "STANDARD"),
        "\(observance.kind) named \(observance.name) from \(observance.start)")
    }
    // Berlin's opening period (winter) stays STANDARD.
    let berlin = try observances("Europe/Berlin", years: 2026...2026)
    #expect(berlin.allSatisfy { $0.kind == ($0.name == "CEST" ? "DAYLIGHT" : "STANDARD") })
  }

  @Test("a zoned event written and read back keeps its TZID and instant")
  func zonedEventRoundTrip() throws {
    let start = ICalDateTime(
      year: 2026, month: 11, day: 2, hour: 10, form: .zoned("America/New_York"))
    let event = VEvent(uid: "ny@t", stamp: Samples.stamp, start: start, summary: "Call Globex")
    let calendar = VCalendar(
      productID: "-//T//T//EN",
      timeZones: [try VTimeZone(identifier: "America/New_York", years: 2026...2026)],
      events: [event])
    let text = try calendar.serialized()
    #expect(text.contains("DTSTART;TZID=America/New_York:20261102T100000\r\n"))
    let back = try VCalendar.parse(text)
    #expect(back.events.first?.start == start)
    #expect(try back.events.first?.start.instant() == utc("2026-11-02T15:00:00Z"))
  }

  @Test("an unknown zone is an error that names it")
  func unknownZoneThrows() throws {
    let error = #expect(throws: ICalError.self) {
      try VTimeZone(identifier: "Europe/Atlantis", years: 2026...2026)
    }
    #expect(error?.kind == .unknownTimeZone)
    #expect(error?.message.contains("Europe/Atlantis") == true)
    let instantError = #expect(throws: ICalError.self) {
      try ICalDateTime(year: 2026, month: 1, day: 1, hour: 9, form: .zoned("Mars/Olympus"))
        .instant()
    }
    #expect(instantError?.message.contains("Mars/Olympus") == true)
  }
}
