import ArgumentParser
import Export
import Foundation
import Ledger

/// `tenterhooks import FILE.csv`: appends `interview` entries from a spreadsheet export.
struct Import: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Append interview entries from a CSV spreadsheet export.",
    discussion: """
      The first row names the columns (case-insensitive): date and id are required; time, \
      company, role, contact, email, phone, tz, decision, caller, news, thanks, url, place \
      and note are optional. Every row is checked, and the ledger (with its holidays files) \
      with all of them in it, before anything is appended; every problem — in the header, \
      the cells and the ledger — is reported in one pass, as FILE.csv:ROW:COLUMN (the \
      header is row 1) or LEDGER:LINE:COLUMN, and nothing is appended (exit 65). All rows are \
      appended in one locked write; suspicious rows (the same interview twice, …) are \
      appended with a warning. See docs/ledger.md.
      """)

  @OptionGroup var common: CommonOptions

  @Argument(help: ArgumentHelp("The spreadsheet export.", valueName: "file.csv"))
  var file: String

  func run() async throws {
    var bytes: [UInt8]
    do {
      bytes = try LedgerFile.snapshot(file)
    } catch {
      let reason =
        switch error {
        case .missing: "no file at '\(file)'"
        case .folder: "'\(file)' is a folder, not a CSV file"
        case .unreadable, .unsettled: "cannot read '\(file)'"
        }
      failure("import", reason)
      throw ExitStatus.noInput
    }
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      printError("\(file):1:1: error: the file is not UTF-8 text")
      throw ExitStatus.dataError
    }

    let sheet: SpreadsheetImport
    do {
      sheet = try SpreadsheetImport(csv: text, path: file)
    } catch {
      throw report(error)
    }
    let path = common.ledgerPath
    let now = try common.currentTime()
    // With problems in the sheet, the rows that could be read are still checked against the
    // ledger, so one run reports everything; nothing is appended.
    let result: LedgerFile.Appended
    do {
      result = try LedgerFile.append(
        sheet.drafts, to: path, defaultZone: .current, validate: loadReferences,
        dryRun: !sheet.problems.isEmpty)
    } catch {
      switch error {
      case .io(_, let message, _):
        failure(
          "import", message,
          note: error.isNoSuchFile ? "create the ledger with 'tenterhooks init \(path)'" : nil)
        throw error.isMissingLedger ? ExitStatus.dataError : ExitStatus.ioError
      case .invalid(let ledger, let drafts):
        let located = drafts.map {
          Diagnostic(
            $0.code, location: sheet.location(of: $0), message: $0.message, hint: $0.hint)
        }
        throw report(Diagnostics(sheet.problems + ledger.items + located))
      }
    }
    guard sheet.problems.isEmpty else { throw report(Diagnostics(sheet.problems)) }
    print(
      "Imported \(sheet.rows.count) interview\(sheet.rows.count == 1 ? "" : "s") into \(path) "
        + "(\(result.journal.entries.count) entries now).")
    let warnings = result.journal.warnings(now: now).filter {
      $0.location.line >= result.firstAppendedLine
    }
    if !warnings.isEmpty { printError(Diagnostics(warnings).description) }
  }
}
