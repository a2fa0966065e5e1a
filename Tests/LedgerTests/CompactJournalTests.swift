import Foundation
import SeededRandom
import Testing

@testable import Ledger

/// Issue 12's lean journal: entries with packed fields, and a ledger parsed as it is read in
/// pieces. Whatever the storage, an entry reads back as it was made, and the pieces give
/// the journal (or the diagnostics) the whole text gives.
@Suite("Compact journal")
struct CompactJournalTests {
  static let berlin = TimeZone(identifier: "Europe/Berlin")!

  static func location(_ line: Int, _ column: Int, path: String = "a.ledger")
    -> Ledger.SourceLocation
  {
    Ledger.SourceLocation(path: path, line: line, column: column)
  }

  /// Fields that exercise every part of the packing: multi-byte text, values longer than
  /// one and two length bytes, lines and columns far apart, a negative line, another file.
  static let awkwardFields: [Field] = [
    Field(key: .company, value: "Ünïcödé GmbH 😀", location: location(2, 3)),
    Field(key: .role, value: String(repeating: "r", count: 200), location: location(3, 3)),
    Field(key: .note, value: String(repeating: "ж", count: 20_000), location: location(4, 9)),
    Field(key: .contact, value: "", location: location(1_000_000, 70_000)),
    Field(key: .email, value: "x@y.z", location: location(-5, 1)),
    Field(key: .url, value: "https://example.com", location: location(7, 3, path: "b.ledger")),
  ]

  static func entry(fields: [Field] = awkwardFields, order: Int = 4) -> Entry {
    Entry(
      verb: .interview, application: "a-rather-long-application-id",
      date: CivilDate(year: 2026, month: 11, day: 24), time: LocalTime(hour: 14, minute: 5),
      instant: Date(timeIntervalSince1970: 1_795_000_000), fields: fields,
      location: location(1, 1), order: order)
  }

  @Test("an entry's fields read back exactly as they were given, one by one and all at once")
  func fieldsRoundTrip() {
    let entry = Self.entry()
    #expect(entry.fields == Self.awkwardFields)
    for field in Self.awkwardFields {
      #expect(entry.value(field.key) == field.value)
      #expect(entry.field(field.key) == field)
      #expect(entry.has(field.key))
    }
    #expect(entry.value(.decision) == nil && entry.field(.decision) == nil && !entry.has(.decision))
    #expect(Self.entry(fields: []).fields.isEmpty)
  }

  @Test("with a key given twice (only code can do that), the last one is the value")
  func lastOfTwo() {
    let entry = Self.entry(fields: [
      Field(key: .company, value: "First", location: Self.location(2, 3)),
      Field(key: .company, value: "Second", location: Self.location(3, 3)),
    ])
    #expect(entry.value(.company) == "Second")
    #expect(entry.field(.company)?.location.line == 3)
    #expect(entry.fields.count == 2)
  }

  @Test("every property of an entry can be set and reads back what was set")
  func setters() {
    var entry = Self.entry()
    entry.date = CivilDate(year: -44, month: 3, day: 15)
    entry.time = nil
    entry.order = 1_000_000
    entry.location = Self.location(123_456, 7)
    #expect(entry.date == CivilDate(year: -44, month: 3, day: 15))
    #expect(entry.time == nil)
    #expect(entry.order == 1_000_000)
    #expect(entry.location == Self.location(123_456, 7))
    #expect(entry.fields == Self.awkwardFields)
    entry.time = LocalTime(hour: 23, minute: 59)
    #expect(entry.time == LocalTime(hour: 23, minute: 59))
    // Moving the entry to another file keeps each field where it was.
    entry.location = Self.location(9, 1, path: "c.ledger")
    #expect(entry.location.path == "c.ledger")
    #expect(entry.fields == Self.awkwardFields)
    let replaced = [Field(key: .tz, value: "Asia/Tokyo", location: Self.location(10, 3))]
    entry.fields = replaced
    #expect(entry.fields == replaced)
    #expect(entry.value(.company) == nil)
  }

  @Test("entries are equal, and hash alike, exactly when what they hold is equal")
  func equality() {
    let one = Self.entry()
    let same = Self.entry()
    #expect(one == same)
    #expect(one.hashValue == same.hashValue)
    var changed = Self.awkwardFields
    changed[1].value += "!"
    #expect(Self.entry(fields: changed) != one)
    changed = Self.awkwardFields
    changed[0].location.column += 1
    #expect(Self.entry(fields: changed) != one)
    #expect(Self.entry(order: 5) != one)
    var moved = one
    moved.time = LocalTime(hour: 14, minute: 6)
    #expect(moved != one)
  }

  @Test("a parsed entry equals the same entry made in code")
  func parsedEqualsBuilt() throws {
    let text = "2026-11-24 14:05 interview acme\n  company: Acme\n\n  role: Engineer\n"
    let parsed = try Journal.parse(Array(text.utf8), path: "a.ledger", defaultZone: Self.berlin)
    let built = Entry(
      verb: .interview, application: "acme", date: CivilDate(year: 2026, month: 11, day: 24),
      time: LocalTime(hour: 14, minute: 5), instant: parsed.entries[0].instant,
      fields: [
        Field(key: .company, value: "Acme", location: Self.location(2, 3)),
        Field(key: .role, value: "Engineer", location: Self.location(4, 3)),
      ], location: Self.location(1, 1), order: 0)
    #expect(parsed.entries == [built])
    let again = try Journal.parse(Array(text.utf8), path: "a.ledger", defaultZone: Self.berlin)
    #expect(again == parsed)
    #expect(again.hashValue == parsed.hashValue)
  }

