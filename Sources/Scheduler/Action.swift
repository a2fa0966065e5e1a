import Foundation
import Ledger

/// What an action asks the candidate to do.
public enum ActionKind: String, CaseIterable, Hashable, Sendable, Codable {
  /// A future interview, with preparation alarms.
  case interview
  /// Write and send the thank-you letter.
  case thankYou = "thank-you"
  /// Call the employer (or be ready for their call).
  case followUpCall = "follow-up-call"
  /// Check e-mail, Spam folder included (recurring).
  case checkEmail = "check-email"
  /// Ask whether the job is worth the wait.
  case reconsider
  /// Answer an offer before its `answer-by` date.
  case answerOffer = "answer-offer"
  /// Tell an employer you accepted another offer, and thank them.
  case withdraw

  /// Whether the action involves the employer (the interview and the call, on the
  /// employer's clock, busy time) rather than being one of your own reminders (your clock,
  /// free time).
  public var involvesEmployer: Bool { self == .interview || self == .followUpCall }
}

/// Where an action stands, derived from the ledger.
public enum ActionStatus: String, CaseIterable, Hashable, Sendable, Codable {
  /// Still to do.
  case pending
  /// Done (the ledger records it), kept in place without alarms.
  case done
  /// No longer needed (the application closed or the plan moved on).
  case cancelled
}

/// A reminder before or after an action's start.
public struct Reminder: Hashable, Sendable {
  /// Seconds relative to the action's start: negative is before it.
  public var offset: Int
  /// What the reminder says.
  public var message: String

  /// Creates a reminder.
  public init(offset: Int, message: String) {
    self.offset = offset
    self.message = message
  }
}

/// How a recurring action repeats.
public struct Repetition: Hashable, Sendable {
  /// The days it occurs on: every day for `check-email daily`, the workweek otherwise.
  public var weekdays: Set<Weekday>
  /// The last occurrence's start (inclusive), as an instant.
  public var until: Date
  /// Occurrence starts skipped because they fall on holidays.
  public var exceptions: [Date]

  /// Creates a repetition.
  public init(weekdays: Set<Weekday>, until: Date, exceptions: [Date] = []) {
    self.weekdays = weekdays
    self.until = until
    self.exceptions = exceptions
  }
}

/// One dated thing to do, as the scheduler derives it from the ledger.
///
/// Its properties live in one shared, copy-on-write box (issue 12): the scheduler copies an
/// action many times while it replays an application's history (drafts, revisions,
/// comparisons), and a copy is now one reference instead of one per text. Reading and
/// writing a property works as on any value: a write to a shared action copies the box
/// first.
public struct Action: Hashable, Sendable {
  /// The stored properties, compared and hashed together.
  struct Fields: Hashable, Sendable {
    var application: String
    var kind: ActionKind
    var start: Date
    var end: Date
    var timeZone: ZoneID
    var deadline: Date?
    var title: String
    var why: String
    var details: String
    var status: ActionStatus
    var uid: String
    var sequence: Int
    var stamp: Date
    var reminders: [Reminder]
    var repetition: Repetition?
    var isProminent: Bool
    var company: String?
    var sources: [SourceLocation]
    var rule: String
    var location: String?
    var url: String?
  }

  /// The box. Written to only through `unique()`, so only while no other action shares it:
  /// a box that two actions (or two threads) can see is never changed.
  private final class Storage: @unchecked Sendable {
    var fields: Fields
    init(_ fields: Fields) { self.fields = fields }
  }

  private var storage: Storage

  /// The box, copied first when another action shares it.
  private mutating func unique() -> Storage {
    if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
    return storage
  }

