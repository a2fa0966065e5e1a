import Foundation
import Ledger

/// Which days count as business days: the ledger's `workdays`, minus its holidays.
///
/// Every rule that says "the first business day after …" asks this calendar.
public struct BusinessCalendar: Hashable, Sendable {
  /// The days of the working week (`workdays`; Monday–Friday by default).
  public var workdays: Set<Weekday>
  /// Days off that would otherwise be workdays (from the `holidays` files).
  public var holidays: Set<CivilDate>

  /// Creates a calendar. An empty `workdays` set is read as "every day is a workday"
  /// so that no search can run forever.
  public init(workdays: Set<Weekday>, holidays: Set<CivilDate>) {
    self.workdays = workdays.isEmpty ? Set(Weekday.allCases) : workdays
    self.holidays = holidays
  }

  /// Whether `day` is a workday that is not a holiday.
  public func isBusinessDay(_ day: CivilDate) -> Bool {
    workdays.contains(day.weekday) && !holidays.contains(day)
  }

  /// The first business day on or after `day`.
  public func firstBusinessDay(onOrAfter day: CivilDate) -> CivilDate {
    var candidate = day
    // Ten years of holidays cannot all be days off; the bound only guards against bad input.
    for _ in 0..<3660 {
      if isBusinessDay(candidate) { return candidate }
      candidate = candidate.adding(days: 1)
    }
    return day
  }

  /// The first business day strictly after `day`.
  public func firstBusinessDay(after day: CivilDate) -> CivilDate {
    firstBusinessDay(onOrAfter: day.adding(days: 1))
  }

  /// The `n`-th business day after `day` (`n` = 1 is the first business day after it).
  public func businessDay(_ n: Int, after day: CivilDate) -> CivilDate {
    var result = day
    for _ in 0..<max(1, n) { result = firstBusinessDay(after: result) }
    return result
  }
}
