import Foundation
import Ledger

/// What the ledger says about the employer: who, what role, whom to write to.
///
/// A later round inherits it and may override any field.
struct Profile: Hashable, Sendable {
  var company: String?
  var role: String?
  var contact: String?
  var email: String?
  var phone: String?
  var url: String?
  /// The employer's holidays file (`holidays:`), as written.
  var holidays: String?
  /// How results come (`news`), `both` by default.
  var news = NewsChannel.both
  /// Whether to write a thank-you letter (`thanks`), yes by default.
  var thanks = true

  /// This profile with the fields an `interview` entry gives.
  ///
  /// A new interviewer (`contact` naming someone else) does not inherit the previous one's
  /// e-mail address or phone: a letter to the new name at the old address is exactly the
  /// impersonal mistake the etiquette warns about. Better no address than the wrong one.
  func updated(by entry: Entry) -> Profile {
    var p = self
    p.company = entry.value(.company) ?? p.company
    p.role = entry.value(.role) ?? p.role
    if let contact = entry.value(.contact), contact != p.contact {
      p.contact = contact
      p.email = nil
      p.phone = nil
    }
    p.email = entry.value(.email) ?? p.email
    p.phone = entry.value(.phone) ?? p.phone
    p.url = entry.value(.url) ?? p.url
    p.holidays = entry.value(.holidays) ?? p.holidays
    p.news = entry.news ?? p.news
    p.thanks = entry.thanks ?? p.thanks
    return p
  }
}

/// Why the next follow-up call falls when it does.
enum CallBasis: Hashable, Sendable {
  /// A decision date was named: call on the first business day after it (rule 2).
  case decision(CivilDate, namedBy: Verb, on: CivilDate)
  /// No date was named: call after `follow-up-after` days (rule 3), counted from `since`.
  case nothingAgreed(since: CivilDate, after: Silence)
}

/// What left the candidate without a decision date.
enum Silence: Hashable, Sendable {
  /// Nothing was agreed at the interview.
  case interview
  /// My call ended undecided and without a new date.
  case undecidedCall
  /// They got in touch, still undecided, and named no date.
  case undecidedNews
}

/// The decision date moved later: one step towards "do you need this job?".
struct Postponement: Hashable, Sendable {
  /// The previous decision date.
  var from: CivilDate
  /// The new one.
  var to: CivilDate
  /// The day the ledger records the move.
  var on: CivilDate
  /// The time of day it was logged (09:00 when the entry gives none).
  var at: LocalTime
}

/// A follow-up call that was made (`called`), kept in place as done.
struct CompletedCall: Hashable, Sendable {
  /// The basis it was planned on.
  var basis: CallBasis
  /// Who was to call at the time.
  var caller: Caller
  /// When I called (your day).
  var calledOn: CivilDate
  /// The time of day it was logged (09:00 when the entry gives none).
  var calledAt: LocalTime
}

/// You accepted another application's offer (`accepted`).
struct Acceptance: Hashable, Sendable {
  /// The application whose offer you accepted.
  var application: String
  /// The day it was recorded (your day).
  var date: CivilDate
  /// Its instant.
  var instant: Date
  /// Its position in the file.
  var order: Int
}

/// An offer (`offer`) and its answer.
struct Offer: Hashable, Sendable {
  /// The round it answers.
  var round: Int
  /// The day it was recorded (your day).
  var date: CivilDate
  /// The instant it was recorded.
  var instant: Date
  /// The day the answer is due (`answer-by`), if any.
  var answerBy: CivilDate?
  /// `accepted` or `withdrew`, once answered.
  var answer: Verb?
  /// The day of the answer.
  var answeredOn: CivilDate?
}

/// How a round stopped waiting.
enum RoundEnd: Hashable, Sendable {
  /// The application was closed (`offer`, `rejected`, `withdrew`, or an outcome).
  case closed(Closure)
  /// A further interview started the next round.
  case superseded(by: Date, on: CivilDate)
  /// You accepted another application's offer while this round was waiting.
  case acceptedElsewhere(Acceptance)

  /// The instant the waiting stopped.
  var instant: Date {
    switch self {
    case .closed(let closure): closure.instant
    case .superseded(let next, _): next
    case .acceptedElsewhere(let acceptance): acceptance.instant
    }
  }
}

/// The entry that closed an application.
struct Closure: Hashable, Sendable {
  /// `offer`, `rejected`, `withdrew` or `accepted` — an outcome of `called`/`heard` reads as the first two.
  var verdict: Verb
  /// The day it was recorded.
  var date: CivilDate
  /// Its instant.
  var instant: Date
  /// Its position in the file: interviews written above it but dated after it were called off.
  var order: Int
}

