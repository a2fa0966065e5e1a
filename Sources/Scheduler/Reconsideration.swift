import Foundation
import Ledger

/// Rule 5: "If the decision is postponed several times, think: do you need such a job?"
/// Once the decision date has moved later `reconsider-after` times in a round, an evening
/// moment (18:00) on the day of that postponement — or the next evening when it was logged at
/// 18:00 or later, so the moment is never born in the past — and one more for each further one.
enum Reconsideration {
  /// The evening hour for the question.
  static let time = LocalTime(hour: 18, minute: 0)
  /// How long the moment lasts.
  static let duration: TimeInterval = 30 * 60

  /// One action per postponement from the `reconsider-after`-th on (and from the
  /// `first`-th: the replay leaves out settled ones, issue 12).
  static func actions(
    for round: Round, in application: Application, planning: Planning, from first: Int = 1
  ) -> [Action] {
    let threshold = max(1, planning.settings.reconsiderAfter)
    let lowest = max(threshold, first)
    guard round.postponements.count >= lowest else { return [] }
    let employer = Wording.employer(round.profile, id: planning.id)
    return (lowest...round.postponements.count).map { count in
      let postponement = round.postponements[count - 1]
      let start = planning.yourInstant(evening(after: postponement), at: time)
      let end = start.addingTimeInterval(duration)
      let status = planning.momentStatus(endingAt: end, of: round, in: application)
      let dates = round.postponedDays(count)
      let postponed = "the decision was postponed \(Wording.times(count))"
      let why =
        "\(employer) has postponed the decision \(Wording.times(count)) (\(dates))."
        + " When a decision is put off again and again, take an evening to ask yourself"
        + " whether you need this job. The question comes after"
        + " \(Wording.postponements(threshold)) (reconsider-after)."
      let details = [
        "- Is this still the job you want, on these terms?",
        "- What else is open? Keep applying elsewhere while you wait.",
        "- If you stay in, the next follow-up call is still in the plan.",
      ].joined(separator: "\n")
      return Action(
        application: planning.id, kind: .reconsider, start: start, end: end,
        timeZone: planning.yourZoneID,
        title: "\(employer): \(postponed) — do you need this job?",
        why: planning.explain(why, status: status, round: round), details: details,
        status: status, uid: planning.uid("reconsider-\(count)", round: round.number),
        stamp: start,
        reminders: [
          Reminder(
            offset: 0,
            message: "The decision was postponed \(Wording.times(count)) — do you need this job?")
        ],
        company: round.profile.company, rule: postponed)
    }
  }

  /// The day of the question: the day of the postponement, or the next day when it was
  /// logged at 18:00 or later (an evening moment already past would be done at once and
  /// never ring).
  static func evening(after postponement: Postponement) -> CivilDate {
    postponement.at >= time ? postponement.on.adding(days: 1) : postponement.on
  }

  /// Rule 3's end: after `give-up-after` follow-up calls without a decision, no further
  /// call but an evening to decide — let it go, or write one last e-mail? — on the evening
  /// of the last call (the next one when it was logged at 18:00 or later).
  static func givingUp(in round: Round, in application: Application, planning: Planning)
    -> Action?
  {
    guard planning.hasGivenUp(round), let last = round.completedCalls.last else { return nil }
    let employer = Wording.employer(round.profile, id: planning.id)
    let count = round.undecidedCalls
    let day = last.calledAt >= time ? last.calledOn.adding(days: 1) : last.calledOn
    let start = planning.yourInstant(day, at: time)
    let end = start.addingTimeInterval(duration)
    let status = planning.momentStatus(endingAt: end, of: round, in: application)
    let calls = count == 1 ? "one call" : "\(count) calls"
    let why =
      "You have called \(employer) \(Wording.times(count)) without a decision or a new date"
      + " (the last on \(Wording.day(last.calledOn))). Rather than a call every few days,"
      + " no further call is planned: decide whether to let it go or to write one last"
      + " e-mail. The question comes after \(calls) (give-up-after)."
    let details = [
      "- Let it go: keep applying elsewhere; no more calls.",
      "- Or write one last short e-mail: still interested, and when may you expect an answer?",
      "- Log 'heard' or 'agreed' with a decision date if they answer: the plan picks it up.",
    ].joined(separator: "\n")
    return Action(
      application: planning.id, kind: .reconsider, start: start, end: end,
      timeZone: planning.yourZoneID,
      title: "\(employer): \(calls) and no answer — let it go, or write one last e-mail?",
      why: planning.explain(why, status: status, round: round), details: details,
      status: status, uid: planning.uid("give-up", round: round.number), stamp: start,
      reminders: [
        Reminder(
          offset: 0,
          message: "\(calls.prefix(1).uppercased() + calls.dropFirst()) and no answer from"
            + " \(employer): let it go, or write one last e-mail?")
      ],
      company: round.profile.company, rule: "\(calls) without a decision: no further call")
  }
}

/// Rule 8: an offer with `answer-by: D` is answered on your last business day before D, at
/// 09:00 in your zone, with alarms the day before and that morning; `accepted` or
/// `withdrew` answers it.
enum OfferAnswer {
  /// When the answer is given.
  static let time = LocalTime(hour: 9, minute: 0)
  /// How long answering is assumed to take.
  static let duration: TimeInterval = 30 * 60

