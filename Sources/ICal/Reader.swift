internal import CLibical
import Foundation

// Reading a libical tree back into the value types. Runs with the libical lock held.

/// Iterates the properties of one kind (or all with `ICAL_ANY_PROPERTY`) of a component.
func properties(of component: OpaquePointer, _ kind: icalproperty_kind) -> [OpaquePointer] {
  var result: [OpaquePointer] = []
  var p = icalcomponent_get_first_property(component, kind)
  while let property = p {
    result.append(property)
    p = icalcomponent_get_next_property(component, kind)
  }
  return result
}

/// Iterates the direct children of one kind of a component.
func children(of component: OpaquePointer, _ kind: icalcomponent_kind) -> [OpaquePointer] {
  var result: [OpaquePointer] = []
  var c = icalcomponent_get_first_component(component, kind)
  while let child = c {
    result.append(child)
    c = icalcomponent_get_next_component(component, kind)
  }
  return result
}

private func string(_ pointer: UnsafePointer<CChar>?) -> String? {
  pointer.map { String(cString: $0) }
}

private func tzid(of property: OpaquePointer) -> String? {
  guard let parameter = icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER) else {
    return nil
  }
  return string(icalparameter_get_tzid(parameter))
}

extension ICalDateTime {
  /// Reads a libical time; a `TZID` parameter makes it zoned.
  init(_ t: icaltimetype, tzid: String?) {
    let form: Form
    if t.is_date != 0 {
      form = .date
    } else if let tzid {
      form = .zoned(tzid)
    } else if icaltime_is_utc(t) != 0 {
      form = .utc
    } else {
      form = .floating
    }
    self.init(
      year: Int(t.year), month: Int(t.month), day: Int(t.day), hour: Int(t.hour),
      minute: Int(t.minute), second: Int(t.second), form: form)
  }
}

extension ICalDuration {
  /// Weeks and days stay nominal days; hours, minutes and seconds stay exact.
  init(_ d: icaldurationtype) {
    let sign = d.is_neg != 0 ? -1 : 1
    self.init(
      days: sign * (Int(d.weeks) * 7 + Int(d.days)),
      seconds: sign * (Int(d.hours) * 3600 + Int(d.minutes) * 60 + Int(d.seconds)))
  }
}

extension RecurrenceRule {
  init?(_ r: icalrecurrencetype) {
    let frequency: Frequency
    switch r.freq {
    case ICAL_SECONDLY_RECURRENCE: frequency = .secondly
    case ICAL_MINUTELY_RECURRENCE: frequency = .minutely
    case ICAL_HOURLY_RECURRENCE: frequency = .hourly
    case ICAL_DAILY_RECURRENCE: frequency = .daily
    case ICAL_WEEKLY_RECURRENCE: frequency = .weekly
    case ICAL_MONTHLY_RECURRENCE: frequency = .monthly
    case ICAL_YEARLY_RECURRENCE: frequency = .yearly
    default: return nil
    }
    func list<T>(_ array: T) -> [Int16] {
      withUnsafeBytes(of: array) { raw in
        Array(
          raw.bindMemory(to: Int16.self).prefix { $0 != Int16(ICAL_RECURRENCE_ARRAY_MAX.rawValue) })
      }
    }
    let days = list(r.by_day).compactMap { code -> Day? in
      let weekday = Int(icalrecurrencetype_day_day_of_week(code).rawValue)
      guard let day = RecurrenceWeekday(rawValue: weekday) else { return nil }
      return Day(day, position: Int(icalrecurrencetype_day_position(code)))
    }
    let until: ICalDateTime? =
      icaltime_is_null_time(r.until) != 0 ? nil : ICalDateTime(r.until, tzid: nil)
    self.init(
      frequency: frequency, interval: Int(r.interval), until: until,
      count: r.count > 0 ? Int(r.count) : nil, byDay: days, byMonth: list(r.by_month).map(Int.init),
      byMonthDay: list(r.by_month_day).map(Int.init))
  }
}

/// The typed fields shared by VEVENT and VTODO, read in one pass.
private struct CommonFields {
  var uid = ""
  var stamp = Date(timeIntervalSince1970: 0)
  var start: ICalDateTime?
  var end: ICalDateTime?
  var due: ICalDateTime?
  var completed: Date?
  var summary = ""
  var description: String?
  var location: String?
  var url: String?
  var categories: [String] = []
  var status: icalproperty_status?
  var sequence: Int?
  var priority: Int?
  var percentComplete: Int?
  var recurrence: RecurrenceRule?
  var exceptions: [ICalDateTime] = []
  var extras: [ExtraProperty] = []
  var alarms: [VAlarm] = []
  var organizer: CalendarUser?
  var attendees: [CalendarUser] = []
  var classification: Classification?
  var transparency: Transparency?