/// One interview and the waiting that follows it.
struct Round: Hashable, Sendable {
  /// 1 for the first interview of the application, 2 for the next …
  var number: Int
  /// The interview's day, time and instant.
  var interviewDate: CivilDate
  var interviewTime: LocalTime
  var interviewStart: Date
  var place: String?
  /// The employer as known at this round.
  var profile: Profile
  /// Who calls once the decision date has passed.
  var caller: Caller
  /// The basis of the pending follow-up call.
  var basis: CallBasis
  /// The latest decision date named in this round, if any.
  var lastDecision: CivilDate?
  /// Every move of the decision date to a later day.
  var postponements: [Postponement] = []
  /// The days of `postponements` as the texts list them (the first `from`, then every `to`,
  /// joined by " → "), and where the first N end in its UTF-8: kept as they are made, so
  /// that the Nth moment to reconsider does not format N days again (issue 12).
  var postponedDays = ""
  var postponedDaysEnds: [Int] = []
  /// When the thank-you letter was sent.
  var thankedOn: CivilDate?
  /// Calls already made in this round.
  var completedCalls: [CompletedCall] = []
  /// Set once the round stopped waiting.
  var end: RoundEnd?
  /// Set when a closing entry written later in the file called this interview off.
  var calledOff: Closure?
  /// Whether a follow-up call is still planned (false once a call brought the verdict).
  var callPending = true
  /// Follow-up calls in a row that ended without a decision and without a new date.
  var undecidedCalls = 0
  /// Set when you accepted another offer while this round was waiting.
  var acceptedElsewhere: Acceptance?
  /// The interview this round's took the place of, when the earlier one was cancelled.
  var replaces: CancelledInterview?

  /// The days of the first `count` postponements, " → " between them.
  func postponedDays(_ count: Int) -> String {
    let end = postponedDays.utf8.index(
      postponedDays.utf8.startIndex, offsetBy: postponedDaysEnds[count - 1])
    return String(postponedDays[..<end])
  }

  /// Whether the round is still waiting for a decision.
  var isWaiting: Bool { end == nil && calledOff == nil }

  /// The acceptance this round's interview was given up for: it was still ahead when you
  /// accepted another offer while an earlier round waited (which has the withdraw action),
  /// and was written above that `accepted`. A `thanked` for it shows you went after all.
  var givenUpFor: Acceptance? {
    guard acceptedElsewhere == nil, case .acceptedElsewhere(let acceptance)? = end else {
      return nil
    }
    return acceptance
  }

  /// Whether an agreed decision date is still ahead on `day`. "Still undecided" heard or
  /// asked before it changes nothing: the date stands, and the call is never before it
  /// (rule 2). Only once the date has come does undecided news without a new date start
  /// rule 3's count.
  func awaitsAgreedDate(on day: CivilDate) -> Bool {
    guard case .decision(let decision, _, _) = basis else { return false }
    return day < decision
  }

  /// Takes a newly named decision date: it moves the pending call, and counts as a
  /// postponement when it is later than the previous one.
  mutating func name(decision: CivilDate, by entry: Entry) {
    if let previous = lastDecision, decision > previous {
      if postponements.isEmpty { postponedDays = Wording.day(previous) }
      postponements.append(
        Postponement(
          from: previous, to: decision, on: entry.date,
          at: entry.time ?? LocalTime(hour: 9, minute: 0)))
      postponedDays += " → " + Wording.day(decision)
      postponedDaysEnds.append(postponedDays.utf8.count)
    }
    lastDecision = decision
    basis = .decision(decision, namedBy: entry.verb, on: entry.date)
    undecidedCalls = 0
  }
}

/// An interview that did not take place: a `note` with `cancels:` names it.
///
/// It begins no round. The next interview takes its round number, so the calendar sees the
/// interview move (same UID, higher SEQUENCE); without one, the interview's event is kept,
/// cancelled, and the round's other actions are cancelled as no longer planned.
struct CancelledInterview: Hashable, Sendable {
  /// The interview entry.
  var interview: Entry
  /// The `note` that cancelled it.
  var note: Entry
  /// The round number it would have had.
  var number: Int
  /// The employer as known at that interview.
  var profile: Profile
}

/// One application's state after replaying some of its entries in time order.
struct Application: Hashable, Sendable {
  /// The application ID.
  var id: String
  /// Its rounds, in order.
  var rounds: [Round] = []
  /// The latest instant the ledger has reached for this application.
  var latestInstant = Date.distantPast
  /// The closure in force, if the application is closed.
  var closure: Closure?
  /// The offer, once one came with `offer`.
  var offer: Offer?

