import Foundation
import Ledger

/// Turns a ledger into dated actions, following the etiquette of waiting after an interview
/// (CONTRACT §4). Pure: the same journal, holidays and `now` always give the same actions.
public enum Scheduler {
  /// Every action of every application in `journal`, sorted by start (then application,
  /// then UID).
  ///
  /// - Parameters:
  ///   - journal: the parsed ledger.
  ///   - holidays: the days off from the ledger's holiday calendars, already expanded.
  ///   - now: the current time; it only marks interviews and moments to reconsider as done
  ///     once they are over.
  public static func plan(_ journal: Journal, holidays: Set<CivilDate>, now: Date) -> [Action] {
    var actions: [Action] = []
    forEachApplication(in: journal, holidays: holidays, now: now) { actions += $0 }
    return actions.sorted {
      ($0.start, $0.application, $0.uid) < ($1.start, $1.application, $1.uid)
    }
  }

  /// The same actions as `plan`, handed over one application at a time (applications in
  /// ID order, each one's actions by start, then UID), so a caller that writes them out as
  /// they come never holds the whole plan.
  public static func forEachApplication(
    in journal: Journal, holidays: Set<CivilDate>, now: Date,
    _ body: ([Action]) throws -> Void
  ) rethrows {
    let calendar = BusinessCalendar(workdays: journal.settings.workdays, holidays: holidays)
    // Group positions, not entries, so no second copy of the journal is made.
    var positions: [String: [Int]] = [:]
    for (index, entry) in journal.entries.enumerated() {
      positions[entry.application, default: []].append(index)
    }
    for id in positions.keys.sorted() {
      let planning = Planning(
        id: id, zone: zone(of: id, in: journal), calendar: calendar,
        settings: journal.settings)
      let entries = positions[id]!.map { journal.entries[$0] }
      let history = Revisions.replay(entries) { entries in
        drafts(for: Application(id: id, entries: entries), planning: planning)
      }
      try body(
        history.map { settle($0, now: now) }.sorted { ($0.start, $0.uid) < ($1.start, $1.uid) })
    }
  }

  /// The actions the ledger implies for one application as it stands, before revisions are
  /// counted.
  static func drafts(for application: Application, planning: Planning) -> [Action] {
    var actions: [Action] = []
    for round in application.rounds {
      actions.append(
        InterviewPreparation.action(for: round, in: application, planning: planning))
      if let letter = ThankYouLetter.action(for: round, planning: planning) {
        actions.append(letter)
      }
      actions += FollowUpCall.actions(for: round, planning: planning)
      if let check = CheckEmail.action(for: round, planning: planning) { actions.append(check) }
      actions += Reconsideration.actions(for: round, in: application, planning: planning)
    }
    return actions.map { action in
      var action = action
      if action.status != .pending { action.reminders = [] }
      return action
    }
  }

  /// Applies `now`: an interview or a moment to reconsider that is over is done. That is a
  /// change of status, so its sequence grows by one, as any other revision would.
  ///
  /// The stamp is never later than `now`: an entry dated in the future (a scheduled
  /// interview) must not give a calendar a `DTSTAMP` from the future (RFC 5545 makes it
  /// the moment the object was created). Clamped, it still depends only on the ledger and
  /// `now`.
  static func settle(_ action: Action, now: Date) -> Action {
    var action = action
    action.stamp = min(action.stamp, now)
    guard action.status == .pending, action.kind == .interview || action.kind == .reconsider,
      action.end <= now
    else { return action }
    action.status = .done
    action.reminders = []
    action.sequence += 1
    return action
  }

  /// The application's zone: `journal.zones`, else the `timezone` directive, else UTC (the
  /// scheduler never reads the system's zone; the parser fills `zones` for every ID).
  static func zone(of id: String, in journal: Journal) -> (id: String, zone: TimeZone) {
    let name = journal.zones[id] ?? journal.settings.timeZone ?? "UTC"
    if let zone = TimeZone(identifier: name) { return (name, zone) }
    return ("UTC", TimeZone(identifier: "UTC")!)
  }
}

extension Planning {
  fileprivate init(
    id: String, zone: (id: String, zone: TimeZone), calendar: BusinessCalendar,
    settings: Settings
  ) {
    self.init(id: id, zoneID: zone.id, zone: zone.zone, calendar: calendar, settings: settings)
  }
}
