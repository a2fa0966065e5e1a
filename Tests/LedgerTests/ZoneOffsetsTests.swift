import Foundation
import Testing

@testable import Ledger

/// `ZoneOffsets` must answer exactly as Foundation's Gregorian calendar does, clock changes
/// and odd zones included, since every instant and date in the calendar goes through it.
@Suite("Zone offsets")
struct ZoneOffsetsTests {
  static let zones = [
    "Europe/Berlin", "Europe/London", "America/New_York", "America/Chicago", "Asia/Tokyo",
    "Europe/Moscow", "Australia/Lord_Howe", "Asia/Kathmandu", "Pacific/Apia", "Pacific/Chatham",
    "America/Sao_Paulo", "Africa/Casablanca", "UTC",
  ]

  static func calendar(_ zone: TimeZone) -> Calendar {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    return calendar
  }

  @Test("wall clocks match Foundation every 7 h 13 min from 2009 to 2031", arguments: zones)
  func wallClocks(_ id: String) throws {
    let zone = try #require(TimeZone(identifier: id))
    let calendar = Self.calendar(zone)
    var t = Date(timeIntervalSince1970: 1_230_768_000)  // 2009-01-01
    let end = Date(timeIntervalSince1970: 1_956_528_000)  // 2032-01-01
    while t < end {
      let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: t)
      let clock = ZoneOffsets.wallClock(of: t, in: zone)
      #expect(
        clock.date == CivilDate(year: c.year!, month: c.month!, day: c.day!)
          && clock.hour == c.hour! && clock.minute == c.minute! && clock.second == c.second!,
        "\(id) at \(t)")
      #expect(ZoneOffsets.offset(at: t, in: zone) == zone.secondsFromGMT(for: t))
      // 7 h 13 min is prime to the day, so the samples sweep every time of day over the years.
      t += 433 * 60
    }
  }

  @Test("wall times become the instants Foundation gives, gaps and repeats too", arguments: zones)
  func instants(_ id: String) throws {
    let zone = try #require(TimeZone(identifier: id))
    let calendar = Self.calendar(zone)
    var day = CivilDate(year: 2010, month: 1, day: 1)
    while day.year < 2031 {
      for (hour, minute) in [(0, 0), (0, 30), (1, 30), (2, 0), (2, 30), (3, 0), (9, 0), (23, 59)] {
        let expected = calendar.date(
          from: DateComponents(
            year: day.year, month: day.month, day: day.day, hour: hour, minute: minute))!
        #expect(
          ZoneOffsets.instant(of: day, hour: hour, minute: minute, in: zone) == expected,
          "\(id) \(day) \(hour):\(minute)")
      }
      day = day.adding(days: 3)
    }
  }

  @Test("dates far from the present go to Foundation")
  func farDates() throws {
    let zone = try #require(TimeZone(identifier: "Europe/Berlin"))
    let day = CivilDate(year: 1500, month: 3, day: 1)
    let expected = Self.calendar(zone).date(
      from: DateComponents(year: 1500, month: 3, day: 1, hour: 9, minute: 0))!
    #expect(ZoneOffsets.instant(of: day, hour: 9, minute: 0, in: zone) == expected)
    #expect(CivilDate(expected, in: zone) == day)
  }

  @Test("dates print zero-padded without String(format:)")
  func descriptions() {
    #expect(CivilDate(year: 26, month: 1, day: 5).description == "0026-01-05")
    #expect(LocalTime(hour: 9, minute: 5).description == "09:05")
    #expect(CivilDate(parsing: "2026-02-29") == nil)
    #expect(CivilDate(parsing: "2024-02-29") == CivilDate(year: 2024, month: 2, day: 29))
    #expect(CivilDate(parsing: "2024-2-29") == nil)
    #expect(CivilDate(parsing: "2024-02-290") == nil)
  }
}
