import Foundation
import ICal
import Testing

@Suite("Writing and reading back")
struct RoundTripTests {
  static let awkwardTexts = [
    "Comma, semicolon; and backslash \\ in one",
    "Line one\nLine two\n\nLine four after a blank",
    "Кириллица: Спасибо за собеседование",
    "CJK: 面接のお礼状を書く — 感谢面试",
    "Emoji: 🎉🙏📞 mixed with text and 👩🏽‍💻 a ZWJ sequence",
    String(repeating: "Долгий текст с запятыми, точками; и эмодзи 🎉 ", count: 12) + "конец",
    "\"Quotes\" and 'apostrophes' and : colons",
  ]

  @Test(
    "text with escapes and non-ASCII comes back from libical unchanged", arguments: awkwardTexts)
  func awkwardTextRoundTrips(text: String) throws {
    let event = Samples.event(
      summary: text, description: text + "\n" + text,
      alarms: [VAlarm(trigger: .relative(.minutes(-15), to: .start), description: text)])
    let written = try Samples.calendar(events: [event]).serialized()
    let back = try VCalendar.parse(written)
    #expect(back.events == [event])
    #expect(back.events.first?.summary == text)
    #expect(back.events.first?.alarms.first?.description == text)
  }

  @Test("folded lines never exceed 75 octets and never split a UTF-8 sequence")
  func foldingRespectsOctetsAndCharacters() throws {
    let events = Self.awkwardTexts.enumerated().map { i, text in
      Samples.event(uid: "e\(i)@t", summary: text, description: text)
    }
    let written = try Samples.calendar(events: events).serialized()
    let bytes = Array(written.utf8)
    var lineCount = 0
    var start = 0
    var index = 0
    while index < bytes.count {
      if bytes[index] == 0x0D {
        #expect(index + 1 < bytes.count && bytes[index + 1] == 0x0A, "CR without LF")
        let line = Array(bytes[start..<index])
        #expect(
          line.count <= 75, "line of \(line.count) octets: \(String(decoding: line, as: UTF8.self))"
        )
        // Each physical line must be valid UTF-8 on its own: no character is cut in two.
        #expect(String(validating: line, as: UTF8.self) != nil, "line splits a UTF-8 sequence")
        lineCount += 1
        index += 2
        start = index
      } else {
        #expect(bytes[index] != 0x0A, "bare LF at octet \(index)")
        index += 1
      }
    }
    #expect(start == bytes.count, "text does not end with CRLF")
    #expect(lineCount > 40)
    #expect(written.contains("\r\n "), "nothing was folded")
  }

  @Test("categories are one CATEGORIES property with a comma-separated list, read back whole")
  func categoriesAreOneProperty() throws {
    let event = Samples.event()
    let text = try Samples.calendar(events: [event]).serialized()
    #expect(text.components(separatedBy: "\r\nCATEGORIES").count == 2, "\(text)")
    #expect(text.contains("\r\nCATEGORIES:Tenterhooks,thank-you\r\n"))
    #expect(try VCalendar.parse(text).events.first?.categories == ["Tenterhooks", "thank-you"])

    var todo = VTodo(uid: "t@t", stamp: Samples.stamp, summary: "Call", categories: ["A", "B"])
    let todoText = try Samples.calendar(events: [], todos: [todo]).serialized()
    #expect(todoText.contains("\r\nCATEGORIES:A,B\r\n"))
    // A comma inside one category would silently split it: refused.
    todo.categories = ["Tenterhooks", "one, two"]
    let error = #expect(throws: ICalError.self) {
      try Samples.calendar(events: [], todos: [todo]).serialized()
    }
    #expect(error?.kind == .invalidValue)
  }

  @Test("to-dos with due dates, completion and categories round-trip")
  func todosRoundTrip() throws {
    let todo = VTodo(
      uid: "todo-1@t", stamp: Samples.stamp, start: Samples.berlin(2026, 11, 25, 9),
      due: Samples.berlin(2026, 11, 26, 23, 59), summary: "Send the thank-you letter",
      description: "Check the spelling of Jane Doe's name", url: "https://acme.example/jobs/1",
      categories: ["Tenterhooks"], status: .completed, completed: Samples.stamp,
      percentComplete: 100, sequence: 3, priority: 1)
    let back = try VCalendar.parse(try Samples.calendar(events: [], todos: [todo]).serialized())
    #expect(back.todos == [todo])
  }

  @Test("calendar-level properties are written and read back")
  func calendarProperties() throws {
    let calendar = try Samples.calendar(events: [Samples.event()])
    let written = try calendar.serialized()
    #expect(written.contains("\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n"))
    #expect(written.contains("\r\nMETHOD:PUBLISH\r\n"))
    #expect(written.contains("\r\nCALSCALE:GREGORIAN\r\n"))
    let back = try VCalendar.parse(written)
    #expect(back.name == "Interviews")
    #expect(back.refreshInterval == .hours(1))
    #expect(back.method == "PUBLISH")
    #expect(back.productID == calendar.productID)
    #expect(back.extraProperties == calendar.extraProperties)
    #expect(back.timeZones.map(\.identifier) == ["Europe/Berlin"])
  }

  @Test("recurrence rules with UNTIL in UTC and exception dates round-trip")
  func recurrenceRoundTrips() throws {
    var event = Samples.event()
    event.recurrence = RecurrenceRule(
      frequency: .weekly, until: .utc(Samples.stamp.addingTimeInterval(30 * 86400)),
      byDay: [.init(.monday), .init(.tuesday), .init(.friday)])
    event.exceptionDates = [Samples.berlin(2026, 11, 27, 9)]
    let written = try Samples.calendar(events: [event]).serialized()
    #expect(written.contains("RRULE:FREQ=WEEKLY;UNTIL=20261218T110640Z;BYDAY=MO,TU,FR\r\n"))
    #expect(written.contains("EXDATE;TZID=Europe/Berlin:20261127T090000\r\n"))
    #expect(try VCalendar.parse(written).events == [event])
  }

  @Test("an X- property name must be an X- name")
  func extraPropertyNamesAreChecked() throws {
    var event = Samples.event()
    event.extraProperties = [ExtraProperty(name: "SUMMARY", value: "sneaky")]
    #expect(throws: ICalError.self) { try Samples.calendar(events: [event]).serialized() }
  }

  @Test("impossible dates are refused before libical sees them")
  func impossibleDateThrows() throws {
    var event = Samples.event()
    event.start = ICalDateTime(
      year: 2026, month: 2, day: 30, hour: 9, form: .zoned("Europe/Berlin"))
    let error = #expect(throws: ICalError.self) {
      try Samples.calendar(events: [event]).serialized()
    }
    #expect(error?.kind == .invalidValue)
  }

  @Test("February 29 is a DTSTART only in a leap year: refused in 2026, written in 2028")
  func february29OnlyInLeapYears() throws {
    var event = Samples.event()
    event.start = Samples.berlin(2026, 2, 29, 9)
    event.end = nil
    let error = #expect(throws: ICalError.self) {
      try Samples.calendar(events: [event]).serialized()
    }
    #expect(error?.kind == .invalidValue)

    event.start = Samples.berlin(2028, 2, 29, 9)
    let text = try Samples.calendar(events: [event]).serialized()
    #expect(text.contains("DTSTART;TZID=Europe/Berlin:20280229T090000\r\n"))
    for year in [2100, 1900] {
      event.start = Samples.berlin(year, 2, 29, 9)
      #expect(throws: ICalError.self) { try Samples.calendar(events: [event]).serialized() }
    }
    event.start = Samples.berlin(2000, 2, 29, 9)
    #expect(try Samples.calendar(events: [event]).serialized().contains("20000229T090000"))
  }
}

