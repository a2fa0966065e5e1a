/// The fields of entries, packed into one byte buffer (issue 12: a journal of 100k
/// applications held every field as a `Field` — a `String` and a `SourceLocation` with its own
/// path, ~60 bytes before the value's own heap storage — in an array of its own per entry).
///
/// One parse packs every entry's fields into one buffer, and each `Entry` keeps a reference
/// to it and the range of its bytes. A field is:
///
/// - one byte: the key's position in `FieldKey.allCases`, plus 0x80 when the field's path is
///   not the buffer's (only for entries built in code with fields from another file), then
///   that path as a length and UTF-8 bytes;
/// - the line and the column, each zigzag-encoded (so any `Int` fits) as a variable-length
///   number: 7 bits a byte, the high bit set on every byte but the last;
/// - the value's length in bytes, the same way, then its UTF-8 bytes.
///
/// The encoding of a list of fields is unique, so two entries' fields are equal exactly when
/// their bytes are.
package final class FieldStore: Sendable {
  /// The file the fields are from: every location in it has this path unless flagged.
  package let path: String
  /// The packed fields.
  package let bytes: [UInt8]

  package init(path: String, bytes: [UInt8]) {
    self.path = path
    self.bytes = bytes
  }
}

/// Reading and writing the packed form (see `FieldStore`).
package enum PackedFields {
  /// Each key's code: its position in `FieldKey.allCases`.
  private static let keys = FieldKey.allCases
  private static let ownPath: UInt8 = 0x80

  /// Appends `field` to `bytes`, whose fields have paths equal to `path`.
  package static func append(_ field: Field, path: String, to bytes: inout [UInt8]) {
    append(
      key: field.key, value: field.value, line: field.location.line,
      column: field.location.column, path: field.location.path == path ? nil : field.location.path,
      to: &bytes)
  }

  /// Appends one field; `path` only when it is not the buffer's.
  package static func append(
    key: FieldKey, value: String, line: Int, column: Int, path: String? = nil,
    to bytes: inout [UInt8]
  ) {
    let code = key.code
    if let path {
      bytes.append(code | ownPath)
      appendNumber(UInt64(path.utf8.count), to: &bytes)
      bytes.append(contentsOf: path.utf8)
    } else {
      bytes.append(code)
    }
    appendNumber(zigzag(line), to: &bytes)
    appendNumber(zigzag(column), to: &bytes)
    appendNumber(UInt64(value.utf8.count), to: &bytes)
    bytes.append(contentsOf: value.utf8)
  }

  /// The fields packed in `bytes[range]`, with `path` where they have none of their own.
  package static func fields(in bytes: [UInt8], _ range: Range<Int>, path: String) -> [Field] {
    var result: [Field] = []
    forEach(in: bytes, range) { key, value, line, column, ownPath in
      result.append(
        Field(
          key: key, value: string(value),
          location: SourceLocation(path: ownPath.map(string) ?? path, line: line, column: column)))
      return true
    }
    return result
  }

  /// The last field with `key` in `bytes[range]`.
  package static func field(
    _ key: FieldKey, in bytes: [UInt8], _ range: Range<Int>, path: String
  ) -> Field? {
    var result: Field?
    forEach(in: bytes, range) { candidate, value, line, column, ownPath in
      if candidate == key {
        result = Field(
          key: key, value: string(value),
          location: SourceLocation(path: ownPath.map(string) ?? path, line: line, column: column))
      }
      return true
    }
    return result
  }

  /// The value of the last field with `key` in `bytes[range]`.
  package static func value(_ key: FieldKey, in bytes: [UInt8], _ range: Range<Int>) -> String? {
    var result: String?
    forEach(in: bytes, range) { candidate, value, _, _, _ in
      if candidate == key { result = string(value) }
      return true
    }
    return result
  }

  /// Whether `bytes[range]` has a field with `key`.
  package static func contains(_ key: FieldKey, in bytes: [UInt8], _ range: Range<Int>) -> Bool {
    var found = false
    forEach(in: bytes, range) { candidate, _, _, _, _ in
      found = candidate == key
      return !found
    }
    return found
  }

  /// Calls `body` with each field's parts in order until it returns `false`. The buffers are
  /// valid only during the call.
  private static func forEach(
    in bytes: [UInt8], _ range: Range<Int>,
    _ body:
      (
        _ key: FieldKey, _ value: UnsafeBufferPointer<UInt8>, _ line: Int, _ column: Int,
        _ path: UnsafeBufferPointer<UInt8>?
      ) -> Bool
  ) {
    guard !range.isEmpty else { return }
    bytes.withUnsafeBufferPointer { buffer in
      var at = range.lowerBound
      while at < range.upperBound {
        let code = buffer[at]
        at += 1
        var path: UnsafeBufferPointer<UInt8>?
        if code & ownPath != 0 {
          let length = Int(readNumber(buffer, &at))
          path = UnsafeBufferPointer(rebasing: buffer[at..<(at + length)])
          at += length
        }
        let line = unzigzag(readNumber(buffer, &at))
        let column = unzigzag(readNumber(buffer, &at))
        let length = Int(readNumber(buffer, &at))
        let value = UnsafeBufferPointer(rebasing: buffer[at..<(at + length)])
        at += length
        guard body(keys[Int(code & ~ownPath)], value, line, column, path) else { return }
      }
    }
  }

  private static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    String(decoding: bytes, as: UTF8.self)
  }

  private static func appendNumber(_ number: UInt64, to bytes: inout [UInt8]) {
    var number = number
    while number >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: number) | 0x80)
      number >>= 7
    }
    bytes.append(UInt8(number))
  }

  private static func readNumber(_ buffer: UnsafeBufferPointer<UInt8>, _ at: inout Int) -> UInt64 {
    var number: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      let byte = buffer[at]
      at += 1
      number |= UInt64(byte & 0x7F) << shift
      if byte < 0x80 { return number }
      shift += 7
    }
  }

  private static func zigzag(_ n: Int) -> UInt64 {
    UInt64(bitPattern: Int64((n << 1) ^ (n >> (Int.bitWidth - 1))))
  }

  private static func unzigzag(_ n: UInt64) -> Int {
    Int(truncatingIfNeeded: n >> 1) ^ -Int(truncatingIfNeeded: n & 1)
  }
}

/// A set of field keys in one word (the parser keeps one per entry).
package struct FieldKeySet: Hashable, Sendable {
  private var bits: UInt32 = 0

  package init() {}

  package func contains(_ key: FieldKey) -> Bool { bits & Self.bit(key) != 0 }

  package mutating func insert(_ key: FieldKey) { bits |= Self.bit(key) }

  private static func bit(_ key: FieldKey) -> UInt32 { 1 << UInt32(key.code) }
}

extension FieldKey {
  /// The key's position in `allCases`: a case without a payload is stored as its position
  /// in the declaration, which is also `allCases`'s order (a test checks both).
  package var code: UInt8 { unsafeBitCast(self, to: UInt8.self) }
}
