import Foundation
import ICal

/// Builders for the calendars the tests write and read back.
enum Samples {
  static let stamp = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18T...Z

  static func berlin(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ min: Int = 0) -> ICalDateTime {
    ICalDateTime(year: y, month: m, day: d, hour: h, minute: min, form: .zoned("Europe/Berlin"))
  }

  static func event(
    uid: String = "thank-you.acme@tenterhooks.test", summary: String = "Write the thank-you letter",
    description: String? = "Be brief.", alarms: [VAlarm] = []
  ) -> VEvent {
    VEvent(
      uid: uid, stamp: stamp, start: berlin(2026, 11, 25, 9), end: berlin(2026, 11, 25, 9, 30),
      summary: summary, description: description, categories: ["Tenterhooks", "thank-you"],
      status: .confirmed, sequence: 2, alarms: alarms)
  }

  static func calendar(events: [VEvent], todos: [VTodo] = []) throws -> VCalendar {
    VCalendar(
      productID: "-//Tenterhooks//Tests//EN", method: "PUBLISH", calendarScale: "GREGORIAN",
      name: "Interviews", refreshInterval: .hours(1),
      extraProperties: [
        ExtraProperty(name: "X-WR-CALNAME", value: "Interviews"),
        ExtraProperty(name: "X-PUBLISHED-TTL", value: "PT1H"),
      ],
      timeZones: [try VTimeZone(identifier: "Europe/Berlin", years: 2026...2027)],
      events: events, todos: todos)
  }
}
