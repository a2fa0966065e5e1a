import Foundation
import Ledger

/// Rule 4: while waiting for a decision, check e-mail every business day (or every day),
/// Spam folder included — recruiters often announce refusals, and sometimes offers, by
/// e-mail. One recurring action per round, from the day after the interview until the
/// follow-up call; it matters most when the ledger says `news: email`.
enum CheckEmail {
  /// When the mailbox is checked.
  static let time = LocalTime(hour: 9, minute: 0)
  /// How long a check is assumed to take.
  static let duration: TimeInterval = 10 * 60

  /// The e-mail checks of `round`, or `nil` with `check-email off` or when no day is left
  /// for them before the call.
  static func action(for round: Round, planning: Planning) -> Action? {
    let mode = planning.settings.checkEmail
    guard mode != .off, round.calledOff == nil,
      let callStart = FollowUpCall.awaitedStart(in: round, planning: planning)
    else { return nil }
    let calendar = planning.calendar
    func isCheckDay(_ day: CivilDate) -> Bool {
      mode == .daily || calendar.isBusinessDay(day)
    }

    // Checks stop at the call, and at the next interview when one supersedes this round.
    var stop = callStart
    var superseded = false
    if case .superseded(let next, _)? = round.end, next <= stop {
      stop = next.addingTimeInterval(-1)
      superseded = true
    }
    var last = CivilDate(stop, in: planning.zone)
    if planning.instant(last, at: time) > stop { last = last.adding(days: -1) }
    while last > round.interviewDate, !isCheckDay(last) { last = last.adding(days: -1) }
    var first = round.interviewDate.adding(days: 1)
    while first <= last, !isCheckDay(first) { first = first.adding(days: 1) }
    guard first <= last else { return nil }

    let weekdays = mode == .daily ? Set(Weekday.allCases) : calendar.workdays
    var exceptions: [Date] = []
    if mode != .daily {
      var day = first
      while day <= last {
        if calendar.workdays.contains(day.weekday), calendar.holidays.contains(day) {
          exceptions.append(planning.instant(day, at: time))
        }
        day = day.adding(days: 1)
      }
    }

    // Checks made until the next interview served their purpose: done, not cancelled.
    var status = planning.taskStatus(of: round, done: false)
    if case .superseded? = round.end { status = .done }
    let profile = round.profile
    let employer = Wording.employer(profile, id: planning.id)
    let prominent = profile.news == .email
    let every = mode == .daily ? "every day" : "every business day"
    let callDay = CivilDate(callStart, in: planning.zone)
    var why =
      "Results often come by e-mail — refusals especially, sometimes offers too — and can land"
      + " in Spam. While you wait for \(employer)'s decision, check \(every) at \(time) from"
      + " \(Wording.day(first)) until the follow-up call on \(Wording.day(callDay))."
    if prominent { why += " They said the news comes by e-mail, so this is the one to watch." }
    if superseded {
      why += " The next interview ended the waiting after \(Wording.day(last))."
    }

    var lines = ["- Look in the inbox and in the Spam (junk) folder."]
    if let email = profile.email { lines.append("- Their address: \(email)") }
    if profile.news == .email {
      lines.append("- They said the result comes by e-mail.")
    }

    let title = "Check e-mail for news from \(employer) — Spam folder too"
    let start = planning.instant(first, at: time)
    return Action(
      application: planning.id, kind: .checkEmail, start: start,
      end: start.addingTimeInterval(duration), timeZone: planning.zoneID, title: title,
      why: planning.explain(why, status: status, round: round),
      details: lines.joined(separator: "\n"), status: status,
      uid: planning.uid("check-email", round: round.number), stamp: start,
      reminders: [
        Reminder(offset: 0, message: "Check e-mail, Spam folder too: news from \(employer)?")
      ],
      repetition: Repetition(
        weekdays: weekdays, until: planning.instant(last, at: time), exceptions: exceptions),
      isProminent: prominent, company: profile.company,
      rule: "checks e-mail \(every) until the call on \(Wording.shortDay(callDay))")
  }
}
