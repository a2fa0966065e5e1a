import Foundation
import Ledger
import Testing

@testable import Export

/// Issue 12: after an append, `render` parses only the appended bytes and plans and
/// serialises only the applications they touch — and its bytes are always those of the
/// straightforward `renderFully`.
@Suite("Rendering again after an append")
struct IncrementalCalendarTests {
  static let zone = TimeZone(identifier: "Europe/Berlin")!
  static let now = ISODateTime.parse("2026-12-01T12:00:00+01:00", defaultZone: zone)!

  static let ledger = """
    timezone Europe/Berlin
    uid-domain example.org

    2026-11-02 10:00 interview acme
      company: Acme GmbH
      decision: 2026-11-09

    2026-11-03 10:00 interview beta
      company: Beta AG
      tz: America/New_York

    2026-11-04 14:00 interview gamma

    """

  /// A fresh folder with the ledger in it.
  static func folder() throws -> String {
    let folder = NSTemporaryDirectory() + "incremental-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try ledger.write(toFile: folder + "/t.ledger", atomically: true, encoding: .utf8)
    return folder
  }

  static func append(_ text: String, to path: String) throws {
    let handle = try #require(FileHandle(forWritingAtPath: path))
    handle.seekToEndOfFile()
    handle.write(Data(text.utf8))
    handle.closeFile()
  }

  /// Renders through `cache` and checks the bytes against the straightforward path.
  static func render(
    _ path: String, cache: IncrementalCalendar.Cache, now: Date = now
  ) throws -> IncrementalCalendar.Path {
    let fast = try IncrementalCalendar.render(
      ledgerPath: path, now: now, defaultZone: zone, style: .init(), cache: cache)
    let reference = try Pipeline.renderFully(ledgerPath: path, now: now, defaultZone: zone)
    #expect(fast.bytes == reference.bytes)
    #expect(fast.fnv1a == fnv1a(reference.bytes))
    #expect(fast.actionCount == reference.actionCount)
    #expect(fast.lastModified == reference.lastModified)
    #expect(fast.sources == reference.sources)
    return cache.lastPath
  }

  @Test("appended entries re-plan only their applications, and the bytes are a full render's")
  func appendsAreIncremental() throws {
    let path = try Self.folder() + "/t.ledger"
    let cache = IncrementalCalendar.Cache()
    #expect(try Self.render(path, cache: cache) == .full)
    #expect(try Self.render(path, cache: cache) == .incremental(replanned: 0))
    try Self.append("2026-11-05 18:00 thanked acme\n\n", to: path)
    #expect(try Self.render(path, cache: cache) == .incremental(replanned: 1))
    try Self.append("2026-11-06 postponed acme\n  decision: 2026-11-20\n\n", to: path)
    #expect(try Self.render(path, cache: cache) == .incremental(replanned: 1))
    try Self.append(
      "2026-11-07 09:30 interview delta\n  tz: Asia/Tokyo\n  decision: 2026-11-12\n\n", to: path)
    #expect(try Self.render(path, cache: cache) == .incremental(replanned: 1))
    try Self.append("2026-11-08 called gamma\n  outcome: undecided\n", to: path)
    #expect(try Self.render(path, cache: cache) == .incremental(replanned: 1))
    try Self.append("2026-11-09 offer beta\n  answer-by: 2026-11-16\n", to: path)
    #expect(try Self.render(path, cache: cache) == .incremental(replanned: 1))
    // Accepting one offer is part of every other application's history.
    try Self.append("2026-11-10 accepted beta\n", to: path)
    #expect(try Self.render(path, cache: cache) == .incremental(replanned: 4))
    // The others' withdraw actions name Beta AG: re-planning one of them alone still
    // finds the company, and a later round of beta renaming it re-plans them all.
    try Self.append("2026-11-11 note gamma\n  text: withdraw\n", to: path)
    #expect(try Self.render(path, cache: cache) == .incremental(replanned: 1))
    try Self.append("2026-11-12 10:00 interview beta\n  company: Beta Group\n", to: path)
    #expect(try Self.render(path, cache: cache) == .incremental(replanned: 4))
  }

