import Foundation

/// A VALARM: what a calendar app shows (or mails) and when.
package struct VAlarm: Hashable, Sendable {
  /// What the alarm does.
  package enum Action: Hashable, Sendable {
    /// Show a message (`ACTION:DISPLAY`; DESCRIPTION is required).
    case display
    /// Send an e-mail (`ACTION:EMAIL`; SUMMARY, DESCRIPTION and at least one ATTENDEE).
    case email
  }

  /// What the alarm does.
  package var action: Action
  /// When it fires.
  package var trigger: AlarmTrigger
  /// The text shown or mailed.
  package var description: String
  /// The e-mail subject (EMAIL alarms).
  package var summary: String?
  /// The recipients, as `mailto:` URIs (EMAIL alarms).
  package var attendees: [String]

  /// Creates an alarm.
  package init(
    action: Action = .display, trigger: AlarmTrigger, description: String,
    summary: String? = nil, attendees: [String] = []
  ) {
    self.action = action
    self.trigger = trigger
    self.description = description
    self.summary = summary
    self.attendees = attendees
  }
}

/// A calendar user as an invitation names one (ORGANIZER, ATTENDEE): an address and the
/// parameters that say who it is.
package struct CalendarUser: Hashable, Sendable {
  /// The value as written, usually a `mailto:` URI.
  package var address: String
  /// `CN`: the display name.
  package var commonName: String?
  /// `ROLE`: `CHAIR`, `REQ-PARTICIPANT`, `OPT-PARTICIPANT`, `NON-PARTICIPANT`.
  package var role: String?
  /// `PARTSTAT`: `NEEDS-ACTION`, `ACCEPTED`, `DECLINED`, …
  package var participationStatus: String?
  /// `CUTYPE`: `INDIVIDUAL`, `GROUP`, `RESOURCE`, `ROOM`, `UNKNOWN`.
  package var userType: String?

  /// Creates a calendar user.
  package init(
    address: String, commonName: String? = nil, role: String? = nil,
    participationStatus: String? = nil, userType: String? = nil
  ) {
    self.address = address
    self.commonName = commonName
    self.role = role
    self.participationStatus = participationStatus
    self.userType = userType
  }

  /// The e-mail address of a `mailto:` URI (the scheme in any case), else `nil`.
  package var email: String? {
    guard address.lowercased().hasPrefix("mailto:") else { return nil }
    let email = address.dropFirst("mailto:".count).trimmingCharacters(in: .whitespaces)
    return email.isEmpty ? nil : email
  }
}

/// The STATUS of an event.
package enum EventStatus: Hashable, Sendable, CaseIterable {
  case tentative, confirmed, cancelled
}

/// The STATUS of a to-do.
package enum TodoStatus: Hashable, Sendable, CaseIterable {
  case needsAction, inProcess, completed, cancelled
}

/// CLASS: who may see a component's details on a shared calendar.
package enum Classification: Hashable, Sendable, CaseIterable {
  case `public`, `private`, confidential
}

/// TRANSP: whether an event blocks time for free/busy lookups.
package enum Transparency: Hashable, Sendable, CaseIterable {
  case opaque, transparent
}

/// A VEVENT.
package struct VEvent: Hashable, Sendable {
  /// UID: stable identity across revisions.
  package var uid: String
  /// DTSTAMP, always UTC.
  package var stamp: Date
  /// DTSTART.
  package var start: ICalDateTime
  /// DTEND (exclusive), if any.
  package var end: ICalDateTime?
  /// SUMMARY.
  package var summary: String
  /// DESCRIPTION.
  package var description: String?
  /// LOCATION.
  package var location: String?
  /// URL.
  package var url: String?
  /// CATEGORIES.
  package var categories: [String]
  /// STATUS.
  package var status: EventStatus?
  /// SEQUENCE.
  package var sequence: Int?
  /// PRIORITY (1 highest … 9 lowest).
  package var priority: Int?
  /// RRULE.
  package var recurrence: RecurrenceRule?
  /// EXDATE values.
  package var exceptionDates: [ICalDateTime]
  /// VALARMs.
  package var alarms: [VAlarm]
  /// Other properties, e.g. `X-TENTERHOOKS-KIND`.
  package var extraProperties: [ExtraProperty]
  /// ORGANIZER (read from invitations; not written).
  package var organizer: CalendarUser?
  /// ATTENDEEs, in file order (read from invitations; not written).
  package var attendees: [CalendarUser]
  /// CLASS.
  package var classification: Classification?
  /// TRANSP.
  package var transparency: Transparency?

  /// Creates an event.
  package init(
    uid: String, stamp: Date, start: ICalDateTime, end: ICalDateTime? = nil, summary: String,
    description: String? = nil, location: String? = nil, url: String? = nil,
    categories: [String] = [], status: EventStatus? = nil, sequence: Int? = nil,
    priority: Int? = nil, recurrence: RecurrenceRule? = nil, exceptionDates: [ICalDateTime] = [],
    alarms: [VAlarm] = [], extraProperties: [ExtraProperty] = [],
    organizer: CalendarUser? = nil, attendees: [CalendarUser] = [],
    classification: Classification? = nil, transparency: Transparency? = nil
  ) {
    self.organizer = organizer
    self.attendees = attendees
    self.classification = classification
    self.transparency = transparency
    self.uid = uid
    self.stamp = stamp
    self.start = start
    self.end = end
    self.summary = summary
    self.description = description
    self.location = location
    self.url = url
    self.categories = categories
    self.status = status
    self.sequence = sequence
    self.priority = priority
    self.recurrence = recurrence
    self.exceptionDates = exceptionDates
    self.alarms = alarms
    self.extraProperties = extraProperties
  }
}

