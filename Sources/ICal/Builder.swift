internal import CLibical
internal import CivilCalendar
import Foundation

// Turning the value types into a libical tree. Every function here that calls libical takes
// the `LibicalState` that `withLibical` hands out (so it runs with the lock held) and hands
// back either a root it owns or a child already attached to its parent, so nothing leaks
// when a later step throws.

extension ICalDateTime {
  /// The libical form. Zoned values are written as floating times plus our own `TZID`
  /// parameter, because libical 3.0 would otherwise write its
  /// `/freeassociation.sourceforge.net/` prefix into the TZID.
  var icalTime: icaltimetype {
    var t = icaltime_null_time()
    t.year = Int32(year)
    t.month = Int32(month)
    t.day = Int32(day)
    if form == .date {
      t.is_date = 1
    } else {
      t.hour = Int32(hour)
      t.minute = Int32(minute)
      t.second = Int32(second)
    }
    if form == .utc { t.zone = icaltimezone_get_utc_timezone() }
    return t
  }

  /// Checks the fields are a real date and time before libical sees them.
  func validated(_ what: String, in state: inout LibicalState) throws(ICalError)
    -> ICalDateTime
  {
    guard (1...9999).contains(year), Gregorian.isValid(year: year, month: month, day: day),
      (0...23).contains(hour),
      (0...59).contains(minute), (0...60).contains(second)
    else { throw ICalError(.invalidValue, "\(what): \(self) is not a valid date-time") }
    if case .zoned(let id) = form { _ = try state.zone(named: id) }
    return self
  }
}

extension ICalDuration {
  /// The libical form: nominal days as days (never folded into weeks or hours), the exact
  /// seconds as hours, minutes and seconds (`PT73H` stays 73 exact hours, not `P3DT1H`).
  func icalDuration() throws(ICalError) -> icaldurationtype {
    guard days == 0 || seconds == 0 || (days < 0) == (seconds < 0) else {
      throw ICalError(
        .invalidValue,
        "a duration of \(days) days and \(seconds) seconds has two signs; DURATION has one")
    }
    guard abs(days) <= Int(Int32.max), abs(seconds) / 3600 <= Int(Int32.max) else {
      throw ICalError(.invalidValue, "a duration of \(days) days and \(seconds) s is too long")
    }
    var d = icaldurationtype_null_duration()
    d.is_neg = days < 0 || seconds < 0 ? 1 : 0
    let exact = abs(seconds)
    d.days = UInt32(abs(days))
    d.hours = UInt32(exact / 3600)
    d.minutes = UInt32(exact % 3600 / 60)
    d.seconds = UInt32(exact % 60)
    return d
  }
}

/// Adds `TZID=` (zoned values) to a property holding a date-time.
private func tagZone(_ property: OpaquePointer, _ value: ICalDateTime) {
  if case .zoned(let id) = value.form {
    // withCString, not the implicit conversion: that copies a short (inline) string to the
    // heap first, and a zone name is usually short.
    icalproperty_add_parameter(property, id.withCString { icalparameter_new_tzid($0) })
  }
}

