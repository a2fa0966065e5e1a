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

  /// One action per postponement from the `reconsider-after`-th on.
  static func actions(for round: Round, in application: Application, planning: Planning)
    -> [Action]
  {
    let threshold = max(1, planning.settings.reconsiderAfter)
    guard round.postponements.count >= threshold else { return [] }
    let employer = Wording.employer(round.profile, id: planning.id)
    return (threshold...round.postponements.count).map { count in
      let postponement = round.postponements[count - 1]
      let start = planning.instant(evening(after: postponement), at: time)
      let end = start.addingTimeInterval(duration)
      let status = planning.momentStatus(endingAt: end, of: round, in: application)
      let dates = ([round.postponements[0].from] + round.postponements[0..<count].map(\.to))
        .map(Wording.day).joined(separator: " → ")
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
        timeZone: planning.zoneID,
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
}