  /// The answer to the application's offer, if it has an `answer-by` date.
  static func action(for application: Application, planning: Planning) -> Action? {
    guard let offer = application.offer, let answerBy = offer.answerBy,
      offer.round >= 1, offer.round <= application.rounds.count
    else { return nil }
    let round = application.rounds[offer.round - 1]
    let employer = Wording.employer(round.profile, id: planning.id)
    // Rule 8: your last business day before the date, at 09:00 — never before the day the
    // offer came (on the weekend before a Monday deadline, or due the next day, that day).
    let last = planning.calendar.lastBusinessDay(before: answerBy)
    let day = max(last, offer.date)
    let start = planning.yourInstant(day, at: time)
    let status: ActionStatus = offer.answer == nil ? .pending : .done
    var why =
      "\(employer) made an offer on \(Wording.day(offer.date)) and wants an answer by"
      + " \(Wording.day(answerBy)): "
    if day == last {
      why +=
        "answer on your last business day before it (\(Wording.day(day))), so it arrives in time."
    } else {
      why += "it came after your last business day before it, so answer the day it came."
    }
    if let answer = offer.answer, let on = offer.answeredOn {
      why += " Answered on \(Wording.day(on)) (\(answer.rawValue))."
    }
    // The day-before alarm only when the offer had come by then.
    var reminders = [Reminder(offset: 0, message: "Answer \(employer)'s offer today.")]
    if start.addingTimeInterval(-24 * 60 * 60) >= offer.instant {
      reminders.insert(
        Reminder(offset: -24 * 60 * 60, message: "Tomorrow: answer \(employer)'s offer."), at: 0)
    }
    let details = [
      "- Accept: log 'accepted \(planning.id)' — the other applications get a withdraw action.",
      "- Decline politely and thank them: log 'withdrew \(planning.id)'.",
      "- Still unsure? Ask for the terms in writing, or for a few more days — in time.",
    ].joined(separator: "\n")
    return Action(
      application: planning.id, kind: .answerOffer, start: start,
      end: start.addingTimeInterval(duration), timeZone: planning.yourZoneID,
      // The end of the day before the answer is due, and never before the answer's own end.
      deadline: max(
        planning.yourInstant(answerBy.adding(days: -1), at: LocalTime(hour: 23, minute: 59)),
        start.addingTimeInterval(duration)),
      title: "Answer \(employer)'s offer" + Wording.aboutRole(round.profile)
        + " — due \(Wording.shortDay(answerBy))",
      why: why, details: details, status: status,
      uid: planning.uid("answer-offer", round: offer.round), stamp: start,
      reminders: reminders,
      company: round.profile.company,
      rule: "answer by \(Wording.shortDay(answerBy)): "
        + (day == last ? "your last business day before it" : "the day the offer came"))
  }
}

/// Rule 8: once you accepted another offer, tell every other employer still waiting — on
/// your next business day at 09:00 — and thank them. Done by `withdrew`.
enum Withdrawal {
  /// When the e-mail or call is made.
  static let time = LocalTime(hour: 9, minute: 0)
  /// How long it is assumed to take.
  static let duration: TimeInterval = 15 * 60

  /// The withdrawal of `round`, when you accepted another offer while it was waiting.
  static func action(for round: Round, in application: Application, planning: Planning)
    -> Action?
  {
    guard let acceptance = round.acceptedElsewhere else { return nil }
    let profile = round.profile
    let employer = Wording.employer(profile, id: planning.id)
    let day = planning.calendar.firstBusinessDay(after: acceptance.date)
    let start = planning.yourInstant(day, at: time)
    let status: ActionStatus
    switch application.closure?.verdict {
    case .withdrew?: status = .done
    case nil: status = application.wentOnAfter == acceptance ? .cancelled : .pending
    default: status = .cancelled
    }
    var why =
      "You accepted \(planning.name(of: acceptance))'s offer on \(Wording.day(acceptance.date)): tell"
      + " \(employer) in time, politely, and thank them — on your next business day"
      + " (\(Wording.day(day)))."
    if status == .cancelled, let closure = application.closure {
      why += " No longer needed: \(employer) closed it first (\(closure.verdict.rawValue))."
    } else if status == .cancelled {
      why += " No longer needed: you went to \(employer)'s next interview after all."
    }
    var lines: [String] = []
    if let addressee = Wording.addressee(profile) { lines.append("To: \(addressee)") }
    lines += [
      "- Say you accepted another offer, and thank them for their time.",
      "- Brief and warm: you may meet them again.",
      "- Then log 'withdrew \(planning.id)'.",
    ]
    return Action(
      application: planning.id, kind: .withdraw, start: start,
      end: start.addingTimeInterval(duration), timeZone: planning.yourZoneID,
      title: "Tell \(employer) you accepted another offer — thank them",
      why: why, details: lines.joined(separator: "\n"), status: status,
      uid: planning.uid("withdraw", round: round.number), stamp: start,
      reminders: [
        Reminder(offset: 0, message: "Tell \(employer) you accepted another offer, and thank them.")
      ],
      company: profile.company, rule: "you accepted another offer: withdraw, with thanks")
  }
}
