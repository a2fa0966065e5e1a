import Foundation
import Ledger

/// Where one application stands, as the replay of its entries leaves it: what `status` and
/// `report` show. Read-only facts; the dated actions come from `Scheduler.plan`.
package struct Standing: Hashable, Sendable {
  /// How an application ended, or that it has not.
  package enum State: String, Hashable, Sendable, CaseIterable {
    /// Still waiting (or a further round is still to come).
    case open
    /// They made an offer.
    case offer
    /// They said no.
    case rejected
    /// I withdrew.
    case withdrew
    /// I accepted their offer.
    case accepted

    /// Whether the application is over.
    package var isClosed: Bool { self != .open }
  }

  /// One thing that happened, for a timeline.
  package struct Event: Hashable, Sendable {
    /// The entry's verb (`interview`, `thanked`, `called`, …).
    package var verb: Verb
    /// The day, in the entry's own zone (the employer's for an interview, yours otherwise).
    package var date: CivilDate
    /// The time of day, when the ledger gives one.
    package var time: LocalTime?
    /// The instant.
    package var instant: Date
    /// The round it belongs to (0 before the first interview).
    package var round: Int
    /// The decision date it named, if any.
    package var decision: CivilDate?
    /// The outcome of a call or of news (`undecided`, `offer`, `rejected`).
    package var outcome: Outcome?
    /// Free text: a `note` entry's `text`, else the entry's `note`.
    package var note: String?
  }

  /// One interview (a round) as the ledger leaves it.
  package struct Interview: Hashable, Sendable {
    /// 1 for the first interview, 2 for the next …
    package var number: Int
    /// Its start (a scheduled interview's too).
    package var start: Date
    /// Its day and time in the employer's zone.
    package var date: CivilDate
    package var time: LocalTime
    /// The employer and role as known at this round (inherited from earlier rounds).
    package var company: String?
    package var role: String?
    /// The interviewer's name and address as written; a new interviewer does not inherit
    /// the previous one's address.
    package var contact: String?
    package var email: String?
    /// Whether a thank-you letter is wanted (`thanks`), and whether it is recorded as sent.
    package var wantsThanks: Bool
    package var thanked: Bool
    /// The decision date named last in this round, if any.
    package var decision: CivilDate?
    /// Moves of the decision date to a later day in this round.
    package var postponements: Int
    /// Whether a closing entry written later in the file called it off.
    package var calledOff: Bool
  }

  /// The application ID.
  package var application: String
  /// Every interview, in order.
  package var interviews: [Interview]
  /// The employer, if the ledger names it.
  package var company: String?
  /// The role, if the ledger names it.
  package var role: String?
  /// The latest interviewer's name, as written.
  package var contact: String?
  /// The latest interviewer's address, as written (not inherited from another interviewer).
  package var email: String?
  /// Open, or how it closed.
  package var state: State
  /// The day it closed (in your zone), when it did.
  package var closedOn: CivilDate?
  /// The number of interviews (rounds) so far, scheduled ones included.
  package var round: Int
  /// The latest interview's start, scheduled ones included; `nil` without one.
  package var interviewStart: Date?
  /// The latest interview's day in the employer's zone.
  package var interviewDate: CivilDate?
  /// The decision date currently named in the latest round, if any.
  package var decision: CivilDate?
  /// Moves of the decision date to a later day, summed over every round.
  package var postponements: Int
  /// Moves of the decision date in the latest round (what `reconsider-after` counts).
  package var postponementsThisRound: Int
  /// Whether the latest round's thank-you letter is recorded as sent.
  package var thanked: Bool
  /// Every entry of the application, in time order (ties in file order).
  package var events: [Event]

  /// Whole days from the latest interview that has taken place to `now`, counted in `zone`
  /// (0 on the day itself); `nil` when no interview has taken place yet.
  package func daysSinceInterview(at now: Date, in zone: TimeZone) -> Int? {
    guard let start = events.last(where: { $0.verb == .interview && $0.instant <= now })?.instant
    else { return nil }
    return CivilDate(start, in: zone).days(until: CivilDate(now, in: zone))
  }
}

extension Scheduler {
  /// Every application's standing, in the order the ledger introduces them.
  package static func standings(_ journal: Journal) -> [Standing] {
    var byApplication: [String: [Entry]] = [:]
    for entry in journal.entries { byApplication[entry.application, default: []].append(entry) }
    return journal.applications.map { id in
      standing(of: id, entries: byApplication[id] ?? [])
    }
  }

  /// One application's standing: its entries replayed as the scheduler replays them.
  static func standing(of id: String, entries: [Entry]) -> Standing {
    let application = Application(id: id, entries: entries)
    let latest = application.rounds.last
    var events: [Standing.Event] = []
    var round = 0
    // The order the replay uses: by instant, ties in file order.
    for entry in entries.sorted(by: { ($0.instant, $0.order) < ($1.instant, $1.order) }) {
      if entry.verb == .interview { round += 1 }
      events.append(
        Standing.Event(
          verb: entry.verb, date: entry.date, time: entry.time, instant: entry.instant,
          round: round, decision: entry.decision, outcome: entry.outcome,
          note: entry.value(.text) ?? entry.value(.note)))
    }
    // An offer answered with `accepted` (or declined with `withdrew`) stands as the answer.
    let verdict = application.closure.map {
      $0.verdict == .offer ? application.offer?.answer ?? .offer : $0.verdict
    }
    let state = verdict.flatMap { Standing.State(rawValue: $0.rawValue) } ?? .open
    let interviews = application.rounds.map { round in
      Standing.Interview(
        number: round.number, start: round.interviewStart, date: round.interviewDate,
        time: round.interviewTime, company: round.profile.company, role: round.profile.role,
        contact: round.profile.contact, email: round.profile.email,
        wantsThanks: round.profile.thanks, thanked: round.thankedOn != nil,
        decision: round.lastDecision, postponements: round.postponements.count,
        calledOff: round.calledOff != nil)
    }
    return Standing(
      application: application.id, interviews: interviews, company: latest?.profile.company,
      role: latest?.profile.role, contact: latest?.profile.contact,
      email: latest?.profile.email, state: state,
      closedOn: state.isClosed
        ? (application.offer?.answeredOn ?? application.closure?.date) : nil,
      round: application.rounds.count, interviewStart: latest?.interviewStart,
      interviewDate: latest?.interviewDate, decision: latest?.lastDecision,
      postponements: application.rounds.reduce(0) { $0 + $1.postponements.count },
      postponementsThisRound: latest?.postponements.count ?? 0,
      thanked: latest?.thankedOn != nil, events: events)
  }
}
