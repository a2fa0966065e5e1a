import Foundation
import SeededRandom
import Testing

@testable import Ledger

/// Seeded random ledgers: the parser never crashes, every diagnostic points inside the input,
/// and what the CLI appends reads back as itself.
@Suite("Property tests")
struct PropertyTests {
  static let fuzzInputs = 3000

  /// Lines a ledger is made of, good and bad.
  static let fragments: [String] = [
    "2026-11-24 10:00 interview acme", "2026-11-25 thanked acme", "2026-11-26 called acme",
    "2026-02-30 heard acme", "2026-11-24 25:61 agreed acme", "2026-11-27 postponed beta",
    "2026-11-28 interview beta", "2026-12-01 offer acme", "2026-12-01 withdrew zeta",
    "2026-11-24 note acme", "  company: Acme", "  decision: 2026-12-01", "  decision: 2026-13-45",
    "  caller: me", "  caller: them", "  news: both", "  tz: America/New_York", "  tz: Mars/Base",
    "  outcome: offer", "  by: email", "  thanks: maybe", "  note: # not a comment", "\tnote: tab",
    "  text: ünïcödé 😀", "  decision:", "  : value", "  no colon here", "# a comment",
    "   # indented comment", "", "   ", "timezone Europe/Berlin", "timezone Nowhere/City",
    "workdays mon-fri", "workdays sun,mon,tue", "workdays mon-", "call-at 10:00", "call-at 99:99",
    "follow-up-after 3", "reconsider-after x", "check-email daily", "calendar-name Jobs",
    "uid-domain example.com", "uid-domain -bad-", "holidays missing.ics", "frobnicate",
    "interview acme", "2026-11-24", "2026-11-24 10:00", "2026-11-24 10:00 interview",
    "2026-11-24 interview ACME", "2026-11-24 interview acme extra words", "9999-99-99 x y z",
  ]

  /// Input lines, as the parser will count them (LF, CRLF; a BOM is not a line).
  static func lines(of bytes: [UInt8]) -> [[UInt8]] {
    var body = bytes[...]
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
    var result = body.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
    if result.last?.isEmpty == true { result.removeLast() }
    return result
  }

  static func randomLedger(_ rng: inout SplitMix64) -> [UInt8] {
    var bytes: [UInt8] = []
    if Int.random(in: 0..<10, using: &rng) == 0 { bytes += [0xEF, 0xBB, 0xBF] }
    let eol: [UInt8] = Bool.random(using: &rng) ? [0x0A] : [0x0D, 0x0A]
    for _ in 0..<Int.random(in: 0...25, using: &rng) {
      bytes += Array(fragments.randomElement(using: &rng)!.utf8) + eol
    }
    // Mutations: flip, insert and delete random bytes (some of them invalid UTF-8).
    for _ in 0..<Int.random(in: 0...6, using: &rng) where !bytes.isEmpty {
      let at = Int.random(in: 0..<bytes.count, using: &rng)
      switch Int.random(in: 0..<3, using: &rng) {
      case 0: bytes[at] = UInt8.random(in: 0...255, using: &rng)
      case 1: bytes.insert(UInt8.random(in: 0...255, using: &rng), at: at)
      default: bytes.remove(at: at)
      }
    }
    if Bool.random(using: &rng), !bytes.isEmpty { bytes.removeLast() }
    return bytes
  }