  /// Interviews that did not take place, in the order the replay met them.
  var cancelledInterviews: [CancelledInterview] = []
  /// The `note` entries with `cancels:`, by the file position of the interview they cancel.
  private var cancellations: [Int: Entry] = [:]
  /// The latest `accepted` of another application met while this one was open: interviews
  /// written above it but dated after it were given up.
  private var latestAcceptance: Acceptance?
  /// Set when you went to an interview given up for this acceptance after all (a `thanked`
  /// for it): the withdraw action it brought is no longer needed.
  var wentOnAfter: Acceptance?

  /// Replays entries (any order; sorted by instant, ties in file order).
  init(id: String, entries: [Entry]) {
    self.id = id
    for note in entries where note.application == id && note.verb == .note {
      guard let moment = note.cancels,
        let interview = entries.first(where: {
          $0.application == id && $0.verb == .interview && $0.date == moment.date
            && ($0.time ?? LocalTime(hour: 9, minute: 0)) == moment.time
        })
      else { continue }
      cancellations[interview.order] = note
    }
    let ordered = entries.sorted { ($0.instant, $0.order) < ($1.instant, $1.order) }
    for entry in ordered { record(entry) }
  }

  /// The cancelled interviews no later interview took the place of: their events are kept,
  /// cancelled (the last one per round number).
  var unreplacedCancellations: [CancelledInterview] {
    var byNumber: [Int: CancelledInterview] = [:]
    for cancelled in cancelledInterviews where cancelled.number > rounds.count {
      byNumber[cancelled.number] = cancelled
    }
    return byNumber.keys.sorted().map { byNumber[$0]! }
  }

  /// Applies one entry. Of other applications' entries only `accepted` matters: a waiting
  /// round then ends, to be withdrawn.
  mutating func record(_ entry: Entry) {
    if entry.application != id {
      guard entry.verb == .accepted, closure == nil else { return }
      let acceptance = Acceptance(
        application: entry.application, date: entry.date, instant: entry.instant,
        order: entry.order)
      latestAcceptance = acceptance
      if let last = rounds.indices.last, rounds[last].isWaiting {
        rounds[last].acceptedElsewhere = acceptance
        rounds[last].end = .acceptedElsewhere(acceptance)
      }
      return
    }
    latestInstant = max(latestInstant, entry.instant)
    // Accepting or declining an offer answers it.
    if closure?.verdict == .offer, entry.verb == .accepted || entry.verb == .withdrew,
      offer != nil, offer?.answer == nil
    {
      offer?.answer = entry.verb
      offer?.answeredOn = entry.date
      return
    }
    if entry.verb == .interview {
      if let note = cancellations[entry.order] {
        // What it said builds on the interview it took the place of, if it was moved too.
        let replaced = cancelledInterviews.last { $0.number == rounds.count + 1 }
        cancelledInterviews.append(
          CancelledInterview(
            interview: entry, note: note, number: rounds.count + 1,
            profile: (replaced?.profile ?? rounds.last?.profile ?? Profile()).updated(by: entry)))
      } else {
        beginRound(entry)
      }
      return
    }
    // You thanked them for an interview given up for another offer: you went to it after
    // all. It waits again, and the withdraw action is no longer needed.
    if let last = rounds.indices.last, let given = rounds[last].givenUpFor,
      entry.verb == .thanked, entry.instant >= rounds[last].interviewStart
    {
      rounds[last].end = nil
      wentOnAfter = given
    }
    // A closing entry dated before any interview still calls off the interviews written
    // above it (scheduled, then cancelled) — and so does news of a verdict (`heard` or
    // `called` with `outcome: offer|rejected`): it closes exactly as `offer`/`rejected` does.
    if let verdict = entry.closingVerdict, closure == nil, rounds.last?.isWaiting != true {
      close(verdict: verdict, entry: entry)
      return
    }
    guard closure == nil, rounds.last?.isWaiting == true else { return }
    // Moved out rather than copied, so that adding to its lists does not copy them: the
    // replay records entry after entry into one application (linear revisions, issue 12).
    var round = rounds.removeLast()
    switch entry.verb {
    case .interview, .note:
      break
    case .agreed:
      if let caller = entry.caller { round.caller = caller }
      if let decision = entry.decision { round.name(decision: decision, by: entry) }
    case .postponed:
      if let decision = entry.decision { round.name(decision: decision, by: entry) }
    case .thanked:
      if round.thankedOn == nil { round.thankedOn = entry.date }
    case .called where round.awaitsAgreedDate(on: entry.date) && entry.outcome?.closingVerb == nil:
      // A call before the agreed date is news, as `heard` is, not the follow-up call: that
      // stays planned after the date (or after a new one named on the call).
      if let decision = entry.decision { round.name(decision: decision, by: entry) }
    case .called:
      round.completedCalls.append(
        CompletedCall(
          basis: round.basis, caller: round.caller, calledOn: entry.date,
          calledAt: entry.time ?? LocalTime(hour: 9, minute: 0)))
      if let verdict = entry.outcome?.closingVerb {
        round.callPending = false
        rounds.append(round)
        close(verdict: verdict, entry: entry)
        return
      }
      if let decision = entry.decision {
        round.name(decision: decision, by: entry)
      } else {
        round.basis = .nothingAgreed(since: entry.date, after: .undecidedCall)
        round.undecidedCalls += 1
      }
    case .heard:
      if let verdict = entry.outcome?.closingVerb {
        rounds.append(round)
        close(verdict: verdict, entry: entry)
        return
      }
      if let decision = entry.decision {
        round.name(decision: decision, by: entry)
      } else if entry.outcome == .undecided, !round.awaitsAgreedDate(on: entry.date) {
        round.basis = .nothingAgreed(since: entry.date, after: .undecidedNews)
      }
    case .offer, .rejected, .withdrew, .accepted:
      rounds.append(round)
      close(verdict: entry.verb, entry: entry)
      return
    }
    rounds.append(round)
  }

