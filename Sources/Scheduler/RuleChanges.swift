import Foundation
import Ledger

/// What the rules of version 0.2 change for a ledger written under the earlier ones, so
/// `check` can say so once instead of letting a call move silently.
package struct RuleChange: Hashable, Sendable {
  /// The application.
  package var application: String
  /// Where to point: the header of the interview the change is about.
  package var location: SourceLocation
  /// What changed, in a sentence.
  package var message: String
}

extension Scheduler {
  /// The changes the 0.2 rules make to what is still ahead (after `now`) in each open
  /// application:
  /// - a follow-up call with nothing agreed now counts `follow-up-after` in the employer's
  ///   business days (and waits for a pending letter's deadline); before, it was that many
  ///   calendar days, moved to your next business day;
  /// - an employer in another zone: your own tasks (letter, e-mail checks) are now at your
  ///   hours in your zone; before, they were at those hours in the employer's zone.
  package static func changesFromEarlierRules(
    _ journal: Journal, holidays: DaysOff, now: Date
  ) -> [RuleChange] {
    let you = zone(named: journal.yourZone)
    let calendar = BusinessCalendar(workdays: journal.settings.workdays, holidays: holidays.yours)
    var entriesOf: [String: [Entry]] = [:]
    for entry in journal.entries { entriesOf[entry.application, default: []].append(entry) }
    var changes: [RuleChange] = []
    for id in entriesOf.keys.sorted() {
      let application = Application(id: id, entries: entriesOf[id]!)
      guard application.closure == nil, let round = application.rounds.last, round.isWaiting
      else { continue }
      let theirs = zone(of: id, in: journal)
      let planning = Planning(
        id: id, zoneID: theirs.id, zone: theirs.zone, yourZoneID: you.id, yourZone: you.zone,
        calendar: calendar, daysOff: holidays, ledgerPath: journal.path,
        settings: journal.settings, now: now)
      guard
        let interview = entriesOf[id]!.last(where: {
          $0.verb == .interview && $0.instant == round.interviewStart
        })
      else { continue }
      if round.callPending, !planning.hasGivenUp(round),
        case .nothingAgreed(let since, _) = round.basis
      {
        let new = FollowUpCall.day(for: round.basis, in: round, planning: planning)
        let old = calendar.firstBusinessDay(
          onOrAfter: since.adding(days: max(1, journal.settings.followUpAfter)))
        if new != old, planning.instant(new, at: journal.settings.callAt) > now {
          changes.append(
            RuleChange(
              application: id, location: interview.location,
              message:
                "the follow-up call of '\(id)' is now on \(Wording.day(new)), not "
                + "\(Wording.day(old)): since 0.2 'follow-up-after' counts the employer's "
                + "business days, after the letter's deadline"))
        }
      }
      // The e-mail checks run until the call: while it is ahead, your own tasks are too.
      let callAhead = FollowUpCall.awaitedStart(in: round, planning: planning).map { $0 > now }
      if theirs.id != you.id, callAhead ?? false {
        changes.append(
          RuleChange(
            application: id, location: interview.location,
            message:
              "'\(id)' is in \(theirs.id): since 0.2 your letter and e-mail checks for it are "
              + "at your hours in \(you.id), no longer at those hours in \(theirs.id)"))
      }
    }
    return changes
  }
}
