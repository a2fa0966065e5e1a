import Foundation

/// A VALARM: what a calendar app shows (or mails) and when.
public struct VAlarm: Hashable, Sendable {
  /// What the alarm does.
  public enum Action: Hashable, Sendable {
    /// Show a message (`ACTION:DISPLAY`; DESCRIPTION is required).
    case display
    /// Send an e-mail (`ACTION:EMAIL`; SUMMARY, DESCRIPTION and at least one ATTENDEE).
    case email
  }

  /// What the alarm does.
  public var action: Action
  /// When it fires.
  public var trigger: AlarmTrigger
  /// The text shown or mailed.
  public var description: String
  /// The e-mail subject (EMAIL alarms).
  public var summary: String?
  /// The recipients, as `mailto:` URIs (EMAIL alarms).
  public var attendees: [String]

  /// Creates an alarm.
  public init(
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
public struct CalendarUser: Hashable, Sendable {
  /// The value as written, usually a `mailto:` URI.
  public var address: String
  /// `CN`: the display name.
  public var commonName: String?
  /// `ROLE`: `CHAIR`, `REQ-PARTICIPANT`, `OPT-PARTICIPANT`, `NON-PARTICIPANT`.
  public var role: String?
  /// `PARTSTAT`: `NEEDS-ACTION`, `ACCEPTED`, `DECLINED`, …
  public var participationStatus: String?
  /// `CUTYPE`: `INDIVIDUAL`, `GROUP`, `RESOURCE`, `ROOM`, `UNKNOWN`.
  public var userType: String?

  /// Creates a calendar user.
  public init(
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
  public var email: String? {
    guard address.lowercased().hasPrefix("mailto:") else { return nil }
    let email = address.dropFirst("mailto:".count).trimmingCharacters(in: .whitespaces)
    return email.isEmpty ? nil : email
  }
}

/// The STATUS of an event.
public enum EventStatus: Hashable, Sendable, CaseIterable {
  case tentative, confirmed, cancelled
}

/// The STATUS of a to-do.
public enum TodoStatus: Hashable, Sendable, CaseIterable {
  case needsAction, inProcess, completed, cancelled
}

/// CLASS: who may see a component's details on a shared calendar.
public enum Classification: Hashable, Sendable, CaseIterable {
  case `public`, `private`, confidential
}

/// TRANSP: whether an event blocks time for free/busy lookups.
public enum Transparency: Hashable, Sendable, CaseIterable {
  case opaque, transparent
}

/// A VEVENT.
public struct VEvent: Hashable, Sendable {
  /// UID: stable identity across revisions.
  public var uid: String
  /// DTSTAMP, always UTC.
  public var stamp: Date
  /// DTSTART.
  public var start: ICalDateTime
  /// DTEND (exclusive), if any.
  public var end: ICalDateTime?
  /// SUMMARY.
  public var summary: String
  /// DESCRIPTION.
  public var description: String?
  /// LOCATION.
  public var location: String?
  /// URL.
  public var url: String?
  /// CATEGORIES.
  public var categories: [String]
  /// STATUS.
  public var status: EventStatus?
  /// SEQUENCE.
  public var sequence: Int?
  /// PRIORITY (1 highest … 9 lowest).
  public var priority: Int?
  /// RRULE.
  public var recurrence: RecurrenceRule?
  /// EXDATE values.
  public var exceptionDates: [ICalDateTime]
  /// VALARMs.
  public var alarms: [VAlarm]
  /// Other properties, e.g. `X-TENTERHOOKS-KIND`.
  public var extraProperties: [ExtraProperty]
  /// ORGANIZER (read from invitations; not written).
  public var organizer: CalendarUser?
  /// ATTENDEEs, in file order (read from invitations; not written).
  public var attendees: [CalendarUser]
  /// CLASS.
  public var classification: Classification?
  /// TRANSP.
  public var transparency: Transparency?

  /// Creates an event.
  public init(
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
public struct VTodo: Hashable, Sendable {
  /// UID.
  public var uid: String
  /// DTSTAMP, always UTC.
  public var stamp: Date
  /// DTSTART, if any.
  public var start: ICalDateTime?
  /// DUE, if any.
  public var due: ICalDateTime?
  /// SUMMARY.
  public var summary: String
  /// DESCRIPTION.
  public var description: String?
  /// URL.
  public var url: String?
  /// CATEGORIES.
  public var categories: [String]
  /// STATUS.
  public var status: TodoStatus?
  /// COMPLETED, always UTC.
  public var completed: Date?
  /// PERCENT-COMPLETE.
  public var percentComplete: Int?
  /// SEQUENCE.
  public var sequence: Int?
  /// PRIORITY.
  public var priority: Int?
  /// RRULE.
  public var recurrence: RecurrenceRule?
  /// EXDATE values.
  public var exceptionDates: [ICalDateTime]
  /// VALARMs.
  public var alarms: [VAlarm]
  /// Other properties.
  public var extraProperties: [ExtraProperty]
  /// LOCATION.
  public var location: String?
  /// CLASS.
  public var classification: Classification?

  /// Creates a to-do.
  public init(
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
public struct VTimeZone: Hashable, Sendable {
  /// The plain IANA name, used as TZID (`Europe/Berlin`).
  public var identifier: String
  /// The years the calendar uses; the zone's history is trimmed to them. `nil` when read
  /// from a file.
  public var years: ClosedRange<Int>?

  /// A zone from the system zoneinfo, trimmed to `years`.
  /// - Throws: `ICalError` of kind `.unknownTimeZone` naming the zone when it does not exist.
  public init(identifier: String, years: ClosedRange<Int>) throws(ICalError) {
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
public struct VCalendar: Hashable, Sendable {
  /// PRODID.
  public var productID: String
  /// METHOD, e.g. `PUBLISH`.
  public var method: String?
  /// CALSCALE (GREGORIAN when set).
  public var calendarScale: String?
  /// RFC 7986 NAME.
  public var name: String?
  /// RFC 7986 REFRESH-INTERVAL (written with `VALUE=DURATION`).
  public var refreshInterval: ICalDuration?
  /// Other calendar properties (`X-WR-CALNAME`, `X-WR-TIMEZONE`, `X-PUBLISHED-TTL`, …).
  public var extraProperties: [ExtraProperty]
  /// VTIMEZONEs, written first.
  public var timeZones: [VTimeZone]
  /// VEVENTs.
  public var events: [VEvent]
  /// VTODOs, written after the events.
  public var todos: [VTodo]

  /// Creates a calendar.
  public init(
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
