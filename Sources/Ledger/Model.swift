import Foundation

/// A place in a ledger file, 1-based, as compilers report it.
public struct SourceLocation: Hashable, Sendable, Comparable {
  /// The path as the user gave it (relative paths stay relative in messages).
  public var path: String
  /// 1-based line number.
  public var line: Int
  /// 1-based column, counted in Unicode scalars.
  public var column: Int

  /// Creates a location.
  public init(path: String, line: Int, column: Int) {
    self.path = path
    self.line = line
    self.column = column
  }

  public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
    (a.path, a.line, a.column) < (b.path, b.line, b.column)
  }
}

/// A calendar day without a time or zone (`2026-11-24`).
public struct CivilDate: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The year, e.g. 2026.
  public var year: Int
  /// The month, 1–12.
  public var month: Int
  /// The day of the month, 1–31.
  public var day: Int

  /// Creates a date; does not validate (see `CivilDate(validating:)`).
  public init(year: Int, month: Int, day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// `YYYY-MM-DD`.
  public var description: String {
    zeroPadded(year, 4) + "-" + zeroPadded(month, 2) + "-" + zeroPadded(day, 2)
  }

  public static func < (a: CivilDate, b: CivilDate) -> Bool {
    (a.year, a.month, a.day) < (b.year, b.month, b.day)
  }
}

/// A wall-clock time of day (`HH:MM`, 24 h).
public struct LocalTime: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// 0–23.
  public var hour: Int
  /// 0–59.
  public var minute: Int

  /// Creates a time of day.
  public init(hour: Int, minute: Int) {
    self.hour = hour
    self.minute = minute
  }

  /// `HH:MM`.
  public var description: String { zeroPadded(hour, 2) + ":" + zeroPadded(minute, 2) }

  public static func < (a: LocalTime, b: LocalTime) -> Bool {
    (a.hour, a.minute) < (b.hour, b.minute)
  }
}

/// A day of the week, as the `workdays` directive names them.
public enum Weekday: Int, CaseIterable, Hashable, Sendable, Comparable {
  case monday = 1
  case tuesday, wednesday, thursday, friday, saturday, sunday

  /// The three-letter name used in the ledger (`mon` … `sun`).
  public var shortName: String {
    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][rawValue - 1]
  }

  public static func < (a: Weekday, b: Weekday) -> Bool { a.rawValue < b.rawValue }
}

/// What an entry records.
public enum Verb: String, CaseIterable, Hashable, Sendable {
  /// An interview took place or is scheduled; a later one on the same ID is a further round.
  case interview
  /// A timeline was agreed after the interview.
  case agreed
  /// The thank-you letter was sent.
  case thanked
  /// I called them.
  case called
  /// They contacted me.
  case heard
  /// They moved the decision date.
  case postponed
  /// Final: an offer.
  case offer
  /// Final: a rejection.
  case rejected
  /// Final: I withdrew.
  case withdrew
  /// Final: I accepted this application's offer; every other open one should be withdrawn.
  case accepted
  /// Free text.
  case note

  /// Whether this verb closes the application.
  public var isClosing: Bool {
    self == .offer || self == .rejected || self == .withdrew || self == .accepted
  }
}

/// Who calls once the decision date has passed.
public enum Caller: String, CaseIterable, Hashable, Sendable {
  case employer, me
}

/// How the employer announces results.
public enum NewsChannel: String, CaseIterable, Hashable, Sendable {
  case call, email, both
}

/// The result of a call or of news from the employer.
public enum Outcome: String, CaseIterable, Hashable, Sendable {
  case undecided, offer, rejected
}

/// How they contacted me (`heard` entries).
public enum ContactMedium: String, CaseIterable, Hashable, Sendable {
  case call, email
}

/// The `check-email` directive.
public enum EmailCheckFrequency: String, CaseIterable, Hashable, Sendable {
  /// One reminder per application, every business day.
  case weekdays
  /// One reminder per application, every day.
  case daily
  /// One reminder a day, every business day, naming every waiting application.
  case digest
  /// No e-mail reminders.
  case off
}

