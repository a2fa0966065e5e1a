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
      AtomicFile.removeStaleTemporaries(of: path)
    }

    /// Removes the temporary file; the target is untouched. Safe to call more than once.
    public func abandon() {
      guard fd >= 0 else { return }
      close(fd)
      fd = -1
      unlink(temporary)
    }
  }

  /// How old another writer's temporary file must be before `commit` removes it.
  public static let staleAge: TimeInterval = 60

  /// Removes temporary files of `path` (`.NAME.XXXXXX`, as `Writer` names them) that were
  /// last modified more than `staleAge` ago: leftovers of writers killed before they could
  /// clean up (SIGKILL, a power cut). A younger one may belong to a writer still at work, so
  /// it stays; a writer that has not written for a minute is not at work. Best effort: a
  /// failure here never fails the write that has already been committed.
  public static func removeStaleTemporaries(of path: String, now: Date = Date()) {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent().path
    let prefix = "." + url.lastPathComponent + "."
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
    for name in names where name.hasPrefix(prefix) {
      let suffix = name.utf8.dropFirst(prefix.utf8.count)
      guard suffix.count == 6,
        suffix.allSatisfy({
          (0x30...0x39).contains($0) || (0x41...0x5A).contains($0)
            || (0x61...0x7A).contains($0)
        })
      else { continue }
      let candidate = folder + "/" + name
      var info = stat()
      guard lstat(candidate, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
      #if canImport(Darwin)
        let modified = TimeInterval(info.st_mtimespec.tv_sec)
      #else
        let modified = TimeInterval(info.st_mtim.tv_sec)
      #endif
      guard now.timeIntervalSince1970 - modified > staleAge else { continue }
      unlink(candidate)
    }
  }

  fileprivate static func errnoText() -> String { String(cString: strerror(errno)) }
}
