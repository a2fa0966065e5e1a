import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a child process cost: wall time, CPU time (`wait4`) and peak memory (`VmHWM`).
struct ChildUsage {
  /// The exit status (`-1` when it did not exit normally).
  var status: Int32
  /// Wall time from spawn to reap.
  var seconds: Double
  /// Peak resident set size, in bytes (`VmHWM`, sampled every 2 ms while it runs).
  var peakBytes: Int
  /// CPU time in user and kernel mode.
  var cpuSeconds: Double
}

/// Runs programs and measures them, without Foundation's `Process` (whose own threads and
/// pipes would blur the figures).
enum Child {
  /// Runs `arguments[0]` (a path) with `arguments`, standard output into `stdoutPath` (or
  /// inherited), and returns what it cost.
  static func run(_ arguments: [String], stdoutPath: String? = nil) -> ChildUsage {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    if let stdoutPath {
      posix_spawn_file_actions_addopen(
        &actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    }
    let argv = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    let start = ContinuousClock.now
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, arguments[0], &actions, nil, argv, environ)
    guard spawned == 0 else {
      fatalError("cannot run \(arguments[0]): \(String(cString: strerror(spawned)))")
    }
    var status: Int32 = 0
    var usage = rusage()
    // ru_maxrss is no use here: posix_spawn shares this process's memory until the exec,
    // and Linux records that memory's high-water mark as the child's at exec — so a big
    // benchmark process would make every child look big. The child's own VmHWM (its new
    // memory's high-water mark) is read from /proc while it runs instead.
    var peak = 0
    while true {
      let reaped = wait4(pid, &status, WNOHANG, &usage)
      if reaped == pid { break }
      if reaped < 0 && errno != EINTR {
        fatalError("wait4 failed: \(String(cString: strerror(errno)))")
      }
      peak = max(peak, highWaterMark(of: pid))
      usleep(2000)
    }
    let elapsed = start.duration(to: .now)
    let exited = (status & 0x7f) == 0
    return ChildUsage(
      status: exited ? (status >> 8) & 0xff : -1,
      seconds: elapsed.seconds,
      peakBytes: peak,
      cpuSeconds: usage.ru_utime.seconds + usage.ru_stime.seconds)
  }
}

/// The peak resident set size of a running process, from `/proc/PID/status` (0 if gone).
func highWaterMark(of pid: pid_t) -> Int {
  guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
    let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
    let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true)[1])
  else { return 0 }
  return kilobytes * 1024
}

extension Duration {
  /// The duration in seconds, as a `Double`.
  var seconds: Double {
    Double(components.seconds) + Double(components.attoseconds) * 1e-18
  }
}

extension timeval {
  /// The interval in seconds.
  var seconds: Double { Double(tv_sec) + Double(tv_usec) * 1e-6 }
}

/// Times `body` on the monotonic clock.
func measure<T>(_ body: () throws -> T) rethrows -> (T, Double) {
  let start = ContinuousClock.now
  let result = try body()
  return (result, start.duration(to: .now).seconds)
}

/// The size of the file at `path` in bytes (0 when missing).
func fileSize(_ path: String) -> Int {
  var info = stat()
  return stat(path, &info) == 0 ? Int(info.st_size) : 0
}

/// Whether two files hold the same bytes (read in chunks, so huge files are fine).
func sameContents(_ a: String, _ b: String) -> Bool {
  guard fileSize(a) == fileSize(b), let fa = fopen(a, "rb"), let fb = fopen(b, "rb") else {
    return false
  }
  defer {
    fclose(fa)
    fclose(fb)
  }
  var bufferA = [UInt8](repeating: 0, count: 1 << 20)
  var bufferB = [UInt8](repeating: 0, count: 1 << 20)
  while true {
    let na = fread(&bufferA, 1, bufferA.count, fa)
    let nb = fread(&bufferB, 1, bufferB.count, fb)
    if na != nb || bufferA[..<na] != bufferB[..<nb] { return false }
    if na == 0 { return true }
  }
}