/// The `privacy` directive: the CLASS of the calendar's components.
public enum Privacy: String, CaseIterable, Hashable, Sendable {
  /// `CLASS:PRIVATE`: colleagues who can see your calendar see "busy", not the job hunt.
  case `private`
  /// `CLASS:PUBLIC`.
  case `public`
}

/// One dated entry of the ledger, with its fields typed.
///
/// Fields that do not apply to the verb are always `nil`; the parser rejects
/// them with a diagnostic.
///
/// Stored compactly (issue 12: a ledger of 100k applications has a third of a million
/// entries): the day, time, line, column and position in small integers, and the fields
/// packed into a buffer shared by every entry of one parse (`FieldStore`); the properties
/// below read and write them as before. Years, lines, columns and positions must fit in 32
/// bits, months, days, hours and minutes in 8 (setting one that does not is a
/// precondition failure).
public struct Entry: Sendable {
  // (Declared largest first, so the entry packs into 64 bytes.)
  /// The application ID (`acme`).
  public var application: String
  /// The instant, resolved in the application's zone.
  public var instant: Date
  /// The packed fields (of this entry and others) and the path of `location`.
  var store: FieldStore
  /// Where this entry's fields are in `store.bytes`.
  private(set) var fieldStart: UInt32
  var fieldEnd: UInt32
  private var year: Int32
  private var line: Int32
  private var column: Int32
  private var position: Int32
  private var month: Int8
  private var day: Int8
  private var hour: Int8
  private var minute: Int8
  private var hasTime: Bool
  /// What happened.
  public var verb: Verb

  /// Creates an entry.
  public init(
    verb: Verb, application: String, date: CivilDate, time: LocalTime?, instant: Date,
    fields: [Field] = [], location: SourceLocation, order: Int
  ) {
    var bytes: [UInt8] = []
    for field in fields { PackedFields.append(field, path: location.path, to: &bytes) }
    self.init(
      verb: verb, application: application, date: date, time: time, instant: instant,
      store: FieldStore(path: location.path, bytes: bytes), fields: 0..<bytes.count,
      line: location.line, column: location.column, order: order)
  }

  /// An entry whose fields are `store.bytes[fields]` (the parser's way).
  init(
    verb: Verb, application: String, date: CivilDate, time: LocalTime?, instant: Date,
    store: FieldStore, fields: Range<Int>, line: Int, column: Int, order: Int
  ) {
    self.verb = verb
    self.application = application
    self.instant = instant
    self.store = store
    fieldStart = UInt32(fields.lowerBound)
    fieldEnd = UInt32(fields.upperBound)
    (year, month, day) = (0, 0, 0)
    (hour, minute, hasTime) = (0, 0, false)
    (self.line, self.column, position) = (Int32(line), Int32(column), Int32(order))
    self.date = date
    self.time = time
  }

  /// The day as written.
  public var date: CivilDate {
    get { CivilDate(year: Int(year), month: Int(month), day: Int(day)) }
    set {
      year = Int32(newValue.year)
      month = Int8(newValue.month)
      day = Int8(newValue.day)
    }
  }

  /// The time as written, or `nil` when the header had none (meaning 09:00).
  public var time: LocalTime? {
    get { hasTime ? LocalTime(hour: Int(hour), minute: Int(minute)) : nil }
    set {
      hasTime = newValue != nil
      hour = Int8(newValue?.hour ?? 0)
      minute = Int8(newValue?.minute ?? 0)
    }
  }

  /// Where the header line is.
  public var location: SourceLocation {
    get { SourceLocation(path: store.path, line: Int(line), column: Int(column)) }
    set {
      if newValue.path != store.path {
        // The fields keep their own path.
        let fields = self.fields
        var bytes: [UInt8] = []
        for field in fields { PackedFields.append(field, path: newValue.path, to: &bytes) }
        store = FieldStore(path: newValue.path, bytes: bytes)
        fieldStart = 0
        fieldEnd = UInt32(bytes.count)
      }
      line = Int32(newValue.line)
      column = Int32(newValue.column)
    }
  }

