import Foundation

/// How an application stands at the end of the ledger, replayed in time order.
public struct ApplicationStanding: Hashable, Sendable {
  /// The application ID.
  public var application: String
  /// The entry that closed it (`offer`, `rejected`, `withdrew`, or a `called`/`heard` whose
  /// `outcome` is an offer or a rejection); `nil` while it is open.
  public var closedBy: Entry?

  /// Whether it is still open.
  public var isOpen: Bool { closedBy == nil }
}

extension Entry {
  /// Whether this entry closes its application: a closing verb, or news of an offer or a
  /// rejection by phone or mail.
  public var closesApplication: Bool {
    if verb.isClosing { return true }
    guard verb == .called || verb == .heard, let outcome else { return false }
    return outcome != .undecided
  }
}

extension Journal {
  /// Each application's standing, in the order `applications` lists them.
  ///
  /// The entries are replayed in time order (ties in file order). A closing entry closes the
  /// application; a later `interview` reopens it only when it is written below the closing
  /// entry — one written above it but dated after it was scheduled, then called off.
  public var standings: [ApplicationStanding] {
    let replayed = replay()
    return applications.map { ApplicationStanding(application: $0, closedBy: replayed.closure[$0]) }
  }

  /// Suspicious but valid input (CONTRACT §2), as warnings located at the entry or field:
  /// an entry other than `interview` dated after `now`; a decision date before its
  /// interview; `thanked`/`called` before any interview; an entry after the application
  /// closed that does not reopen it; the same interview twice; an employer zone with no
  /// holidays for it.
  public func warnings(now: Date) -> [Diagnostic] {
    var found = replay().warnings
    for entry in entries where entry.verb != .interview && entry.instant > now {
      found.append(
        warning(
          .futureEntry, entry.location,
          "'\(entry.verb.rawValue) \(entry.application)' is dated after now",
          hint: "entries record what has happened; only an interview can be scheduled ahead"))
    }
    var interviews: [String: Entry] = [:]
    for entry in entries where entry.verb == .interview {
      let key = "\(entry.application) \(entry.date) \(entry.time ?? LedgerSyntax.defaultTime)"
      if let first = interviews[key] {
        found.append(
          warning(
            .duplicateInterview, entry.location,
            "the same interview of '\(entry.application)' (\(entry.date) "
              + "\(entry.time ?? LedgerSyntax.defaultTime)) is already at line "
              + "\(first.location.line)",
            hint: "imported twice? remove one of them"))
      } else {
        interviews[key] = entry
      }
    }
    found += employersWithoutHolidays()
    return Diagnostics(found).items
  }

  /// An employer in another zone than yours whose days off the ledger does not know: no
  /// `holidays:` on any of its interviews and no `holidays ZONE PATH` for its zone. (Your
  /// `holidays PATH` files cover the employers in your zone.) Once per application, at the
  /// `tz` of its first interview that names one.
  private func employersWithoutHolidays() -> [Diagnostic] {
    let zonesWithHolidays = Set(settings.holidays.compactMap(\.zone))
    let applicationsWithHolidays = Set(
      entries.filter { $0.verb == .interview && $0.value(.holidays) != nil }.map(\.application))
    var warned = Set<String>()
    var found: [Diagnostic] = []
    for entry in entries where entry.verb == .interview && !warned.contains(entry.application) {
      guard let tz = entry.field(.tz), ZoneID(tz.value) != yourZone,
        !zonesWithHolidays.contains(ZoneID(tz.value)),
        !applicationsWithHolidays.contains(entry.application)
      else { continue }
      warned.insert(entry.application)
      found.append(
        warning(
          .employerHolidaysUnknown, tz.location,
          "'\(entry.application)' is in \(tz.value), but the ledger has no holidays for that zone",
          hint: "add 'holidays \(tz.value) PATH' (or 'holidays: PATH' on the interview), or its"
            + " calls may fall on its days off"))
    }
    return found
  }

  private func warning(
    _ code: Diagnostic.Code, _ location: SourceLocation, _ message: String, hint: String? = nil
  ) -> Diagnostic {
    Diagnostic(code, location: location, message: message, hint: hint)
  }

  /// One pass over the entries in time order: who is closed by what, and the warnings that
  /// depend on the order of events.
  private func replay() -> (closure: [String: Entry], warnings: [Diagnostic]) {
    var closure: [String: Entry] = [:]
    var lastInterview: [String: Entry] = [:]
    var warnings: [Diagnostic] = []
    let ordered = entries.sorted { ($0.instant, $0.order) < ($1.instant, $1.order) }
    for entry in ordered {
      let id = entry.application
      if let decision = entry.decision {
        let interview = entry.verb == .interview ? entry : lastInterview[id]
        if let interview, decision < interview.date,
          let field = entry.field(.decision)
        {
          warnings.append(
            warning(
              .decisionBeforeInterview, field.location,
              "decision date \(decision) is before the interview on \(interview.date)",
              hint: "a typo in the year or month?"))
        }
      }
      if entry.verb == .interview {
        if let closing = closure[id], entry.order > closing.order { closure[id] = nil }
        lastInterview[id] = entry
        continue
      }
      if (entry.verb == .thanked || entry.verb == .called) && lastInterview[id] == nil {
        warnings.append(
          warning(
            .answerBeforeInterview, entry.location,
            "'\(entry.verb.rawValue) \(id)' is dated before the interview it answers",
            hint: "check the date; the first interview of '\(id)' is later"))
      }
      if let closing = closure[id] {
        // Accepting or declining an offer answers it; it is not news after the closing.
        if closing.verb == .offer, entry.verb == .accepted || entry.verb == .withdrew {
          closure[id] = entry
          continue
        }
        if entry.verb != .note {
          warnings.append(
            warning(
              .entryAfterClosing, entry.location,
              "'\(entry.verb.rawValue) \(id)' comes after the application closed "
                + "('\(closing.verb.rawValue)' at line \(closing.location.line))",
              hint: "it changes nothing; a further interview would reopen the application"))
        }
        continue
      }
      if entry.closesApplication { closure[id] = entry }
    }
    return (closure, warnings)
  }
}