/// Builds an `icalrecurrencetype` from a rule.
func icalRecurrence(_ rule: RecurrenceRule, in state: inout LibicalState) throws(ICalError)
  -> icalrecurrencetype
{
  var r = icalrecurrencetype()
  icalrecurrencetype_clear(&r)
  r.freq =
    switch rule.frequency {
    case .secondly: ICAL_SECONDLY_RECURRENCE
    case .minutely: ICAL_MINUTELY_RECURRENCE
    case .hourly: ICAL_HOURLY_RECURRENCE
    case .daily: ICAL_DAILY_RECURRENCE
    case .weekly: ICAL_WEEKLY_RECURRENCE
    case .monthly: ICAL_MONTHLY_RECURRENCE
    case .yearly: ICAL_YEARLY_RECURRENCE
    }
  guard rule.interval >= 1, rule.interval <= Int(Int16.max) else {
    throw ICalError(.invalidValue, "recurrence interval \(rule.interval) is out of range")
  }
  r.interval = Int16(rule.interval)
  if let until = rule.until {
    r.until = try until.validated("recurrence UNTIL", in: &state).icalTime
  }
  if let count = rule.count { r.count = Int32(clamping: count) }
  // The BY* lists are fixed C arrays terminated by ICAL_RECURRENCE_ARRAY_MAX.
  func fill<T>(_ array: inout T, _ values: [Int16], _ name: String) throws(ICalError) {
    guard values.count < MemoryLayout<T>.size / MemoryLayout<Int16>.size else {
      throw ICalError(.invalidValue, "too many \(name) values in a recurrence rule")
    }
    withUnsafeMutableBytes(of: &array) { raw in
      let shorts = raw.bindMemory(to: Int16.self)
      for (i, v) in values.enumerated() { shorts[i] = v }
      shorts[values.count] = Int16(ICAL_RECURRENCE_ARRAY_MAX.rawValue)
    }
  }
  // libical encodes BYDAY as weekday + 8 × position (position negative from the end).
  let days = rule.byDay.map { d -> Int16 in
    let magnitude = Int16(d.weekday.rawValue) + 8 * Int16(abs(d.position))
    return d.position < 0 ? -magnitude : magnitude
  }
  try fill(&r.by_day, days, "BYDAY")
  try fill(&r.by_month, rule.byMonth.map(Int16.init), "BYMONTH")
  try fill(&r.by_month_day, rule.byMonthDay.map(Int16.init), "BYMONTHDAY")
  return r
}

/// Builds properties onto a component.
struct PropertyBuilder {
  let component: OpaquePointer

  func add(_ property: OpaquePointer?) throws(ICalError) {
    guard let property else {
      throw ICalError(
        .libical, "libical could not create a property: \(libicalErrorMessage() ?? "unknown error")"
      )
    }
    icalcomponent_add_property(component, property)
  }

  func text(_ make: (UnsafePointer<CChar>) -> OpaquePointer?, _ value: String?) throws(ICalError) {
    guard let value else { return }
    // A NUL inside would cut the C string short: the C length then differs from the UTF-8
    // count (checked while the C string exists, instead of scanning the text twice).
    var truncated = false
    let property = value.withCString { pointer -> OpaquePointer? in
      guard strlen(pointer) == value.utf8.count else {
        truncated = true
        return nil
      }
      return make(pointer)
    }
    guard !truncated else {
      throw ICalError(.invalidValue, "text values cannot contain NUL characters")
    }
    try add(property)
  }

  func dateTime(
    _ make: (icaltimetype) -> OpaquePointer?, _ value: ICalDateTime?, _ what: String,
    in state: inout LibicalState
  ) throws(ICalError) {
    guard let value else { return }
    let property = make(try value.validated(what, in: &state).icalTime)
    try add(property)
    if let property { tagZone(property, value) }
  }

