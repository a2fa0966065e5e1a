import Foundation
import ICal
import Ledger
import Scheduler

/// A calendar rendered from a ledger, with what a feed needs to serve it.
public struct RenderedCalendar: Sendable {
  /// The iCalendar bytes.
  public var bytes: [UInt8]
  /// The latest ledger entry's instant (what `Last-Modified` reports); `nil` for an empty ledger.
  public var lastModified: Date?
  /// The files it was made from (the ledger and its holiday calendars).
  public var sources: [String]
  /// How many actions it holds.
  public var actionCount: Int
}

/// Why a calendar could not be rendered.
public enum RenderError: Error, Sendable, CustomStringConvertible {
  /// The ledger (or a holidays file) has problems, each with its location.
  case invalidLedger(Diagnostics)
  /// libical refused the calendar (a bug or an impossible value).
  case calendar(ICalError)

  public var description: String {
    switch self {
    case .invalidLedger(let diagnostics): diagnostics.description
    case .calendar(let error): "error: \(error.message)"
    }
  }
}

/// Ledger → scheduler → calendar, in one call: what `export`, `feed` and `serve` share.
public enum Pipeline {
  /// Reads the ledger at `ledgerPath`, schedules its actions as of `now` and serialises them.
  public static func render(
    ledgerPath: String, now: Date, defaultZone: TimeZone, style: CalendarStyle = .init()
  ) throws(RenderError) -> RenderedCalendar {
    let workspace: Workspace
    do {
      workspace = try Workspace.load(ledgerPath: ledgerPath, defaultZone: defaultZone)
    } catch {
      throw .invalidLedger(error)
    }
    let actions = plan(workspace, now: now)
    do {
      let calendar = try CalendarExport.calendar(
        for: actions, settings: workspace.journal.settings, defaultZone: defaultZone, style: style)
      return RenderedCalendar(
        bytes: Array(try calendar.serialized().utf8),
        lastModified: workspace.journal.entries.map(\.instant).max(),
        sources: workspace.sourcePaths, actionCount: actions.count)
    } catch {
      throw .calendar(error)
    }
  }

  /// The scheduler's actions for a loaded workspace.
  public static func plan(_ workspace: Workspace, now: Date) -> [Action] {
    Scheduler.plan(workspace.journal, holidays: workspace.holidays, now: now)
  }
}
