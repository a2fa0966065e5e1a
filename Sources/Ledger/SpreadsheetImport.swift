import Foundation
import SwiftCSV

/// `interview` entries from a spreadsheet export (CSV), for `tenterhooks import`.
///
/// The first row names the columns (any order, case-insensitive, surrounding spaces ignored);
/// `date` and `id` are required, every other column becomes the field of the same name when its
/// cell is not empty. Rows are numbered as a spreadsheet shows them: the header is row 1, blank
/// rows count but are skipped; columns are numbered from 1.
package struct SpreadsheetImport: Sendable {
  /// The columns understood, in the order the docs list them.
  package static let columns =
    ["date", "time", "id"] + Vocabulary.keys(for: .interview).map(\.rawValue)

  /// One data row turned into a draft, with where its cells are.
  package struct Row: Sendable {
    /// The draft `interview` entry.
    package var draft: EntryDraft
    /// The spreadsheet row number (header = 1).
    package var row: Int
    /// The 1-based column of `date`, `id`, and of each field in `draft.fields`.
    var dateColumn: Int
    var idColumn: Int
    var fieldColumns: [Int]
  }

  /// The CSV file's path, as given (used in diagnostics).
  package var path: String
  /// The rows that name an application, in file order: with problems of their own too (a
  /// bad date stands in as 2000-01-01), so that their other cells are checked; `problems`
  /// then stops the import.
  package var rows: [Row]
  /// Every problem found in the header and the cells, located `PATH:ROW:COLUMN`; the rows
  /// that could be read are still there, so the ledger can be checked with them too and every
  /// problem reported in one pass.
  package var problems: [Diagnostic]

  /// The drafts to append.
  package var drafts: [EntryDraft] { rows.map(\.draft) }

  /// Reads CSV text; throws only when it is not CSV at all. Problems in the header and the
  /// cells are collected in `problems`.
  package init(csv text: String, path: String) throws(Diagnostics) {
    self.path = path
    let table: EnumeratedCSV
    do {
      table = try EnumeratedCSV(string: text, loadColumns: false)
    } catch {
      throw Diagnostics([
        Diagnostic(
          .spreadsheet, location: SourceLocation(path: path, line: 1, column: 1),
          message: "malformed CSV: \(error)",
          hint: "quote cells that contain the separator, and double quotes inside quotes")
      ])
    }
    var reader = SheetReader(path: path, table: table)
    var rows: [Row] = []
    if let layout = reader.readHeader() {
      for (offset, cells) in table.rows.enumerated() {
        if let row = reader.read(cells, row: offset + 2, layout: layout) { rows.append(row) }
      }
      if rows.isEmpty && reader.problems.isEmpty {
        reader.problem(
          1, 1, "no rows to import", hint: "put one interview per row below the header")
      }
    }
    self.rows = rows
    self.problems = Diagnostics(reader.problems).items
  }

  /// Where a problem with one of the drafts is in the spreadsheet.
  package func location(of problem: DraftProblem) -> SourceLocation {
    let row = rows[problem.draft]
    let column: Int
    switch problem.part {
    case .moment: column = row.dateColumn
    case .key(let i), .value(let i): column = row.fieldColumns[i]
    case .entry, .verb, .application: column = row.idColumn
    }
    return SourceLocation(path: path, line: row.row, column: column)
  }

  /// `H:MM`, `HH:MM` or `HH:MM:SS` (seconds dropped), as spreadsheets export times.
  static func time(_ text: String) -> LocalTime? {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2 || parts.count == 3,
      parts.allSatisfy({
        !$0.isEmpty && $0.count <= 2 && $0.allSatisfy { $0.isASCII && $0.isNumber }
      }),
      parts.count == 2 || Int(parts[2])! < 60
    else { return nil }
    let padded = (parts[0].count == 1 ? "0" : "") + parts[0] + ":" + parts[1]
    return LedgerSyntax.time(padded)
  }

  /// A cell's text on one line: trimmed, line breaks inside the cell become spaces.
  static func oneLine(_ cell: String) -> String {
    cell.split(whereSeparator: \.isNewline).map { $0.trimmed }.filter { !$0.isEmpty }
      .joined(separator: " ").trimmed
  }

  static let columnsHint = "known columns: \(columns.joined(separator: ", "))"
}

/// Which column holds what, once the header row has been read.
private struct SheetLayout {
  var columnOf: [String: Int]
  var dateColumn: Int
  var idColumn: Int
  var width: Int
}

/// Reads a spreadsheet's header and rows, collecting every problem located `PATH:ROW:COLUMN`.
private struct SheetReader {
  let path: String
  let table: EnumeratedCSV
  var problems: [Diagnostic] = []