/// A VTODO.
package struct VTodo: Hashable, Sendable {
  /// UID.
  package var uid: String
  /// DTSTAMP, always UTC.
  package var stamp: Date
  /// DTSTART, if any.
  package var start: ICalDateTime?
  /// DUE, if any.
  package var due: ICalDateTime?
  /// SUMMARY.
  package var summary: String
  /// DESCRIPTION.
  package var description: String?
  /// URL.
  package var url: String?
  /// CATEGORIES.
  package var categories: [String]
  /// STATUS.
  package var status: TodoStatus?
  /// COMPLETED, always UTC.
  package var completed: Date?
  /// PERCENT-COMPLETE.
  package var percentComplete: Int?
  /// SEQUENCE.
  package var sequence: Int?
  /// PRIORITY.
  package var priority: Int?
  /// RRULE.
  package var recurrence: RecurrenceRule?
  /// EXDATE values.
  package var exceptionDates: [ICalDateTime]
  /// VALARMs.
  package var alarms: [VAlarm]
  /// Other properties.
  package var extraProperties: [ExtraProperty]
  /// LOCATION.
  package var location: String?
  /// CLASS.
  package var classification: Classification?

  /// Creates a to-do.
  package init(
    uid: String, stamp: Date, start: ICalDateTime? = nil, due: ICalDateTime? = nil,
    summary: String, description: String? = nil, url: String? = nil, categories: [String] = [],
    status: TodoStatus? = nil, completed: Date? = nil, percentComplete: Int? = nil,
    sequence: Int? = nil, priority: Int? = nil, recurrence: RecurrenceRule? = nil,
    exceptionDates: [ICalDateTime] = [], alarms: [VAlarm] = [],
    extraProperties: [ExtraProperty] = [], location: String? = nil,
    classification: Classification? = nil
  ) {
    self.location = location
    self.classification = classification
    self.uid = uid
    self.stamp = stamp
    self.start = start
    self.due = due
    self.summary = summary
    self.description = description
    self.url = url
    self.categories = categories
    self.status = status
    self.completed = completed
    self.percentComplete = percentComplete
    self.sequence = sequence
    self.priority = priority
    self.recurrence = recurrence
    self.exceptionDates = exceptionDates
    self.alarms = alarms
    self.extraProperties = extraProperties
  }
}

/// A VTIMEZONE for an IANA zone, generated from the system zoneinfo through libical.
package struct VTimeZone: Hashable, Sendable {
  /// The plain IANA name, used as TZID (`Europe/Berlin`).
  package var identifier: String
  /// The years the calendar uses; the zone's history is trimmed to them. `nil` when read
  /// from a file.
  package var years: ClosedRange<Int>?

  /// A zone from the system zoneinfo, trimmed to `years`.
  /// - Throws: `ICalError` of kind `.unknownTimeZone` naming the zone when it does not exist.
  package init(identifier: String, years: ClosedRange<Int>) throws(ICalError) {
    try withLibical { state throws(ICalError) in _ = try state.zone(named: identifier) }
    self.identifier = identifier
    self.years = years
  }

  /// A zone as read from a file (only its TZID is kept).
  init(parsedIdentifier: String) {
    identifier = parsedIdentifier
    years = nil
  }
}

/// A VCALENDAR and the calendar-level properties Tenterhooks writes.
package struct VCalendar: Hashable, Sendable {
  /// PRODID.
  package var productID: String
  /// METHOD, e.g. `PUBLISH`.
  package var method: String?
  /// CALSCALE (GREGORIAN when set).
  package var calendarScale: String?
  /// RFC 7986 NAME.
  package var name: String?
  /// RFC 7986 REFRESH-INTERVAL (written with `VALUE=DURATION`).
  package var refreshInterval: ICalDuration?
  /// Other calendar properties (`X-WR-CALNAME`, `X-WR-TIMEZONE`, `X-PUBLISHED-TTL`, …).
  package var extraProperties: [ExtraProperty]
  /// VTIMEZONEs, written first.
  package var timeZones: [VTimeZone]
  /// VEVENTs.
  package var events: [VEvent]
  /// VTODOs, written after the events.
  package var todos: [VTodo]

  /// Creates a calendar.
  package init(
    productID: String, method: String? = nil, calendarScale: String? = nil, name: String? = nil,
    refreshInterval: ICalDuration? = nil, extraProperties: [ExtraProperty] = [],
    timeZones: [VTimeZone] = [], events: [VEvent] = [], todos: [VTodo] = []
  ) {
    self.productID = productID
    self.method = method
    self.calendarScale = calendarScale
    self.name = name
    self.refreshInterval = refreshInterval
    self.extraProperties = extraProperties
    self.timeZones = timeZones
    self.events = events
    self.todos = todos
  }
}
