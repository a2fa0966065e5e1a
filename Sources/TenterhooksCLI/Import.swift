import ArgumentParser
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
      and note are optional. Every row is checked, and the ledger with all of them in it, \
      before anything is appended; problems are reported as FILE.csv:ROW:COLUMN (the \
      header is row 1). All rows are appended in one locked write. See docs/ledger.md.
      """)

  @OptionGroup var common: CommonOptions

  @Argument(help: ArgumentHelp("The spreadsheet export.", valueName: "file.csv"))
  var file: String

  func run() async throws {
    let text: String
    do {
      var data = try Data(contentsOf: URL(fileURLWithPath: file))
      if data.starts(with: [0xEF, 0xBB, 0xBF]) { data.removeFirst(3) }
      guard let decoded = String(data: data, encoding: .utf8) else {
        printError("\(file):1:1: error: the file is not UTF-8 text")
        throw ExitStatus.dataError
      }
      text = decoded
    } catch let error as ExitCode {
      throw error
    } catch {
      printError("tenterhooks import: error: cannot read '\(file)': \(error.localizedDescription)")
      throw ExitStatus.noInput
    }

    let sheet: SpreadsheetImport
    do {
      sheet = try SpreadsheetImport(csv: text, path: file)
    } catch {
      throw report(error)
    }
    let path = common.ledgerPath
    do {
      let (journal, _) = try LedgerFile.append(sheet.drafts, to: path, defaultZone: .current)
      print(
        "Imported \(sheet.rows.count) interview\(sheet.rows.count == 1 ? "" : "s") into \(path) "
          + "(\(journal.entries.count) entries now).")
    } catch {
      switch error {
      case .io(_, let message, let missing):
        printError(
          "tenterhooks import: error: \(message)"
            + (missing ? " (create it with 'tenterhooks init')" : ""))
        throw missing ? ExitStatus.dataError : ExitStatus.ioError
      case .invalid(let ledger, let drafts):
        let located = drafts.map {
          Diagnostic(location: sheet.location(of: $0), message: $0.message, hint: $0.hint)
        }
        throw report(Diagnostics(ledger.items + located))
      }
    }
  }
}