  @Test("random and mutated ledgers parse or give diagnostics that point inside the input")
  func fuzzParser() async {
    var rng = SplitMix64(seed: 0x7E47E4)
    var parsed = 0
    var rejected = 0
    for index in 0..<Self.fuzzInputs {
      // A long synchronous loop would hold one of the few threads the test runner's tasks
      // share; yielding now and then lets the timing-sensitive feed tests run meanwhile.
      if index % 100 == 0 { await Task.yield() }
      let bytes = Self.randomLedger(&rng)
      let lines = Self.lines(of: bytes)
      do {
        _ = try Journal.parse(bytes, path: "fuzz.ledger", defaultZone: .current)
        parsed += 1
      } catch {
        rejected += 1
        #expect(!error.items.isEmpty)
        for item in error.items {
          let inside = (1...max(lines.count, 1)).contains(item.location.line)
          #expect(inside, "line \(item.location.line) outside \(lines.count) lines")
          guard inside, !lines.isEmpty else { continue }
          // Columns count characters; one past the end is where a missing word was expected.
          let line = lines[item.location.line - 1]
          let length = String(decoding: line, as: UTF8.self).unicodeScalars.count
          #expect(
            (1...length + 1).contains(item.location.column),
            "column \(item.location.column) outside line of \(length): \(item)")
        }
      }
    }
    // The generator must exercise both outcomes, or the test proves little.
    #expect(parsed > 50)
    #expect(rejected > 50)
  }

  static let keyValues: [String: [String]] = [
    "company": ["Acme GmbH", "Ünïcode & Co. KG", "#1 Employer"],
    "role": ["iOS Engineer", "Dev: Swift"], "contact": ["Jane Doe", "José Ñúñez"],
    "email": ["jane@acme.example"], "phone": ["+49 30 123"], "tz": ["America/New_York", "UTC"],
    "decision": ["2026-12-01", "2027-02-28"], "caller": ["employer", "me"],
    "news": ["call", "email", "both"], "thanks": ["yes", "no"],
    "url": ["https://acme.example/jobs?id=1#top"], "place": ["Room 4: left"],
    "note": ["x", "a # b", "key: value", "😀 emoji", "trailing colon:"],
    "outcome": ["undecided", "offer", "rejected"], "by": ["call", "email"],
    "text": ["free text", "  spaced  "],
    // The generated ledgers start with the application's interview on 2026-01-01 at 09:00.
    "cancels": ["2026-01-01", "2026-01-01 09:00"],
    // The parser checks that a holidays file exists and is readable, not what it holds.
    "holidays": ["/dev/null"], "answer-by": ["2026-12-20"],
  ]

  @Test("every entry the CLI can append prints, parses and prints again the same")
  func printParsePrintIsStable() throws {
    var rng = SplitMix64(seed: 42)
    for _ in 0..<1000 {
      let verb = Verb.allCases.randomElement(using: &rng)!
      let keys = Vocabulary.keys(for: verb).filter { _ in Bool.random(using: &rng) }
      var fields = keys.map { key in
        DraftField(
          key: key.rawValue,
          value: Self.keyValues[key.rawValue]!.randomElement(using: &rng)!.trimmed)
      }
      if verb == .postponed, !keys.contains(.decision) {
        fields.append(DraftField(key: "decision", value: "2026-12-24"))
      }
      let date = CivilDate(daysSinceEpoch: Int.random(in: 20_000...21_000, using: &rng))
      let time =
        Bool.random(using: &rng)
        ? LocalTime(
          hour: Int.random(in: 0...23, using: &rng), minute: Int.random(in: 0...59, using: &rng))
        : nil
      let id = ["acme", "a.b_c-d", "0x9"].randomElement(using: &rng)!
      let text = EntryText.render(
        date: date, time: time, verb: verb.rawValue, application: id, fields: fields)
      let prefix = verb == .interview ? "" : "2026-01-01 interview \(id)\n"
      let first = try Journal.parse(Array((prefix + text).utf8), path: "p", defaultZone: .current)
      let entry = try #require(first.entries.last)
      #expect(entry.ledgerText == text)
      #expect(entry.date == date && entry.time == time && entry.verb == verb)
      #expect(entry.fields.map(\.value) == fields.map(\.value))
      let second = try Journal.parse(
        Array((prefix + entry.ledgerText).utf8), path: "p", defaultZone: .current)
      #expect(second == first)
    }
  }

  @Test("entries appended through LedgerFile read back as the drafts that made them")
  func appendedEntriesReadBack() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("a.ledger").path
    // No trailing newline: the appender must add one.
    try Data("timezone Europe/Berlin\n2026-11-24 interview acme".utf8)
      .write(to: URL(fileURLWithPath: path))
    var rng = SplitMix64(seed: 7)
    var expected: [[String]] = []
    for i in 0..<40 {
      let value = Self.keyValues["note"]!.randomElement(using: &rng)! + " \(i)"
      let draft = EntryDraft(
        verb: "note", application: "acme",
        moment: .instant(Date(timeIntervalSince1970: 1_795_000_000 + Double(i) * 3600)),
        fields: [DraftField(key: "note", value: "  " + value + " ")])
      _ = try LedgerFile.append([draft], to: path, defaultZone: .current)
      expected.append(["note", value])
    }
    let j = try Journal.load(path: path, defaultZone: .current)
    #expect(j.entries.count == 41)
    #expect(
      j.entries.dropFirst().map { [$0.fields[0].key.rawValue, $0.fields[0].value] } == expected)
    // Written in Berlin time: 1_795_000_000 is 2026-11-18T11:06:40Z = 12:06 CET.
    #expect(j.entries[1].time == LocalTime(hour: 12, minute: 6))
  }
}