  private mutating func beginRound(_ entry: Entry) {
    // A moved interview's round inherits from the one it takes the place of (which itself
    // inherited from the rounds before): the moved entry often names only the new time.
    let replaced = cancelledInterviews.last { $0.number == rounds.count + 1 }
    let inherited = replaced?.profile ?? rounds.last?.profile ?? Profile()
    var round = Round(
      number: rounds.count + 1,
      interviewDate: entry.date,
      interviewTime: entry.time ?? LocalTime(hour: 9, minute: 0),
      interviewStart: entry.instant,
      place: entry.value(.place),
      profile: inherited.updated(by: entry),
      caller: entry.caller ?? .employer,
      basis: .nothingAgreed(since: entry.date, after: .interview))
    if let decision = entry.decision {
      round.lastDecision = decision
      round.basis = .decision(decision, namedBy: .interview, on: entry.date)
    }
    round.replaces = replaced
    // An interview written above a closing entry but dated after it was scheduled, then
    // called off by that entry; one written below it reopens the application.
    if let closure, entry.order < closure.order {
      round.calledOff = closure
      round.callPending = false
      rounds.append(round)
      return
    }
    // Likewise an interview written above another application's `accepted` but dated after
    // it, when an earlier round was waiting at the acceptance and so has the withdraw
    // action: it was planned, then given up by accepting, and is cancelled with the rest.
    // (Without an earlier round nothing tells a planned interview from one of a search that
    // went on after the acceptance in a ledger grouped by application; it stays planned.)
    if let acceptance = latestAcceptance, entry.order < acceptance.order,
      entry.instant > acceptance.instant,
      rounds.contains(where: { $0.acceptedElsewhere == acceptance })
    {
      round.end = .acceptedElsewhere(acceptance)  // and so `givenUpFor`
      rounds.append(round)
      return
    }
    closure = nil
    offer = nil
    if !rounds.isEmpty, rounds[rounds.count - 1].end == nil,
      rounds[rounds.count - 1].calledOff == nil
    {
      rounds[rounds.count - 1].end = .superseded(by: entry.instant, on: entry.date)
    }
    rounds.append(round)
  }

  private mutating func close(verdict: Verb, entry: Entry) {
    let closure = Closure(
      verdict: verdict, date: entry.date, instant: entry.instant, order: entry.order)
    self.closure = closure
    if entry.verb == .offer {
      offer = Offer(
        round: rounds.count, date: entry.date, instant: entry.instant, answerBy: entry.answerBy)
    }
    if let last = rounds.indices.last, rounds[last].isWaiting {
      rounds[last].end = .closed(closure)
    }
  }
}

extension Entry {
  /// The verdict this entry closes the application with: the verb itself for `offer`,
  /// `rejected`, `withdrew` and `accepted`, the outcome for a `called` or `heard` that brought one.
  var closingVerdict: Verb? {
    if verb.isClosing { return verb }
    guard verb == .called || verb == .heard else { return nil }
    return outcome?.closingVerb
  }
}

extension Outcome {
  /// The closing verb an outcome amounts to: an offer or a rejection heard on the phone
  /// closes the application just as an `offer` or `rejected` entry does.
  var closingVerb: Verb? {
    switch self {
    case .offer: .offer
    case .rejected: .rejected
    case .undecided: nil
    }
  }
}
