import ArgumentParser
import Export
import Foundation
import Ledger

/// Which ledger: every command takes it.
struct LedgerOption: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "The ledger file (default: $TENTERHOOKS_LEDGER, else interviews.ledger).",
      valueName: "path"))
  var ledger: String?

  /// The ledger path: `--ledger`, else `$TENTERHOOKS_LEDGER`, else `interviews.ledger`.
  var ledgerPath: String {
    if let ledger { return ledger }
    if let env = ProcessInfo.processInfo.environment["TENTERHOOKS_LEDGER"], !env.isEmpty {
      return env
    }
    return "interviews.ledger"
  }
}

/// Options every command that reads the ledger takes: which ledger, and what time it is.
struct CommonOptions: ParsableArguments {
  @OptionGroup var ledgerOption: LedgerOption

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The current time, ISO 8601 (e.g. 2026-11-27T10:00:00+01:00, or 2026-11-27T10:00 in your zone); default the clock.",
      valueName: "datetime"))
  var now: String?

  /// The ledger path: `--ledger`, else `$TENTERHOOKS_LEDGER`, else `interviews.ledger`.
  var ledgerPath: String { ledgerOption.ledgerPath }

  /// Your zone: the ledger's `timezone` directive, else the system zone.
  var yourZone: TimeZone { LedgerFile.yourZone(path: ledgerPath, defaultZone: .current) }

  /// `--now` as an instant (without an offset it is read in your zone), or the clock.
  func currentTime() throws -> Date {
    guard let now else { return Date() }
    guard let date = ISODateTime.parse(now, defaultZone: yourZone) else {
      throw ValidationError(
        "--now '\(now)' is not an ISO 8601 date-time (e.g. 2026-11-27T10:00:00+01:00).")
    }
    return date
  }

  func validate() throws {
    if let now, ISODateTime.parse(now, defaultZone: .current) == nil {
      throw ValidationError(
        "--now '\(now)' is not an ISO 8601 date-time (e.g. 2026-11-27T10:00:00+01:00).")
    }
  }
}

/// Exit codes with a meaning, from sysexits.h.
enum ExitStatus {
  /// `EX_USAGE`: the command was used incorrectly (e.g. an output that is an input).
  static let usage = ExitCode(64)
  /// `EX_UNAVAILABLE`: a service is unavailable (the port to serve on is taken).
  static let unavailable = ExitCode(69)
  /// `EX_DATAERR`: the input data was incorrect.
  static let dataError = ExitCode(65)
  /// `EX_SOFTWARE`: an internal software error (libical refused a calendar we built).
  static let software = ExitCode(70)
  /// `EX_NOINPUT`: an input file did not exist or was not readable.
  static let noInput = ExitCode(66)
  /// `EX_CANTCREAT`: an output file cannot be created.
  static let cannotCreate = ExitCode(73)
  /// `EX_IOERR`: an error occurred while doing I/O.
  static let ioError = ExitCode(74)
}

/// Writes a line to standard error.
func printError(_ text: String) {
  FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Writes `tenterhooks COMMAND: error: message` (and a `note:` line with the hint) to
/// standard error: how every error that has no place in a file is reported.
func failure(_ command: String, _ message: String, note: String? = nil) {
  printError("tenterhooks \(command): error: \(message)")
  if let note { printError("tenterhooks \(command): note: \(note)") }
}

/// Writes `tenterhooks COMMAND: warning: message` to standard error.
func warning(_ command: String, _ message: String) {
  printError("tenterhooks \(command): warning: \(message)")
}

/// Prints every diagnostic to stderr and returns the exit code for bad data.
func report(_ diagnostics: Diagnostics) -> ExitCode {
  printError(diagnostics.description)
  return ExitStatus.dataError
}

/// Loads what a journal refers to (its holidays files), so `log` and `import` refuse a ledger
/// that `plan` would refuse.
func loadReferences(_ journal: Journal) throws(Diagnostics) {
  _ = try Workspace(loading: journal)
}
