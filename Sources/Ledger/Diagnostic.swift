/// One problem found in a ledger, reported the way compilers do so editors can jump to it.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
  /// How bad it is.
  public enum Severity: String, Hashable, Sendable {
    /// Bad input: nothing is written.
    case error
    /// Suspicious but valid input: reported, and the command goes on (`check --strict`
    /// treats it as an error).
    case warning
  }

  /// What kind of problem it is, so code can tell problems apart without reading messages.
  public enum Code: String, Hashable, Sendable, CaseIterable {
    // Errors in the ledger's text.
    case invalidUTF8, malformedHeader, unknownVerb, invalidID, malformedField, unknownKey
    case duplicateKey, missingValue, invalidValue, unknownDirective, duplicateDirective
    case malformedDate, impossibleDate, malformedTime, impossibleTime, unknownZone
    case conflictingZone, unknownApplication, missingRequiredKey
    /// A `cancels:` that names no interview of the application.
    case nothingToCancel
    /// A `holidays` file that is missing, unreadable, a folder or not iCalendar.
    case holidaysFile
    /// A problem in a calendar invitation being imported (not iCalendar, no start, …).
    case invitation
    /// The ledger file itself is missing, a folder, unreadable or kept changing.
    case ledgerFile
    /// A problem in a spreadsheet being imported (its header, a cell).
    case spreadsheet
    // Warnings: suspicious but valid input.
    case futureEntry, decisionBeforeInterview, answerBeforeInterview, entryAfterClosing
    case duplicateInterview, employerHolidaysUnknown

    /// Whether this kind of problem is an error or a warning.
    public var severity: Severity {
      switch self {
      case .futureEntry, .decisionBeforeInterview, .answerBeforeInterview, .entryAfterClosing,
        .duplicateInterview, .employerHolidaysUnknown:
        .warning
      default: .error
      }
    }
  }

  /// What kind of problem.
  public var code: Code
  /// Error or warning (from the code).
  public var severity: Severity { code.severity }
  /// Where the problem is.
  public var location: SourceLocation
  /// What is wrong, e.g. "unknown key 'decison'".
  public var message: String
  /// How to fix it, when there is something useful to say.
  public var hint: String?

  /// Creates a diagnostic.
  public init(_ code: Code, location: SourceLocation, message: String, hint: String? = nil) {
    self.code = code
    self.location = location
    self.message = message
    self.hint = hint
  }

  /// `PATH:LINE:COLUMN: error: message` (or `warning:`), followed by a `note:` line with the
  /// hint.
  public var description: String {
    let place = "\(location.path):\(location.line):\(location.column)"
    var text = "\(place): \(severity.rawValue): \(message)"
    if let hint { text += "\n\(place): note: \(hint)" }
    return text
  }
}

/// Every problem found in a ledger; thrown instead of a partial result.
public struct Diagnostics: Error, Hashable, Sendable, CustomStringConvertible {
  /// The problems, sorted by location.
  public var items: [Diagnostic]
  /// The holidays files a ledger with problems names (each found and readable): what is in
  /// them is checked by whoever can read iCalendar (`Workspace.load`), so that a file that
  /// is not iCalendar is reported with the ledger's other problems, not after them.
  package var holidaySources: [HolidaySource] = []

  /// Creates the list, sorting it by location.
  public init(_ items: [Diagnostic]) {
    self.items = items.sorted { $0.location < $1.location }
  }

  public static func == (a: Diagnostics, b: Diagnostics) -> Bool { a.items == b.items }

  public func hash(into hasher: inout Hasher) { hasher.combine(items) }

  /// One diagnostic per line (with its note), in location order.
  public var description: String { items.map(\.description).joined(separator: "\n") }
}
