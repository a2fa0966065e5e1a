import Foundation
import ICal
import Ledger
import Scheduler

/// A ledger with everything it refers to loaded: the journal and its holidays.
public struct Workspace: Sendable {
  /// The parsed ledger.
  public var journal: Journal
  /// The non-business days from the ledger's holidays files: yours, by employer zone and
  /// by interview file.
  public var holidays: DaysOff

  /// Creates a workspace from parts (tests).
  public init(journal: Journal, holidays: DaysOff) {
    self.journal = journal
    self.holidays = holidays
  }

  /// Creates a workspace with one set of days off: yours, and your zone's employers'.
  public init(journal: Journal, holidays: Set<CivilDate>) {
    self.init(journal: journal, holidays: DaysOff(yours: holidays))
  }

  /// Reads the ledger and its holiday calendars; throws every problem found, with locations.
  public static func load(ledgerPath: String, defaultZone: TimeZone) throws(Diagnostics)
    -> Workspace
  {
    let journal: Journal
    do {
      journal = try Journal.load(path: ledgerPath, defaultZone: defaultZone)
    } catch {
      throw withHolidayProblems(error)
    }
    return try Workspace(loading: journal)
  }

  /// `diagnostics` of a ledger with problems, with those of the holidays files it names:
  /// every problem in one run, a holidays file that is not iCalendar included.
  package static func withHolidayProblems(_ diagnostics: Diagnostics) -> Diagnostics {
    var problems = diagnostics.items
    var seen = Set<String>()
    for source in diagnostics.holidaySources where seen.insert(source.resolvedPath).inserted {
      do {
        // Only whether it reads: the years are unknown, so no more are expanded.
        _ = try HolidayCalendar.days(from: [source], years: 2000...2000)
      } catch {
        problems += error.items
      }
    }
    return Diagnostics(problems)
  }

  /// Loads what a parsed journal refers to (its holidays files); throws every problem found,
  /// at the directive that names the file. `check`, `log` and `import` use it so that a
  /// ledger they accept is one `plan` and `export` accept too.
  public init(loading journal: Journal) throws(Diagnostics) {
    let years = journal.yearsInUse
    var problems: [Diagnostic] = []
    var byPath: [String: Set<CivilDate>] = [:]
    for source in journal.holidaySources where byPath[source.resolvedPath] == nil {
      do {
        byPath[source.resolvedPath] = try HolidayCalendar.days(from: [source], years: years)
      } catch {
        problems += error.items
      }
    }
    guard problems.isEmpty else { throw Diagnostics(problems) }
    var daysOff = DaysOff()
    var yoursNamed = false
    for source in journal.settings.holidays {
      let days = byPath[source.resolvedPath] ?? []
      if let zone = source.zone {
        daysOff.byZone[zone, default: []].formUnion(days)
      } else {
        daysOff.yours.formUnion(days)
        yoursNamed = true
      }
    }
    // `holidays ZONE PATH` for your own zone is yours too, unless `holidays PATH` says.
    if !yoursNamed, let yours = daysOff.byZone[journal.yourZone] { daysOff.yours = yours }
    for source in journal.interviewHolidays {
      daysOff.byFile[source.resolvedPath] = byPath[source.resolvedPath] ?? []
    }
    self.init(journal: journal, holidays: daysOff)
  }

  /// The files a change to which changes the calendar: the ledger and its holiday files.
  public var sourcePaths: [String] {
    var paths = [journal.path]
    for source in journal.holidaySources where !paths.contains(source.resolvedPath) {
      paths.append(source.resolvedPath)
    }
    return paths
  }
}

extension Journal {
  /// The years the ledger's dates span, widened by one on each side so that business days
  /// around New Year and follow-ups into the next year see their holidays.
  var yearsInUse: ClosedRange<Int> {
    guard let years = yearsWritten else { return 2000...2001 }
    return (years.lowerBound - 1)...(years.upperBound + 1)
  }
}

/// Reads the non-business days from holiday calendars (.ics) through the ICal bindings.
package enum HolidayCalendar {
  /// Every day covered by an all-day VEVENT in the files, recurring ones expanded through
  /// `years`; events with a time of day are not holidays and are skipped. A multi-day
  /// event (DTEND after the next day) covers every day up to its exclusive end.
  /// - Throws: a diagnostic at the `holidays` directive for a file that cannot be read
  ///   or is not valid iCalendar.
  package static func days(from sources: [HolidaySource], years: ClosedRange<Int>)
    throws(Diagnostics) -> Set<CivilDate>
  {
    var days = Set<CivilDate>()
    var problems: [Diagnostic] = []
    for source in sources {
      do {
        days.formUnion(try self.days(in: source, years: years))
      } catch let error as ICalError {
        problems.append(
          Diagnostic(
            .holidaysFile, location: source.location,
            message: "holidays file '\(source.path)' is not usable: \(error.message)",
            hint: "export the holidays as an .ics file with all-day events"))
      } catch {
        problems.append(
          Diagnostic(
            .holidaysFile, location: source.location,
            message: "cannot read holidays file '\(source.path)': \(error.localizedDescription)"))
      }
    }
    guard problems.isEmpty else { throw Diagnostics(problems) }
    return days
  }

  private static func days(in source: HolidaySource, years: ClosedRange<Int>) throws
    -> Set<CivilDate>
  {
    let data = try Data(contentsOf: URL(fileURLWithPath: source.resolvedPath))
    guard let text = String(data: data, encoding: .utf8) else {
      throw ICalError(.notICalendar, "the file is not UTF-8 text")
    }
    let calendar = try VCalendar.parse(text)
    let last = ICalDateTime.date(year: years.upperBound, month: 12, day: 31)
    let first = CivilDate(year: years.lowerBound, month: 1, day: 1)
    var days = Set<CivilDate>()
    for event in calendar.events where event.start.isDate && event.status != .cancelled {
      let start = CivilDate(event.start)
      let length =
        event.end.map { end in end.isDate ? max(1, start.days(until: CivilDate(end))) : 1 } ?? 1
      for occurrence in try event.occurrences(through: last) {
        let day = CivilDate(occurrence)
        for offset in 0..<length where day.adding(days: offset) >= first {
          days.insert(day.adding(days: offset))
        }
      }
    }
    return days
  }
}

extension CivilDate {
  /// The calendar day of an iCalendar value, as written.
  init(_ value: ICalDateTime) {
    self.init(year: value.year, month: value.month, day: value.day)
  }
}