  @Test("a field key's code is its position among all keys, and they fit a 32-bit set")
  func keyCodes() {
    for (position, key) in FieldKey.allCases.enumerated() {
      #expect(Int(key.code) == position, "\(key)")
    }
    #expect(FieldKey.allCases.count <= 32)
    var set = FieldKeySet()
    set.insert(.cancels)
    set.insert(.company)
    #expect(FieldKey.allCases.filter { set.contains($0) } == [.company, .cancels])
  }

  /// What a line split yields, comparable.
  struct Line: Equatable {
    var number: Int
    var text: [Unicode.Scalar]
    var invalidByteColumn: Int?

    init(_ line: SourceLine) {
      number = line.number
      text = line.scalars
      invalidByteColumn = line.invalidByteColumn
    }
  }

  @Test("text read in pieces of any sizes splits into the lines the whole text splits into")
  func piecesSplitLikeWhole() {
    var rng = SplitMix64(seed: 12)
    for _ in 0..<2000 {
      var bytes = PropertyTests.randomLedger(&rng)
      // Line ends of every kind where pieces may cut them.
      if Bool.random(using: &rng) { bytes += [0x0D] }
      var whole: [Line] = []
      SourceText.forEachLine(bytes) { whole.append(Line($0)) }
      var pieces: [Line] = []
      var splitter = LineSplitter()
      var at = 0
      while at < bytes.count {
        let size = Int.random(in: 1...8, using: &rng)
        splitter.feed(bytes[at..<min(at + size, bytes.count)]) { pieces.append(Line($0)) }
        at += size
      }
      splitter.finish { pieces.append(Line($0)) }
      #expect(pieces == whole, "\(bytes)")
      if pieces != whole { return }
    }
  }

  @Test("a line's first word is the first of its words, with the same column")
  func firstWordIsTheFirstOfTheWords() {
    var rng = SplitMix64(seed: 21)
    let pieces = [" ", "\t", "a", "é", "#", ":", "1", "-", "  ", "\u{1F600}", "key:"]
    var lines: [SourceLine] = []
    for _ in 0..<3000 {
      let line = (0..<Int.random(in: 0...8, using: &rng))
        .map { _ in pieces[Int.random(in: 0..<pieces.count, using: &rng)] }.joined()
      SourceText.forEachLine(Array((line + "\n").utf8)) { lines.append($0) }
    }
    SourceText.forEachLine(Array(PropertyTests.randomLedger(&rng))) { lines.append($0) }
    #expect(lines.count > 3000)
    var blank = 0
    for line in lines {
      let (first, words) = (line.firstWord, line.words)
      #expect(first?.text == words.first?.text, "\(line.scalars)")
      #expect(first?.column == words.first?.column, "\(line.scalars)")
      if first == nil { blank += 1 }
    }
    // Blank lines were among them.
    #expect(blank > 0)
  }

  @Test("a ledger parsed in pieces gives the very journal, or diagnostics, of the whole text")
  func piecesParseLikeWhole() {
    var rng = SplitMix64(seed: 2026)
    for _ in 0..<1000 {
      let bytes = PropertyTests.randomLedger(&rng)
      var parser = LedgerParser(path: "t.ledger", defaultZone: Self.berlin)
      var splitter = LineSplitter()
      var at = 0
      while at < bytes.count {
        let size = Int.random(in: 1...40, using: &rng)
        splitter.feed(bytes[at..<min(at + size, bytes.count)]) { parser.read($0) }
        at += size
      }
      splitter.finish { parser.read($0) }
      let inPieces = Result { () throws(Diagnostics) in try parser.finish() }
      let whole = Result { () throws(Diagnostics) in
        try Journal.parse(bytes, path: "t.ledger", defaultZone: Self.berlin)
      }
      #expect(inPieces == whole, "\(bytes)")
      if inPieces != whole { return }
    }
  }

  @Test("a file read in chunks of any size arrives whole and in order, after one restart")
  func chunkedRead() throws {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("chunks-\(UUID().uuidString).ledger").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    for size in [1, 3, 4096, 9_999, 10_000, 1 << 20] {
      var read: [UInt8] = []
      var restarts: [Int] = []
      try LedgerFile.read(path, chunkSize: size) {
        restarts.append($0)
      } chunk: {
        #expect($0.count <= size)
        read += $0
      }
      #expect(read == bytes, "chunks of \(size)")
      #expect(restarts == [bytes.count])
    }
    #expect(try LedgerFile.snapshot(path) == bytes)
  }

  @Test("a ledger larger than the chunks loads as the same journal as its bytes parse to")
  func loadAcrossChunks() throws {
    var text = "timezone Europe/Berlin\n"
    for n in 0..<12_000 {
      text += "2026-11-24 14:05 interview app\(n)\n  company: Company \(n) — Ünïcödé\n"
      text += "  tz: Asia/Tokyo\n\n2026-11-25 thanked app\(n)\n\n"
    }
    let bytes = Array(text.utf8)
    #expect(bytes.count > 1 << 20)
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("large-\(UUID().uuidString).ledger").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let loaded = try Journal.load(path: path, defaultZone: .gmt)
    let parsed = try Journal.parse(bytes, path: path, defaultZone: .gmt)
    #expect(loaded == parsed)
    #expect(loaded.entries.count == 24_000)
  }
}