  func extras(_ list: [ExtraProperty]) throws(ICalError) {
    for extra in list {
      let checked = Self.isUppercaseXName(extra.name)
      let name = checked ? extra.name : extra.name.uppercased()
      guard
        checked
          || (name.hasPrefix("X-") && name.count > 2
            && name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }))
      else {
        throw ICalError(.invalidValue, "'\(extra.name)' is not an X- property name")
      }
      // withCString, not the implicit conversion (see `tagZone`).
      let property = extra.value.withCString { icalproperty_new_x($0) }
      try add(property)
      if let property { name.withCString { icalproperty_set_x_name(property, $0) } }
    }
  }

  /// Whether `name` is already an upper-case X- name (`X-` then A–Z, 0–9, `-`): the usual
  /// case, checked on bytes rather than Characters.
  static func isUppercaseXName(_ name: String) -> Bool {
    var bytes = name.utf8.makeIterator()
    guard bytes.next() == UInt8(ascii: "X"), bytes.next() == UInt8(ascii: "-"),
      var byte = bytes.next()
    else { return false }
    while true {
      guard
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
          || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
      else { return false }
      guard let next = bytes.next() else { return true }
      byte = next
    }
  }

  /// One CATEGORIES property with a comma-separated list: several CATEGORIES lines are
  /// valid RFC 5545, but ics-py rejects them, icalevents crashes and todoman keeps only one.
  /// libical writes the commas of a CATEGORIES value unescaped (they separate the list), so a
  /// comma inside one category cannot be written and is refused.
  func categories(_ list: [String]) throws(ICalError) {
    guard !list.isEmpty else { return }
    if let bad = list.first(where: { $0.utf8.contains(UInt8(ascii: ",")) || $0.isEmpty }) {
      throw ICalError(
        .invalidValue,
        "category '\(bad)' cannot be written: categories are non-empty, without commas")
    }
    try text(icalproperty_new_categories, list.joined(separator: ","))
  }

  func recurrence(
    _ rule: RecurrenceRule?, exceptions: [ICalDateTime], in state: inout LibicalState
  ) throws(ICalError) {
    if let rule { try add(icalproperty_new_rrule(try icalRecurrence(rule, in: &state))) }
    for exception in exceptions {
      try dateTime(icalproperty_new_exdate, exception, "EXDATE", in: &state)
    }
  }

  func alarms(_ alarms: [VAlarm], in state: inout LibicalState) throws(ICalError) {
    for alarm in alarms {
      let child = icalcomponent_new(ICAL_VALARM_COMPONENT)!
      icalcomponent_add_component(component, child)
      try PropertyBuilder(component: child).alarm(alarm, in: &state)
    }
  }

  private func alarm(_ alarm: VAlarm, in state: inout LibicalState) throws(ICalError) {
    try add(
      icalproperty_new_action(alarm.action == .display ? ICAL_ACTION_DISPLAY : ICAL_ACTION_EMAIL))
    var trigger = icaltriggertype(
      time: icaltime_null_time(), duration: icaldurationtype_null_duration())
    var relatedToEnd = false
    switch alarm.trigger {
    case .relative(let offset, let anchor):
      trigger.duration = try offset.icalDuration()
      relatedToEnd = anchor == .end
    case .absolute(let instant):
      trigger.time = ICalDateTime.utc(instant).icalTime
    }
    let property = icalproperty_new_trigger(trigger)
    try add(property)
    if relatedToEnd, let property {
      icalproperty_add_parameter(property, icalparameter_new_related(ICAL_RELATED_END))
    }
    try text(icalproperty_new_description, alarm.description)
    try text(icalproperty_new_summary, alarm.summary)
    for attendee in alarm.attendees { try text(icalproperty_new_attendee, attendee) }
  }
}

extension PropertyBuilder {
  /// The properties every VEVENT and VTODO starts with, in the order libical round-trips.
  func identity(
    uid: String, stamp: Date, start: ICalDateTime?, in state: inout LibicalState
  ) throws(ICalError) {
    try text(icalproperty_new_uid, uid)
    try dateTime(icalproperty_new_dtstamp, .utc(stamp), "DTSTAMP", in: &state)
    try dateTime(icalproperty_new_dtstart, start, "DTSTART", in: &state)
  }

  /// SEQUENCE and STATUS.
  func revision(sequence: Int?, status: icalproperty_status?) throws(ICalError) {
    if let sequence { try add(icalproperty_new_sequence(Int32(clamping: sequence))) }
    if let status { try add(icalproperty_new_status(status)) }
  }

  /// CLASS and TRANSP, when given.
  func visibility(_ classification: Classification?, _ transparency: Transparency?)
    throws(ICalError)
  {
    if let classification {
      let value: icalproperty_class =
        switch classification {
        case .public: ICAL_CLASS_PUBLIC
        case .private: ICAL_CLASS_PRIVATE
        case .confidential: ICAL_CLASS_CONFIDENTIAL
        }
      try add(icalproperty_new_class(value))
    }
    if let transparency {
      try add(
        icalproperty_new_transp(
          transparency == .opaque ? ICAL_TRANSP_OPAQUE : ICAL_TRANSP_TRANSPARENT))
    }
  }