  init(_ component: OpaquePointer, in state: inout LibicalState) throws(ICalError) {
    for p in properties(of: component, ICAL_ANY_PROPERTY) {
      switch icalproperty_isa(p) {
      case ICAL_UID_PROPERTY: uid = string(icalproperty_get_uid(p)) ?? ""
      case ICAL_DTSTAMP_PROPERTY:
        stamp = try ICalDateTime(icalproperty_get_dtstamp(p), tzid: nil).resolvedInstant(in: &state)
      case ICAL_DTSTART_PROPERTY:
        start = ICalDateTime(icalproperty_get_dtstart(p), tzid: tzid(of: p))
      case ICAL_DTEND_PROPERTY: end = ICalDateTime(icalproperty_get_dtend(p), tzid: tzid(of: p))
      case ICAL_DUE_PROPERTY: due = ICalDateTime(icalproperty_get_due(p), tzid: tzid(of: p))
      case ICAL_COMPLETED_PROPERTY:
        completed = try ICalDateTime(icalproperty_get_completed(p), tzid: nil).resolvedInstant(
          in: &state)
      case ICAL_SUMMARY_PROPERTY: summary = string(icalproperty_get_summary(p)) ?? ""
      case ICAL_DESCRIPTION_PROPERTY: description = string(icalproperty_get_description(p))
      case ICAL_LOCATION_PROPERTY: location = string(icalproperty_get_location(p))
      case ICAL_URL_PROPERTY: url = string(icalproperty_get_url(p))
      case ICAL_CLASS_PROPERTY:
        classification =
          switch icalproperty_get_class(p) {
          case ICAL_CLASS_PUBLIC: .public
          case ICAL_CLASS_PRIVATE: .private
          case ICAL_CLASS_CONFIDENTIAL: .confidential
          default: nil
          }
      case ICAL_TRANSP_PROPERTY:
        transparency =
          switch icalproperty_get_transp(p) {
          case ICAL_TRANSP_OPAQUE, ICAL_TRANSP_OPAQUENOCONFLICT: .opaque
          case ICAL_TRANSP_TRANSPARENT, ICAL_TRANSP_TRANSPARENTNOCONFLICT: .transparent
          default: nil
          }
      case ICAL_CATEGORIES_PROPERTY:
        if let value = string(icalproperty_get_categories(p)) { categories.append(value) }
      case ICAL_STATUS_PROPERTY: status = icalproperty_get_status(p)
      case ICAL_SEQUENCE_PROPERTY: sequence = Int(icalproperty_get_sequence(p))
      case ICAL_PRIORITY_PROPERTY: priority = Int(icalproperty_get_priority(p))
      case ICAL_PERCENTCOMPLETE_PROPERTY: percentComplete = Int(icalproperty_get_percentcomplete(p))
      case ICAL_RRULE_PROPERTY: recurrence = RecurrenceRule(icalproperty_get_rrule(p))
      case ICAL_EXDATE_PROPERTY:
        exceptions.append(ICalDateTime(icalproperty_get_exdate(p), tzid: tzid(of: p)))
      case ICAL_ORGANIZER_PROPERTY:
        organizer = CalendarUser(p, address: string(icalproperty_get_organizer(p)))
      case ICAL_ATTENDEE_PROPERTY:
        attendees.append(CalendarUser(p, address: string(icalproperty_get_attendee(p))))
      case ICAL_X_PROPERTY:
        if let name = string(icalproperty_get_x_name(p)) {
          extras.append(ExtraProperty(name: name, value: string(icalproperty_get_x(p)) ?? ""))
        }
      default: break
      }
    }
    alarms = try children(of: component, ICAL_VALARM_COMPONENT).map { a throws(ICalError) in
      try VAlarm(a, in: &state)
    }
  }
}

extension CalendarUser {
  /// Reads an ORGANIZER or ATTENDEE with the parameters invitations carry.
  init(_ property: OpaquePointer, address: String?) {
    func parameter(_ name: String) -> String? {
      takeLibicalString(icalproperty_get_parameter_as_string_r(property, name))
        .flatMap { $0.isEmpty ? nil : $0 }
    }
    self.init(
      address: address ?? "", commonName: parameter("CN"), role: parameter("ROLE"),
      participationStatus: parameter("PARTSTAT"), userType: parameter("CUTYPE"))
  }
}

