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

  /// `--now` as an instant (without an offset it is read in your zone), or the clock. For a
  /// command that loads the ledger anyway, `loadWorkspace()` reads the zone from it instead.
  func currentTime() throws -> Date {
    try currentTime(in: now == nil ? .current : yourZone)
  }

  /// `--now` read in `zone` when it has no offset, or the clock.
  func currentTime(in zone: TimeZone) throws -> Date {
    guard let now else { return Date() }
    guard let date = ISODateTime.parse(now, defaultZone: zone) else {
      throw ValidationError(
        "--now '\(now)' is not an ISO 8601 date-time (e.g. 2026-11-27T10:00:00+01:00).")
    }
    return date
  }

  /// The ledger and its holidays files, loaded, and `--now` read in the ledger's zone: one
  /// read of the ledger. A bad ledger is reported (`PATH:LINE:COL: error:`) and ends the
  /// command with 65.
  func loadWorkspace() throws -> (workspace: Workspace, now: Date) {
    let workspace: Workspace
    do {
      workspace = try Workspace.load(ledgerPath: ledgerPath, defaultZone: .current)
    } catch {
      throw report(error)
    }
    let zone = workspace.journal.yourZone.timeZone ?? .current
    return (workspace, try currentTime(in: zone))
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

/// Writes a page or a message made from the ledger: to standard output for `-`, else
/// atomically to `output`, never over the ledger or a holidays file it reads.
func writeDocument(
  _ text: String, to output: String, sources: [String], command: String
) throws {
  if output == "-" {
    FileHandle.standardOutput.write(Data(text.utf8))
    return
  }
  do {
    try Pipeline.refuseOverwritingSources(output: output, sources: sources)
    try AtomicFile.write(Array(text.utf8), to: output)
  } catch let error as RenderError {
    throw failureExit(error, command: command)
  } catch {
    failure(command, "\(error)")
    throw ExitStatus.cannotCreate
  }
}

/// How standard output takes a table: colour and width from the terminal, if it is one.
func standardOutputTable() -> TerminalOutput {
  TerminalOutput(
    environment: ProcessInfo.processInfo.environment,
    isTerminal: isatty(STDOUT_FILENO) != 0, windowWidth: Tenterhooks.Plan.terminalWidth)
}

/// Prints a report as `--format` asks: its JSON, or its table fitted to standard output.
func printReport(
  _ format: Tenterhooks.Plan.Format, json: () -> String,
  table: (_ color: Bool, _ width: Int?) -> String
) {
  switch format {
  case .json:
    FileHandle.standardOutput.write(Data(json().utf8))
  case .table:
    let output = standardOutputTable()
    FileHandle.standardOutput.write(Data(table(output.color, output.width).utf8))
  }
}

/// Throws for a `key=value` argument without `=` or without a key; `example` shows one.
func checkKeyValues(_ arguments: [String], example: String) throws {
  for argument in arguments where !argument.contains("=") || argument.hasPrefix("=") {
    throw ValidationError("'\(argument)' is not key=value (e.g. \(example)).")
  }
}

/// `key=value` arguments as entry fields (split at the first `=`).
func draftFields(_ arguments: [String]) -> [DraftField] {
  arguments.map { argument in
    let parts = argument.split(separator: "=", maxSplits: 1)
    return DraftField(key: String(parts[0]), value: parts.count > 1 ? String(parts[1]) : "")
  }
}

/// Reports a ledger that could not be opened, locked, read or written, and returns the exit
/// code: 65 when there is no ledger file at the path (with a hint to `init` one), else 74.
func ledgerFailureExit(_ error: AppendFailure, message: String, command: String, ledger: String)
  -> ExitCode
{
  let note =
    error.isNoSuchFile
    ? "create the ledger with 'tenterhooks init \(ledger)'"
    : error.isNotWritable ? "check the ledger's permissions: appending needs write access" : nil
  failure(command, message, note: note)
  if error.isNotWritable { return ExitStatus.cannotCreate }
  return error.isMissingLedger ? ExitStatus.dataError : ExitStatus.ioError
}

/// Prints the warnings about the entries an append just wrote.
func printWarnings(of result: LedgerFile.Appended, now: Date) {
  let warnings = result.warnings(now: now)
  if !warnings.isEmpty { printError(Diagnostics(warnings).description) }
}
