// The one declared exception to "only ICal imports CLibical" (STYLE.md): this floor must call
// libical's C API directly, with no bindings in between, to measure what libical alone costs
// for the components our export writes. Product code never does this.
import CLibical
import Foundation
import ICal

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// libical's own floor: the same VEVENTs with the same properties and VALARMs, built and
/// serialised straight through the C API, one component at a time, and written to a file.
/// Every string is turned into a C buffer before the clock starts, so the figure is libical's
/// work plus the write, and nothing of Swift's.
final class LibicalFloor {
  /// A date-time ready for libical, with its TZID (a C string) when zoned.
  private struct Time {
    var value: icaltimetype
    var tzid: UnsafeMutablePointer<CChar>?
  }

  private struct Alarm {
    var trigger: icaldurationtype
    var description: UnsafeMutablePointer<CChar>
  }

  private struct Event {
    var uid: UnsafeMutablePointer<CChar>
    var stamp: Time
    var start: Time
    var end: Time?
    var sequence: Int32?
    var status: icalproperty_status?
    var summary: UnsafeMutablePointer<CChar>
    var description: UnsafeMutablePointer<CChar>?
    var categories: [UnsafeMutablePointer<CChar>]
    var priority: Int32?
    var rule: icalrecurrencetype?
    var exceptions: [Time]
    var extras: [(name: UnsafeMutablePointer<CChar>, value: UnsafeMutablePointer<CChar>)]
    var alarms: [Alarm]
  }

  /// The libical version the floor runs on.
  static var version: String { ICAL_VERSION }

  private var events: [Event] = []
  private var buffers: [UnsafeMutablePointer<CChar>] = []
  private let prologue: [UInt8]
  private let epilogue: [UInt8]

  /// Prepares `events` (the values our export builds) and the calendar's envelope text
  /// (`prologue`: header and VTIMEZONEs, `epilogue`: END:VCALENDAR), written as they are.
  init(events source: [VEvent], prologue: String, epilogue: String) {
    self.prologue = Array(prologue.utf8)
    self.epilogue = Array(epilogue.utf8)
    _ = icaltimezone_get_utc_timezone()
    events.reserveCapacity(source.count)
    for event in source { events.append(prepare(event)) }
  }

  deinit { for buffer in buffers { free(buffer) } }

  private func c(_ text: String) -> UnsafeMutablePointer<CChar> {
    let buffer = strdup(text)!
    buffers.append(buffer)
    return buffer
  }

  private func time(_ value: ICalDateTime) -> Time {
    var t = icaltime_null_time()
    t.year = Int32(value.year)
    t.month = Int32(value.month)
    t.day = Int32(value.day)
    var tzid: UnsafeMutablePointer<CChar>?
    switch value.form {
    case .date:
      t.is_date = 1
    case .utc:
      (t.hour, t.minute, t.second) = (Int32(value.hour), Int32(value.minute), Int32(value.second))
      t.zone = icaltimezone_get_utc_timezone()
    case .floating:
      (t.hour, t.minute, t.second) = (Int32(value.hour), Int32(value.minute), Int32(value.second))
    case .zoned(let id):
      (t.hour, t.minute, t.second) = (Int32(value.hour), Int32(value.minute), Int32(value.second))
      tzid = c(id)
    }
    return Time(value: t, tzid: tzid)
  }

  private func rule(_ rule: RecurrenceRule) -> icalrecurrencetype {
    var r = icalrecurrencetype()
    icalrecurrencetype_clear(&r)
    switch rule.frequency {
    case .daily: r.freq = ICAL_DAILY_RECURRENCE
    case .weekly: r.freq = ICAL_WEEKLY_RECURRENCE
    default: fatalError("the export only writes daily and weekly rules")
    }
    r.interval = Int16(rule.interval)
    if let until = rule.until { r.until = time(until).value }
    withUnsafeMutableBytes(of: &r.by_day) { raw in
      let shorts = raw.bindMemory(to: Int16.self)
      for (i, day) in rule.byDay.enumerated() {
        shorts[i] = Int16(day.weekday.rawValue) + 8 * Int16(day.position)
      }
      shorts[rule.byDay.count] = Int16(ICAL_RECURRENCE_ARRAY_MAX.rawValue)
    }
    return r
  }

