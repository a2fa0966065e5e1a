import ArgumentParser
import Export
import Feed
import Foundation

extension Tenterhooks {
  /// `tenterhooks feed -o FILE.ics [--watch]`: the calendar file, kept up to date.
  struct Feed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "feed",
      abstract: "Write the calendar to a file, and with --watch keep it up to date.",
      discussion: """
        Like export, but the file is only replaced when its bytes change, so an unchanged \
        ledger leaves it (and its modification time) alone. Readers never see a half-written \
        file (temporary file, fsync, rename).

        With --watch it stays running: it looks at the ledger and its holidays files every \
        --interval seconds (editors that replace the file are noticed too) and regenerates \
        when one changed, and at least once an hour because the plan depends on the date. \
        When the ledger has errors they are printed as PATH:LINE:COLUMN: error: MESSAGE and the \
        last good calendar is kept. SIGINT or SIGTERM stops it cleanly (exit 0).

        Without --watch it runs once: exit 65 when the ledger has errors, with the file left \
        as it was.
        """)

    @OptionGroup var common: CommonOptions
    @OptionGroup var calendar: CalendarOptions

    @Option(
      name: [.customShort("o"), .long],
      help: ArgumentHelp("The .ics file to write and keep up to date.", valueName: "file"))
    var output: String

    @Flag(name: .long, help: "Keep running and regenerate whenever the ledger changes.")
    var watch = false

    @Option(
      name: .long,
      help: ArgumentHelp(
        "With --watch: seconds between two looks at the ledger (default 1).",
        valueName: "seconds"))
    var interval: Double?

    func validate() throws {
      guard output != "-" else {
        throw ValidationError("feed writes a file; use 'export -o -' for standard output.")
      }
      if let interval {
        guard watch else { throw ValidationError("--interval only applies with --watch.") }
        guard interval.isFinite, interval >= 0.1, interval <= 3600 else {
          throw ValidationError("--interval must be between 0.1 and 3600 seconds.")
        }
      }
    }

    func run() async throws {
      let writer = FeedWriter(
        outputPath: output,
        render: try calendarRenderer(common: common, style: calendar.style))
      guard watch else {
        do {
          let (outcome, _) = try writer.update()
          printError(FeedWriter.Event.updated(path: output, outcome).description)
        } catch .render(let error) {
          let code = failureExit(error, command: "feed")
          if writer.outputExists {
            printError("tenterhooks feed: note: keeping the last good calendar in \(output)")
          }
          throw code
        } catch .write(let error) {
          failure("feed", error.description)
          throw ExitStatus.cannotCreate
        }
        return
      }
      // Refuse at once, rather than on every regeneration, to watch a ledger into itself.
      let sources =
        (try? Workspace.load(ledgerPath: common.ledgerPath, defaultZone: .current))?.sourcePaths
        ?? [common.ledgerPath]
      do {
        try Pipeline.refuseOverwritingSources(output: output, sources: sources)
      } catch {
        throw failureExit(error, command: "feed")
      }
      let schedule = WatchSchedule(
        pollInterval: .milliseconds(Int(((interval ?? 1) * 1000).rounded())))
      let ledgerPath = common.ledgerPath
      await ShutdownSignals.runUntilSignalled {
        await writer.watch([ledgerPath], schedule: schedule, report: show)
      }
      printError("stopped watching \(ledgerPath)")
    }
  }
}

/// Prints what a watching feed did: progress as it is, failures as `tenterhooks feed: error:`
/// lines or the ledger's diagnostics, then what is left in place.
@Sendable func show(_ event: FeedWriter.Event) {
  guard case .failed(let path, let problem, let kept) = event else {
    printError(event.description)
    return
  }
  switch problem {
  case .render(.invalidLedger(let diagnostics)): printError(diagnostics.description)
  case .render(let error): failure("feed", error.message)
  case .write(let error): failure("feed", error.description)
  }
  printError(
    "tenterhooks feed: note: "
      + (kept
        ? "keeping the last good calendar in \(path)"
        : "no calendar written to \(path) yet; waiting for the ledger to be fixed"))
}

/// The pipeline as the feed sees it: the ledger rendered at `--now` if given, else at the
/// time of each regeneration.
func calendarRenderer(common: CommonOptions, style: CalendarStyle) throws -> CalendarRenderer {
  let ledgerPath = common.ledgerPath
  let fixedNow = common.now == nil ? nil : try common.currentTime()
  return { () throws(RenderError) -> FeedCalendar in
    FeedCalendar(
      try Pipeline.render(
        ledgerPath: ledgerPath, now: fixedNow ?? Date(), defaultZone: .current, style: style))
  }
}
