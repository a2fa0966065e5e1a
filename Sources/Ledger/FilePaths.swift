#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Path arithmetic on plain strings, the way the shell sees paths.
///
/// Foundation's `NSString` path methods trap on some short paths on Linux (a one-character
/// ledger name crashed `check`), and `URL` makes every path absolute; these keep relative
/// paths relative so messages show what the user typed.
package enum FilePaths {
  /// The folder part of `path`: everything before its last `/` (`"/"` for a file at the
  /// root, `""` for a bare file name, which means the current folder).
  package static func folder(of path: String) -> String {
    var scalars = Array(path.unicodeScalars)
    // `a/b/` names `a/b`; its folder is `a`.
    while scalars.count > 1, scalars.last == "/" { scalars.removeLast() }
    guard let slash = scalars.lastIndex(of: "/") else { return "" }
    var end = slash
    while end > 0, scalars[end - 1] == "/" { end -= 1 }
    return end == 0 ? "/" : String(String.UnicodeScalarView(scalars[..<end]))
  }

  /// The last component of `path` (`"b.ics"` for `a/b.ics`).
  package static func lastComponent(of path: String) -> String {
    var scalars = Array(path.unicodeScalars)
    while scalars.count > 1, scalars.last == "/" { scalars.removeLast() }
    guard let slash = scalars.lastIndex(of: "/") else { return path }
    return String(String.UnicodeScalarView(scalars[(slash + 1)...]))
  }

  /// `written` as seen from the folder of `base`: absolute paths stay as they are, `~` and
  /// `~/…` mean the home folder, anything else is relative to `base`'s folder.
  package static func resolve(_ written: String, relativeTo base: String) -> String {
    if written.hasPrefix("/") { return written }
    if written == "~" || written.hasPrefix("~/") {
      if let home = getenv("HOME").map({ String(cString: $0) }), !home.isEmpty {
        return home + written.dropFirst()
      }
    }
    let folder = folder(of: base)
    if folder.isEmpty { return written }
    return folder.hasSuffix("/") ? folder + written : folder + "/" + written
  }

  /// `path` with `.` and empty components removed and `..` applied where it can be, for
  /// messages ("looked for 'data/h.ics'"). A leading `..` of a relative path stays.
  package static func normalized(_ path: String) -> String {
    let absolute = path.hasPrefix("/")
    var parts: [Substring] = []
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
      if part == "." { continue }
      if part == "..", let last = parts.last, last != ".." {
        parts.removeLast()
      } else if part == "..", absolute {
        continue
      } else {
        parts.append(part)
      }
    }
    let joined = parts.joined(separator: "/")
    if absolute { return "/" + joined }
    return joined.isEmpty ? "." : joined
  }
}