  private func prepare(_ event: VEvent) -> Event {
    Event(
      uid: c(event.uid), stamp: time(.utc(event.stamp)), start: time(event.start),
      end: event.end.map(time), sequence: event.sequence.map { Int32($0) },
      status: event.status.map {
        switch $0 {
        case .tentative: ICAL_STATUS_TENTATIVE
        case .confirmed: ICAL_STATUS_CONFIRMED
        case .cancelled: ICAL_STATUS_CANCELLED
        }
      },
      summary: c(event.summary), description: event.description.map(c),
      categories: event.categories.map(c), priority: event.priority.map { Int32($0) },
      rule: event.recurrence.map(rule), exceptions: event.exceptionDates.map(time),
      extras: event.extraProperties.map { (c($0.name), c($0.value)) },
      alarms: event.alarms.map { alarm in
        guard case .relative(let offset, .start) = alarm.trigger else {
          fatalError("the export only writes alarms relative to the start")
        }
        return Alarm(
          trigger: icaldurationtype_from_int(Int32(offset.seconds)),
          description: c(alarm.description))
      })
  }

  private static func add(
    _ component: OpaquePointer, _ property: OpaquePointer, tzid: UnsafeMutablePointer<CChar>?
  ) {
    if let tzid { icalproperty_add_parameter(property, icalparameter_new_tzid(tzid)) }
    icalcomponent_add_property(component, property)
  }

  /// Builds, serialises and writes every event to `path` (temporary file, fsync, rename, as
  /// our export does); returns the bytes written.
  func run(to path: String) -> Int {
    let temporary = path + ".tmp"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    precondition(fd >= 0, "cannot create \(temporary)")
    var output = OutputBuffer(fd: fd)
    output.append(prologue)
    for event in events {
      let component = icalcomponent_new(ICAL_VEVENT_COMPONENT)!
      icalcomponent_add_property(component, icalproperty_new_uid(event.uid))
      Self.add(component, icalproperty_new_dtstamp(event.stamp.value), tzid: nil)
      Self.add(component, icalproperty_new_dtstart(event.start.value), tzid: event.start.tzid)
      if let end = event.end {
        Self.add(component, icalproperty_new_dtend(end.value), tzid: end.tzid)
      }
      if let sequence = event.sequence {
        icalcomponent_add_property(component, icalproperty_new_sequence(sequence))
      }
      if let status = event.status {
        icalcomponent_add_property(component, icalproperty_new_status(status))
      }
      icalcomponent_add_property(component, icalproperty_new_summary(event.summary))
      if let description = event.description {
        icalcomponent_add_property(component, icalproperty_new_description(description))
      }
      for category in event.categories {
        icalcomponent_add_property(component, icalproperty_new_categories(category))
      }
      if let priority = event.priority {
        icalcomponent_add_property(component, icalproperty_new_priority(priority))
      }
      if let rule = event.rule {
        icalcomponent_add_property(component, icalproperty_new_rrule(rule))
      }
      for exception in event.exceptions {
        Self.add(component, icalproperty_new_exdate(exception.value), tzid: exception.tzid)
      }
      for extra in event.extras {
        let property = icalproperty_new_x(extra.value)!
        icalproperty_set_x_name(property, extra.name)
        icalcomponent_add_property(component, property)
      }
      for alarm in event.alarms {
        let child = icalcomponent_new(ICAL_VALARM_COMPONENT)!
        icalcomponent_add_component(component, child)
        icalcomponent_add_property(child, icalproperty_new_action(ICAL_ACTION_DISPLAY))
        icalcomponent_add_property(
          child,
          icalproperty_new_trigger(
            icaltriggertype(time: icaltime_null_time(), duration: alarm.trigger)))
        icalcomponent_add_property(child, icalproperty_new_description(alarm.description))
      }
      let text = icalcomponent_as_ical_string_r(component)!
      output.append(UnsafeRawBufferPointer(start: text, count: strlen(text)))
      icalmemory_free_buffer(text)
      icalcomponent_free(component)
    }
    output.append(epilogue)
    output.flush()
    output.storage.deallocate()
    precondition(fsync(fd) == 0 && close(fd) == 0 && rename(temporary, path) == 0)
    return output.total
  }
}

/// A 64 KiB write buffer, as `AtomicFile.Writer` uses.
private struct OutputBuffer {
  let fd: Int32
  var storage = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
  var used = 0
  var total = 0

  init(fd: Int32) { self.fd = fd }

  mutating func append(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { append($0) }
  }

  mutating func append(_ bytes: UnsafeRawBufferPointer) {
    total += bytes.count
    var rest = bytes
    while !rest.isEmpty {
      let n = min(rest.count, storage.count - used)
      UnsafeMutableRawBufferPointer(rebasing: storage[used..<(used + n)]).copyMemory(
        from: UnsafeRawBufferPointer(rebasing: rest[..<n]))
      used += n
      rest = UnsafeRawBufferPointer(rebasing: rest[n...])
      if used == storage.count { flush() }
    }
  }

  mutating func flush() {
    var written = 0
    while written < used {
      let n = write(fd, storage.baseAddress! + written, used - written)
      precondition(n > 0 || errno == EINTR, "write failed")
      if n > 0 { written += n }
    }
    used = 0
  }
}
