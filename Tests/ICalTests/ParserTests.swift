import Foundation
import ICal
import SeededRandom
import Testing

@Suite("Parsing")
struct ParserTests {
  static let holidays = """
    BEGIN:VCALENDAR\r
    VERSION:2.0\r
    PRODID:-//Test//Holidays//EN\r
    BEGIN:VEVENT\r
    UID:new-year@test\r
    DTSTAMP:20260101T000000Z\r
    DTSTART;VALUE=DATE:20260101\r
    RRULE:FREQ=YEARLY\r
    SUMMARY:New Year's Day\r
    END:VEVENT\r
    BEGIN:VEVENT\r
    UID:thanksgiving@test\r
    DTSTAMP:20260101T000000Z\r
    DTSTART;VALUE=DATE:20261126\r
    RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH\r
    SUMMARY:Thanksgiving\r
    END:VEVENT\r
    BEGIN:VEVENT\r
    UID:once@test\r
    DTSTAMP:20260101T000000Z\r
    DTSTART;VALUE=DATE:20261224\r
    SUMMARY:Christmas Eve\r
    END:VEVENT\r
    END:VCALENDAR\r

    """

  @Test("all-day events are read as dates and recurring ones expand through libical")
  func allDayRecurringExpansion() throws {
    let calendar = try VCalendar.parse(Self.holidays)
    #expect(calendar.events.count == 3)
    #expect(calendar.events.allSatisfy { $0.start.isDate })
    let last = ICalDateTime.date(year: 2028, month: 12, day: 31)
    let newYears = try calendar.events[0].occurrences(through: last)
    #expect(newYears == [2026, 2027, 2028].map { ICalDateTime.date(year: $0, month: 1, day: 1) })
    let thanksgivings = try calendar.events[1].occurrences(through: last)
    #expect(
      thanksgivings == [
        .date(year: 2026, month: 11, day: 26), .date(year: 2027, month: 11, day: 25),
        .date(year: 2028, month: 11, day: 23),
      ])
    #expect(
      try calendar.events[2].occurrences(through: last) == [.date(year: 2026, month: 12, day: 24)])
  }

  @Test("exception dates are left out of the expansion")
  func exceptionDatesExcluded() throws {
    let text = Self.holidays.replacingOccurrences(
      of: "RRULE:FREQ=YEARLY\r\n", with: "RRULE:FREQ=YEARLY\r\nEXDATE;VALUE=DATE:20270101\r\n")
    let event = try VCalendar.parse(text).events[0]
    #expect(
      try event.occurrences(through: .date(year: 2028, month: 6, day: 1))
        == [.date(year: 2026, month: 1, day: 1), .date(year: 2028, month: 1, day: 1)])
  }

  @Test(
    "invalid input gives an error, not a crash or partial data",
    arguments: [
      ("", ICalError.Kind.notICalendar),
      ("hello, world", .notICalendar),
      ("date,company\n2026-11-24,Acme\n", .notICalendar),
      ("BEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\n", .notICalendar),
      (String(ParserTests.holidays.prefix(200)), .malformed),
      (
        ParserTests.holidays.replacingOccurrences(
          of: "DTSTART;VALUE=DATE:20261224", with: "DTSTART;VALUE=DATE:2026-12-24x"), .malformed
      ),
      (
        ParserTests.holidays.replacingOccurrences(of: "SUMMARY:Thanksgiving", with: "SUMMARY"),
        .malformed
      ),
      (
        ParserTests.holidays.replacingOccurrences(
          of: "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH", with: "RRULE:FREQ=SOMETIMES"), .malformed
      ),
      ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n", .malformed),
    ])
  func invalidInput(text: String, kind: ICalError.Kind) {
    let error = #expect(throws: ICalError.self) { try VCalendar.parse(text) }
    #expect(error?.kind == kind, "\(error?.message ?? "no error")")
    #expect(error?.message.isEmpty == false)
  }

  @Test("random mutations of a valid calendar never crash the parser")
  func mutationsDoNotCrash() throws {
    var generator = SplitMix64(seed: 2026)
    let base = Array(Self.holidays.utf8)
    var parsed = 0
    var rejected = 0
    for _ in 0..<500 {
      var bytes = base
      for _ in 0..<Int.random(in: 1...6, using: &generator) {
        let at = Int.random(in: 0..<bytes.count, using: &generator)
        switch Int.random(in: 0..<3, using: &generator) {
        case 0: bytes.remove(at: at)
        case 1: bytes.insert(UInt8.random(in: 0x20...0x7E, using: &generator), at: at)
        default: bytes[at] = [0x3A, 0x3B, 0x0D, 0x0A, 0x2C, 0x5C].randomElement(using: &generator)!
        }
      }
      do {
        _ = try VCalendar.parse(String(decoding: bytes, as: UTF8.self))
        parsed += 1
      } catch {
        rejected += 1
      }
    }
    #expect(parsed + rejected == 500)
    #expect(rejected > 0)
  }
}
