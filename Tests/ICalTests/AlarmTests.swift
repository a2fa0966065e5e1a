import Foundation
import ICal
import Testing

@Suite("Alarms")
struct AlarmTests {
  @Test(
    "triggers serialise in the RFC 5545 form",
    arguments: [
      (AlarmTrigger.relative(.minutes(-15), to: .start), "TRIGGER:-PT15M"),
      (AlarmTrigger.relative(.days(-1), to: .start), "TRIGGER:-P1D"),
      (AlarmTrigger.relative(.hours(1), to: .start), "TRIGGER:PT1H"),
      (AlarmTrigger.relative(.minutes(-90), to: .start), "TRIGGER:-PT1H30M"),
      (AlarmTrigger.relative(.hours(2), to: .end), "TRIGGER;RELATED=END:PT2H"),
      (AlarmTrigger.relative(.minutes(-5), to: .end), "TRIGGER;RELATED=END:-PT5M"),
      (AlarmTrigger.absolute(Samples.stamp), "TRIGGER;VALUE=DATE-TIME:20261118T110640Z"),
      // Nominal days stay days and exact hours stay hours (RFC 5545 §3.3.6).
      (AlarmTrigger.relative(.days(3), to: .start), "TRIGGER:P3D"),
      (AlarmTrigger.relative(.days(8), to: .start), "TRIGGER:P8D"),
      (AlarmTrigger.relative(.hours(73), to: .start), "TRIGGER:PT73H"),
      (
        AlarmTrigger.relative(ICalDuration(days: -1, seconds: -5400), to: .start),
        "TRIGGER:-P1DT1H30M"
      ),
    ])
  func triggerForms(trigger: AlarmTrigger, line: String) throws {
    let event = Samples.event(alarms: [VAlarm(trigger: trigger, description: "Reminder")])
    let text = try Samples.calendar(events: [event]).serialized()
    #expect(text.contains("\r\n" + line + "\r\n"), "missing \(line) in\n\(text)")
    #expect(try VCalendar.parse(text).events.first?.alarms.first?.trigger == trigger)
  }

  @Test("a duration with nominal days one way and exact time the other is refused")
  func mixedSignsRefused() throws {
    let trigger = AlarmTrigger.relative(ICalDuration(days: 1, seconds: -3600), to: .start)
    let event = Samples.event(alarms: [VAlarm(trigger: trigger, description: "Reminder")])
    let error = #expect(throws: ICalError.self) {
      try Samples.calendar(events: [event]).serialized()
    }
    #expect(error?.kind == .invalidValue)
  }

  @Test("an EMAIL alarm carries its summary, description and attendees")
  func emailAlarm() throws {
    let alarm = VAlarm(
      action: .email, trigger: .relative(.hours(-1), to: .start), description: "Call Acme",
      summary: "Tenterhooks reminder", attendees: ["mailto:me@example.org"])
    let text = try Samples.calendar(events: [Samples.event(alarms: [alarm])]).serialized()
    #expect(text.contains("\r\nACTION:EMAIL\r\n"))
    #expect(text.contains("\r\nATTENDEE:mailto:me@example.org\r\n"))
    #expect(try VCalendar.parse(text).events.first?.alarms == [alarm])
    #expect(try ICalValidator.problems(in: text).filter { $0.contains("VALARM") }.isEmpty)
  }

  @Test("the validator flags what libical's restriction check does not: VALARM contents")
  func validatorChecksAlarms() throws {
    let good = try Samples.calendar(events: [
      Samples.event(alarms: [
        VAlarm(trigger: .relative(.minutes(-5), to: .start), description: "Go")
      ])
    ]).serialized()
    #expect(try ICalValidator.problems(in: good).filter { $0.contains("VALARM") }.isEmpty)

    let emptyDescription = try Samples.calendar(events: [
      Samples.event(alarms: [VAlarm(trigger: .relative(.minutes(-5), to: .start), description: "")])
    ]).serialized()
    #expect(
      try ICalValidator.problems(in: emptyDescription).contains { $0.contains("DESCRIPTION") })

    let noTrigger = good.replacingOccurrences(of: "TRIGGER:-PT5M\r\n", with: "")
    #expect(try ICalValidator.problems(in: noTrigger).contains { $0.contains("TRIGGER") })

    let emailWithoutAttendee = try Samples.calendar(events: [
      Samples.event(alarms: [
        VAlarm(
          action: .email, trigger: .relative(.minutes(-5), to: .start), description: "x",
          summary: "y")
      ])
    ]).serialized()
    #expect(
      try ICalValidator.problems(in: emailWithoutAttendee).contains { $0.contains("ATTENDEE") })
  }
}
