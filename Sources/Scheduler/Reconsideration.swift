import Foundation
import Ledger

/// Rule 5: "If the final term is postponed several times, think: do you need such a job?"
/// Once the decision date has moved later `reconsider-after` times in a round, an evening
/// moment (18:00) on the day of that postponement, and one more for each further one.
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
      let start = planning.instant(postponement.on, at: time)
      let end = start.addingTimeInterval(duration)
      let status = planning.momentStatus(endingAt: end, of: round, in: application)
      let dates = ([round.postponements[0].from] + round.postponements[0..<count].map(\.to))
        .map(Wording.day).joined(separator: " → ")
      let why =
        "\(employer) has postponed the decision \(Wording.times(count)) (\(dates));"
        + " reconsider-after is \(threshold). If the final term is postponed several times,"
        + " think: do you need such a job?"
      let details = [
        "- Is this still the job you want, on these terms?",
        "- What else is open? Keep applying elsewhere while you wait.",
        "- If you stay in, the next follow-up call is still in the plan.",
      ].joined(separator: "\n")
      return Action(
        application: planning.id, kind: .reconsider, start: start, end: end,
        timeZone: planning.zoneID,
        title: "\(employer): the final term was postponed \(count) times — do you need this job?",
        why: planning.explain(why, status: status, round: round), details: details,
        status: status, uid: planning.uid("reconsider-\(count)", round: round.number),
        stamp: start,
        reminders: [
          Reminder(
            offset: 0,
            message: "The final term was postponed \(count) times — do you need this job?")
        ],
        company: round.profile.company, rule: "postponed \(count) times")
    }
  }
}
