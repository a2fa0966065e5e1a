import Foundation
import Synchronization

/// An IANA time-zone identifier exactly as the ledger writes it: a `timezone` directive, a
/// `tz` key, the zone of a `holidays ZONE PATH` directive.
///
/// The identifier is kept as written rather than as a Foundation `TimeZone`, whose own
/// identifier may differ (Foundation may call "UTC" "GMT"): it is what goes into TZID,
/// X-WR-TIMEZONE and the plan's JSON `timeZone`, and what two zones are compared by.
/// `timeZone` resolves it, through one cache shared by the whole process. It encodes as the
/// plain string.
public struct ZoneID: Hashable, Comparable, Sendable, CustomStringConvertible, Codable,
  ExpressibleByStringLiteral
{
  /// The identifier as written, e.g. "Europe/Berlin".
  public let identifier: String

  /// The zone called `identifier`; nothing is checked (see `timeZone`).
  public init(_ identifier: String) { self.identifier = identifier }

  /// The zone called `value`.
  public init(stringLiteral value: String) { self.init(value) }

  /// Coordinated Universal Time, as the scheduler names it when no zone is known.
  public static let utc = ZoneID("UTC")

  /// The identifier.
  public var description: String { identifier }

  /// Whether it names UTC itself: times in it are written as UTC and need no VTIMEZONE.
  public var isUTC: Bool {
    identifier == "UTC" || identifier == "Etc/UTC" || identifier == "GMT"
      || identifier == "Etc/GMT"
  }

  /// The zone Foundation knows by this name, or `nil` for a name it does not know. Looked up
  /// once per name for the whole process: a large ledger names the same few zones thousands
  /// of times, and every action is written in one.
  public var timeZone: TimeZone? {
    if let known = ZoneID.resolved.withLock({ $0[identifier] }) { return known }
    let zone = TimeZone(identifier: identifier)
    ZoneID.resolved.withLock { $0[identifier] = zone }
    return zone
  }

  /// Zones looked up so far, by name (`nil` for names Foundation does not know).
  private static let resolved = Mutex<[String: TimeZone?]>([:])

  public static func < (a: ZoneID, b: ZoneID) -> Bool { a.identifier < b.identifier }

  /// Decodes the plain string.
  public init(from decoder: Decoder) throws {
    identifier = try decoder.singleValueContainer().decode(String.self)
  }

  /// Encodes the plain string.
  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(identifier)
  }
}
