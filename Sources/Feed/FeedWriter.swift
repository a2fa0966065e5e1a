import Export
import Foundation

/// Keeps an .ics file up to date for `feed -o FILE.ics [--watch]`.
///
/// Each update renders the calendar and replaces the file atomically (temporary file, fsync,
/// rename), and only when the bytes differ from the file's current bytes — so an unchanged
/// ledger leaves the file, its modification time and its inode alone, and a file syncer or web
/// server sees no spurious change. When the render fails the file is left exactly as it was.
package struct FeedWriter: Sendable {
  /// What one update did.
  package enum Outcome: Sendable, Equatable {
    /// The file was (re)written with a calendar holding this many actions.
    case wrote(actionCount: Int)
    /// The file already held exactly these bytes; it was not touched.
    case unchanged
  }

  /// Why an update did not write; the file, if any, is untouched.
  package enum Failure: Error, Sendable, CustomStringConvertible {
    /// The calendar could not be rendered (the ledger's diagnostics, or a calendar failure).
    case render(RenderError)
    /// The file could not be written.
    case write(WriteError)

    package var description: String {
      switch self {
      case .render(let error): error.description
      case .write(let error): "error: \(error)"
      }
    }
  }

  /// Something a watching writer did, for the user to read.
  package enum Event: Sendable, CustomStringConvertible {
    /// One update's result.
    case updated(path: String, Outcome)
    /// An update failed; `keptExisting` says whether a previous calendar is still in place.
    case failed(path: String, Failure, keptExisting: Bool)

    package var description: String {
      switch self {
      case .updated(let path, .wrote(let count)): "wrote \(count) actions to \(path)"
      case .updated(let path, .unchanged): "\(path) is up to date"
      case .failed(let path, let failure, let kept):
        failure.description + "\n"
          + (kept
            ? "keeping the last good calendar in \(path)"
            : "no calendar written to \(path) yet; waiting for the ledger to be fixed")
      }
    }
  }

  /// The file to keep up to date.
  package var outputPath: String
  /// Produces the calendar; called on every update.
  package var render: CalendarRenderer

  /// A writer of `render`'s calendar to `outputPath`.
  package init(outputPath: String, render: @escaping CalendarRenderer) {
    self.outputPath = outputPath
    self.render = render
  }

  /// Whether the output file exists (a calendar from an earlier run, kept on failure).
  package var outputExists: Bool { FileManager.default.fileExists(atPath: outputPath) }

  /// Renders once and writes if the bytes changed; returns the sources the calendar came
  /// from along with what happened.
  @discardableResult
  package func update() throws(Failure) -> (outcome: Outcome, sources: [String]) {
    let calendar: FeedCalendar
    do {
      calendar = try render()
    } catch {
      throw .render(error)
    }
    do {
      try Pipeline.refuseOverwritingSources(output: outputPath, sources: calendar.sources)
    } catch {
      throw .render(error)
    }
    if let current = FileManager.default.contents(atPath: outputPath),
      current.elementsEqual(calendar.bytes)
    {
      return (.unchanged, calendar.sources)
    }
    do {
      try AtomicFile.write(calendar.bytes, to: outputPath)
    } catch {
      throw .write(error)
    }
    return (.wrote(actionCount: calendar.actionCount), calendar.sources)
  }

  /// Updates now, then whenever a watched file changes and at least every
  /// `schedule.maximumAge`, until the task is cancelled. Failures are reported and the loop
  /// goes on: the next edit of the ledger may fix them.
  ///
  /// - Parameters:
  ///   - watchedPaths: the files to watch before a successful render names its sources.
  ///   - clock: measures the schedule's intervals (the tests' clock is advanced by hand).
  ///   - report: receives every update's result, in order.
  package func watch<C: Clock>(
    _ watchedPaths: [String], schedule: WatchSchedule = .init(), clock: C = ContinuousClock(),
    report: @escaping @Sendable (Event) -> Void
  ) async where C.Duration == Duration {
    var watcher = SourceWatcher(paths: watchedPaths)
    let writer = self
    let update = { @Sendable in await BlockingWork.run { writer.updateAndReport(report) } }
    if let sources = await update() { watcher.watch(sources) }
    await watcher.keepRegenerating(schedule: schedule, clock: clock) { await update() }
  }

  private func updateAndReport(_ report: @escaping @Sendable (Event) -> Void) -> [String]? {
    do {
      let (outcome, sources) = try update()
      report(.updated(path: outputPath, outcome))
      return sources
    } catch {
      report(.failed(path: outputPath, error, keptExisting: outputExists))
      return nil
    }
  }
}