  init(path: String, table: EnumeratedCSV) {
    self.path = path
    self.table = table
  }

  mutating func problem(_ row: Int, _ column: Int, _ message: String, hint: String? = nil) {
    problems.append(
      Diagnostic(
        .spreadsheet, location: SourceLocation(path: path, line: row, column: column),
        message: message, hint: hint))
  }

  /// The columns the header names; `nil` when the rows cannot be read (no `date` or `id`).
  mutating func readHeader() -> SheetLayout? {
    let columns = SpreadsheetImport.columns
    let hint = SpreadsheetImport.columnsHint
    var columnOf: [String: Int] = [:]
    for (index, raw) in table.header.enumerated() {
      let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
      let column = index + 1
      if name.isEmpty {
        if table.rows.allSatisfy({ index >= $0.count || $0[index].trimmed.isEmpty }) { continue }
        problem(1, column, "column \(column) has no name", hint: hint)
      } else if !columns.contains(name) {
        problem(
          1, column, "unknown column '\(raw.trimmed)'",
          hint: Spelling.didYouMean(name, among: columns) ?? hint)
      } else if let first = columnOf[name] {
        problem(1, column, "duplicate column '\(name)'", hint: "column \(first) is also '\(name)'")
      } else {
        columnOf[name] = column
      }
    }
    guard !table.header.isEmpty else {
      problem(1, 1, "the file is empty", hint: hint)
      return nil
    }
    for required in ["date", "id"] where columnOf[required] == nil {
      problem(
        1, 1, "missing column '\(required)'", hint: "the header row needs at least 'date' and 'id'")
    }
    guard let dateColumn = columnOf["date"], let idColumn = columnOf["id"] else { return nil }
    return SheetLayout(
      columnOf: columnOf, dateColumn: dateColumn, idColumn: idColumn, width: table.header.count)
  }

  /// One data row as a draft interview, or `nil` when it is blank or has problems (reported).
  mutating func read(_ cells: [String], row: Int, layout: SheetLayout)
    -> SpreadsheetImport.Row?
  {
    if cells.allSatisfy({ $0.trimmed.isEmpty }) { return nil }
    if cells.count > layout.width,
      let extra = cells.indices.dropFirst(layout.width).first(where: { !cells[$0].trimmed.isEmpty })
    {
      problem(row, extra + 1, "cell outside any named column")
    }
    func cell(_ column: Int) -> String {
      column - 1 < cells.count ? SpreadsheetImport.oneLine(cells[column - 1]) : ""
    }

    let dateText = cell(layout.dateColumn)
    let date = CivilDate(parsing: dateText)
    if dateText.isEmpty {
      problem(row, layout.dateColumn, "missing date")
    } else if date == nil {
      problem(
        row, layout.dateColumn, "invalid date '\(dateText)'",
        hint: "write dates as YYYY-MM-DD (a real day), e.g. 2026-11-24")
    }
    var time: LocalTime?
    if let timeColumn = layout.columnOf["time"], !cell(timeColumn).isEmpty {
      time = SpreadsheetImport.time(cell(timeColumn))
      if time == nil {
        problem(
          row, timeColumn, "invalid time '\(cell(timeColumn))'",
          hint: "write times as HH:MM on the 24-hour clock, e.g. 09:30")
      }
    }
    let id = cell(layout.idColumn)
    if id.isEmpty {
      problem(row, layout.idColumn, "missing id", hint: "name the application, e.g. acme")
    }

    var fields: [DraftField] = []
    var fieldColumns: [Int] = []
    for name in SpreadsheetImport.columns where !["date", "time", "id"].contains(name) {
      guard let column = layout.columnOf[name], !cell(column).isEmpty else { continue }
      fields.append(DraftField(key: name, value: cell(column)))
      fieldColumns.append(column)
    }
    // A row with a bad date or time is still checked against the ledger (its other cells),
    // at a stand-in date, so that one run reports every problem; the sheet's problems stop
    // the import before anything is appended. Without an ID there is nothing to check.
    guard !id.isEmpty else { return nil }
    return SpreadsheetImport.Row(
      draft: EntryDraft(
        verb: Verb.interview.rawValue, application: id,
        moment: .local(date ?? CivilDate(year: 2000, month: 1, day: 1), time), fields: fields),
      row: row, dateColumn: layout.dateColumn, idColumn: layout.idColumn,
      fieldColumns: fieldColumns)
  }
}

extension StringProtocol {
  var trimmed: String { trimmingCharacters(in: .whitespaces) }
}
