#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A failed system call's `errno`, kept as a value so the cause travels with the error.
public struct Errno: Error, Hashable, Sendable, CustomStringConvertible {
  /// The `errno` value.
  public var rawValue: Int32

  /// Wraps an `errno` value.
  public init(rawValue: Int32) { self.rawValue = rawValue }

  /// The calling thread's `errno` now.
  public static var current: Errno { Errno(rawValue: errno) }

  /// There is no such file or folder.
  public static let noSuchFile = Errno(rawValue: ENOENT)
  /// The path is a folder.
  public static let isADirectory = Errno(rawValue: EISDIR)
  /// The file exists.
  public static let fileExists = Errno(rawValue: EEXIST)
  /// The call was interrupted by a signal.
  public static let interrupted = Errno(rawValue: EINTR)
  /// Too many symbolic links.
  public static let tooManyLinks = Errno(rawValue: ELOOP)
  /// The file's permissions forbid it.
  public static let permissionDenied = Errno(rawValue: EACCES)
  /// The file system is mounted read-only.
  public static let readOnlyFileSystem = Errno(rawValue: EROFS)

  /// The system's words for it ("No such file or directory").
  public var description: String { String(cString: strerror(rawValue)) }
}

/// The one place where system calls are retried after `EINTR` and their failures become
/// `Errno` values.
package enum SystemCall {
  /// Calls `body` again while it fails with `EINTR`; returns its result (never negative) or
  /// throws the `errno` of the failure.
  @discardableResult
  package static func retrying<Result: BinaryInteger>(_ body: () -> Result) throws(Errno)
    -> Result
  {
    while true {
      let result = body()
      if result >= 0 { return result }
      let code = Errno.current
      if code != .interrupted { throw code }
    }
  }

  /// Writes all of `bytes` to `fd`, however many `write` calls that takes.
  package static func writeAll(_ fd: Int32, _ bytes: some Collection<UInt8>) throws(Errno) {
    let contiguous = Array(bytes)
    var written = 0
    while written < contiguous.count {
      written += try retrying {
        contiguous[written...].withUnsafeBytes { systemWrite(fd, $0.baseAddress, $0.count) }
      }
    }
  }

  /// Reads `fd` from offset 0 to its end.
  package static func readAll(_ fd: Int32) throws(Errno) -> [UInt8] {
    var result: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    var offset: off_t = 0
    while true {
      let n = try retrying {
        buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, offset) }
      }
      if n == 0 { return result }
      result.append(contentsOf: buffer[..<n])
      offset += off_t(n)
    }
  }
}

extension SystemCall {
  /// Starts `body` on a new, detached thread named `name` (as `ps` and debuggers show it);
  /// throws the `errno` of `pthread_create` when the system cannot start one (too many
  /// threads, no memory for a stack), and then `body` never runs.
  ///
  /// Foundation's `Thread.start()` ignores that failure, so a caller waiting for the thread
  /// would wait forever; this reports it, so the caller can do the work itself.
  package static func startThread(
    named name: String, _ body: @escaping @Sendable () -> Void
  ) throws(Errno) {
    final class Start {
      let name: String
      let body: @Sendable () -> Void
      init(_ name: String, _ body: @escaping @Sendable () -> Void) {
        (self.name, self.body) = (name, body)
      }
    }
    let context = Unmanaged.passRetained(Start(name, body)).toOpaque()
    #if canImport(Darwin)
      var thread: pthread_t?
      let run: @convention(c) (UnsafeMutableRawPointer) -> UnsafeMutableRawPointer? = {
        let start = Unmanaged<Start>.fromOpaque($0).takeRetainedValue()
        _ = pthread_setname_np(start.name)
        start.body()
        return nil
      }
    #else
      var thread = pthread_t()
      let run: @convention(c) (UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? = {
        let start = Unmanaged<Start>.fromOpaque($0!).takeRetainedValue()
        // Glibc's pthread_setname_np is not visible to Swift; the kernel takes the name
        // (15 bytes of it) from this file.
        let fd = open("/proc/thread-self/comm", O_WRONLY)
        if fd >= 0 {
          let name = Array(start.name.utf8.prefix(15))
          _ = name.withUnsafeBytes { systemWrite(fd, $0.baseAddress, $0.count) }
          close(fd)
        }
        start.body()
        return nil
      }
    #endif
    let code = pthread_create(&thread, nil, run, context)
    guard code == 0 else {
      Unmanaged<Start>.fromOpaque(context).release()
      throw Errno(rawValue: code)
    }
    #if canImport(Darwin)
      _ = pthread_detach(thread!)
    #else
      _ = pthread_detach(thread)
    #endif
  }
}

/// A file's modification and status-change times, from `stat`.
///
/// The one place that knows Linux calls them `st_mtim`/`st_ctim` and Darwin
/// `st_mtimespec`/`st_ctimespec`.
package struct FileTimes: Hashable, Sendable {
  /// Last modification: seconds and nanoseconds since 1970.
  package var modified: (seconds: Int64, nanoseconds: Int64)
  /// Last status change (a rename, a chmod): seconds and nanoseconds since 1970.
  package var changed: (seconds: Int64, nanoseconds: Int64)

  /// The times of a `stat` result.
  package init(_ info: stat) {
    #if canImport(Darwin)
      let m = info.st_mtimespec
      let c = info.st_ctimespec
    #else
      let m = info.st_mtim
      let c = info.st_ctim
    #endif
    modified = (Int64(m.tv_sec), Int64(m.tv_nsec))
    changed = (Int64(c.tv_sec), Int64(c.tv_nsec))
  }

  package static func == (a: FileTimes, b: FileTimes) -> Bool {
    a.modified == b.modified && a.changed == b.changed
  }

  package func hash(into hasher: inout Hasher) {
    hasher.combine(modified.seconds)
    hasher.combine(modified.nanoseconds)
    hasher.combine(changed.seconds)
    hasher.combine(changed.nanoseconds)
  }
}

// `write` is both a Swift method name and the C function; name the C one once.
#if canImport(Glibc)
  private let systemWrite = Glibc.write
#elseif canImport(Darwin)
  private let systemWrite = Darwin.write
#endif
