import Foundation
import Ledger

/// Rule 1: a short thank-you letter within a few days, while the employer still remembers
/// the candidate — written on your first business day after the interview, sent by the end
/// of the second. It is your task, so it is on your clock: your zone, workdays and holidays
/// (the interview's day is read in your zone). Done by `thanked`; skipped with `thanks: no`.
enum ThankYouLetter {
  /// When the letter is written.
  static let time = LocalTime(hour: 9, minute: 0)
  /// How long writing it is assumed to take.
  static let duration: TimeInterval = 30 * 60

  /// The end of the letter's last day: 23:59 on your second business day after the
  /// interview, in your zone.
  static func deadline(of round: Round, planning: Planning) -> Date {
    let interviewDay = planning.yourDay(of: round.interviewStart)
    let secondDay = planning.calendar.businessDay(2, after: interviewDay)
    return planning.yourInstant(secondDay, at: LocalTime(hour: 23, minute: 59))
  }

  /// The deadline of a letter still to be sent for `round`, if there is one.
  static func pendingDeadline(of round: Round, planning: Planning) -> Date? {
    guard round.profile.thanks, round.calledOff == nil, round.thankedOn == nil else { return nil }
    return deadline(of: round, planning: planning)
  }

  /// The letter for `round`, unless the ledger says `thanks: no` or the interview was called
  /// off; texts built later (see `Sketch`).
  static func action(for round: Round, planning: Planning) -> Sketch? {
    guard round.profile.thanks, round.calledOff == nil else { return nil }
    let profile = round.profile
    let interviewDay = planning.yourDay(of: round.interviewStart)
    let firstDay = planning.calendar.businessDay(1, after: interviewDay)
    let secondDay = planning.calendar.businessDay(2, after: interviewDay)
    let start = planning.yourInstant(firstDay, at: time)
    let lastMorning = planning.yourInstant(secondDay, at: time)
    let deadline = self.deadline(of: round, planning: planning)
    var status = planning.taskStatus(of: round, done: round.thankedOn != nil)
    // A further interview only scheduled does not take back the letter for the one before:
    // you still thank them. Once it is over (when its event turns done), a letter still
    // unsent is superseded.
    if status == .cancelled, case .superseded(let next, _)? = round.end, deadline < next,
      next.addingTimeInterval(InterviewPreparation.duration) > planning.now
    {
      status = .pending
    }
    let sketch = Action(
      application: planning.id, kind: .thankYou, start: start,
      end: start.addingTimeInterval(duration), timeZone: planning.yourZoneID, deadline: deadline,
      title: "", why: "", details: "", status: status,
      uid: planning.uid("thank-you", round: round.number), stamp: start,
      reminders: [
        Reminder(offset: 0, message: ""),
        Reminder(offset: Int(lastMorning.timeIntervalSince(start)), message: ""),
      ],
      company: profile.company)
    return Sketch(sketch) {
      let employer = Wording.employer(profile, id: planning.id)
      let recipient = profile.contact.map { "\($0) at \(employer)" } ?? employer
      var why =
        "Write a short thank-you letter within a few days of the interview on"
        + " \(Wording.day(interviewDay)), while \(employer) still remembers you:"
        + " on the first business day after it (\(Wording.day(firstDay))),"
        + " sent by the end of the second (\(Wording.day(secondDay)))."
      if let sent = round.thankedOn { why += " Sent on \(Wording.day(sent))." }

      var lines: [String] = []
      if let addressee = Wording.addressee(profile) { lines.append("To: \(addressee)") }
      lines += [
        "- Be brief and restrained: no excessive emotion, but not stiff either.",
        "- Thank them for their time; no flattery, and don't praise yourself.",
        "- Not a copy of your CV.",
        "- If you like, mention what you forgot to say at the interview.",
        "- Check spelling and typos before sending.",
      ]
      switch (profile.contact, profile.email) {
      case (.some, .some):
        lines.append(
          "- Above all the interviewer's name and address: \(Wording.addressee(profile)!)"
            + " — no impersonal letter.")
      case (let name?, nil):
        lines.append(
          "- Above all the interviewer's name and address: the ledger has no e-mail address"
            + " for \(name) — add `email:` to the interview (a business card helps).")
      case (nil, let email?):
        lines.append(
          "- Above all the interviewer's name and address: the ledger has no name for"
            + " \(email) — add `contact:` to the interview (a business card helps).")
      case (nil, nil):
        lines.append(
          "- Above all the interviewer's name and address: the ledger has neither — add"
            + " `contact:` and `email:` to the interview (a business card helps).")
      }

      return Texts(
        title: "Send a thank-you letter to \(recipient)",
        why: planning.explain(why, status: status, round: round),
        details: lines.joined(separator: "\n"),
        rule:
          "send by the end of \(Wording.shortDay(secondDay)), 2 business days after the interview",
        reminders: [
          "Write the thank-you letter to \(recipient).",
          "Last day for the thank-you letter to \(recipient).",
        ])
    }
  }
}