  /// The descriptive properties, the recurrence, X- properties and the alarms.
  func content(
    summary: String, description: String?, location: String? = nil, url: String?,
    categories: [String], priority: Int?, recurrence: RecurrenceRule?,
    exceptions: [ICalDateTime], extras: [ExtraProperty], alarms: [VAlarm],
    in state: inout LibicalState
  ) throws(ICalError) {
    try text(icalproperty_new_summary, summary)
    try text(icalproperty_new_description, description)
    try text(icalproperty_new_location, location)
    try text(icalproperty_new_url, url)
    try self.categories(categories)
    if let priority { try add(icalproperty_new_priority(Int32(clamping: priority))) }
    try self.recurrence(recurrence, exceptions: exceptions, in: &state)
    try self.extras(extras)
    try self.alarms(alarms, in: &state)
  }
}

extension VEvent {
  /// Builds the VEVENT as a child of `parent`.
  func build(into parent: OpaquePointer, in state: inout LibicalState) throws(ICalError) {
    let event = icalcomponent_new(ICAL_VEVENT_COMPONENT)!
    icalcomponent_add_component(parent, event)
    let p = PropertyBuilder(component: event)
    try p.identity(uid: uid, stamp: stamp, start: start, in: &state)
    try p.dateTime(icalproperty_new_dtend, end, "DTEND", in: &state)
    try p.revision(
      sequence: sequence,
      status: status.map {
        switch $0 {
        case .tentative: ICAL_STATUS_TENTATIVE
        case .confirmed: ICAL_STATUS_CONFIRMED
        case .cancelled: ICAL_STATUS_CANCELLED
        }
      })
    try p.visibility(classification, transparency)
    try p.content(
      summary: summary, description: description, location: location, url: url,
      categories: categories, priority: priority, recurrence: recurrence,
      exceptions: exceptionDates, extras: extraProperties, alarms: alarms, in: &state)
  }
}

extension VTodo {
  /// Builds the VTODO as a child of `parent`.
  func build(into parent: OpaquePointer, in state: inout LibicalState) throws(ICalError) {
    let todo = icalcomponent_new(ICAL_VTODO_COMPONENT)!
    icalcomponent_add_component(parent, todo)
    let p = PropertyBuilder(component: todo)
    try p.identity(uid: uid, stamp: stamp, start: start, in: &state)
    try p.dateTime(icalproperty_new_due, due, "DUE", in: &state)
    try p.revision(
      sequence: sequence,
      status: status.map {
        switch $0 {
        case .needsAction: ICAL_STATUS_NEEDSACTION
        case .inProcess: ICAL_STATUS_INPROCESS
        case .completed: ICAL_STATUS_COMPLETED
        case .cancelled: ICAL_STATUS_CANCELLED
        }
      })
    try p.dateTime(
      icalproperty_new_completed, completed.map { .utc($0) }, "COMPLETED", in: &state)
    if let percentComplete {
      try p.add(icalproperty_new_percentcomplete(Int32(clamping: percentComplete)))
    }
    try p.visibility(classification, nil)
    try p.content(
      summary: summary, description: description, location: location, url: url,
      categories: categories,
      priority: priority, recurrence: recurrence, exceptions: exceptionDates,
      extras: extraProperties, alarms: alarms, in: &state)
  }
}

