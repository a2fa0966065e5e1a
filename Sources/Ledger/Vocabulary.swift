/// A key of an entry's `key: value` lines, spelt as in the ledger (`rawValue`).
public enum FieldKey: String, CaseIterable, Hashable, Sendable, Comparable {
  case company, role, contact, email, phone, tz, holidays, decision, caller, news, thanks, url
  case place, outcome, by, text, note
  case answerBy = "answer-by"
  /// On a `note`: the interview (its `DATE [TIME]` as written) that did not take place.
  case cancels

  public static func < (a: FieldKey, b: FieldKey) -> Bool { a.rawValue < b.rawValue }

  /// The values an enumerated key accepts, or `nil` for free text (and dates and zones).
  public var allowedValues: [String]? {
    switch self {
    case .caller: Caller.allCases.map(\.rawValue)
    case .news: NewsChannel.allCases.map(\.rawValue)
    case .thanks: ["yes", "no"]
    case .outcome: Outcome.allCases.map(\.rawValue)
    case .by: ContactMedium.allCases.map(\.rawValue)
    default: nil
    }
  }
}

/// An undated line that applies to the whole ledger, spelt as in the ledger (`rawValue`).
public enum Directive: String, CaseIterable, Hashable, Sendable {
  case timezone, holidays, workdays
  case callAt = "call-at"
  case followUpAfter = "follow-up-after"
  case reconsiderAfter = "reconsider-after"
  case checkEmail = "check-email"
  case calendarName = "calendar-name"
  case uidDomain = "uid-domain"
  case giveUpAfter = "give-up-after"
  case privacy

  /// An example line, for hints.
  public var example: String {
    switch self {
    case .timezone: "timezone Europe/Berlin"
    case .holidays: "holidays holidays-de.ics"
    case .workdays: "workdays mon-fri"
    case .callAt: "call-at 10:00"
    case .followUpAfter: "follow-up-after 3"
    case .reconsiderAfter: "reconsider-after 3"
    case .checkEmail: "check-email weekdays"
    case .calendarName: "calendar-name Job search"
    case .uidDomain: "uid-domain tenterhooks.example.com"
    case .giveUpAfter: "give-up-after 3"
    case .privacy: "privacy private"
    }
  }

  /// Whether the directive may be given more than once (each adds to the setting).
  public var isRepeatable: Bool { self == .holidays }
}

/// What the ledger format allows: the keys each verb takes and the keys it needs.
///
/// One table, so the parser, the printer, the docs and the CSV import agree.
package enum Vocabulary {
  /// The keys each verb takes, in the order the contract lists them (`note` last, every verb).
  package static func keys(for verb: Verb) -> [FieldKey] {
    switch verb {
    case .interview:
      [
        .company, .role, .contact, .email, .phone, .tz, .holidays, .decision, .caller, .news,
        .thanks, .url, .place, .note,
      ]
    case .agreed: [.decision, .caller, .note]
    case .thanked: [.note]
    case .called: [.outcome, .decision, .note]
    case .heard: [.by, .outcome, .decision, .note]
    case .postponed: [.decision, .note]
    case .offer: [.answerBy, .note]
    case .rejected, .withdrew, .accepted: [.note]
    case .note: [.text, .cancels, .note]
    }
  }

  /// Keys an entry of this verb must have.
  package static func requiredKeys(for verb: Verb) -> [FieldKey] {
    verb == .postponed ? [.decision] : []
  }

  /// Every key any verb takes, in the order the contract first lists them.
  package static let allKeys: [FieldKey] = {
    var seen: [FieldKey] = []
    for verb in Verb.allCases {
      for key in keys(for: verb) where !seen.contains(key) { seen.append(key) }
    }
    return seen
  }()
}
