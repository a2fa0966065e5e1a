import Export
import Foundation
import Testing

@testable import Feed

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
      let (folder, path) = try Self.ledgerInFolder()
      let notifier = try #require(ChangeNotifier(paths: [path]))
      try "GET /calendar.ics 200\n".write(
        toFile: folder + "/serve.log", atomically: false, encoding: .utf8)
      #expect(await notifier.wait(upTo: .milliseconds(400)) == false)
      try "timezone Europe/Paris\n".write(toFile: path, atomically: true, encoding: .utf8)
      #expect(await notifier.wait(upTo: .seconds(60)))
    #endif
  }

  @Test("a wait without a change ends when its time is up, or when its task is cancelled")
  func waitEnds() async throws {
    #if os(Linux)
      let (_, path) = try Self.ledgerInFolder()
      let notifier = try #require(ChangeNotifier(paths: [path]))
      #expect(await notifier.wait(upTo: .milliseconds(20)) == false)
      let waiting = Task { await notifier.wait(upTo: .seconds(3600)) }
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
