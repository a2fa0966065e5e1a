import Foundation
import Ledger

/// A ledger with everything it refers to loaded: the journal and its holidays.
public struct Workspace: Sendable {
  /// The parsed ledger.
  public var journal: Journal
  /// Every non-business day from the ledger's `holidays` files.
  public var holidays: Set<CivilDate>

  /// Creates a workspace from parts (tests).
  public init(journal: Journal, holidays: Set<CivilDate>) {
    self.journal = journal
    self.holidays = holidays
  }

  /// Reads the ledger and its holiday calendars; throws every problem found, with locations.
  public static func load(ledgerPath: String, defaultZone: TimeZone) throws(Diagnostics)
    -> Workspace
  {
    let journal = try Journal.load(path: ledgerPath, defaultZone: defaultZone)
    // PLACEHOLDER: holiday calendars are read through ICal once the bindings land.
    return Workspace(journal: journal, holidays: [])
  }
}
