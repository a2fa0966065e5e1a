import Foundation
import Ledger

/// Rule 4 with `check-email digest`: one e-mail check a day, at 09:00 on your business
/// days, naming every application still waiting — instead of one alarm per application.
///
/// One event per day (not a recurring series per run of days with the same applications):
/// its UID is the day's, so it stays the same however applications open and close; a day's
/// text changes (and its SEQUENCE grows) only when the set of applications waiting that day
/// does; a day no application waits on any more is kept, cancelled. Every client shows
/// single events alike — there is no RRULE or EXDATE for them to expand differently.
enum EmailDigest {
  /// One application's part in a day's check.
  struct Member: Hashable, Sendable {
    var application: String
    var employer: String
    var prominent: Bool
    var done: Bool
  }

  /// An application's e-mail checks as the ledger stood after one entry (in file order).
  struct Version: Sendable {
    var application: String
    var entry: Entry
    /// The days it checks, with how.
    var days: [CivilDate: Member]
  }

  /// The days an application's e-mail series (as the rule derives it) covers.
  static func days(of series: Action?, in zone: TimeZone) -> [CivilDate: Member] {
    guard let series, series.status != .cancelled, let repetition = series.repetition else {
      return [:]
    }
    let member = Member(
      application: series.application, employer: series.company ?? series.application,
      prominent: series.isProminent, done: series.status == .done)
    let skipped = Set(repetition.exceptions.map { CivilDate($0, in: zone) })
    var day = CivilDate(series.start, in: zone)
    let last = CivilDate(repetition.until, in: zone)
    var days: [CivilDate: Member] = [:]
    while day <= last {
      if repetition.weekdays.contains(day.weekday), !skipped.contains(day) { days[day] = member }
      day = day.adding(days: 1)
    }
    return days
  }

  /// The digest's actions, revised entry by entry as `Revisions` revises an application's.
  static func actions(
    from versions: [Version], zoneID: ZoneID, zone: TimeZone, uidDomain: String
  ) -> [Action] {
    var current: [String: [CivilDate: Member]] = [:]
    var waiting: [CivilDate: [String: Member]] = [:]
    var actions: [CivilDate: Action] = [:]
    for version in versions.sorted(by: { $0.entry.order < $1.entry.order }) {
      let before = current[version.application] ?? [:]
      current[version.application] = version.days
      let touched = Set(before.keys).union(version.days.keys)
      for day in touched.sorted() {
        waiting[day, default: [:]][version.application] = version.days[day]
        let members = waiting[day]!.values.sorted { $0.application < $1.application }
        let previous = actions[day]
        guard !members.isEmpty else {
          if var dropped = previous, dropped.status != .cancelled {
            dropped.status = .cancelled
            dropped.reminders = []
            dropped.why += " No application waits on this day any more."
            actions[day] = Revisions.revision(of: previous!, to: dropped, by: version.entry)
          }
          continue
        }
        let draft = action(
          on: day, for: members, zoneID: zoneID, zone: zone, uidDomain: uidDomain)
        if let previous {
          if !previous.sameContent(as: draft) {
            actions[day] = Revisions.revision(of: previous, to: draft, by: version.entry)
          }
        } else {
          var created = draft
          created.stamp = version.entry.instant
          created.sources = [version.entry.location]
          actions[day] = created
        }
      }
    }
    return actions.keys.sorted().map { actions[$0]! }
  }

  /// The check of `day` for the applications waiting on it.
  static func action(
    on day: CivilDate, for members: [Member], zoneID: ZoneID, zone: TimeZone, uidDomain: String
  ) -> Action {
    let start = day.instant(at: EmailCheck.time, in: zone)
    let names = members.map(\.employer).joined(separator: ", ")
    let prominent = members.filter(\.prominent).map(\.employer)
    let status: ActionStatus = members.allSatisfy(\.done) ? .done : .pending
    var why =
      "Results often come by e-mail — refusals especially, sometimes offers too — and can land"
      + " in Spam. One check a day for every application still waiting (check-email digest):"
      + " on \(Wording.day(day)), \(names)."
    if !prominent.isEmpty {
      why += " \(prominent.joined(separator: ", ")) said the news comes by e-mail."
    }
    var lines = ["- Look in the inbox and in the Spam (junk) folder."]
    lines += members.map { "- News from \($0.employer)?" + ($0.prominent ? " (by e-mail)" : "") }
    return Action(
      application: members.map(\.application).joined(separator: ","), kind: .checkEmail,
      start: start, end: start.addingTimeInterval(EmailCheck.duration), timeZone: zoneID,
      title: "Check e-mail for news from \(names) — Spam folder too", why: why,
      details: lines.joined(separator: "\n"), status: status,
      uid: "check-email-digest.\(day)@\(uidDomain)", stamp: start,
      reminders: status == .pending
        ? [Reminder(offset: 0, message: "Check e-mail, Spam folder too: news from \(names)?")] : [],
      isProminent: !prominent.isEmpty,
      rule: members.count == 1
        ? "daily e-mail check" : "daily e-mail check, \(members.count) waiting")
  }
}
