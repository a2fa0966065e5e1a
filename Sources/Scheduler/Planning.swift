import Foundation
import Ledger

/// What every rule needs to know about the application it plans for: the two clocks (the
/// employer's zone and days off, and yours), the ledger's settings, and how to name its
/// actions.
///
/// A class (issue 12): it is the same for every prefix of an application's history, and the
/// rules and their deferred texts hold it, so sharing it costs one reference, not a copy of
/// every field.
final class Planning: Sendable {
  /// The application ID.
  let id: String
  /// The IANA name of the application's (the employer's) zone.
  let zoneID: ZoneID
  /// The employer's zone.
  let zone: TimeZone
  /// The IANA name of your zone.
  let yourZoneID: ZoneID
  /// Your zone.
  let yourZone: TimeZone
  /// Your workdays minus your holidays: the days of your own tasks.
  let calendar: BusinessCalendar
  /// Every holidays set, to find the employer's.
  let daysOff: DaysOff
  /// The ledger's path, against which an interview's `holidays:` file is resolved.
  let ledgerPath: String
  /// The ledger's directives.
  let settings: Settings
  /// The company of each application whose offer you accepted, by ID, for the texts of the
  /// others (see `Scheduler.acceptedCompanies`).
  let acceptedCompanies: [String: String]
  /// The moment planned for: only whether a further interview has taken place yet reads it
  /// (see `ThankYouLetter.action`).
  let now: Date

  init(
    id: String, zoneID: ZoneID, zone: TimeZone, yourZoneID: ZoneID, yourZone: TimeZone,
    calendar: BusinessCalendar, daysOff: DaysOff, ledgerPath: String, settings: Settings,
    acceptedCompanies: [String: String] = [:], now: Date
  ) {
    (self.id, self.zoneID, self.zone, self.yourZoneID, self.yourZone) =
      (id, zoneID, zone, yourZoneID, yourZone)
    (self.calendar, self.daysOff, self.ledgerPath, self.settings) =
      (calendar, daysOff, ledgerPath, settings)
    self.acceptedCompanies = acceptedCompanies
    self.now = now
  }

  /// How the texts name the application whose offer you accepted: its company, else its ID.
  func name(of acceptance: Acceptance) -> String {
    acceptedCompanies[acceptance.application] ?? acceptance.application
  }

  /// The employer's business days for `round`: the working week, minus its days off (its
  /// interview's `holidays:` file, else its zone's, else yours when it is in your zone).
  func employerCalendar(for round: Round) -> BusinessCalendar {
    let file = round.profile.holidays.map { FilePaths.resolve($0, relativeTo: ledgerPath) }
    return BusinessCalendar(
      workdays: settings.workdays,
      holidays: daysOff.employer(zone: zoneID, file: file, yourZone: yourZoneID))
  }

  /// The instant `day` reaches `time` in your zone.
  func yourInstant(_ day: CivilDate, at time: LocalTime) -> Date {
    day.instant(at: time, in: yourZone)
  }

  /// The day `instant` falls on in your zone.
  func yourDay(of instant: Date) -> CivilDate { CivilDate(instant, in: yourZone) }

  /// Whether `round` has had `give-up-after` follow-up calls without a decision, so that no
  /// further call is planned.
  func hasGivenUp(_ round: Round) -> Bool {
    round.callPending && round.undecidedCalls >= max(1, settings.giveUpAfter)
  }

  /// The domain of every UID (`uid-domain`, else a reserved name that cannot clash).
  var uidDomain: String { settings.uidDomain ?? "tenterhooks.invalid" }

  /// The instant `day` reaches `time` in the employer's zone.
  func instant(_ day: CivilDate, at time: LocalTime) -> Date {
    day.instant(at: time, in: zone)
  }

  /// A stable identity: the action's name, its round and the application — never its date,
  /// so that moving an action updates it instead of adding another.
  func uid(_ name: String, round: Int) -> String {
    "\(name).round-\(round).\(id)@\(uidDomain)"
  }

  /// Where a task of `round` stands: done when the ledger says so, cancelled once the round
  /// stopped waiting, pending otherwise.
  func taskStatus(of round: Round, done: Bool) -> ActionStatus {
    if done { return .done }
    if round.calledOff != nil || round.end != nil { return .cancelled }
    return .pending
  }

  /// Where a moment (an interview, a time to reconsider) stands: done once the ledger has
  /// moved past its end, cancelled when its round stopped before it, pending otherwise.
  func momentStatus(endingAt end: Date, of round: Round, in application: Application)
    -> ActionStatus
  {
    if round.calledOff != nil { return .cancelled }
    if end <= application.latestInstant { return .done }
    if let stop = round.end { return end <= stop.instant ? .done : .cancelled }
    return .pending
  }

  /// Why a round's remaining actions are no longer needed, for the `why` of cancelled ones.
  func ending(of round: Round) -> String? {
    if let closure = round.calledOff {
      return "Called off: the application closed on \(Wording.day(closure.date))"
        + " (\(closure.verdict.rawValue)) before this interview."
    }
    switch round.end {
    case .closed(let closure)?:
      return "No longer needed: the application closed on \(Wording.day(closure.date))"
        + " (\(closure.verdict.rawValue))."
    case .acceptedElsewhere(let acceptance)?:
      return "No longer needed: you accepted \(name(of: acceptance))'s offer on"
        + " \(Wording.day(acceptance.date))."
    case .superseded(_, let day)?:
      return "Superseded: the next interview, on \(Wording.day(day)), restarted the waiting."
    case nil:
      return nil
    }
  }

  /// `why`, followed by the reason it was cancelled when it was.
  func explain(_ why: String, status: ActionStatus, round: Round) -> String {
    guard status == .cancelled, let ending = ending(of: round) else { return why }
    return why + " " + ending
  }
}
