import ArgumentParser
import Foundation
import Ledger

/// Options every command takes: which ledger, and what time it is.
struct CommonOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "The ledger file (default: $TENTERHOOKS_LEDGER, else interviews.ledger).",
      valueName: "path"))
  var ledger: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The current time, ISO 8601 (e.g. 2026-11-27T10:00:00+01:00 or 2026-11-27); default the clock.",
      valueName: "datetime"))
  var now: String?

  /// The ledger path: `--ledger`, else `$TENTERHOOKS_LEDGER`, else `interviews.ledger`.
  var ledgerPath: String {
    if let ledger { return ledger }
    if let env = ProcessInfo.processInfo.environment["TENTERHOOKS_LEDGER"], !env.isEmpty {
      return env
    }
    return "interviews.ledger"
  }

  /// `--now` as an instant, or the clock.
  func currentTime() throws -> Date {
    guard let now else { return Date() }
    guard let date = ISODateTime.parse(now, defaultZone: .current) else {
      throw ValidationError(
        "--now '\(now)' is not an ISO 8601 date-time (e.g. 2026-11-27T10:00:00+01:00).")
    }
    return date
  }

  func validate() throws {
    _ = try currentTime()
  }
}

/// Exit codes with a meaning, from sysexits.h.
enum ExitStatus {
  /// `EX_USAGE`: the command was used incorrectly (e.g. an output that is an input).
  static let usage = ExitCode(64)
  /// `EX_DATAERR`: the input data was incorrect.
  static let dataError = ExitCode(65)
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

/// Prints every diagnostic to stderr and returns the exit code for bad data.
func report(_ diagnostics: Diagnostics) -> ExitCode {
  printError(diagnostics.description)
  return ExitStatus.dataError
}
