import Foundation
import Ledger

/// Which days count as business days: the ledger's `workdays`, minus its holidays.
///
/// Every rule that says "the first business day after …" asks this calendar.
package struct BusinessCalendar: Hashable, Sendable {
  /// The days of the working week (`workdays`; Monday–Friday by default).
  package var workdays: Set<Weekday>
  /// Days off that would otherwise be workdays (from the `holidays` files).
  package var holidays: Set<CivilDate>

  /// Creates a calendar. An empty `workdays` set is read as "every day is a workday"
  /// so that no search can run forever.
  package init(workdays: Set<Weekday>, holidays: Set<CivilDate>) {
    self.workdays = workdays.isEmpty ? Set(Weekday.allCases) : workdays
    self.holidays = holidays
  }

  /// Whether `day` is a workday that is not a holiday.
  package func isBusinessDay(_ day: CivilDate) -> Bool {
    workdays.contains(day.weekday) && !holidays.contains(day)
  }

  /// The first business day on or after `day`.
  package func firstBusinessDay(onOrAfter day: CivilDate) -> CivilDate {
    var candidate = day
    // Ten years of holidays cannot all be days off; the bound only guards against bad input.
    for _ in 0..<3660 {
      if isBusinessDay(candidate) { return candidate }
      candidate = candidate.adding(days: 1)
    }
    return day
  }

  /// The first business day strictly after `day`.
  package func firstBusinessDay(after day: CivilDate) -> CivilDate {
    firstBusinessDay(onOrAfter: day.adding(days: 1))
  }

  /// The `n`-th business day after `day` (`n` = 1 is the first business day after it).
  package func businessDay(_ n: Int, after day: CivilDate) -> CivilDate {
    var result = day
    for _ in 0..<max(1, n) { result = firstBusinessDay(after: result) }
    return result
  }

  /// The last business day strictly before `day` (`day` itself's eve when nothing earlier is
  /// found within ten years).
  package func lastBusinessDay(before day: CivilDate) -> CivilDate {
    var candidate = day.adding(days: -1)
    for _ in 0..<3660 {
      if isBusinessDay(candidate) { return candidate }
      candidate = candidate.adding(days: -1)
    }
    return day.adding(days: -1)
  }
}

/// Whose days off are whose: yours, the employers' by zone, and those an interview names.
///
/// `holidays PATH` files are yours and those of employers in your zone; `holidays ZONE PATH`
/// files are those of employers in ZONE; an interview's own `holidays:` file wins over both.
public struct DaysOff: Hashable, Sendable {
  /// Your days off (`holidays PATH`).
  public var yours: Set<CivilDate>
  /// The days off of employers in a zone (`holidays ZONE PATH`), by zone.
  public var byZone: [ZoneID: Set<CivilDate>]
  /// The days off in an interview's `holidays:` file, by its resolved path.
  public var byFile: [String: Set<CivilDate>]

  /// Creates the sets.
  public init(
    yours: Set<CivilDate> = [], byZone: [ZoneID: Set<CivilDate>] = [:],
    byFile: [String: Set<CivilDate>] = [:]
  ) {
    self.yours = yours
    self.byZone = byZone
    self.byFile = byFile
  }

  /// The days off of an employer in `zone`, whose interview names `file` (a resolved path):
  /// that file's, else its zone's, else yours when it is in your zone, else none known.
  public func employer(zone: ZoneID, file: String?, yourZone: ZoneID) -> Set<CivilDate> {
    if let file, let days = byFile[file] { return days }
    if let days = byZone[zone] { return days }
    return zone == yourZone ? yours : []
  }
}
