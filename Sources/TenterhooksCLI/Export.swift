import ArgumentParser
import Export
import Foundation

/// Options shared by `export` and `feed`: the calendar's shape.
struct CalendarOptions: ParsableArguments {
  @Flag(name: .long, help: "Write to-dos (VTODO with DUE) instead of events.")
  var todos = false

  /// The calendar style these options ask for.
  var style: CalendarStyle { CalendarStyle(asTodos: todos) }
}

extension Tenterhooks {
  /// `tenterhooks export -o FILE.ics`: the calendar, written atomically.
  struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "export",
      abstract: "Write the actions as an iCalendar file with alarms.",
      discussion: """
        The file is replaced atomically (temporary file, fsync, rename): a reader sees the \
        old calendar or the new one, never a mix. When the ledger has errors they are \
        printed as PATH:LINE:COLUMN: error: MESSAGE and nothing is written (exit 65). The same \
        ledger and --now always give byte-identical output.
        """)

    @OptionGroup var common: CommonOptions
    @OptionGroup var calendar: CalendarOptions

    @Option(
      name: [.customShort("o"), .long],
      help: ArgumentHelp("The .ics file to write, or - for standard output.", valueName: "file"))
    var output: String

    func run() async throws {
      let now = try common.currentTime()
      do {
        if output == "-" {
          // One render and done: nothing to keep for a next one (`render` caches for the feed).
          let rendered = try Pipeline.renderFully(
            ledgerPath: common.ledgerPath, now: now, defaultZone: .current, style: calendar.style)
          FileHandle.standardOutput.write(Data(rendered.bytes))
        } else {
          let written = try Pipeline.export(
            ledgerPath: common.ledgerPath, now: now, defaultZone: .current, style: calendar.style,
            to: output)
          printError("wrote \(written.actionCount) actions to \(output)")
        }
      } catch {
        throw failureExit(error, command: "export")
      }
    }
  }
}

/// Prints a render failure as `command` reports it and returns the exit code that goes with
/// it: 65 for a bad ledger, 64 for an output that is one of the inputs, 73 for an output that
/// cannot be written, 70 for a calendar libical refused.
func failureExit(_ error: RenderError, command: String) -> ExitCode {
  switch error {
  case .invalidLedger(let diagnostics):
    return report(diagnostics)
  case .calendar:
    failure(command, error.message)
    return ExitStatus.software
  case .write:
    failure(command, error.message)
    return ExitStatus.cannotCreate
  case .outputIsSource:
    failure(command, error.message)
    return ExitStatus.usage
  }
}
