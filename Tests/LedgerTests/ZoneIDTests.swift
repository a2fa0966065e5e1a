import Foundation
import Ledger
import Testing

@Suite("Zone identifiers")
struct ZoneIDTests {
  @Test("the identifier stays as the ledger writes it, even where Foundation renames the zone")
  func identifierAsWritten() throws {
    let utc = ZoneID("UTC")
    #expect(utc.identifier == "UTC" && utc.description == "UTC" && "\(utc)" == "UTC")
    let zone = try #require(utc.timeZone)
    #expect(zone.secondsFromGMT() == 0)
    // Whatever Foundation calls it, the ledger's name is what is kept.
    #expect(ZoneID(zone.identifier).isUTC)
  }

  @Test("UTC by any of its names; other zones are not")
  func utcNames() {
    for name in ["UTC", "Etc/UTC", "GMT", "Etc/GMT"] { #expect(ZoneID(name).isUTC) }
    for name in ["Europe/London", "Africa/Abidjan", "utc"] { #expect(!ZoneID(name).isUTC) }
  }

  @Test("a name Foundation does not know resolves to nil, also the second time")
  func unknownZone() {
    #expect(ZoneID("Mars/Olympus_Mons").timeZone == nil)
    #expect(ZoneID("Mars/Olympus_Mons").timeZone == nil)
    #expect(ZoneID("Asia/Tokyo").timeZone?.identifier == "Asia/Tokyo")
  }

  @Test("JSON holds the plain string, and reads it back")
  func plainString() throws {
    let zones: [ZoneID] = ["Europe/Berlin", "UTC"]
    let data = try JSONEncoder().encode(zones)
    #expect(String(decoding: data, as: UTF8.self) == #"["Europe\/Berlin","UTC"]"#)
    #expect(try JSONDecoder().decode([ZoneID].self, from: data) == zones)
  }

  @Test("zones sort and compare by identifier")
  func order() {
    let zones: [ZoneID] = ["Europe/Berlin", "America/New_York", "UTC", "Asia/Tokyo"]
    #expect(zones.sorted().map(\.identifier) == zones.map(\.identifier).sorted())
    #expect(ZoneID("Etc/UTC") != ZoneID("UTC"))
  }
}
