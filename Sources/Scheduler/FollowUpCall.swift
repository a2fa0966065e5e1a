import Foundation
import Ledger

/// Rules 2 and 3: when to call the employer.
///
/// The call involves the employer, so it is on the employer's clock: its business days (its
/// holidays), at `call-at` in its zone. With a decision date, never before it — give the
/// employer the time agreed — and on the first business day after it. With nothing agreed,
/// not the next working day (a decision is unlikely so soon) but not much later either: the
/// `follow-up-after`-th employer business day after the interview, and never before a
/// pending thank-you letter's deadline. At most one call is pending per application: a new
/// decision date moves it, and a call that ends undecided plans the next one, never a call
/// a day — and after `give-up-after` such calls, none at all (see `Reconsideration`).
enum FollowUpCall {
  /// How long a call is assumed to take.
  static let duration: TimeInterval = 15 * 60

  /// The day a call on `basis` falls on, in the employer's zone.
  static func day(for basis: CallBasis, in round: Round, planning: Planning) -> CivilDate {
    let calendar = planning.employerCalendar(for: round)
    switch basis {
    case .decision(let decision, _, let named):
      // A date already past when it was named cannot pull the call before the naming.
      return calendar.firstBusinessDay(after: max(decision, named))
    case .nothingAgreed(let since, let silence):
      let wait = max(1, planning.settings.followUpAfter)
      var day = calendar.businessDay(wait, after: since)
      // The letter comes first: a call before it was due would overtake the thanks.
      if silence == .interview,
        let deadline = ThankYouLetter.pendingDeadline(of: round, planning: planning)
      {
        while planning.instant(day, at: planning.settings.callAt) <= deadline {
          day = calendar.firstBusinessDay(after: day)
        }
      }
      return day
    }
  }

  /// When a call on `basis` starts: its day at `call-at`, in the employer's zone.
  static func start(for basis: CallBasis, in round: Round, planning: Planning) -> Date {
    planning.instant(
      day(for: basis, in: round, planning: planning), at: planning.settings.callAt)
  }

  /// The start of the call the round is waiting for (or last waited for).
  static func awaitedStart(in round: Round, planning: Planning) -> Date? {
    if round.callPending, !planning.hasGivenUp(round) {
      return start(for: round.basis, in: round, planning: planning)
    }
    return round.completedCalls.last.map { start(for: $0.basis, in: round, planning: planning) }
  }

  /// Every call of `round`: those made (done), then the pending one; texts built later
  /// (see `Sketch`).
  static func actions(for round: Round, planning: Planning) -> [Sketch] {
    var actions: [Sketch] = []
    for (index, call) in round.completedCalls.enumerated() {
      actions.append(
        action(
          number: index + 1, basis: call.basis, caller: call.caller, calledOn: call.calledOn,
          round: round, planning: planning))
    }
    if round.callPending, !planning.hasGivenUp(round) {
      actions.append(
        action(
          number: round.completedCalls.count + 1, basis: round.basis, caller: round.caller,
          calledOn: nil, round: round, planning: planning))
    }
    return actions
  }

