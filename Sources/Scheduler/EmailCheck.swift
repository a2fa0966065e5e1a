import Foundation
import Ledger

/// Rule 4: while waiting for a decision, check e-mail every business day (or every day),
/// Spam folder included — recruiters often announce refusals, and sometimes offers, by
/// e-mail. One recurring action per round, from the day after the interview until the
/// follow-up call; it matters most when the ledger says `news: email`. It is your task, on
/// your clock: 09:00 in your zone, on your business days. When the waiting stops early (the
/// application closes, a further interview, another offer accepted), the days already
/// checked stay done and only the future is dropped. With `check-email digest` the series
/// is not written itself but feeds the daily digest (see `EmailDigest`).
enum EmailCheck {
  /// When the mailbox is checked.
  static let time = LocalTime(hour: 9, minute: 0)
  /// How long a check is assumed to take.
  static let duration: TimeInterval = 10 * 60

  /// The e-mail checks of `round`, or `nil` with `check-email off` or when no day is left
  /// for them before the call; texts built later (see `Sketch`).
  static func action(for round: Round, planning: Planning) -> Sketch? {
    let mode = planning.settings.checkEmail
    guard mode != .off, round.calledOff == nil,
      let callStart = FollowUpCall.awaitedStart(in: round, planning: planning)
    else { return nil }
    // Checks stop at the call, and earlier when the waiting stopped before it: the days
    // before stay done, the rest are dropped.
    var stop = callStart
    var stoppedEarly = false
    if let end = round.end, end.instant <= stop {
      stop = end.instant.addingTimeInterval(-1)
      stoppedEarly = true
    }
    guard let (first, last) = checkDays(after: round, until: stop, planning: planning) else {
      return nil
    }
    let weekdays = mode == .daily ? Set(Weekday.allCases) : planning.calendar.workdays
    let exceptions =
      mode == .daily ? [] : holidayChecks(from: first, through: last, planning: planning)

    // Checks made until the waiting stopped served their purpose: done, not cancelled.
    let status: ActionStatus = round.end != nil ? .done : .pending
    let profile = round.profile
    let prominent = profile.news == .email
    let start = planning.yourInstant(first, at: time)
    let sketch = Action(
      application: planning.id, kind: .checkEmail, start: start,
      end: start.addingTimeInterval(duration), timeZone: planning.yourZoneID, title: "",
      why: "", details: "", status: status,
      uid: planning.uid("check-email", round: round.number), stamp: start,
      reminders: [Reminder(offset: 0, message: "")],
      repetition: Repetition(
        weekdays: weekdays, until: planning.yourInstant(last, at: time), exceptions: exceptions),
      isProminent: prominent, company: profile.company)
    let wasStoppedEarly = stoppedEarly
    return Sketch(sketch) {
      let employer = Wording.employer(profile, id: planning.id)
      let every = mode == .daily ? "every day" : "every business day"
      let callDay = planning.yourDay(of: callStart)
      var why =
        "Results often come by e-mail — refusals especially, sometimes offers too — and can"
        + " land in Spam. While you wait for \(employer)'s decision, check \(every) at"
        + " \(time) from \(Wording.day(first)) until the follow-up call on"
        + " \(Wording.day(callDay))."
      if prominent { why += " They said the news comes by e-mail, so this is the one to watch." }
      if wasStoppedEarly, let ending = planning.ending(of: round) {
        why += " \(ending) The checks until \(Wording.day(last)) are done; the rest are dropped."
      }

      var lines = ["- Look in the inbox and in the Spam (junk) folder."]
      if let email = profile.email { lines.append("- Their address: \(email)") }
      if profile.news == .email {
        lines.append("- They said the result comes by e-mail.")
      }

      return Texts(
        title: "Check e-mail for news from \(employer) — Spam folder too", why: why,
        details: lines.joined(separator: "\n"),
        rule: "checks e-mail \(every) until the call on \(Wording.shortDay(callDay))",
        reminders: ["Check e-mail, Spam folder too: news from \(employer)?"])
    }
  }

  /// The first and last day with a check: from the day after the interview to the last day
  /// whose check comes before `stop`, on check days only (every day, or business days);
  /// `nil` when there is none.
  private static func checkDays(after round: Round, until stop: Date, planning: Planning)
    -> (first: CivilDate, last: CivilDate)?
  {
    let daily = planning.settings.checkEmail == .daily
    func isCheckDay(_ day: CivilDate) -> Bool {
      daily || planning.calendar.isBusinessDay(day)
    }
    let interviewDay = planning.yourDay(of: round.interviewStart)
    var last = planning.yourDay(of: stop)
    if planning.yourInstant(last, at: time) > stop { last = last.adding(days: -1) }
    while last > interviewDay, !isCheckDay(last) { last = last.adding(days: -1) }
    var first = interviewDay.adding(days: 1)
    while first <= last, !isCheckDay(first) { first = first.adding(days: 1) }
    return first <= last ? (first, last) : nil
  }

  /// The checks a weekly series would put on a holiday that falls on a workday, between
  /// `first` and `last`: the series' exceptions (EXDATE).
  private static func holidayChecks(
    from first: CivilDate, through last: CivilDate, planning: Planning
  ) -> [Date] {
    let calendar = planning.calendar
    var exceptions: [Date] = []
    var day = first
    while day <= last {
      if calendar.workdays.contains(day.weekday), calendar.holidays.contains(day) {
        exceptions.append(planning.yourInstant(day, at: time))
      }
      day = day.adding(days: 1)
    }
    return exceptions
  }
}
