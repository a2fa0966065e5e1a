import Foundation
import Ledger
import Testing

@Suite("The date-times --now and --at accept")
struct ISODateTimeTests {
  let utc = TimeZone(identifier: "UTC")!

  @Test("seconds may carry a fraction, after a point or a comma, as toISOString() writes")
  func fractions() throws {
    let whole = try #require(ISODateTime.parse("2026-11-28T14:30:00Z", defaultZone: utc))
    #expect(
      ISODateTime.parse("2026-11-28T14:30:00.123Z", defaultZone: utc)
        == whole.addingTimeInterval(0.123))
    #expect(
      ISODateTime.parse("2026-11-28T14:30:07,5+01:00", defaultZone: utc)
        == whole.addingTimeInterval(7.5 - 3600))
    #expect(
      ISODateTime.parse("2026-11-28 14:30:00.000", defaultZone: utc) == whole)
  }

  @Test("a bare date is 09:00 that day, as a ledger entry without a time is")
  func bareDate() {
    #expect(
      ISODateTime.parse("2026-11-28", defaultZone: utc)
        == ISODateTime.parse("2026-11-28T09:00Z", defaultZone: utc))
    let berlin = TimeZone(identifier: "Europe/Berlin")!
    #expect(
      ISODateTime.parse("2026-11-28", defaultZone: berlin)
        == ISODateTime.parse("2026-11-28T08:00Z", defaultZone: utc))
  }

  @Test(
    "a fraction needs seconds before it and digits after it",
    arguments: [
      "2026-11-28T14:30.5Z", "2026-11-28T14:30:00.Z", "2026-11-28T14:30:00.1aZ",
      "2026-11-28T14:30:00..1Z", "2026-11-28T14:30:00.-1",
    ])
  func badFractions(text: String) {
    #expect(ISODateTime.parse(text, defaultZone: utc) == nil)
  }
}
