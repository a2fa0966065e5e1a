import Foundation

// PLACEHOLDER — the ledger issue replaces this file with the real parser.
extension Journal {
  /// Reads and validates the ledger at `path`; throws every problem found.
  public static func load(path: String, defaultZone: TimeZone) throws(Diagnostics) -> Journal {
    throw Diagnostics([
      Diagnostic(location: SourceLocation(path: path, line: 1, column: 1), message: "parser not built yet")
    ])
  }

  /// Parses ledger bytes read from `path` (used for messages and to resolve `holidays` paths).
  public static func parse(_ bytes: [UInt8], path: String, defaultZone: TimeZone) throws(Diagnostics)
    -> Journal
  {
    throw Diagnostics([
      Diagnostic(location: SourceLocation(path: path, line: 1, column: 1), message: "parser not built yet")
    ])
  }
}
