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
    let writer = try Writer(replacing: path)
    do throws(WriteError) {
      try writer.append(bytes)
      try writer.commit()
    } catch {
      writer.abandon()
      throw error
    }
  }

  /// Streams a new version of a file into a temporary file beside it; `commit()` puts it in
  /// place atomically, `abandon()` (or an error) leaves the old file as it was.
  public final class Writer {
    /// The file being replaced.
    public let path: String
    private let temporary: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    private static let bufferSize = 1 << 16

    /// Creates the temporary file (mode 0644, in the same folder so the rename is atomic).
    public init(replacing path: String) throws(WriteError) {
      self.path = path
      let url = URL(fileURLWithPath: path)
      var template = Array(
        (url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".XXXXXX")
          .utf8CString)
      fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
      guard fd >= 0 else { throw WriteError(path: path, reason: AtomicFile.errnoText()) }
      temporary = String(
        decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      buffer.reserveCapacity(Self.bufferSize)
    }

    deinit { abandon() }

    /// Appends bytes (buffered).
    public func append(_ bytes: some Collection<UInt8>) throws(WriteError) {
      buffer.append(contentsOf: bytes)
      if buffer.count >= Self.bufferSize { try flush() }
    }

    /// Appends text as UTF-8.
    public func append(_ text: String) throws(WriteError) {
      try append(text.utf8)
    }

    private func flush() throws(WriteError) {
      var written = 0
      while written < buffer.count {
        let n = buffer[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        if n < 0 {
          if errno == EINTR { continue }
          throw WriteError(path: path, reason: AtomicFile.errnoText())
        }
        written += n
      }
      buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes to disk and renames the temporary file over the target, then flushes the
    /// folder so the rename survives a crash.
    public func commit() throws(WriteError) {
      guard fd >= 0 else { throw WriteError(path: path, reason: "already finished") }
      try flush()
      // Calendar files are meant to be read by others (calendar apps, web servers).
      guard fchmod(fd, 0o644) == 0, fsync(fd) == 0 else {
        throw WriteError(path: path, reason: AtomicFile.errnoText())
      }
      let closed = close(fd)
      fd = -1
      guard closed == 0, rename(temporary, path) == 0 else {
        let reason = AtomicFile.errnoText()
        unlink(temporary)
        throw WriteError(path: path, reason: reason)
      }
      let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
      let folderFD = open(folder, O_RDONLY | O_DIRECTORY)
      if folderFD >= 0 {
        fsync(folderFD)
        close(folderFD)
      }
    }

    /// Removes the temporary file; the target is untouched. Safe to call more than once.
    public func abandon() {
      guard fd >= 0 else { return }
      close(fd)
      fd = -1
      unlink(temporary)
    }
  }

  fileprivate static func errnoText() -> String { String(cString: strerror(errno)) }
}
