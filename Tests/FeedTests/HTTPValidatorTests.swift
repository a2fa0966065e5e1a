import Feed
import Foundation
import Testing

@Suite("HTTP validators")
struct HTTPValidatorTests {
  @Test("an HTTP date is written as IMF-fixdate in GMT")
  func formatsIMFFixdate() {
    #expect(
      HTTPDate.format(Date(timeIntervalSince1970: 784_111_777)) == "Sun, 06 Nov 1994 08:49:37 GMT")
    #expect(HTTPDate.format(Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 GMT")
    #expect(
      HTTPDate.format(Date(timeIntervalSince1970: 1_798_761_599.9))
        == "Thu, 31 Dec 2026 23:59:59 GMT")
    #expect(
      HTTPDate.format(Date(timeIntervalSince1970: 951_782_400)) == "Tue, 29 Feb 2000 00:00:00 GMT")
  }

  @Test("all three HTTP date formats are read, anything else is not")
  func parsesThreeFormats() {
    let expected = Date(timeIntervalSince1970: 784_111_777)
    #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == expected)
    #expect(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT") == expected)
    #expect(HTTPDate.parse("Sun Nov  6 08:49:37 1994") == expected)
    #expect(HTTPDate.parse("Sun, 31 Feb 1994 08:49:37 GMT") == nil)
    #expect(HTTPDate.parse("Sun, 06 Nov 1994 24:49:37 GMT") == nil)
    #expect(HTTPDate.parse("1994-11-06T08:49:37Z") == nil)
    #expect(HTTPDate.parse("") == nil)
  }

  @Test("a date survives being written and read back")
  func roundTrips() {
    for seconds in [0, 86_399, 1_700_000_000, 4_102_444_800] {
      let date = Date(timeIntervalSince1970: TimeInterval(seconds))
      #expect(HTTPDate.parse(HTTPDate.format(date)) == date)
    }
  }

  @Test("the entity tag depends on the exact bytes and nothing else")
  func entityTagFollowsBytes() {
    let a = EntityTag(for: Array("BEGIN:VCALENDAR\r\n".utf8))
    #expect(a == EntityTag(for: Array("BEGIN:VCALENDAR\r\n".utf8)))
    #expect(a != EntityTag(for: Array("BEGIN:VCALENDAR\n".utf8)))
    #expect(a.description.hasPrefix("\"") && a.description.hasSuffix("\""))
    // FNV-1a-64 of the empty input is its offset basis.
    #expect(EntityTag(for: []).opaque == "cbf29ce484222325-0")
  }

  @Test("If-None-Match matches exact, weak, listed and star tags, and nothing else")
  func ifNoneMatch() throws {
    let tag = EntityTag(for: Array("x".utf8))
    let quoted = tag.description
    #expect(EntityTagCondition(headerValues: [quoted])?.matches(tag) == true)
    #expect(EntityTagCondition(headerValues: ["W/\(quoted)"])?.matches(tag) == true)
    #expect(EntityTagCondition(headerValues: ["\"a\", \"b,c\" ,\(quoted)"])?.matches(tag) == true)
    #expect(EntityTagCondition(headerValues: ["\"a\"", quoted])?.matches(tag) == true)
    #expect(EntityTagCondition(headerValues: [" * "]) == .any)
    #expect(EntityTagCondition(headerValues: ["\"a\", \"b,c\""]) == .tags(["a", "b,c"]))
    #expect(EntityTagCondition(headerValues: ["\"other\""])?.matches(tag) == false)
    #expect(EntityTagCondition(headerValues: [tag.opaque]) == nil)
    #expect(EntityTagCondition(headerValues: ["X/\(quoted)"]) == nil)
  }
}
