/// What the ledger format allows: the keys each verb takes, the directives, the enumerated values.
///
/// One table, so the parser, the printer, the docs and the CSV import agree.
public enum Vocabulary {
  /// The keys each verb takes, in the order the contract lists them (`note` last, every verb).
  public static func keys(for verb: Verb) -> [String] {
    switch verb {
    case .interview:
      return [
        "company", "role", "contact", "email", "phone", "tz", "decision", "caller", "news",
        "thanks", "url", "place", "note",
      ]
    case .agreed: return ["decision", "caller", "note"]
    case .thanked: return ["note"]
    case .called: return ["outcome", "decision", "note"]
    case .heard: return ["by", "outcome", "decision", "note"]
    case .postponed: return ["decision", "note"]
    case .offer, .rejected, .withdrew: return ["note"]
    case .note: return ["text", "note"]
    }
  }

  /// Keys an entry of this verb must have.
  public static func requiredKeys(for verb: Verb) -> [String] {
    verb == .postponed ? ["decision"] : []
  }

  /// Every key any verb takes.
  public static let allKeys: [String] = {
    var seen: [String] = []
    for verb in Verb.allCases {
      for key in keys(for: verb) where !seen.contains(key) { seen.append(key) }
    }
    return seen
  }()

  /// The values an enumerated key accepts, or `nil` for free text (and `decision`, `tz`).
  public static func allowedValues(for key: String) -> [String]? {
    switch key {
    case "caller": return Caller.allCases.map(\.rawValue)
    case "news": return NewsChannel.allCases.map(\.rawValue)
    case "thanks": return ["yes", "no"]
    case "outcome": return Outcome.allCases.map(\.rawValue)
    case "by": return ContactMedium.allCases.map(\.rawValue)
    default: return nil
    }
  }

  /// The directive names, in the contract's order.
  public static let directives = [
    "timezone", "holidays", "workdays", "call-at", "follow-up-after", "reconsider-after",
    "check-email", "calendar-name", "uid-domain",
  ]
}
