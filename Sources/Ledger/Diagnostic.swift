/// One problem found in a ledger, reported the way compilers do so editors can jump to it.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
  /// Where the problem is.
  public var location: SourceLocation
  /// What is wrong, e.g. "unknown key 'decison'".
  public var message: String
  /// How to fix it, when there is something useful to say.
  public var hint: String?

  /// Creates a diagnostic.
  public init(location: SourceLocation, message: String, hint: String? = nil) {
    self.location = location
    self.message = message
    self.hint = hint
  }

  /// `PATH:LINE:COLUMN: error: message`, followed by a `note:` line with the hint.
  public var description: String {
    let place = "\(location.path):\(location.line):\(location.column)"
    var text = "\(place): error: \(message)"
    if let hint { text += "\n\(place): note: \(hint)" }
    return text
  }
}

/// Every problem found in a ledger; thrown instead of a partial result.
public struct Diagnostics: Error, Hashable, Sendable, CustomStringConvertible {
  /// The problems, sorted by location.
  public var items: [Diagnostic]

  /// Creates the list, sorting it by location.
  public init(_ items: [Diagnostic]) {
    self.items = items.sorted { $0.location < $1.location }
  }

  /// One diagnostic per line (with its note), in location order.
  public var description: String { items.map(\.description).joined(separator: "\n") }
}
