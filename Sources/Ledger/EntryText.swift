import Foundation

/// The canonical text of entries: what `log` and `import` append.
///
/// A header `DATE [TIME] VERB ID`, then one `  key: value` line per field, two spaces deep.
/// Parsing the text gives back the same entry, and printing that entry gives the same text.
package enum EntryText {
  /// The lines of one entry, each ended by `lineEnding`.
  package static func render(
    date: CivilDate, time: LocalTime?, verb: String, application: String,
    fields: [DraftField], lineEnding: String = "\n"
  ) -> String {
    var header = date.description
    if let time { header += " \(time)" }
    header += " \(verb) \(application)"
    var text = header + lineEnding
    for field in fields { text += "  \(field.key): \(field.value)" + lineEnding }
    return text
  }
}

extension Entry {
  /// This entry in canonical form (comments and spacing of the original are not kept).
  package var ledgerText: String {
    EntryText.render(
      date: date, time: time, verb: verb.rawValue, application: application,
      fields: fields.map { DraftField(key: $0.key.rawValue, value: $0.value) })
  }
}

/// A `key: value` of an entry not yet written.
public struct DraftField: Hashable, Sendable {
  /// The key as given (checked when the ledger is validated with the draft in it).
  public var key: String
  /// The value as given; surrounding spaces are trimmed when written.
  public var value: String

  /// Creates a field.
  public init(key: String, value: String) {
    self.key = key
    self.value = value
  }
}

/// An entry the CLI wants to append, before it is validated against the ledger.
///
/// Verb, ID and keys are plain text so that mistakes get the parser's own diagnostics.
public struct EntryDraft: Hashable, Sendable {
  /// When the entry happened.
  public enum Moment: Hashable, Sendable {
    /// An instant, written in the header's zone as `YYYY-MM-DD HH:MM`.
    case instant(Date)
    /// A day and optional wall time already in the header's zone.
    case local(CivilDate, LocalTime?)
    /// ISO 8601 as the user typed it (`--at`): a bare date gives an entry without a time,
    /// a date-time without an offset is read in your zone.
    case iso8601(String)
  }

  /// The verb, e.g. `called`.
  public var verb: String
  /// The application ID.
  public var application: String
  /// When.
  public var moment: Moment
  /// The fields, in order.
  public var fields: [DraftField]

  /// Creates a draft.
  public init(verb: String, application: String, moment: Moment, fields: [DraftField] = []) {
    self.verb = verb
    self.application = application
    self.moment = moment
    self.fields = fields
  }

  /// The day and wall time of this draft as written in a header in `zone`; an ISO 8601 text
  /// without an offset is read in `yourZone`. `nil` if an ISO 8601 text does not parse.
  public func wallClock(in zone: TimeZone, readingIn yourZone: TimeZone) -> (CivilDate, LocalTime?)?
  {
    switch moment {
    case .local(let date, let time):
      return (date, time)
    case .instant(let instant):
      return Self.wallClock(of: instant, in: zone)
    case .iso8601(let text):
      let trimmed = text.trimmingCharacters(in: .whitespaces)
      if trimmed.count == 10 { return CivilDate(parsing: trimmed).map { ($0, nil) } }
      return ISODateTime.parse(trimmed, defaultZone: yourZone).map {
        Self.wallClock(of: $0, in: zone)
      }
    }
  }

  private static func wallClock(of instant: Date, in zone: TimeZone) -> (CivilDate, LocalTime?) {
    let clock = ZoneOffsets.wallClock(of: instant, in: zone)
    return (clock.date, LocalTime(hour: clock.hour, minute: clock.minute))
  }
}