@Suite("Path resolution")
struct PathResolutionTests {
  @Test(
    "a holidays path resolves against the ledger's folder for any shape of ledger path",
    arguments: [
      ("j", "h.ics", "h.ics"),
      ("a", "/abs/h.ics", "/abs/h.ics"),
      ("./j", "h.ics", "./h.ics"),
      ("../j", "h.ics", "../h.ics"),
      ("../../x/j", "../h.ics", "../../x/../h.ics"),
      ("/j", "h.ics", "/h.ics"),
      ("/", "h.ics", "/h.ics"),
      ("//j", "h.ics", "/h.ics"),
      ("dir/", "h.ics", "h.ics"),
      ("dir//j", "h.ics", "dir/h.ics"),
      ("Bewerbungen/Übersicht.ledger", "Feiertage-ü.ics", "Bewerbungen/Feiertage-ü.ics"),
      ("日本/j", "祝日.ics", "日本/祝日.ics"),
    ])
  func resolvesRelativePaths(ledger: String, written: String, expected: String) {
    #expect(FilePaths.resolve(written, relativeTo: ledger) == expected)
  }

  @Test("~ in a holidays path means the home folder")
  func expandsHome() throws {
    let home = try #require(ProcessInfo.processInfo.environment["HOME"])
    #expect(FilePaths.resolve("~/h.ics", relativeTo: "j") == home + "/h.ics")
  }

  @Test("folder and last component split any path without trapping, and rejoin it")
  func splitsAnyPath() {
    var random = SplitMix64(seed: 29)
    let alphabet: [String] = ["a", "/", ".", "..", "ü", "日", " ", "~", "-"]
    for _ in 0..<2000 {
      let path = (0..<Int(random.next() % 8)).map { _ in
        alphabet[Int(random.next() % UInt64(alphabet.count))]
      }.joined()
      let folder = FilePaths.folder(of: path)
      let last = FilePaths.lastComponent(of: path)
      #expect(!folder.hasSuffix("/") || folder == "/", "\(path)")
      if !path.contains("/") {
        #expect(folder.isEmpty)
        #expect(last == path)
      }
      _ = FilePaths.normalized(path)
      _ = FilePaths.resolve(last, relativeTo: path)
    }
  }

  @Test("a ledger with a holidays line parses whatever its path looks like")
  func parsesWithShortPaths() throws {
    for path in ["j", "/j", "./j", "../j", "ü", "日本"] {
      let found = diagnostics("holidays absent.ics\n", path: path)
      #expect(found.count == 1, "\(path)")
      #expect(found.first?.message == "holidays file 'absent.ics' not found")
    }
  }
}
