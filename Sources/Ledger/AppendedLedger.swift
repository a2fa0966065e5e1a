import Foundation

/// A parsed ledger that can take the bytes appended to its file since, without reading the
/// rest again (issue 12: `feed --watch` and `serve` after `tenterhooks log`).
///
/// It keeps the file's bytes and the parser as it stood after the last complete line. When
/// the file now starts with exactly those bytes, only the rest is read, and the new entries
/// are checked the way `Journal.parse` checks them. Whenever that cannot give the very
/// journal (and the very diagnostics) a full parse gives — the earlier bytes changed, the
/// file did not end with a line break, a directive was added, an appended line continues an
/// earlier entry, an interview gives an existing application its first `tz`, or anything at
/// all is wrong — `appending` returns `nil`, and the caller parses the whole file.
package struct AppendableLedger: Sendable {
  /// The journal the bytes parse to.
  package private(set) var journal: Journal
  /// The file's bytes, as parsed.
  private(set) var bytes: [UInt8]
  /// The parser after the last complete line (before a last line without a line break).
  private(set) var parser: LedgerParser
  /// Bytes up to and including the last line break.
  private(set) var consumed: Int
  /// The number of the line after it.
  private(set) var nextLine: Int
  /// The zone each application's first valid `tz` names (those without one use the fallback).
  private(set) var zoned: [String: ZoneID]

  /// Parses `bytes` read from `path`; throws exactly what `Journal.parse` throws.
  package static func parse(_ bytes: [UInt8], path: String, defaultZone: TimeZone)
    throws(Diagnostics) -> AppendableLedger
  {
    var parser = LedgerParser(path: path, defaultZone: defaultZone)
    let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    let (consumed, nextLine) = readLines(bytes, from: start, line: 1, into: &parser)
    var finishing = parser
    readLast(bytes, from: consumed, line: nextLine, into: &finishing)
    let journal = try finishing.finish()
    var zoned: [String: ZoneID] = [:]
    for entry in journal.entries where entry.verb == .interview {
      guard zoned[entry.application] == nil, let tz = entry.value(.tz), ZoneID(tz).timeZone != nil
      else { continue }
      zoned[entry.application] = ZoneID(tz)
    }
    return AppendableLedger(
      journal: journal, bytes: bytes, parser: parser, consumed: consumed, nextLine: nextLine,
      zoned: zoned)
  }

  /// Whether `bytes` are the bytes this ledger was parsed from.
  package func isParsed(from bytes: [UInt8]) -> Bool { bytes == self.bytes }

  /// Reads `bytes` — the whole file now — and appends the new entries to `journal`;
  /// returns their positions in `journal.entries`, or `nil` when the whole file must be
  /// parsed again (see the type's description). After `nil` this value is of no further use
  /// (it is updated in place, so that appending does not copy the journal).
  package mutating func append(_ bytes: [UInt8]) -> Range<Int>? {
    guard consumed == self.bytes.count, bytes.count > self.bytes.count,
      bytes.starts(with: self.bytes)
    else { return nil }
    let oldSettings = parser.settings
    let oldDirectives = parser.directiveLines
    let oldCount = parser.entries.count
    let oldLast = parser.entries.indices.last.map {
      (parser.entries[$0].fieldEnd, parser.pending[$0].misspelt)
    }
    guard oldCount == journal.entries.count else { return nil }
    let start = consumed == 0 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : consumed
    let (consumed, nextLine) = Self.readLines(
      bytes, from: start, line: self.nextLine, into: &parser)
    var next = parser
    Self.readLast(bytes, from: consumed, line: nextLine, into: &next)
    guard next.diagnostics.isEmpty, next.settings == oldSettings,
      next.directiveLines == oldDirectives, next.entries.count > oldCount
    else { return nil }
    // An appended field line would belong to the last entry written before.
    if let (fieldEnd, misspelt) = oldLast {
      guard next.entries[oldCount - 1].fieldEnd == fieldEnd,
        next.pending[oldCount - 1].misspelt == misspelt
      else { return nil }
    }
    var zoned = self.zoned
    var zones = journal.zones
    let fallback = next.settings.timeZone ?? ZoneID(next.defaultZone.identifier)
    let added = oldCount..<next.entries.count
    for index in added where next.entries[index].verb == .interview {
      guard next.pending[index].hasApplication else { return nil }
      let id = next.entries[index].application
      if let tz = next.value(.tz, index).map({ ZoneID($0) }), tz.timeZone != nil {
        if let earlier = zoned[id] {
          guard earlier == tz else { return nil }  // conflicting zone: a diagnostic
        } else {
          // An application that had no `tz` until now changes zone: every entry moves.
          guard zones[id] == nil else { return nil }
          zoned[id] = tz
        }
      }
      if zones[id] == nil { zones[id] = zoned[id] ?? fallback }
    }
    for index in added {
      let facts = next.pending[index]
      let entry = next.entries[index]
      guard facts.hasApplication, zones[entry.application] != nil, facts.hasDate else {
        return nil
      }
      for key in Vocabulary.requiredKeys(for: entry.verb)
      where !next.has(key, index) && !facts.misspelt.contains(key) {
        return nil
      }
    }
    let yourZone = fallback.timeZone ?? next.defaultZone
    // The new entries' fields: the store holds the parser's buffer, shared until it grows.
    let store = FieldStore(path: next.path, bytes: next.fieldBytes)
    journal.entries.reserveCapacity(oldCount + added.count)
    for index in added {
      var entry = next.entries[index]
      LedgerParser.finish(
        &entry, store: store, zones: zones, yourZone: yourZone, defaultZone: next.defaultZone)
      journal.entries.append(entry)
    }
    journal.zones = zones
    journal.interviewHolidays = next.interviewHolidays
    self.bytes = bytes
    self.consumed = consumed
    self.nextLine = nextLine
    self.zoned = zoned
    return oldCount..<journal.entries.count
  }

  /// Reads every line of `bytes` from `start` that ends with a line break, as
  /// `SourceText.forEachLine` does; returns where the last one ended and the next number.
  static func readLines(
    _ bytes: [UInt8], from start: Int, line number: Int, into parser: inout LedgerParser
  ) -> (consumed: Int, nextLine: Int) {
    var start = start
    var number = number
    var index = start
    while let newline = bytes[index...].firstIndex(of: 0x0A) {
      var end = newline
      if end > start, bytes[end - 1] == 0x0D { end -= 1 }
      parser.read(SourceText.decode(bytes[start..<end], number: number))
      number += 1
      index = newline + 1
      start = index
    }
    return (start, number)
  }

  /// Reads the last line when it has no line break.
  static func readLast(
    _ bytes: [UInt8], from start: Int, line number: Int, into parser: inout LedgerParser
  ) {
    guard start < bytes.count else { return }
    var end = bytes.count
    if end > start, bytes[end - 1] == 0x0D { end -= 1 }
    parser.read(SourceText.decode(bytes[start..<end], number: number))
  }
}