extension VTimeZone {
  /// Builds the VTIMEZONE as a child of `parent`: a clone of libical's zone from the system
  /// zoneinfo, trimmed to the calendar's years (full histories break common parsers) and
  /// with the plain IANA name as TZID.
  func build(into parent: OpaquePointer, in state: inout LibicalState) throws(ICalError) {
    let zone = try state.zone(named: identifier)
    guard let original = icaltimezone_get_component(zone) else {
      throw ICalError(.unknownTimeZone, "libical has no VTIMEZONE for '\(identifier)'")
    }
    // The zone owns its component: clone it before changing or attaching it.
    let clone = icalcomponent_new_clone(original)!
    icalcomponent_add_component(parent, clone)
    if let years {
      // From 1 January of the year *before* the first year in use, so that every date in
      // use follows an onset of each observance (STANDARD and DAYLIGHT): a date before its
      // year's first transition otherwise has no DAYLIGHT onset before it, and parsers that
      // look for one (Ruby's icalendar gem) fail.
      let start = ICalDateTime(year: years.lowerBound - 1, month: 1, day: 1, form: .utc).icalTime
      let end = ICalDateTime(year: years.upperBound + 1, month: 1, day: 1, form: .utc).icalTime
      icaltimezone_truncate_vtimezone(clone, start, end, 0)
      localizeTransitionDates(clone)
      labelFirstObservance(clone)
    }
    if let tzid = icalcomponent_get_first_property(clone, ICAL_TZID_PROPERTY) {
      icalproperty_set_tzid(tzid, identifier)
    }
    // X-LIC-LOCATION repeats the name and only libical reads it. TZUNTIL (RFC 7808), which
    // the trimming adds, is optional and makes dateutil's VTIMEZONE reader — and ics-py,
    // which uses it — reject the whole calendar.
    for kind in [ICAL_X_PROPERTY, ICAL_TZUNTIL_PROPERTY] {
      while let property = icalcomponent_get_first_property(clone, kind) {
        icalcomponent_remove_property(clone, property)
        icalproperty_free(property)
      }
    }
  }
}

/// `icaltimezone_truncate_vtimezone` opens the trimmed zone with an observance for the
/// period in effect at the cut (TZOFFSETFROM equal to TZOFFSETTO), and always calls it
/// STANDARD — so Australia/Sydney's January, with daylight saving time in effect, became a
/// STANDARD period named AEDT. It is relabelled as the kind the zone's own observances give
/// the same offset and name (DAYLIGHT for AEDT).
private func labelFirstObservance(_ zone: OpaquePointer) {
  func signature(_ observance: OpaquePointer) -> (from: Int32, to: Int32, name: String)? {
    guard let from = icalcomponent_get_first_property(observance, ICAL_TZOFFSETFROM_PROPERTY),
      let to = icalcomponent_get_first_property(observance, ICAL_TZOFFSETTO_PROPERTY)
    else { return nil }
    let name =
      icalcomponent_get_first_property(observance, ICAL_TZNAME_PROPERTY)
      .flatMap { icalproperty_get_tzname($0) }.map { String(cString: $0) } ?? ""
    return (icalproperty_get_tzoffsetfrom(from), icalproperty_get_tzoffsetto(to), name)
  }
  let observances = children(of: zone, ICAL_ANY_COMPONENT)
  guard let first = observances.first, let opening = signature(first),
    opening.from == opening.to
  else { return }
  let kinds = Set(
    observances.dropFirst().compactMap { observance -> UInt32? in
      guard let s = signature(observance), s.to == opening.to, s.name == opening.name else {
        return nil
      }
      return icalcomponent_isa(observance).rawValue
    })
  guard kinds.count == 1, let kind = kinds.first, kind != icalcomponent_isa(first).rawValue
  else { return }
  // libical cannot change a component's kind: build the other kind with the same
  // properties, then put the observances back in their order.
  let relabelled = icalcomponent_new(icalcomponent_kind(rawValue: kind))!
  for property in properties(of: first, ICAL_ANY_PROPERTY) {
    icalcomponent_add_property(relabelled, icalproperty_new_clone(property))
  }
  for observance in observances { icalcomponent_remove_component(zone, observance) }
  icalcomponent_free(first)
  icalcomponent_add_component(zone, relabelled)
  for observance in observances.dropFirst() { icalcomponent_add_component(zone, observance) }
}

