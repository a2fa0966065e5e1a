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
public struct Action: Hashable, Sendable {
  /// The application ID.
  public var application: String
  /// What to do.
  public var kind: ActionKind
  /// When it starts.
  public var start: Date
  /// When it ends.
  public var end: Date
  /// The IANA zone the times are meant in (the application's zone).
  public var timeZone: ZoneID
  /// The latest acceptable moment, if there is one (the thank-you letter's).
  public var deadline: Date?
  /// A one-line summary, e.g. "Call Acme GmbH about iOS Engineer".
  public var title: String
  /// The rule that produced it and the facts it used, in plain words.
  public var why: String
  /// Details for the calendar description: checklist, contact, phone, e-mail.
  public var details: String
  /// Where it stands.
  public var status: ActionStatus
  /// Stable identity across regenerations (same when the date moves).
  public var uid: String
  /// Revision number: grows whenever the time, text or status changes.
  public var sequence: Int
  /// The instant of the latest ledger entry this action was derived from, but never later
  /// than the plan's `now` (for `DTSTAMP`).
  public var stamp: Date
  /// Alarms for a pending action (empty when done or cancelled).
  public var reminders: [Reminder]
  /// Set for recurring actions (the e-mail check).
  public var repetition: Repetition?
  /// Whether the action deserves emphasis (e-mail check when news come by e-mail).
  public var isProminent: Bool
  /// The company's name, if the ledger gives it.
  public var company: String?
  /// Where the ledger entries that produced or revised this action are.
  public var sources: [SourceLocation]
  /// The rule in a few words with its key fact, for one-line displays
  /// (e.g. "nothing agreed: 3 days later"); `why` has the full reason.
  public var rule: String
  /// Where it happens (`place`), for the interview.
  public var location: String?
  /// The employer's link (`url`), for the interview and the call.
  public var url: String?

  /// Creates an action.
  public init(
    application: String, kind: ActionKind, start: Date, end: Date, timeZone: ZoneID,
    deadline: Date? = nil, title: String, why: String, details: String,
    status: ActionStatus = .pending, uid: String, sequence: Int = 0, stamp: Date,
    reminders: [Reminder] = [], repetition: Repetition? = nil, isProminent: Bool = false,
    company: String? = nil, sources: [SourceLocation] = [], rule: String = "",
    location: String? = nil, url: String? = nil
  ) {
    self.location = location
    self.url = url
    self.application = application
    self.kind = kind
    self.start = start
    self.end = end
    self.timeZone = timeZone
    self.deadline = deadline
    self.title = title
    self.why = why
    self.details = details
    self.status = status
    self.uid = uid
    self.sequence = sequence
    self.stamp = stamp
    self.reminders = reminders
    self.repetition = repetition
    self.isProminent = isProminent
    self.company = company
    self.sources = sources
    self.rule = rule
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