@Suite("Serialising piece by piece")
struct ComponentSerializerTests {
  @Test("envelope, zones, events and to-dos concatenated equal the whole calendar's bytes")
  func piecesEqualWhole() throws {
    let todo = VTodo(
      uid: "todo@t", stamp: Samples.stamp, due: Samples.berlin(2026, 11, 26, 23, 59),
      summary: "Letter",
      alarms: [VAlarm(trigger: .relative(.hours(-1), to: .start), description: "x")])
    let events = RoundTripTests.awkwardTexts.enumerated().map { i, text in
      Samples.event(
        uid: "e\(i)@t", summary: text,
        alarms: [VAlarm(trigger: .relative(.minutes(-i), to: .start), description: text)])
    }
    var calendar = try Samples.calendar(events: events, todos: [todo])
    calendar.timeZones.insert(
      try VTimeZone(identifier: "America/New_York", years: 2026...2026), at: 0)
    let whole = try calendar.serialized()
    let zoneOrder = whole.split(separator: "\r\n").filter { $0.hasPrefix("TZID:") }
    #expect(zoneOrder == ["TZID:America/New_York", "TZID:Europe/Berlin"])
    let (header, footer) = try ComponentSerializer.envelope(of: calendar)
    var pieces = header
    for zone in calendar.timeZones { pieces += try ComponentSerializer.text(of: zone) }
    for event in calendar.events { pieces += try ComponentSerializer.text(of: event) }
    for todo in calendar.todos { pieces += try ComponentSerializer.text(of: todo) }
    pieces += footer
    #expect(pieces == whole)
    #expect(
      try VCalendar.parse(whole).timeZones.map(\.identifier) == calendar.timeZones.map(\.identifier)
    )
  }
}
