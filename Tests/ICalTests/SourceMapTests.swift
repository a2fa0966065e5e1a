import Testing

@testable import ICal

@Suite("Where things are in a calendar's text")
struct SourceMapTests {
  static let text = """
    BEGIN:VCALENDAR\r
    VERSION:2.0\r
    METHOD:REQUEST\r
    BEGIN:VEVENT\r
    UID:a@x\r
    DTSTART;TZID=Europe/Berlin:20261124T100000\r
    DESCRIPTION:folded\r
     on to a second line\r
    END:VEVENT\r
    BEGIN:VEVENT\r
    UID:b@x\r
    END:VEVENT\r
    END:VCALENDAR\r

    """

  @Test("events, properties and a parameter's column are found by line, folded lines counted once")
  func positions() throws {
    let map = ICalSourceMap(text: Self.text)
    #expect(map.methodLine == 3)
    #expect(map.line(ofEvent: 0) == 4)
    #expect(map.line(ofEvent: 1) == 10)
    #expect(map.line(ofEvent: 2) == nil)
    let start = try #require(map.position(ofProperty: "dtstart", inEvent: 0, parameter: "TZID"))
    #expect(start.line == 6 && start.column == 9)
    #expect(map.position(ofProperty: "UID", inEvent: 1)?.line == 11)
    #expect(map.position(ofProperty: "DTSTART", inEvent: 1) == nil)
  }

  @Test("iCalendar is recognised by its first line, after a byte-order mark and blank lines")
  func recognition() {
    #expect(VCalendar.looksLikeICalendar("\u{FEFF}\n  begin:vcalendar\r\nEND:VCALENDAR"))
    #expect(!VCalendar.looksLikeICalendar("date,id\n2026-11-24,acme\n"))
  }
}
