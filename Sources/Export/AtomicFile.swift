import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why a file could not be written; the old file, if any, is untouched.
public struct WriteError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The file that was to be written.
  public var path: String
  /// What went wrong, from the system.
  public var reason: String

  public var description: String { "cannot write '\(path)': \(reason)" }
}

/// Replaces files so that readers see either the old content or the new, never a mix.
public enum AtomicFile {
  /// Writes `bytes` to a temporary file in the same folder, flushes it to disk, then renames
  /// it over `path` and flushes the folder. On any failure the temporary file is removed and
  /// the old file stays as it was.
  public static func write(_ bytes: some Collection<UInt8>, to path: String) throws(WriteError) {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent().path
    var template = Array((folder + "/." + url.lastPathComponent + ".XXXXXX").utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { throw WriteError(path: path, reason: errnoText()) }
    let temporary = String(
      decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    var failure: String?
    let buffer = Array(bytes)
    var written = 0
    while written < buffer.count, failure == nil {
      let n = buffer[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno != EINTR { failure = errnoText() }
      } else {
        written += n
      }
    }
    // Calendar files are meant to be read by others (calendar apps, web servers).
    if failure == nil, fchmod(fd, 0o644) != 0 { failure = errnoText() }
    if failure == nil, fsync(fd) != 0 { failure = errnoText() }
    if close(fd) != 0, failure == nil { failure = errnoText() }
    if failure == nil, rename(temporary, path) != 0 { failure = errnoText() }
    if let failure {
      unlink(temporary)
      throw WriteError(path: path, reason: failure)
    }
    let folderFD = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY)
    if folderFD >= 0 {
      fsync(folderFD)
      close(folderFD)
    }
  }

  private static func errnoText() -> String { String(cString: strerror(errno)) }
}