  @Test("an edit, a truncation, a replaced file, a field added to an earlier entry render in full")
  func otherChangesRenderInFull() throws {
    let path = try Self.folder() + "/t.ledger"
    let cache = IncrementalCalendar.Cache()
    _ = try Self.render(path, cache: cache)
    let edited = Self.ledger.replacingOccurrences(of: "2026-11-09", with: "2026-11-11")
    try Data(edited.utf8).write(to: URL(fileURLWithPath: path))
    #expect(try Self.render(path, cache: cache) == .full)
    let truncated = try #require(edited.range(of: "2026-11-04 14:00 interview gamma"))
    try Data(edited[..<truncated.lowerBound].utf8).write(to: URL(fileURLWithPath: path))
    #expect(try Self.render(path, cache: cache) == .full)
    // Replaced by another file: what counts is whether the old bytes are still the start.
    try Data(Self.ledger.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    #expect(try Self.render(path, cache: cache) == .full)
    try Data((Self.ledger + "2026-11-05 thanked acme\n").utf8).write(
      to: URL(fileURLWithPath: path), options: .atomic)
    #expect(try Self.render(path, cache: cache) == .incremental(replanned: 1))
    // A field line under the last entry changes it: not an append of entries.
    try Self.append("  note: after lunch\n", to: path)
    #expect(try Self.render(path, cache: cache) == .full)
    // A directive changes every application.
    try Self.append("reconsider-after 1\n", to: path)
    #expect(try Self.render(path, cache: cache) == .full)
  }

  @Test("a render carries the ledger it was made from, for a page that agrees with it later")
  func renderCarriesItsWorkspace() throws {
    let path = try Self.folder() + "/t.ledger"
    let cache = IncrementalCalendar.Cache()
    func loaded() throws -> Journal {
      try Workspace.load(ledgerPath: path, defaultZone: Self.zone).journal
    }
    let first = try IncrementalCalendar.render(
      ledgerPath: path, now: Self.now, defaultZone: Self.zone, style: .init(), cache: cache)
    #expect(first.workspace?.journal == (try loaded()))
    try Self.append("2026-11-05 18:00 thanked acme\n\n", to: path)
    let second = try IncrementalCalendar.render(
      ledgerPath: path, now: Self.now, defaultZone: Self.zone, style: .init(), cache: cache)
    #expect(cache.lastPath == .incremental(replanned: 1))
    let journal = try #require(second.workspace?.journal)
    #expect(journal == (try loaded()))
    let full = try Pipeline.renderFully(ledgerPath: path, now: Self.now, defaultZone: Self.zone)
    #expect(full.workspace?.journal == journal)
    // Broken since: the render's own ledger still makes its page, with the thank-you in it.
    try Self.append("oops\n", to: path)
    #expect(throws: (any Error).self) { try loaded() }
    let page = HuntReport(try #require(second.workspace), now: Self.now).html()
    #expect(page.contains("Acme GmbH"))
    #expect(journal.entries.contains { $0.verb == .thanked })
  }

  @Test("an appended entry with problems gives every diagnostic a full parse gives")
  func appendedProblems() throws {
    let path = try Self.folder() + "/t.ledger"
    let cache = IncrementalCalendar.Cache()
    _ = try Self.render(path, cache: cache)
    try Self.append("2026-11-05 postponed acme\n2026-11-06 called nobody\n", to: path)
    var fast: RenderError?
    var full: RenderError?
    do {
      _ = try IncrementalCalendar.render(
        ledgerPath: path, now: Self.now, defaultZone: Self.zone, style: .init(), cache: cache)
    } catch { fast = error }
    do {
      _ = try Pipeline.renderFully(ledgerPath: path, now: Self.now, defaultZone: Self.zone)
    } catch { full = error }
    let message = try #require(full?.description)
    #expect(message.contains("missing required key"))
    #expect(message.contains("unknown application ID 'nobody'"))
    #expect(fast?.description == message)
  }

  @Test(
    "a holidays file that is not iCalendar comes with the ledger's other problems, as feed shows them"
  )
  func holidaysProblemsTogether() throws {
    let folder = try Self.folder()
    try "not a calendar\n".write(toFile: folder + "/h.ics", atomically: true, encoding: .utf8)
    try ("holidays h.ics\n" + Self.ledger + "2026-11-06 called nobody\n")
      .write(toFile: folder + "/t.ledger", atomically: true, encoding: .utf8)
    #expect {
      try IncrementalCalendar.render(
        ledgerPath: folder + "/t.ledger", now: Self.now, defaultZone: Self.zone, style: .init(),
        cache: IncrementalCalendar.Cache())
    } throws: { error in
      let message = "\(error)"
      return message.contains("holidays file 'h.ics' is not usable")
        && message.contains("unknown application ID 'nobody'")
    }
  }

  @Test("an interview giving an application its first tz, or a conflicting one, renders in full")
  func zonesOfExistingApplications() throws {
    let path = try Self.folder() + "/t.ledger"
    let cache = IncrementalCalendar.Cache()
    _ = try Self.render(path, cache: cache)
    try Self.append("2026-11-20 10:00 interview acme\n  tz: Europe/London\n\n", to: path)
    #expect(try Self.render(path, cache: cache) == .full)
    try Self.append("2026-11-21 10:00 interview beta\n  tz: America/New_York\n\n", to: path)
    #expect(try Self.render(path, cache: cache) == .incremental(replanned: 1))
  }

  @Test("a later now re-plans only the applications whose actions read otherwise then")
  func laterNow() throws {
    let path = try Self.folder() + "/t.ledger"
    let cache = IncrementalCalendar.Cache()
    let early = ISODateTime.parse("2026-11-03T08:00:00+01:00", defaultZone: Self.zone)!
    _ = try Self.render(path, cache: cache, now: early)
    for hours: Double in [1, 5, 30, 24 * 40] {
      let taken = try Self.render(path, cache: cache, now: early.addingTimeInterval(hours * 3600))
      #expect(taken != .full)
    }
    #expect(try Self.render(path, cache: cache, now: early) != .full)
  }

  @Test("forty random appends, in and out of time order, each render as a full render does")
  func randomAppends() throws {
    let path = try Self.folder() + "/t.ledger"
    let cache = IncrementalCalendar.Cache()
    _ = try Self.render(path, cache: cache)
    var state: UInt64 = 0x2545_F491_4F6C_DD1D
    func roll(_ n: Int) -> Int {
      state ^= state << 13
      state ^= state >> 7
      state ^= state << 17
      return Int(state % UInt64(n))
    }
    let ids = ["acme", "beta", "gamma"]
    var incremental = 0
    for step in 0..<40 {
      let id = ids[roll(ids.count)]
      let day = CivilDate(year: 2026, month: 11, day: 5 + roll(20))
      let entry: String
      switch roll(9) {
      case 0: entry = "\(day) 10:00 postponed \(id)\n  decision: \(day.adding(days: 5))\n"
      case 1: entry = "\(day) 18:30 thanked \(id)\n"
      case 2: entry = "\(day) called \(id)\n  outcome: undecided\n"
      case 3: entry = "\(day) 09:00 interview \(id)\n  decision: \(day.adding(days: 4))\n"
      case 4: entry = "\(day) heard \(id)\n  by: email\n  outcome: undecided\n"
      case 5: entry = "\(day) note \(id)\n  text: step \(step)\n"
      case 6: entry = "\(day) 11:00 interview new\(step)\n  tz: Asia/Tokyo\n"
      case 7: entry = "\(day) agreed \(id)\n  decision: \(day.adding(days: 3))\n  caller: me\n"
      default: entry = "# a comment\n\n"
      }
      try Self.append(entry, to: path)
      if try Self.render(path, cache: cache) != .full { incremental += 1 }
    }
    #expect(incremental > 30)
  }
}