  /// The application ID.
  public var application: String {
    get { storage.fields.application }
    _modify { yield &unique().fields.application }
  }
  /// What to do.
  public var kind: ActionKind {
    get { storage.fields.kind }
    _modify { yield &unique().fields.kind }
  }
  /// When it starts.
  public var start: Date {
    get { storage.fields.start }
    _modify { yield &unique().fields.start }
  }
  /// When it ends.
  public var end: Date {
    get { storage.fields.end }
    _modify { yield &unique().fields.end }
  }
  /// The IANA zone the times are meant in (the application's zone).
  public var timeZone: ZoneID {
    get { storage.fields.timeZone }
    _modify { yield &unique().fields.timeZone }
  }
  /// The latest acceptable moment, if there is one (the thank-you letter's).
  public var deadline: Date? {
    get { storage.fields.deadline }
    _modify { yield &unique().fields.deadline }
  }
  /// A one-line summary, e.g. "Call Acme GmbH about iOS Engineer".
  public var title: String {
    get { storage.fields.title }
    _modify { yield &unique().fields.title }
  }
  /// The rule that produced it and the facts it used, in plain words.
  public var why: String {
    get { storage.fields.why }
    _modify { yield &unique().fields.why }
  }
  /// Details for the calendar description: checklist, contact, phone, e-mail.
  public var details: String {
    get { storage.fields.details }
    _modify { yield &unique().fields.details }
  }
  /// Where it stands.
  public var status: ActionStatus {
    get { storage.fields.status }
    _modify { yield &unique().fields.status }
  }
  /// Stable identity across regenerations (same when the date moves).
  public var uid: String {
    get { storage.fields.uid }
    _modify { yield &unique().fields.uid }
  }
  /// Revision number: grows whenever the time, text or status changes.
  public var sequence: Int {
    get { storage.fields.sequence }
    _modify { yield &unique().fields.sequence }
  }
  /// The instant of the latest ledger entry this action was derived from, but never later
  /// than the plan's `now` (for `DTSTAMP`).
  public var stamp: Date {
    get { storage.fields.stamp }
    _modify { yield &unique().fields.stamp }
  }
  /// Alarms for a pending action (empty when done or cancelled).
  public var reminders: [Reminder] {
    get { storage.fields.reminders }
    _modify { yield &unique().fields.reminders }
  }
  /// Set for recurring actions (the e-mail check).
  public var repetition: Repetition? {
    get { storage.fields.repetition }
    _modify { yield &unique().fields.repetition }
  }
  /// Whether the action deserves emphasis (e-mail check when news come by e-mail).
  public var isProminent: Bool {
    get { storage.fields.isProminent }
    _modify { yield &unique().fields.isProminent }
  }
  /// The company's name, if the ledger gives it.
  public var company: String? {
    get { storage.fields.company }
    _modify { yield &unique().fields.company }
  }
  /// Where the ledger entries that produced or revised this action are.
  public var sources: [SourceLocation] {
    get { storage.fields.sources }
    _modify { yield &unique().fields.sources }
  }
  /// The rule in a few words with its key fact, for one-line displays
  /// (e.g. "nothing agreed: 3 days later"); `why` has the full reason.
  public var rule: String {
    get { storage.fields.rule }
    _modify { yield &unique().fields.rule }
  }
  /// Where it happens (`place`), for the interview.
  public var location: String? {
    get { storage.fields.location }
    _modify { yield &unique().fields.location }
  }
  /// The employer's link (`url`), for the interview and the call.
  public var url: String? {
    get { storage.fields.url }
    _modify { yield &unique().fields.url }
  }

  /// Creates an action.
  public init(
    application: String, kind: ActionKind, start: Date, end: Date, timeZone: ZoneID,
    deadline: Date? = nil, title: String, why: String, details: String,
    status: ActionStatus = .pending, uid: String, sequence: Int = 0, stamp: Date,
    reminders: [Reminder] = [], repetition: Repetition? = nil, isProminent: Bool = false,
    company: String? = nil, sources: [SourceLocation] = [], rule: String = "",
    location: String? = nil, url: String? = nil
  ) {
    storage = Storage(
      Fields(
        application: application, kind: kind, start: start, end: end, timeZone: timeZone,
        deadline: deadline, title: title, why: why, details: details, status: status, uid: uid,
        sequence: sequence, stamp: stamp, reminders: reminders, repetition: repetition,
        isProminent: isProminent, company: company, sources: sources, rule: rule,
        location: location, url: url))
  }

  public static func == (a: Action, b: Action) -> Bool {
    a.storage === b.storage || a.storage.fields == b.storage.fields
  }

  public func hash(into hasher: inout Hasher) { hasher.combine(storage.fields) }

  /// Whether `self` and `other` differ in nothing a calendar shows: everything but the
  /// revision's `sequence`, `stamp` and `sources` is the same.
  ///
  /// Compared property by property, without copying either. `ActionStorageTests` changes
  /// every stored property (their names read through `Mirror`) and expects this to see each
  /// change but the revision's, so a property added to `Fields` and left out here fails it.
  func sameContent(as other: Action) -> Bool {
    if storage === other.storage { return true }
    let (a, b) = (storage, other.storage)
    return a.fields.kind == b.fields.kind && a.fields.start == b.fields.start
      && a.fields.end == b.fields.end && a.fields.status == b.fields.status
      && a.fields.deadline == b.fields.deadline && a.fields.isProminent == b.fields.isProminent
      && a.fields.uid == b.fields.uid && a.fields.application == b.fields.application
      && a.fields.timeZone == b.fields.timeZone && a.fields.title == b.fields.title
      && a.fields.why == b.fields.why && a.fields.details == b.fields.details
      && a.fields.rule == b.fields.rule && a.fields.reminders == b.fields.reminders
      && a.fields.repetition == b.fields.repetition && a.fields.company == b.fields.company
      && a.fields.location == b.fields.location && a.fields.url == b.fields.url
  }
}

extension Action {
  /// The moment by which a pending action should have been done: its deadline, the end of
  /// its last occurrence when it repeats, its end otherwise.
  public var due: Date {
    if let deadline { return deadline }
    if let repetition { return repetition.until.addingTimeInterval(end.timeIntervalSince(start)) }
    return end
  }

  /// Whether the action is still pending although it was due before `now`.
  public func isOverdue(at now: Date) -> Bool { status == .pending && due < now }

  /// The start of the next occurrence at or after `now` (the start itself when it does
  /// not repeat or has not begun; the last occurrence once the series is over).
  public func nextOccurrence(after now: Date, in zone: TimeZone) -> Date {
    guard let repetition, start < now else { return start }
    let time = CivilDate.localTime(of: start, in: zone)
    var day = CivilDate(now, in: zone)
    let last = CivilDate(repetition.until, in: zone)
    let skipped = Set(repetition.exceptions)
    while day <= last {
      let candidate = day.instant(at: time, in: zone)
      if candidate >= now, repetition.weekdays.contains(day.weekday), !skipped.contains(candidate) {
        return candidate
      }
      day = day.adding(days: 1)
    }
    return repetition.until
  }
}