/// `icaltimezone_truncate_vtimezone` writes the transitions it keeps as UTC RDATEs, but
/// RFC 5545 §3.6.5 wants them in the observance's local time (UTC + TZOFFSETFROM), and
/// strict parsers read a UTC RDATE there as a different instant.
private func localizeTransitionDates(_ zone: OpaquePointer) {
  for observance in children(of: zone, ICAL_ANY_COMPONENT) {
    guard let from = icalcomponent_get_first_property(observance, ICAL_TZOFFSETFROM_PROPERTY)
    else { continue }
    let offset = icalproperty_get_tzoffsetfrom(from)
    for rdate in properties(of: observance, ICAL_RDATE_PROPERTY) {
      var value = icalproperty_get_rdate(rdate)
      guard icaltime_is_null_time(value.time) == 0, icaltime_is_utc(value.time) != 0 else {
        continue
      }
      var local = icaltime_add(value.time, icaldurationtype_from_int(offset))
      local.zone = nil
      value.time = local
      icalproperty_set_rdate(rdate, value)
    }
  }
}

extension VCalendar {
  /// Builds the whole tree; the caller owns the result.
  func buildTree(includingComponents: Bool = true, in state: inout LibicalState)
    throws(ICalError) -> OwnedComponent
  {
    let root = OwnedComponent(icalcomponent_new(ICAL_VCALENDAR_COMPONENT)!)
    let p = PropertyBuilder(component: root.pointer)
    try p.text(icalproperty_new_version, "2.0")
    try p.text(icalproperty_new_prodid, productID)
    try p.text(icalproperty_new_calscale, calendarScale)
    if let method {
      let kind = icalproperty_string_to_method(method)
      guard kind != ICAL_METHOD_NONE, kind != ICAL_METHOD_X else {
        throw ICalError(.invalidValue, "'\(method)' is not an iTIP method")
      }
      try p.add(icalproperty_new_method(kind))
    }
    try p.text(icalproperty_new_name, name)
    if let refreshInterval {
      let property = icalproperty_new_refreshinterval(try refreshInterval.icalDuration())
      try p.add(property)
      // RFC 7986 requires VALUE=DURATION on REFRESH-INTERVAL.
      if let property {
        icalproperty_add_parameter(property, icalparameter_new_value(ICAL_VALUE_DURATION))
      }
    }
    try p.extras(extraProperties)
    if includingComponents {
      // libical puts each VTIMEZONE it is given in front of the components already there,
      // so adding them last-first writes them in the order given.
      for zone in timeZones.reversed() { try zone.build(into: root.pointer, in: &state) }
      for event in events { try event.build(into: root.pointer, in: &state) }
      for todo in todos { try todo.build(into: root.pointer, in: &state) }
    }
    return root
  }

  /// The calendar as iCalendar text, serialised by libical (folded at 75 octets, CRLF,
  /// escaped).
  package func serialized() throws(ICalError) -> String {
    try withLibical { state throws(ICalError) -> String in
      let tree = try buildTree(in: &state)
      guard let text = takeLibicalString(icalcomponent_as_ical_string_r(tree.pointer)) else {
        throw ICalError(
          .libical,
          "libical could not serialise the calendar: \(libicalErrorMessage() ?? "unknown error")")
      }
      return text
    }
  }
}

