/// A strong entity tag (RFC 9110 §8.8.3) computed from the exact bytes of a representation.
///
/// The tag is the 64-bit FNV-1a hash of the bytes followed by their length, in hex. It is a
/// cache validator, not a security measure: equal bytes always give the same tag (also across
/// restarts), and any change in practice gives a different one.
package struct EntityTag: Hashable, Sendable, CustomStringConvertible {
  /// The opaque tag without quotes, e.g. `8c3a…-1f4`.
  package var opaque: String

  /// The tag for `bytes`.
  package init(for bytes: some Sequence<UInt8>) {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    var count = 0
    for byte in bytes {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
      count += 1
    }
    self.init(fnv1a: hash, count: count)
  }

  /// The tag for bytes whose FNV-1a hash and length are already known.
  package init(fnv1a hash: UInt64, count: Int) {
    let hex = String(hash, radix: 16)
    opaque = String(repeating: "0", count: 16 - hex.count) + hex + "-" + String(count, radix: 16)
  }

  /// The header value, quoted: `"8c3a…-1f4"`.
  package var description: String { "\"\(opaque)\"" }
}

/// The value of an `If-None-Match` header (RFC 9110 §13.1.2): `*` or a list of entity tags.
package enum EntityTagCondition: Hashable, Sendable {
  /// `*`: matches any current representation.
  case any
  /// The listed tags' opaque parts, weak (`W/`) prefixes dropped.
  case tags([String])

  /// Parses the header's values (repeated header lines are one list). Returns `nil` when no
  /// entity tag could be read at all.
  package init?(headerValues: [String]) {
    var tags: [String] = []
    for value in headerValues {
      if value.trimmingSpaces == "*" {
        self = .any
        return
      }
      tags += Self.tags(in: Substring(value))
    }
    guard !tags.isEmpty else { return nil }
    self = .tags(tags)
  }

  /// Whether `tag` satisfies the condition, by the weak comparison that `If-None-Match`
  /// requires: `W/"x"` matches `"x"`.
  package func matches(_ tag: EntityTag) -> Bool {
    switch self {
    case .any: true
    case .tags(let tags): tags.contains(tag.opaque)
    }
  }

  /// Reads `[W/]"opaque"` items separated by commas; an opaque tag may itself contain commas,
  /// so this scans quotes rather than splitting. Malformed items are skipped.
  private static func tags(in text: Substring) -> [String] {
    var tags: [String] = []
    var rest = text
    while let quote = rest.firstIndex(of: "\"") {
      let afterQuote = rest.index(after: quote)
      guard let close = rest[afterQuote...].firstIndex(of: "\"") else { break }
      let prefix = rest[..<quote].filter { $0 != " " && $0 != "\t" && $0 != "," }
      if prefix.isEmpty || prefix == "W/" {
        tags.append(String(rest[afterQuote..<close]))
      }
      rest = rest[rest.index(after: close)...]
    }
    return tags
  }
}

extension String {
  fileprivate var trimmingSpaces: Substring {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    guard let first = firstIndex(where: { !isSpace($0) }),
      let last = lastIndex(where: { !isSpace($0) })
    else { return "" }
    return self[first...last]
  }
}
