import Foundation
import ICal
import Testing

@Suite("Reading invitations")
struct InvitationReaderTests {
  static let invitation = """
    BEGIN:VCALENDAR\r
    VERSION:2.0\r
    PRODID:-//Test//Invitation//EN\r
    METHOD:REQUEST\r
    BEGIN:VEVENT\r
    UID:round-1@acme.example\r
    DTSTAMP:20261120T090000Z\r
    DTSTART;TZID=W. Europe Standard Time:20261203T100000\r
    SUMMARY:Interview\r
    ORGANIZER;CN="Doe, Jane":MAILTO:jane@acme.example\r
    ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=OPT-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Tom Lead:mailto:tom@acme.example\r
    ATTENDEE;CUTYPE=ROOM;ROLE=NON-PARTICIPANT:mailto:room-4@acme.example\r
    X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij\r
    SEQUENCE:2\r
    END:VEVENT\r
    END:VCALENDAR\r

    """

  @Test("the organizer and attendees are read with their name, role, status and type")
  func organizerAndAttendees() throws {
    let calendar = try VCalendar.parse(Self.invitation)
    #expect(calendar.method == "REQUEST")
    let event = try #require(calendar.events.first)
    #expect(event.sequence == 2)
    let organizer = try #require(event.organizer)
    #expect(organizer.commonName == "Doe, Jane")
    #expect(organizer.address == "MAILTO:jane@acme.example")
    #expect(organizer.email == "jane@acme.example", "the scheme is case-insensitive")
    #expect(event.attendees.count == 2)
    #expect(
      event.attendees[0]
        == CalendarUser(
          address: "mailto:tom@acme.example", commonName: "Tom Lead", role: "OPT-PARTICIPANT",
          participationStatus: "ACCEPTED", userType: "INDIVIDUAL"))
    #expect(event.attendees[1].userType == "ROOM")
    #expect(event.attendees[1].commonName == nil)
    #expect(
      event.extraProperties.contains(
        ExtraProperty(name: "X-GOOGLE-CONFERENCE", value: "https://meet.google.com/abc-defg-hij")))
    #expect(event.start.form == .zoned("W. Europe Standard Time"), "the TZID as written")
  }

  @Test("an address that is not mailto has no e-mail")
  func nonMailAddress() {
    #expect(CalendarUser(address: "urn:uuid:1234").email == nil)
    #expect(CalendarUser(address: "mailto:").email == nil)
  }

  @Test("a VEVENT without DTSTART is reported with its position and the missing property")
  func missingStartIsLocated() {
    let text = Self.invitation.replacingOccurrences(
      of: "END:VCALENDAR",
      with: "BEGIN:VEVENT\r\nUID:second\r\nDTSTAMP:20261120T090000Z\r\nEND:VEVENT\r\nEND:VCALENDAR")
    #expect {
      try VCalendar.parse(text)
    } throws: { error in
      guard let error = error as? ICalError else { return false }
      return error.event == 1 && error.property == "DTSTART"
        && error.message.contains("'second' has no DTSTART")
    }
    // Without a UID it is not named by an empty one.
    let unnamed = Self.invitation.replacingOccurrences(
      of: "END:VCALENDAR",
      with: "BEGIN:VEVENT\r\nDTSTAMP:20261120T090000Z\r\nEND:VEVENT\r\nEND:VCALENDAR")
    #expect {
      try VCalendar.parse(unnamed)
    } throws: { error in
      (error as? ICalError)?.message == "a VEVENT has no DTSTART"
    }
  }
}