extension VAlarm {
  init(_ component: OpaquePointer, in state: inout LibicalState) throws(ICalError) {
    var action: Action?
    var trigger: AlarmTrigger?
    var description = ""
    var summary: String?
    var attendees: [String] = []
    for p in properties(of: component, ICAL_ANY_PROPERTY) {
      switch icalproperty_isa(p) {
      case ICAL_ACTION_PROPERTY:
        switch icalproperty_get_action(p) {
        case ICAL_ACTION_DISPLAY: action = .display
        case ICAL_ACTION_EMAIL: action = .email
        default:
          throw ICalError(
            .malformed, "VALARM: unsupported ACTION (only DISPLAY and EMAIL are read)")
        }
      case ICAL_TRIGGER_PROPERTY:
        let t = icalproperty_get_trigger(p)
        if icaltime_is_null_time(t.time) == 0 {
          trigger = .absolute(try ICalDateTime(t.time, tzid: nil).resolvedInstant(in: &state))
        } else {
          let related = icalproperty_get_first_parameter(p, ICAL_RELATED_PARAMETER)
          let toEnd = related.map { icalparameter_get_related($0) == ICAL_RELATED_END } ?? false
          trigger = .relative(ICalDuration(t.duration), to: toEnd ? .end : .start)
        }
      case ICAL_DESCRIPTION_PROPERTY: description = string(icalproperty_get_description(p)) ?? ""
      case ICAL_SUMMARY_PROPERTY: summary = string(icalproperty_get_summary(p))
      case ICAL_ATTENDEE_PROPERTY:
        if let value = string(icalproperty_get_attendee(p)) { attendees.append(value) }
      default: break
      }
    }
    guard let action else { throw ICalError(.malformed, "VALARM without ACTION") }
    guard let trigger else { throw ICalError(.malformed, "VALARM without TRIGGER") }
    self.init(
      action: action, trigger: trigger, description: description, summary: summary,
      attendees: attendees)
  }
}

extension VEvent {
  init(_ component: OpaquePointer, in state: inout LibicalState) throws(ICalError) {
    let f = try CommonFields(component, in: &state)
    guard let start = f.start else {
      throw ICalError(
        .malformed, f.uid.isEmpty ? "a VEVENT has no DTSTART" : "VEVENT '\(f.uid)' has no DTSTART",
        property: "DTSTART")
    }
    let status: EventStatus? =
      switch f.status {
      case ICAL_STATUS_TENTATIVE: .tentative
      case ICAL_STATUS_CONFIRMED: .confirmed
      case ICAL_STATUS_CANCELLED: .cancelled
      default: nil
      }
    self.init(
      uid: f.uid, stamp: f.stamp, start: start, end: f.end, summary: f.summary,
      description: f.description, location: f.location, url: f.url, categories: f.categories,
      status: status, sequence: f.sequence, priority: f.priority, recurrence: f.recurrence,
      exceptionDates: f.exceptions, alarms: f.alarms, extraProperties: f.extras,
      organizer: f.organizer, attendees: f.attendees, classification: f.classification,
      transparency: f.transparency)
  }
}

extension VTodo {
  init(_ component: OpaquePointer, in state: inout LibicalState) throws(ICalError) {
    let f = try CommonFields(component, in: &state)
    let status: TodoStatus? =
      switch f.status {
      case ICAL_STATUS_NEEDSACTION: .needsAction
      case ICAL_STATUS_INPROCESS: .inProcess
      case ICAL_STATUS_COMPLETED: .completed
      case ICAL_STATUS_CANCELLED: .cancelled
      default: nil
      }
    self.init(
      uid: f.uid, stamp: f.stamp, start: f.start, due: f.due, summary: f.summary,
      description: f.description, url: f.url, categories: f.categories, status: status,
      completed: f.completed, percentComplete: f.percentComplete, sequence: f.sequence,
      priority: f.priority, recurrence: f.recurrence, exceptionDates: f.exceptions,
      alarms: f.alarms, extraProperties: f.extras, location: f.location,
      classification: f.classification)
  }
}

