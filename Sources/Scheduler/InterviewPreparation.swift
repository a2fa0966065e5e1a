import Foundation
import Ledger

/// Rule 6: the interview itself, with reminders a day and an hour before and a checklist
/// of what to settle before leaving — so that the waiting afterwards has a date and a caller.
enum InterviewPreparation {
  /// How long an interview is assumed to last.
  static let duration: TimeInterval = 60 * 60

  /// The interview of `round`; texts built later (see `Sketch`).
  static func action(for round: Round, in application: Application, planning: Planning)
    -> Sketch
  {
    let profile = round.profile
    let start = round.interviewStart
    let end = start.addingTimeInterval(duration)
    let status = planning.momentStatus(endingAt: end, of: round, in: application)
    let sketch = Action(
      application: planning.id, kind: .interview, start: start, end: end,
      timeZone: planning.zoneID, title: "", why: "", details: "", status: status,
      uid: planning.uid("interview", round: round.number), stamp: start,
      reminders: [
        Reminder(offset: -24 * 60 * 60, message: ""), Reminder(offset: -60 * 60, message: ""),
      ],
      company: profile.company, location: round.place, url: profile.url)
    return Sketch(sketch) {
      let employer = Wording.employer(profile, id: planning.id)
      let which = round.number == 1 ? "Interview" : "Interview (round \(round.number))"
      let title = "\(which) at \(employer)" + (profile.role.map { " — \($0)" } ?? "")

      // Two clocks: the ledger gives the employer's time; you read your own first.
      var when = Wording.day(round.interviewDate, at: round.interviewTime)
      var clock = "\(round.interviewTime)"
      if planning.zoneID != planning.yourZoneID {
        let yourDay = planning.yourDay(of: round.interviewStart)
        let yourTime = CivilDate.localTime(of: round.interviewStart, in: planning.yourZone)
        let city = Wording.city(of: planning.zoneID)
        let theirs =
          yourDay == round.interviewDate
          ? "\(round.interviewTime)" : Wording.day(round.interviewDate, at: round.interviewTime)
        when = "\(Wording.day(yourDay, at: yourTime)) your time (\(theirs) in \(city))"
        clock = "\(yourTime) (\(round.interviewTime) in \(city))"
      }
      var why =
        "\(which) at \(employer) on \(when),"
        + " as the ledger records it. Before you leave, find out when the decision will be known"
        + " and who calls whom — the follow-up call and the e-mail checks depend on it."
      if let earlier = round.replaces {
        why +=
          " It takes the place of the interview planned for "
          + "\(Wording.day(earlier.interview.date, at: earlier.interview.time ?? LocalTime(hour: 9, minute: 0)))"
          + ", which did not take place (\(Wording.cancellation(earlier.note)))."
      }

      var lines = [
        "Before you leave:",
        "- Ask when the decision will be known.",
        "- Agree who calls whom once that date has passed.",
        "- Ask for a business card, so you get names right in the thank-you letter.",
      ]
      if let place = round.place { lines.append("Place: \(place)") }
      if let contact = profile.contact { lines.append("Interviewer: \(contact)") }
      if let phone = profile.phone { lines.append("Phone: \(phone)") }
      if let url = profile.url { lines.append("Link: \(url)") }

      return Texts(
        title: title, why: planning.explain(why, status: status, round: round),
        details: lines.joined(separator: "\n"), rule: "ask when they decide and who calls whom",
        reminders: [
          "Tomorrow at \(clock): interview at \(employer).",
          "In an hour: interview at \(employer). Ask when the decision will be known and who"
            + " calls whom.",
        ])
    }
  }

  /// The event of an interview that did not take place and that no later one replaced: kept,
  /// cancelled, so a calendar that had it removes it.
  static func cancelledAction(for cancelled: CancelledInterview, planning: Planning) -> Action {
    let employer = Wording.employer(cancelled.profile, id: planning.id)
    let entry = cancelled.interview
    let time = entry.time ?? LocalTime(hour: 9, minute: 0)
    let which = cancelled.number == 1 ? "Interview" : "Interview (round \(cancelled.number))"
    let title =
      "\(which) at \(employer)" + (cancelled.profile.role.map { " — \($0)" } ?? "")
    let why =
      "\(which) at \(employer) on \(Wording.day(entry.date, at: time)) did not take place: "
      + "\(Wording.cancellation(cancelled.note))."
    return Action(
      application: planning.id, kind: .interview, start: entry.instant,
      end: entry.instant.addingTimeInterval(duration), timeZone: planning.zoneID, title: title,
      why: why, details: why, status: .cancelled,
      uid: planning.uid("interview", round: cancelled.number), stamp: entry.instant,
      reminders: [], company: cancelled.profile.company, rule: "the interview was cancelled")
  }
}
