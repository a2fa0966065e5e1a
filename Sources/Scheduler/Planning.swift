import Foundation
import Ledger

/// What every rule needs to know about the application it plans for: its zone, the
/// business calendar, the ledger's settings, and how to name its actions.
struct Planning: Sendable {
  /// The application ID.
  var id: String
  /// The IANA name of the application's zone.
  var zoneID: String
  /// The application's zone.
  var zone: TimeZone
  /// Workdays minus holidays.
  var calendar: BusinessCalendar
  /// The ledger's directives.
  var settings: Settings

  /// The domain of every UID (`uid-domain`, else a reserved name that cannot clash).
  var uidDomain: String { settings.uidDomain ?? "tenterhooks.invalid" }

  /// The instant `day` reaches `time` in the application's zone.
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
    if round.end != nil { return .cancelled }
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