/// Parses text into an owned VCALENDAR tree. Strict parsing refuses anything libical flags
/// as broken (it leaves X-LIC-ERROR properties where it dropped something); lenient parsing
/// keeps them for the validator to report.
func parseTree(_ text: String, strict: Bool = true, in state: inout LibicalState)
  throws(ICalError) -> OwnedComponent
{
  guard !text.utf8.contains(0) else {
    throw ICalError(.notICalendar, "not iCalendar: the text contains NUL bytes")
  }
  let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
  let calendarKind = String(cString: icalcomponent_kind_to_string(ICAL_VCALENDAR_COMPONENT))
  guard VCalendar.looksLikeICalendar(trimmed) else {
    throw ICalError(.notICalendar, "not iCalendar: it does not start with BEGIN:VCALENDAR")
  }
  // libical silently accepts a calendar cut off before its END line; we do not.
  guard trimmed.split(whereSeparator: \.isNewline).last?.uppercased() == "END:" + calendarKind
  else {
    throw ICalError(
      .malformed, "malformed iCalendar: the text ends before END:VCALENDAR (truncated?)")
  }
  guard let root = icalparser_parse_string(text) else {
    throw ICalError(
      .malformed,
      "malformed iCalendar: libical found no component (\(libicalErrorMessage() ?? "no message"))")
  }
  let tree = OwnedComponent(root)
  guard icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT else {
    throw ICalError(
      .malformed, "malformed iCalendar: expected one VCALENDAR with properly nested components")
  }
  if strict {
    let problems = errorProperties(in: root)
    guard problems.isEmpty else {
      var error = ICalError(
        .malformed, "malformed iCalendar: " + problems.joined(separator: "; "))
      // Point at the first event with a broken line, so a reader can show where it is.
      error.event = children(of: root, ICAL_VEVENT_COMPONENT).firstIndex {
        !errorProperties(in: $0).isEmpty
      }
      throw error
    }
  }
  return tree
}

/// The messages of every X-LIC-ERROR property libical left in a tree.
func errorProperties(in component: OpaquePointer) -> [String] {
  var messages = properties(of: component, ICAL_XLICERROR_PROPERTY).map {
    string(icalproperty_get_xlicerror($0)) ?? "unknown error"
  }
  for child in children(of: component, ICAL_ANY_COMPONENT) {
    messages += errorProperties(in: child)
  }
  return messages
}

extension VCalendar {
  /// Parses iCalendar text through libical.
  /// - Throws: `ICalError` saying what is wrong (not iCalendar, a broken line or property,
  ///   a truncated file) instead of returning partial data.
  package static func parse(_ text: String) throws(ICalError) -> VCalendar {
    try withLibical { state throws(ICalError) -> VCalendar in
      let tree = try parseTree(text, in: &state)
      let root = tree.pointer
      var calendar = VCalendar(productID: "")
      for p in properties(of: root, ICAL_ANY_PROPERTY) {
        switch icalproperty_isa(p) {
        case ICAL_PRODID_PROPERTY: calendar.productID = string(icalproperty_get_prodid(p)) ?? ""
        case ICAL_METHOD_PROPERTY:
          calendar.method = string(icalproperty_method_to_string(icalproperty_get_method(p)))
        case ICAL_CALSCALE_PROPERTY: calendar.calendarScale = string(icalproperty_get_calscale(p))
        case ICAL_NAME_PROPERTY: calendar.name = string(icalproperty_get_name(p))
        case ICAL_REFRESHINTERVAL_PROPERTY:
          calendar.refreshInterval = ICalDuration(icalproperty_get_refreshinterval(p))
        case ICAL_X_PROPERTY:
          if let name = string(icalproperty_get_x_name(p)) {
            calendar.extraProperties.append(
              ExtraProperty(name: name, value: string(icalproperty_get_x(p)) ?? ""))
          }
        default: break
        }
      }
      // libical's parser puts each VTIMEZONE in front of those before it; reversed, they are
      // in file order again.
      for zone in children(of: root, ICAL_VTIMEZONE_COMPONENT).reversed() {
        if let p = icalcomponent_get_first_property(zone, ICAL_TZID_PROPERTY),
          let id = string(icalproperty_get_tzid(p))
        {
          calendar.timeZones.append(VTimeZone(parsedIdentifier: id))
        }
      }
      for (index, c) in children(of: root, ICAL_VEVENT_COMPONENT).enumerated() {
        do throws(ICalError) {
          calendar.events.append(try VEvent(c, in: &state))
        } catch {
          var located = error
          located.event = index
          throw located
        }
      }
      calendar.todos = try children(of: root, ICAL_VTODO_COMPONENT).map {
        c throws(ICalError) in try VTodo(c, in: &state)
      }
      return calendar
    }
  }
}
