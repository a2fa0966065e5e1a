/// One physical line of a ledger, decoded.
struct SourceLine {
  /// 1-based line number.
  var number: Int
  /// The line's Unicode scalars, without the line ending (LF or CRLF) or a leading BOM.
  var scalars: [Unicode.Scalar]
  /// The 1-based column of the first byte that is not valid UTF-8, if any.
  var invalidByteColumn: Int?
  /// The line's bytes when it is all ASCII (one byte per scalar, so scalar offsets are byte
  /// offsets and slices can be copied as bytes); `nil` otherwise.
  var ascii: ArraySlice<UInt8>? = nil

  /// The whole line as a string.
  var text: String { slice(0, scalars.count) }

  /// Whether the line starts with a space or a tab.
  var isIndented: Bool { scalars.first?.isLedgerSpace ?? false }

  /// The 1-based column of the first character that is not a space or tab.
  var firstTextColumn: Int {
    (scalars.firstIndex(where: { !$0.isLedgerSpace }) ?? scalars.count) + 1
  }

  /// The line's first word (`words.first`, without making the others): all a field line
  /// needs, and most lines are field lines (issue 12).
  var firstWord: Word? {
    guard let start = scalars.firstIndex(where: { !$0.isLedgerSpace }) else { return nil }
    let end = scalars[start...].firstIndex(where: \.isLedgerSpace) ?? scalars.count
    return Word(text: slice(start, end), column: start + 1)
  }

  /// The whitespace-separated words of the line with their 1-based columns.
  var words: [Word] {
    var result: [Word] = []
    // An entry header has four or five words: one allocation instead of four growths.
    result.reserveCapacity(8)
    var start: Int?
    for (index, scalar) in scalars.enumerated() {
      if scalar.isLedgerSpace {
        if let s = start {
          result.append(Word(text: slice(s, index), column: s + 1))
          start = nil
        }
      } else if start == nil {
        start = index
      }
    }
    if let s = start { result.append(Word(text: slice(s, scalars.count), column: s + 1)) }
    return result
  }

  /// The text from a 1-based column to the end of the line, with surrounding spaces trimmed,
  /// and the column where that trimmed text starts.
  func rest(from column: Int) -> Word {
    var start = max(column - 1, 0)
    var end = scalars.count
    while start < end, scalars[start].isLedgerSpace { start += 1 }
    while end > start, scalars[end - 1].isLedgerSpace { end -= 1 }
    return Word(text: slice(start, end), column: start + 1)
  }

  func slice(_ from: Int, _ to: Int) -> String {
    if let ascii {
      let start = ascii.startIndex
      return String(decoding: ascii[(start + from)..<(start + to)], as: UTF8.self)
    }
    return String(String.UnicodeScalarView(scalars[from..<to]))
  }
}

/// A piece of a line and where it starts.
struct Word {
  var text: String
  /// 1-based column of its first character.
  var column: Int
}

extension Unicode.Scalar {
  /// Space or tab: the only whitespace the ledger format knows inside a line.
  var isLedgerSpace: Bool { self == " " || self == "\t" }
}

enum SourceText {
  /// Splits ledger bytes into lines — LF or CRLF endings, a leading UTF-8 BOM skipped, each
  /// line decoded as UTF-8 on its own so one bad byte spoils only its line — and hands them
  /// over one at a time, so a large ledger is never held as decoded lines.
  static func forEachLine(_ bytes: [UInt8], _ body: (SourceLine) -> Void) {
    var lines = LineSplitter()
    lines.feed(bytes[...], body)
    lines.finish(body)
  }

  static func decode(_ bytes: ArraySlice<UInt8>, number: Int) -> SourceLine {
    if bytes.allSatisfy({ $0 < 0x80 }) {
      return SourceLine(
        number: number, scalars: bytes.map { Unicode.Scalar($0) }, invalidByteColumn: nil,
        ascii: bytes)
    }
    var scalars: [Unicode.Scalar] = []
    scalars.reserveCapacity(bytes.count)
    var iterator = bytes.makeIterator()
    var decoder = Unicode.UTF8()
    while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar):
        scalars.append(scalar)
      case .emptyInput:
        return SourceLine(number: number, scalars: scalars, invalidByteColumn: nil)
      case .error:
        return SourceLine(
          number: number, scalars: scalars, invalidByteColumn: scalars.count + 1)
      }
    }
  }
}

/// `SourceText.forEachLine` for text that arrives in pieces (`LedgerFile.read`): the same
/// lines, numbered the same, whatever the pieces' sizes. Only a line cut by a piece's end is
/// copied, to be joined with the next piece.
struct LineSplitter {
  /// The bytes after the last line break seen: the start of a line not yet ended.
  private var carry: [UInt8] = []
  private var number = 1
  /// Whether the first three bytes were seen (and a BOM among them skipped).
  private var started = false

  /// Reads `piece`, calling `body` with every line it ends.
  mutating func feed(_ piece: ArraySlice<UInt8>, _ body: (SourceLine) -> Void) {
    guard started else {
      carry.append(contentsOf: piece)
      guard carry.count >= 3 else { return }
      started = true
      let first = carry
      carry = []
      split(first.starts(with: [0xEF, 0xBB, 0xBF]) ? first[3...] : first[...], body)
      return
    }
    split(piece, body)
  }

  /// Ends the text: the last line, when it has no line break.
  mutating func finish(_ body: (SourceLine) -> Void) {
    // Fewer than three bytes in all cannot start with a three-byte BOM.
    started = true
    guard !carry.isEmpty else { return }
    body(line(carry[...]))
    carry = []
  }

  private mutating func split(_ piece: ArraySlice<UInt8>, _ body: (SourceLine) -> Void) {
    var start = piece.startIndex
    while let newline = piece[start...].firstIndex(of: 0x0A) {
      if carry.isEmpty {
        body(line(piece[start..<newline]))
      } else {
        carry.append(contentsOf: piece[start..<newline])
        body(line(carry[...]))
        carry.removeAll(keepingCapacity: true)
      }
      start = newline + 1
    }
    carry.append(contentsOf: piece[start...])
  }

  /// The line `bytes` (without its LF), without a CR before the LF.
  private mutating func line(_ bytes: ArraySlice<UInt8>) -> SourceLine {
    var end = bytes.endIndex
    if end > bytes.startIndex, bytes[end - 1] == 0x0D { end -= 1 }
    defer { number += 1 }
    return SourceText.decode(bytes[bytes.startIndex..<end], number: number)
  }
}