  private static func action(
    number: Int, basis: CallBasis, caller: Caller, calledOn: CivilDate?, round: Round,
    planning: Planning
  ) -> Sketch {
    let profile = round.profile
    let day = day(for: basis, in: round, planning: planning)
    let callAt = planning.settings.callAt
    let start = planning.instant(day, at: callAt)
    let status = planning.taskStatus(of: round, done: calledOn != nil)
    let sketch = Action(
      application: planning.id, kind: .followUpCall, start: start,
      end: start.addingTimeInterval(duration), timeZone: planning.zoneID, title: "", why: "",
      details: "", status: status,
      uid: planning.uid("follow-up-call-\(number)", round: round.number), stamp: start,
      reminders: [Reminder(offset: 0, message: "")], company: profile.company, url: profile.url)
    return Sketch(sketch) {
      let employer = Wording.employer(profile, id: planning.id)
      let when = Wording.day(day, at: callAt)

      var title =
        "Call \(employer) about the " + (profile.role.map { "\($0) " } ?? "") + "decision"
      if caller == .employer { title += " — only if they have not called" }

      var why = reason(for: basis, employer: employer, when: when, planning: planning)
      switch (basis, caller) {
      case (.decision, .employer):
        why += " They said they would call: call only if they have not called by then."
      case (.decision, .me):
        why += " You agreed to call them."
      case (.nothingAgreed, _):
        break
      }
      if let calledOn { why += " Called on \(Wording.day(calledOn))." }

      var lines: [String] = []
      if let contact = profile.contact { lines.append("Ask for: \(contact)") }
      if let phone = profile.phone { lines.append("Phone: \(phone)") }
      lines.append("- Ask whether the decision has been made.")
      if case .nothingAgreed(_, let silence) = basis, silence != .interview {
        lines.append(
          "- They were undecided last time and named no date: agree on a new date this time,"
            + " and who calls whom.")
      } else {
        lines.append(
          "- If it has not, agree on a new date and who calls whom — rather than calling every"
            + " day.")
      }
      return Texts(
        title: title, why: planning.explain(why, status: status, round: round),
        details: lines.joined(separator: "\n"), rule: shortRule(for: basis, planning: planning),
        reminders: [title + "."])
    }
  }

  private static func reason(
    for basis: CallBasis, employer: String, when: String, planning: Planning
  ) -> String {
    let wait = Wording.businessDays(max(1, planning.settings.followUpAfter))
    switch basis {
    case .decision(let decision, let verb, let named):
      let said: String
      switch verb {
      case .interview:
        said =
          "At the interview on \(Wording.day(named)) \(employer) said the decision would be"
          + " known on \(Wording.day(decision))"
      case .agreed:
        said =
          "On \(Wording.day(named)) you agreed with \(employer) that the decision would be"
          + " known on \(Wording.day(decision))"
      case .called:
        said =
          "On your call of \(Wording.day(named)) \(employer) named a new date:"
          + " \(Wording.day(decision))"
      case .postponed:
        said =
          "On \(Wording.day(named)) \(employer) postponed the decision to \(Wording.day(decision))"
      default:
        said =
          "On \(Wording.day(named)) \(employer) got in touch and named a new date:"
          + " \(Wording.day(decision))"
      }
      return said
        + ". Don't call before the agreed date — give the employer the time you agreed;"
        + " call on \(employer)'s first business day after it: \(when)."
    case .nothingAgreed(let since, .interview):
      // (With `follow-up-after 1` the next working day is what was asked for.)
      let notNext = planning.settings.followUpAfter > 1 ? "not the next working day, and " : ""
      return
        "Nothing was agreed at the interview on \(Wording.day(since)); employers usually need"
        + " several days to a week to decide, so call \(wait) later on \(employer)'s"
        + " calendar (\(when)) — \(notNext)not much later, or another"
        + " candidate may get ahead; and not before the thank-you letter is due."
    case .nothingAgreed(let since, .undecidedCall):
      return
        "Your call on \(Wording.day(since)) ended undecided and without a new date; rather than"
        + " calling every day, call again \(wait) later on \(employer)'s calendar"
        + " (\(when)), and agree on a new date this time."
    case .nothingAgreed(let since, .undecidedNews):
      return
        "\(employer) got in touch on \(Wording.day(since)), still undecided and without a new"
        + " date; call \(wait) later on its calendar (\(when)), and agree on a new date"
        + " this time."
    }
  }

  private static func shortRule(for basis: CallBasis, planning: Planning) -> String {
    let wait = Wording.businessDays(max(1, planning.settings.followUpAfter))
    switch basis {
    case .decision(let decision, _, _):
      return "decision due \(Wording.shortDay(decision)): call the business day after"
    case .nothingAgreed(_, .interview):
      return "nothing agreed at the interview: call \(wait) later"
        + (planning.settings.followUpAfter > 1 ? ", not the next day" : "")
    case .nothingAgreed(_, .undecidedCall):
      return "still undecided, no new date: call again \(wait) later"
    case .nothingAgreed(_, .undecidedNews):
      return "they are still undecided, no new date: call \(wait) later"
    }
  }
}
