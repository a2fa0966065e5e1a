import Foundation
import Ledger
import Scheduler
import SeededRandom
import Testing

@testable import Export

/// Issue 12: `export` schedules on a thread of its own while the caller's thread serialises
/// through libical. The texts handed to the sink, their order and how many there are must be
/// those of the sequential path, and a failure on either side must come out unchanged.
@Suite("Scheduling beside the serialising (the pipelined export)")
struct PipelinedExportTests {
  static let now = Export.now("2026-11-27T12:00:00")

  /// A copy of samples/interviews.ledger and its holiday calendars in a fresh folder, with
  /// `check-email` set as given.
  static func sample(checkEmail: String) throws -> String {
    let samples = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("samples")
    let folder = NSTemporaryDirectory() + "pipelined-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for name in ["holidays-de.ics", "holidays-us.ics"] {
      try FileManager.default.copyItem(
        atPath: samples.appendingPathComponent(name).path, toPath: folder + "/" + name)
    }
    let text = try String(
      contentsOf: samples.appendingPathComponent("interviews.ledger"), encoding: .utf8)
    #expect(text.contains("\ncheck-email weekdays\n"))
    try text.replacingOccurrences(
      of: "\ncheck-email weekdays\n", with: "\ncheck-email \(checkEmail)\n"
    ).write(toFile: folder + "/interviews.ledger", atomically: true, encoding: .utf8)
    return folder + "/interviews.ledger"
  }

  /// A deterministic ledger of `applications` applications, enough for many batches: zones,
  /// agreed and open decisions, letters, postponements, calls, news, second rounds,
  /// closings and one accepted offer (part of every other application's history).
  static func generated(applications: Int, checkEmail: String, seed: UInt64 = 12) -> String {
    var random = SplitMix64(seed: seed)
    func pick(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
    let zones = ["Europe/Berlin", "Europe/London", "America/New_York", "Asia/Tokyo"]
    var text = """
      timezone Europe/Berlin
      uid-domain pipeline.example.org
      check-email \(checkEmail)

      """
    let start = CivilDate(year: 2026, month: 9, day: 1)
    for index in 0..<applications {
      let id = "app\(String(index + 1000))"
      let day = start.adding(days: pick(60))
      text += "\(day) \(10 + pick(7)):30 interview \(id)\n  company: Company \(index)\n"
      if pick(3) == 0 { text += "  tz: \(zones[pick(zones.count)])\n" }
      if pick(4) == 0 { text += "  news: email\n" }
      var decision = day.adding(days: 5 + pick(8))
      let agreed = pick(2) == 0
      if agreed { text += "  decision: \(decision)\n" }
      text += "\n"
      if pick(3) != 0 { text += "\(day.adding(days: 1)) 18:00 thanked \(id)\n\n" }
      for _ in 0..<(agreed ? pick(3) : 0) {
        decision = decision.adding(days: 3 + pick(5))
        text += "\(decision.adding(days: -4)) postponed \(id)\n  decision: \(decision)\n\n"
      }
      if !agreed && pick(3) == 0 {
        text += "\(day.adding(days: 4)) 10:15 called \(id)\n  outcome: undecided\n\n"
      }
      if pick(8) == 0 {
        text += "\(day.adding(days: 15)) 14:00 interview \(id)\n  note: second round\n\n"
      }
      switch pick(8) {
      case 0: text += "\(decision.adding(days: 2)) rejected \(id)\n\n"
      case 1: text += "\(decision.adding(days: 3)) withdrew \(id)\n\n"
      default: break
      }
    }
    text += "2026-11-20 offer app1003\n\n2026-11-21 accepted app1003\n"
    return text
  }

  /// Every text `stream` hands the sink, in order, and the count it returns.
  static func chunks(
    _ journal: Journal, holidays: DaysOff, todos: Bool, threading: ExportThreading
  ) throws -> (chunks: [String], count: Int) {
    var chunks: [String] = []
    let count = try CalendarExport.stream(
      journal, holidays: holidays, now: now, defaultZone: Export.berlin,
      style: CalendarStyle(asTodos: todos), threading: threading
    ) { chunks.append($0) }
    return (chunks, count)
  }

  /// The pipelined path against the sequential one: the same texts, one by one.
  static func expectSameChunks(_ journal: Journal, holidays: DaysOff) throws {
    for todos in [false, true] {
      let sequential = try chunks(journal, holidays: holidays, todos: todos, threading: .sequential)
      let pipelined = try chunks(journal, holidays: holidays, todos: todos, threading: .pipelined)
      #expect(pipelined.count == sequential.count)
      #expect(pipelined.chunks.count == sequential.chunks.count)
      expectSame(pipelined.chunks, sequential.chunks)
      // The envelope, zones and footer around one text per action.
      #expect(sequential.chunks.count > sequential.count)
    }
  }

  @Test(
    "on the sample ledger the pipelined export hands the sink the sequential texts",
    arguments: ["weekdays", "digest"])
  func sampleIsIdentical(checkEmail: String) throws {
    let path = try Self.sample(checkEmail: checkEmail)
    defer {
      try? FileManager.default.removeItem(
        at: URL(fileURLWithPath: path).deletingLastPathComponent())
    }
    let workspace = try Workspace.load(ledgerPath: path, defaultZone: Export.berlin)
    #expect(workspace.journal.settings.checkEmail.rawValue == checkEmail)
    try Self.expectSameChunks(workspace.journal, holidays: workspace.holidays)
  }

  @Test(
    "on 600 generated applications (many batches) the texts are the sequential ones",
    arguments: ["weekdays", "digest"])
  func generatedIsIdentical(checkEmail: String) throws {
    let journal = try Export.journal(
      Self.generated(applications: 600, checkEmail: checkEmail))
    #expect(Set(journal.entries.map(\.application)).count == 600)
    try Self.expectSameChunks(journal, holidays: DaysOff(yours: []))
  }

  @Test("with no second thread to be had, the export does it all on one, with the same texts")
  func noThreadFallsBackToOne() throws {
    let journal = try Export.journal(Self.generated(applications: 100, checkEmail: "weekdays"))
    let sequential = try Self.chunks(
      journal, holidays: DaysOff(yours: []), todos: false, threading: .sequential)
    var asked = 0
    var chunks: [String] = []
    let count = try CalendarExport.pipelined(
      journal, holidays: DaysOff(yours: []), now: Self.now, defaultZone: Export.berlin,
      style: CalendarStyle(),
      startingWith: { _, _ throws(Errno) in
        asked += 1
        throw Errno(rawValue: EAGAIN)
      },
      bytesInto: { chunks.append(String(decoding: $0, as: UTF8.self)) })
    #expect(asked == 1)
    #expect(count == sequential.count)
    expectSame(chunks, sequential.chunks)
  }

  @Test("export and renderFully write the same bytes whichever way the work is divided")
  func pipelineFilesAreIdentical() throws {
    let folder = NSTemporaryDirectory() + "pipelined-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let ledger = folder + "/interviews.ledger"
    try Self.generated(applications: 300, checkEmail: "digest")
      .write(toFile: ledger, atomically: true, encoding: .utf8)
    for todos in [false, true] {
      let style = CalendarStyle(asTodos: todos)
      var files: [[UInt8]] = []
      for threading in [ExportThreading.sequential, .pipelined] {
        let output = folder + "/\(threading).ics"
        let written = try Pipeline.export(
          ledgerPath: ledger, now: Self.now, defaultZone: Export.berlin, style: style,
          threading: threading, to: output)
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: output)))
        let rendered = try Pipeline.renderFully(
          ledgerPath: ledger, now: Self.now, defaultZone: Export.berlin, style: style,
          threading: threading)
        expectSame(rendered.bytes, bytes)
        #expect(rendered.actionCount == written.actionCount)
        files.append(bytes)
      }
      expectSame(files[1], files[0])
      // What the public calls do by default.
      let byDefault = try Pipeline.renderFully(
        ledgerPath: ledger, now: Self.now, defaultZone: Export.berlin, style: style)
      expectSame(byDefault.bytes, files[0])
    }
  }

  @Test("the components come one application after another, each in start order, as planned")
  func componentsFollowThePlanOrder() throws {
    let journal = try Export.journal(Self.generated(applications: 300, checkEmail: "weekdays"))
    var planned: [String] = []
    Scheduler.forEachApplication(in: journal, holidays: DaysOff(yours: []), now: Self.now) {
      planned += $0.map(\.uid)
    }
    let (chunks, count) = try Self.chunks(
      journal, holidays: DaysOff(yours: []), todos: false, threading: .pipelined)
    let written = chunks.compactMap { chunk -> String? in
      guard chunk.hasPrefix("BEGIN:VEVENT\r\n") else { return nil }
      return chunk.split(separator: "\r\n").first { $0.hasPrefix("UID:") }.map {
        String($0.dropFirst("UID:".count))
      }
    }
    #expect(count == planned.count)
    expectSame(written, planned)
    // Not trivially so: the plan is not in UID order.
    let inUIDOrder = planned == planned.sorted()
    #expect(!inUIDOrder)
  }

  /// The sink's refusal, told apart from any other error by its token.
  struct Refused: Error, Equatable {
    var token: UUID
  }

  @Test("a sink that throws stops the export: the same error, nothing after it, no hang")
  func sinkErrorStopsTheExport() throws {
    let journal = try Export.journal(Self.generated(applications: 400, checkEmail: "weekdays"))
    let holidays = DaysOff(yours: [])
    let all = try Self.chunks(journal, holidays: holidays, todos: false, threading: .sequential)
      .chunks
    // The header, a zone, inside the first batch, on a batch's edges, late, the footer.
    let batch = CalendarExport.handoffBatch
    for failing in [1, 2, 7, batch + 5, batch + 6, 10 * batch, all.count / 2, all.count] {
      for threading in [ExportThreading.pipelined, .sequential] {
        let refusal = Refused(token: UUID())
        let outcome = withoutHanging {
          () -> (error: (any Error)?, received: [String], after: Int) in
          var received: [String] = []
          var callsAfterRefusing = 0
          do {
            _ = try CalendarExport.stream(
              journal, holidays: holidays, now: Self.now, defaultZone: Export.berlin,
              threading: threading
            ) { text in
              if received.count >= failing { callsAfterRefusing += 1 }
              received.append(text)
              if received.count == failing { throw refusal }
            }
            return (nil, received, callsAfterRefusing)
          } catch {
            return (error, received, callsAfterRefusing)
          }
        }
        guard let outcome else { return }
        #expect(outcome.error as? Refused == refusal)
        #expect(outcome.after == 0)
        expectSame(outcome.received, Array(all.prefix(failing)))
      }
    }
  }
}