/// Serialises a calendar piece by piece, so a large calendar never exists as one libical
/// tree or one string: the envelope (BEGIN:VCALENDAR, its properties … END:VCALENDAR)
/// once, then each VTIMEZONE, VEVENT and VTODO on its own. Concatenated in that order the
/// pieces are byte for byte what `VCalendar.serialized()` writes for the whole calendar,
/// because libical serialises a child the same way inside a tree or alone.
package enum ComponentSerializer {
  /// The text before the first component and the text after the last, from libical
  /// serialising the calendar's properties with no components.
  package static func envelope(of calendar: VCalendar) throws(ICalError) -> (
    header: String, footer: String
  ) {
    let text = try withLibical { state throws(ICalError) -> String in
      let tree = try calendar.buildTree(includingComponents: false, in: &state)
      let buffer = try serialize(tree, in: &state)
      defer { icalmemory_free_buffer(buffer) }
      return String(cString: buffer)
    }
    // libical's last line closes the calendar; everything before it is the header.
    let body = text.utf8.dropLast(2)
    guard text.utf8.suffix(2).elementsEqual("\r\n".utf8),
      let lastBreak = body.lastIndex(of: UInt8(ascii: "\n"))
    else { throw ICalError(.libical, "libical wrote a calendar without line breaks") }
    let split = text.utf8.index(after: lastBreak)
    return (String(text[..<split]), String(text[split...]))
  }

  /// One VTIMEZONE as text.
  package static func text(of zone: VTimeZone) throws(ICalError) -> String {
    try serialized(zone).string
  }

  /// One VEVENT as text.
  package static func text(of event: VEvent) throws(ICalError) -> String {
    try serialized(event).string
  }

  /// One VTODO as text.
  package static func text(of todo: VTodo) throws(ICalError) -> String {
    try serialized(todo).string
  }

  /// One VTIMEZONE as libical wrote it.
  package static func serialized(_ zone: VTimeZone) throws(ICalError) -> SerializedText {
    try alone { parent, state throws(ICalError) in try zone.build(into: parent, in: &state) }
  }

  /// One VEVENT as libical wrote it.
  package static func serialized(_ event: VEvent) throws(ICalError) -> SerializedText {
    try alone { parent, state throws(ICalError) in try event.build(into: parent, in: &state) }
  }

  /// One VTODO as libical wrote it.
  package static func serialized(_ todo: VTodo) throws(ICalError) -> SerializedText {
    try alone { parent, state throws(ICalError) in try todo.build(into: parent, in: &state) }
  }

  /// Builds one component under a scratch parent (the builders attach to a parent so that
  /// nothing leaks when a later step throws), then serialises just that child.
  private static func alone(
    _ build: (OpaquePointer, inout LibicalState) throws(ICalError) -> Void
  ) throws(ICalError) -> SerializedText {
    let text = try withLibical { state throws(ICalError) -> UnsafeMutablePointer<CChar> in
      let scratch = OwnedComponent(icalcomponent_new(ICAL_VCALENDAR_COMPONENT)!)
      try build(scratch.pointer, &state)
      guard let child = icalcomponent_get_first_component(scratch.pointer, ICAL_ANY_COMPONENT)
      else { throw ICalError(.libical, "libical lost the component it was given") }
      icalcomponent_remove_component(scratch.pointer, child)
      return try serialize(OwnedComponent(child), in: &state)
    }
    return SerializedText(taking: text)
  }

  /// `tree` as text, in a buffer of libical's that the caller frees
  /// (`icalmemory_free_buffer`, under the lock).
  private static func serialize(_ tree: OwnedComponent, in state: inout LibicalState)
    throws(ICalError) -> UnsafeMutablePointer<CChar>
  {
    guard let text = icalcomponent_as_ical_string_r(tree.pointer) else {
      throw ICalError(
        .libical,
        "libical could not serialise: \(libicalErrorMessage() ?? "unknown error")")
    }
    return text
  }
}

/// Text libical serialised, held in libical's own buffer until this value ends (issue 12:
/// the export writes these bytes as they are, without making a `String` of each component
/// first — a check of every byte and a copy).
package struct SerializedText: ~Copyable {
  private let pointer: UnsafeMutablePointer<CChar>
  /// The length in bytes, without the terminating NUL.
  private let count: Int

  /// Takes `pointer`, a buffer from libical's `_r` API.
  fileprivate init(taking pointer: UnsafeMutablePointer<CChar>) {
    self.pointer = pointer
    count = strlen(pointer)
  }

  deinit {
    let pointer = pointer
    withLibical { _ in icalmemory_free_buffer(pointer) }
  }

  /// The text's bytes, for the duration of `body`.
  package func withBytes<Result, Failure: Error>(
    _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    try body(UnsafeRawBufferPointer(start: pointer, count: count))
  }

  /// The text as a `String`.
  package var string: String { String(cString: pointer) }
}