  /// Position in file order (0-based); ties in time keep this order.
  public var order: Int {
    get { Int(position) }
    set { position = Int32(newValue) }
  }

  /// The fields in the order written, raw (`key`, trimmed `value`).
  public var fields: [Field] {
    get { PackedFields.fields(in: store.bytes, fieldRange, path: store.path) }
    set {
      var bytes: [UInt8] = []
      for field in newValue { PackedFields.append(field, path: store.path, to: &bytes) }
      store = FieldStore(path: store.path, bytes: bytes)
      fieldStart = 0
      fieldEnd = UInt32(bytes.count)
    }
  }

  private var fieldRange: Range<Int> { Int(fieldStart)..<Int(fieldEnd) }

  /// Whether a field with `key` is present.
  package func has(_ key: FieldKey) -> Bool {
    PackedFields.contains(key, in: store.bytes, fieldRange)
  }

  /// The raw value of a field, if present.
  public func value(_ key: FieldKey) -> String? {
    PackedFields.value(key, in: store.bytes, fieldRange)
  }

  /// The field itself (with its location), if present.
  public func field(_ key: FieldKey) -> Field? {
    PackedFields.field(key, in: store.bytes, fieldRange, path: store.path)
  }

  /// `decision:` as a date (validated by the parser).
  public var decision: CivilDate? { value(.decision).flatMap(CivilDate.init(parsing:)) }
  /// `caller:`.
  public var caller: Caller? { value(.caller).flatMap(Caller.init(rawValue:)) }
  /// `news:`.
  public var news: NewsChannel? { value(.news).flatMap(NewsChannel.init(rawValue:)) }
  /// `thanks:` (`yes`/`no`).
  public var thanks: Bool? { value(.thanks).map { $0 == "yes" } }
  /// `outcome:`.
  public var outcome: Outcome? { value(.outcome).flatMap(Outcome.init(rawValue:)) }
  /// `by:`.
  public var by: ContactMedium? { value(.by).flatMap(ContactMedium.init(rawValue:)) }
  /// `answer-by:` as a date (validated by the parser).
  public var answerBy: CivilDate? { value(.answerBy).flatMap(CivilDate.init(parsing:)) }
  /// `cancels:` on a `note`: the day and time (09:00 when none is written) of the
  /// interview of this application that did not take place.
  public var cancels: (date: CivilDate, time: LocalTime)? {
    value(.cancels).flatMap(LedgerSyntax.interviewMoment)
  }
}

extension Entry: Hashable {
  public static func == (a: Entry, b: Entry) -> Bool {
    a.verb == b.verb && a.application == b.application && a.instant == b.instant
      && a.year == b.year && a.month == b.month && a.day == b.day && a.hasTime == b.hasTime
      && a.hour == b.hour && a.minute == b.minute && a.line == b.line && a.column == b.column
      && a.position == b.position && a.store.path == b.store.path
      && (a.store === b.store && a.fieldRange == b.fieldRange
        || a.store.bytes[a.fieldRange].elementsEqual(b.store.bytes[b.fieldRange]))
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(verb)
    hasher.combine(application)
    hasher.combine(instant)
    hasher.combine(date)
    hasher.combine(time)
    hasher.combine(location)
    hasher.combine(position)
    hasher.combine(fieldEnd - fieldStart)
    for byte in store.bytes[fieldRange] { hasher.combine(byte) }
  }
}

/// A `key: value` line under an entry.
public struct Field: Hashable, Sendable {
  /// The key, e.g. `decision`.
  public var key: FieldKey
  /// The value, trimmed.
  public var value: String
  /// Where the key starts.
  public var location: SourceLocation

  /// Creates a field.
  public init(key: FieldKey, value: String, location: SourceLocation) {
    self.key = key
    self.value = value
    self.location = location
  }
}

