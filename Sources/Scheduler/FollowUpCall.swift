import Foundation
import Ledger

/// Rules 2 and 3: when to call the employer.
///
/// With a decision date, never before it — give the employer the time agreed — and on the
/// first business day after it. With nothing agreed, not the next day (a decision is
/// unlikely so soon) but not much later either: the first business day at least
/// `follow-up-after` days on. At most one call is pending per application: a new decision
/// date moves it, and a call that ends undecided plans the next one, never a call a day.
enum FollowUpCall {
  /// How long a call is assumed to take.
  static let duration: TimeInterval = 15 * 60

  /// The day a call on `basis` falls on.
  static func day(for basis: CallBasis, planning: Planning) -> CivilDate {
    switch basis {
    case .decision(let decision, _, let named):
      // A date already past when it was named cannot pull the call before the naming.
      return planning.calendar.firstBusinessDay(after: max(decision, named))
    case .nothingAgreed(let since, _):
      let wait = max(1, planning.settings.followUpAfter)
      return planning.calendar.firstBusinessDay(onOrAfter: since.adding(days: wait))
    }
  }

  /// When a call on `basis` starts: its day at `call-at`, in the application's zone.
  static func start(for basis: CallBasis, planning: Planning) -> Date {
    planning.instant(day(for: basis, planning: planning), at: planning.settings.callAt)
  }

  /// The start of the call the round is waiting for (or last waited for).
  static func awaitedStart(in round: Round, planning: Planning) -> Date? {
    if round.callPending { return start(for: round.basis, planning: planning) }
    return round.completedCalls.last.map { start(for: $0.basis, planning: planning) }
  }

  /// Every call of `round`: those made (done), then the pending one.
  static func actions(for round: Round, planning: Planning) -> [Action] {
    var actions: [Action] = []
    for (index, call) in round.completedCalls.enumerated() {
      actions.append(
        action(
          number: index + 1, basis: call.basis, caller: call.caller, calledOn: call.calledOn,
          round: round, planning: planning))
    }
    if round.callPending {
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
  ) -> Action {
    let profile = round.profile
    let employer = Wording.employer(profile, id: planning.id)
    let day = day(for: basis, planning: planning)
    let callAt = planning.settings.callAt
    let start = planning.instant(day, at: callAt)
    let status = planning.taskStatus(of: round, done: calledOn != nil)
    let when = Wording.day(day, at: callAt)

    var title = "Call \(employer) about the " + (profile.role.map { "\($0) " } ?? "") + "decision"
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
        "- If it has not, agree on a new date and who calls whom — rather than calling every day.")
    }

    return Action(
      application: planning.id, kind: .followUpCall, start: start,
      end: start.addingTimeInterval(duration), timeZone: planning.zoneID, title: title,
      why: planning.explain(why, status: status, round: round),
      details: lines.joined(separator: "\n"), status: status,
      uid: planning.uid("follow-up-call-\(number)", round: round.number), stamp: start,
      reminders: [Reminder(offset: 0, message: title + ".")],
      company: profile.company, rule: shortRule(for: basis, planning: planning))
  }

  private static func reason(
    for basis: CallBasis, employer: String, when: String, planning: Planning
  ) -> String {
    let wait = max(1, planning.settings.followUpAfter)
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
        + " call on the first business day after it: \(when)."
    case .nothingAgreed(let since, .interview):
      return
        "Nothing was agreed at the interview on \(Wording.day(since)); employers usually need"
        + " several days to a week to decide, so call on the first business day at least"
        + " \(Wording.days(wait)) later (\(when)) — not the next day, and not much later,"
        + " or another candidate may get ahead."
    case .nothingAgreed(let since, .undecidedCall):
      return
        "Your call on \(Wording.day(since)) ended undecided and without a new date; rather than"
        + " calling every day, call again on the first business day at least"
        + " \(Wording.days(wait)) later (\(when)), and agree on a new date this time."
    case .nothingAgreed(let since, .undecidedNews):
      return
        "\(employer) got in touch on \(Wording.day(since)), still undecided and without a new"
        + " date; call on the first business day at least \(Wording.days(wait)) later"
        + " (\(when)), and agree on a new date this time."
    }
  }

  private static func shortRule(for basis: CallBasis, planning: Planning) -> String {
    let wait = max(1, planning.settings.followUpAfter)
    switch basis {
    case .decision(let decision, _, _):
      return "decision due \(Wording.shortDay(decision)): call the business day after"
    case .nothingAgreed(_, .interview):
      return "nothing agreed at the interview: call \(Wording.days(wait)) later, not the next day"
    case .nothingAgreed(_, .undecidedCall):
      return "still undecided, no new date: call again \(Wording.days(wait)) later"
    case .nothingAgreed(_, .undecidedNews):
      return "they are still undecided, no new date: call \(Wording.days(wait)) later"
    }
  }
}
