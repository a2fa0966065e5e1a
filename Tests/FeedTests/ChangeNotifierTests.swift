import Export
import Foundation
import Testing

@testable import Feed

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Issue 12: the kernel's hint wakes the watcher as soon as the ledger is appended to.
@Suite("Change hints")
struct ChangeNotifierTests {
  /// A ledger in a fresh folder of its own: the folder and the ledger's path.
  static func ledgerInFolder() throws -> (folder: String, path: String) {
    let folder = NSTemporaryDirectory() + "hint-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let path = folder + "/t.ledger"
    try "timezone Europe/Berlin\n".write(toFile: path, atomically: true, encoding: .utf8)
    return (folder, path)
  }

  @Test("an append to a watched file ends a wait with a hint")
  func appendIsHinted() async throws {
    #if os(Linux)
      let (_, path) = try Self.ledgerInFolder()
      let notifier = try #require(ChangeNotifier(paths: [path]))
      #expect(!notifier.pending())
      let handle = try #require(FileHandle(forWritingAtPath: path))
      handle.seekToEndOfFile()
      handle.write(Data("2026-11-24 interview acme\n".utf8))
      handle.closeFile()
      #expect(await notifier.wait(upTo: .seconds(60)))
    #endif
  }

  @Test("a write to another file in the ledger's folder (a log beside it) is no hint")
  func otherFilesAreNoHint() async throws {
    #if os(Linux)
      // The kernel queues a write's events before `write` returns, so reading them here (the
      // way the notifier's thread does) needs no waiting.
      let (folder, path) = try Self.ledgerInFolder()
      let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
      try #require(fd >= 0)
      defer { close(fd) }
      let watch = inotify_add_watch(fd, folder, ChangeNotifier.mask)
      try #require(watch >= 0)
      let names: [Int32: Set<String>] = [watch: ["t.ledger"]]
      func queued() -> ArraySlice<UInt8> {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        return buffer[..<max(count, 0)]
      }
      try "GET /calendar.ics 200\n".write(
        toFile: folder + "/serve.log", atomically: false, encoding: .utf8)
      let log = queued()
      #expect(!log.isEmpty)
      #expect(!ChangeNotifier.concerns(log, names))
      try "timezone Europe/Paris\n".write(toFile: path, atomically: true, encoding: .utf8)
      let ledger = queued()
      #expect(ChangeNotifier.concerns(ledger, names))
    #endif
  }

  @Test("a wait without a change ends when its time is up, or when its task is cancelled")
  func waitEnds() async throws {
    #if os(Linux)
      let (_, path) = try Self.ledgerInFolder()
      let notifier = try #require(ChangeNotifier(paths: [path]))
      let clock = ManualClock()
      // An hour on the test's clock: it ends only if the wait really sleeps on that clock.
      let timed = Task { await notifier.wait(upTo: .seconds(3600), clock: clock) }
      try await clock.waitUntilSleeping()
      clock.advance(by: .seconds(3600))
      #expect(try await bounded(hangGuard, "the wait to end") { await timed.value } == false)
      let waiting = Task { await notifier.wait(upTo: .seconds(3600), clock: clock) }
      waiting.cancel()
      #expect(await waiting.value == false)
    #endif
  }

  @Test("a tag made from a known hash is the tag of the bytes")
  func tagFromHash() {
    let bytes = Array("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".utf8)
    #expect(EntityTag(fnv1a: fnv1a(bytes), count: bytes.count) == EntityTag(for: bytes))
    let half = fnv1a(Array(bytes[..<10]))
    #expect(fnv1a(Array(bytes[10...]), from: half) == fnv1a(bytes))
  }
}