/// A holidays file: a `holidays [ZONE] PATH` directive or an interview's `holidays:` key.
public struct HolidaySource: Hashable, Sendable {
  /// The path as written.
  public var path: String
  /// The path resolved against the ledger's folder.
  public var resolvedPath: String
  /// Where the directive (or key) is, for diagnostics about the file.
  public var location: SourceLocation
  /// The zone whose employers take these days off (`holidays ZONE PATH`); `nil` for yours
  /// (`holidays PATH`) and for an interview's own `holidays:` key.
  public var zone: ZoneID?

  /// Creates a holiday source.
  public init(path: String, resolvedPath: String, location: SourceLocation, zone: ZoneID? = nil) {
    self.path = path
    self.resolvedPath = resolvedPath
    self.location = location
    self.zone = zone
  }
}

/// The ledger-wide settings, from directives, with the contract's defaults.
public struct Settings: Hashable, Sendable {
  /// `timezone ZONE`: the default zone of applications without `tz`.
  public var timeZone: ZoneID?
  /// `holidays PATH` and `holidays ZONE PATH`, in file order.
  public var holidays: [HolidaySource] = []
  /// `workdays`: Monday–Friday by default.
  public var workdays: Set<Weekday> = [.monday, .tuesday, .wednesday, .thursday, .friday]
  /// `call-at`: 10:00 by default.
  public var callAt = LocalTime(hour: 10, minute: 0)
  /// `follow-up-after`: 3 days by default.
  public var followUpAfter = 3
  /// `reconsider-after`: 3 postponements by default.
  public var reconsiderAfter = 3
  /// `give-up-after`: 3 follow-up calls without a decision by default.
  public var giveUpAfter = 3
  /// `privacy`: private by default.
  public var privacy = Privacy.private
  /// `check-email`: weekdays by default.
  public var checkEmail = EmailCheckFrequency.weekdays
  /// `calendar-name`.
  public var calendarName: String?
  /// `uid-domain`.
  public var uidDomain: String?

  /// The defaults.
  public init() {}
}

/// A parsed, validated ledger.
public struct Journal: Hashable, Sendable {
  /// The path it was read from, as given.
  public var path: String
  /// The directives.
  public var settings: Settings
  /// Every entry in file order.
  public var entries: [Entry]
  /// Each application's IANA zone identifier (its `tz`, else `timezone`, else the system zone).
  public var zones: [String: ZoneID]
  /// Your zone: the `timezone` directive, else the zone the ledger was parsed with.
  public var yourZone: ZoneID
  /// The files named by interviews' `holidays:` keys, once each, at their first mention.
  public var interviewHolidays: [HolidaySource]

  /// Creates a journal; `yourZone` defaults to `settings.timeZone`, else UTC.
  public init(
    path: String, settings: Settings, entries: [Entry], zones: [String: ZoneID],
    yourZone: ZoneID? = nil, interviewHolidays: [HolidaySource] = []
  ) {
    self.path = path
    self.settings = settings
    self.entries = entries
    self.zones = zones
    self.yourZone = yourZone ?? settings.timeZone ?? .utc
    self.interviewHolidays = interviewHolidays
  }

  /// The first and last year of every entry's date and decision date; `nil` without
  /// entries. (One pass, no list as long as the journal: issue 12.)
  package var yearsWritten: ClosedRange<Int>? {
    var first = Int.max
    var last = Int.min
    for entry in entries {
      first = min(first, entry.date.year)
      last = max(last, entry.date.year)
      if let decision = entry.decision {
        first = min(first, decision.year)
        last = max(last, decision.year)
      }
    }
    return first <= last ? first...last : nil
  }

  /// Every holidays file the ledger names: directives first, then interviews' keys.
  public var holidaySources: [HolidaySource] { settings.holidays + interviewHolidays }
}

/// `n` in decimal, padded with zeros to `width` digits, as `%0*d` prints it (without
/// `String(format:)`, which is slow on Linux and runs for every date in every text).
func zeroPadded(_ n: Int, _ width: Int) -> String {
  let digits = String(n.magnitude)
  let padding = String(repeating: "0", count: max(0, width - digits.count - (n < 0 ? 1 : 0)))
  return (n < 0 ? "-" : "") + padding + digits
}
