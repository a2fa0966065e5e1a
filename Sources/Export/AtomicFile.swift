import Foundation
import Ledger

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why a file could not be written; the old file, if any, is untouched.
public struct WriteError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The file that was to be written.
  public var path: String
  /// The system's cause, when a system call failed.
  public var code: Errno?
  /// What went wrong, in words (the system's, when there is a `code`).
  public var reason: String

  /// A failure with a reason of our own.
  public init(path: String, reason: String) {
    self.path = path
    self.code = nil
    self.reason = reason
  }

  /// A failed system call.
  public init(path: String, _ code: Errno) {
    self.path = path
    self.code = code
    self.reason = code.description
  }

  public var description: String { "cannot write '\(path)': \(reason)" }
}

/// Replaces files so that readers see either the old content or the new, never a mix.
package enum AtomicFile {
  /// Writes `bytes` to a temporary file in the same folder, flushes it to disk, then renames
  /// it over `path` and flushes the folder. On any failure the temporary file is removed and
  /// the old file stays as it was.
  package static func write(_ bytes: some Collection<UInt8>, to path: String) throws(WriteError) {
    let writer = try Writer(replacing: path)
    do throws(WriteError) {
      try writer.append(bytes)
      try writer.commit()
    } catch {
      writer.abandon()
      throw error
    }
  }

  /// Streams a new version of a file; `commit()` puts it in place, `abandon()` (or an error)
  /// leaves the old file as it was.
  ///
  /// What "in place" means depends on what is at the path, so that no special file is
  /// destroyed:
  /// - a regular file (or nothing): a temporary file beside it is renamed over it, atomically;
  /// - a symbolic link: the same, for the file the link points to — the link stays a link, so a
  ///   calendar published or synced through it keeps updating;
  /// - a FIFO, a character or block device or a socket: the bytes are written into it directly,
  ///   as `-o -` writes to standard output (`-o /dev/null` stays a device node).
  package final class Writer {
    /// The path as given.
    package let path: String
    /// The file that is actually replaced or written: `path` with symbolic links followed.
    package let target: String
    private let temporary: String?
    private var fd: Int32
    private var buffer: [UInt8] = []
    private static let bufferSize = 1 << 16

    /// Opens the output: a temporary file (mode 0644, in the target's folder so the rename is
    /// atomic), or the special file itself.
    package init(replacing path: String) throws(WriteError) {
      self.path = path
      let target = try AtomicFile.followingLinks(path)
      self.target = target
      var info = stat()
      if stat(target, &info) == 0 {
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
          throw WriteError(path: path, reason: "it is a folder")
        case S_IFIFO, S_IFCHR, S_IFBLK, S_IFSOCK:
          do {
            fd = try SystemCall.retrying { open(target, O_WRONLY | O_CLOEXEC | O_NOCTTY) }
          } catch {
            throw WriteError(path: path, error)
          }
          temporary = nil
          buffer.reserveCapacity(Self.bufferSize)
          return
        default:
          break
        }
      }
      var template = Array(
        AtomicFile.temporaryPrefix(of: target).appending("XXXXXX").utf8CString)
      do {
        fd = try SystemCall.retrying {
          template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        }
      } catch {
        throw WriteError(path: path, error)
      }
      temporary = String(
        decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      buffer.reserveCapacity(Self.bufferSize)
    }

    deinit { abandon() }

    /// Whether the output is a special file written in place rather than replaced.
    package var writesInPlace: Bool { temporary == nil }

    /// Appends bytes (buffered).
    package func append(_ bytes: some Collection<UInt8>) throws(WriteError) {
      buffer.append(contentsOf: bytes)
      if buffer.count >= Self.bufferSize { try flush() }
    }

    /// Appends bytes (buffered), copied in one piece.
    package func append(_ bytes: UnsafeRawBufferPointer) throws(WriteError) {
      try append(bytes.assumingMemoryBound(to: UInt8.self))
    }

    /// Appends text as UTF-8.
    package func append(_ text: String) throws(WriteError) {
      try append(text.utf8)
    }

    private func flush() throws(WriteError) {
      do {
        try SystemCall.writeAll(fd, buffer)
      } catch {
        throw WriteError(path: path, error)
      }
      buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes to disk and renames the temporary file over the target, then flushes the
    /// folder so the rename survives a crash. A special file is flushed and closed.
    package func commit() throws(WriteError) {
      guard fd >= 0 else { throw WriteError(path: path, reason: "already finished") }
      try flush()
      guard let temporary else {
        let closed = close(fd)
        fd = -1
        guard closed == 0 else { throw WriteError(path: path, .current) }
        return
      }
      do {
        // Calendar files are meant to be read by others (calendar apps, web servers).
        try SystemCall.retrying { fchmod(fd, 0o644) }
        try SystemCall.retrying { fsync(fd) }
      } catch {
        throw WriteError(path: path, error)
      }
      let closed = close(fd)
      fd = -1
      guard closed == 0, rename(temporary, target) == 0 else {
        let code = Errno.current
        unlink(temporary)
        throw WriteError(path: path, code)
      }
      let folder = FilePaths.folder(of: target)
      if let folderFD = try? SystemCall.retrying({
        open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY)
      }) {
        fsync(folderFD)
        close(folderFD)
      }
      AtomicFile.removeStaleTemporaries(of: target)
    }

    /// Removes the temporary file; the target is untouched. Safe to call more than once.
    /// (What was already written into a special file cannot be taken back.)
    package func abandon() {
      guard fd >= 0 else { return }
      close(fd)
      fd = -1
      if let temporary { unlink(temporary) }
    }
  }

  /// The path a symbolic link at `path` finally points to (the path itself when it is not a
  /// link). The last target need not exist: writing through a dangling link creates it.
  static func followingLinks(_ path: String) throws(WriteError) -> String {
    var current = path
    for _ in 0..<40 {
      var info = stat()
      guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
      var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let n: Int
      do {
        n = try SystemCall.retrying { readlink(current, &buffer, buffer.count - 1) }
      } catch {
        throw WriteError(path: path, error)
      }
      let destination = String(
        decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
      current = FilePaths.resolve(destination, relativeTo: current)
    }
    throw WriteError(path: path, .tooManyLinks)
  }

  /// `.NAME.` in the folder of `path`: the start of its temporary files' names.
  static func temporaryPrefix(of path: String) -> String {
    let folder = FilePaths.folder(of: path)
    let name = "." + FilePaths.lastComponent(of: path) + "."
    return folder.isEmpty ? name : (folder.hasSuffix("/") ? folder : folder + "/") + name
  }

  /// How old another writer's temporary file must be before `commit` removes it.
  package static let staleAge: TimeInterval = 60

  /// Removes temporary files of `path` (`.NAME.XXXXXX`, as `Writer` names them) that were
  /// last modified more than `staleAge` ago: leftovers of writers killed before they could
  /// clean up (SIGKILL, a power cut). A younger one may belong to a writer still at work, so
  /// it stays; a writer that has not written for a minute is not at work. Best effort: a
  /// failure here never fails the write that has already been committed.
  package static func removeStaleTemporaries(of path: String, now: Date = Date()) {
    let folder = FilePaths.folder(of: path)
    let prefix = "." + FilePaths.lastComponent(of: path) + "."
    guard
      let names = try? FileManager.default.contentsOfDirectory(
        atPath: folder.isEmpty ? "." : folder)
    else { return }
    for name in names where name.hasPrefix(prefix) {
      let suffix = name.utf8.dropFirst(prefix.utf8.count)
      guard suffix.count == 6,
        suffix.allSatisfy({
          (0x30...0x39).contains($0) || (0x41...0x5A).contains($0)
            || (0x61...0x7A).contains($0)
        })
      else { continue }
      let candidate = folder.isEmpty ? name : (folder.hasSuffix("/") ? folder : folder + "/") + name
      var info = stat()
      guard lstat(candidate, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
      let modified = TimeInterval(FileTimes(info).modified.seconds)
      guard now.timeIntervalSince1970 - modified > staleAge else { continue }
      unlink(candidate)
    }
  }
}
