/// Something libical or our checks rejected, with the message a user needs.
public struct ICalError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What kind of failure it was.
  public enum Kind: Hashable, Sendable {
    /// The text is not iCalendar at all, or not a VCALENDAR.
    case notICalendar
    /// The text is iCalendar but a line or property is broken.
    case malformed
    /// A time zone name the system zoneinfo does not know.
    case unknownTimeZone
    /// A value the bindings cannot express (e.g. an out-of-range date).
    case invalidValue
    /// A libical call failed.
    case libical
  }

  /// What kind of failure.
  public var kind: Kind
  /// The explanation, including libical's own message where there is one.
  public var message: String
  /// When reading: the 0-based position, in file order, of the VEVENT the problem is in.
  public var event: Int?
  /// When reading: the property the problem is about (`DTSTART`), if one is.
  public var property: String?

  /// Creates an error.
  public init(_ kind: Kind, _ message: String, event: Int? = nil, property: String? = nil) {
    self.kind = kind
    self.message = message
    self.event = event
    self.property = property
  }

  public var description: String { message }
}
