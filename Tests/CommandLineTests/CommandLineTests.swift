import Foundation
import Ledger
import Testing

@Suite("The tenterhooks command line", .serialized)
struct CommandLineTests: ScratchFolder {
  let folder: URL

  init() throws { folder = try temporaryFolder() }

  @Test("check exits 65 on a bad ledger and prints every problem as PATH:LINE:COLUMN")
  func checkRejectsBadLedger() async throws {
    try FileManager.default.copyItem(
      at: try #require(Bundle.module.resourceURL).appendingPathComponent(
        "Fixtures/every-error.ledger"),
      to: folder.appendingPathComponent("bad.ledger"))
    let result = try await Tenterhooks.run(["check", "--ledger", "bad.ledger"], in: folder)
    #expect(result.status == 65)
    #expect(result.stderr.contains("bad.ledger:3:1: error: unknown directive 'frobnicate'"))
    #expect(result.stderr.contains("bad.ledger:19:12: error: impossible time '24:00'"))
    #expect(result.stderr.components(separatedBy: ": error: ").count - 1 == 8)
  }

  @Test("check exits 0 with a summary on a good ledger")
  func checkAcceptsGoodLedger() async throws {
    try write("good.ledger", acmeInterview + "2026-11-25 thanked acme\n")
    let result = try await Tenterhooks.run(["check", "--ledger", "good.ledger"], in: folder)
    #expect(result.status == 0)
    #expect(result.stdout.contains("1 application"))
    #expect(result.stdout.contains("2 entries"))
  }

  @Test("a missing ledger is bad input for every command: exit 65, nothing created")
  func missingLedger() async throws {
    for command in [["check"], ["plan"], ["export", "-o", "out.ics"], ["log", "note", "acme"]] {
      let result = try await Tenterhooks.run(command + ["--ledger", "absent.ledger"], in: folder)
      #expect(result.status == 65, "\(command): \(result.stderr)")
      #expect(result.stderr.contains("absent.ledger"))
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
  }

  @Test("log with a bad key exits 65 and leaves the ledger byte-for-byte untouched")
  func logWithBadKeyChangesNothing() async throws {
    try write("l.ledger", acmeInterview + "2026-11-25 thanked acme")  // no final newline
    let before = try read("l.ledger")
    let result = try await Tenterhooks.run(
      ["log", "postponed", "acme", "decison=2026-12-08", "--ledger", "l.ledger"], in: folder)
    #expect(result.status == 65)
    #expect(result.stderr.contains("unknown key 'decison'"))
    #expect(result.stderr.contains("did you mean 'decision'?"))
    #expect(try read("l.ledger") == before)
    let unknownID = try await Tenterhooks.run(
      ["log", "thanked", "globex", "--ledger", "l.ledger"], in: folder)
    #expect(unknownID.status == 65)
    #expect(unknownID.stderr.contains("it needs an 'interview' entry first"))
    #expect(try read("l.ledger") == before)
    // Hints speak of the arguments typed, not of lines that exist in no file.
    let twice = try await Tenterhooks.run(
      ["log", "note", "acme", "text=a", "text=b", "--ledger", "l.ledger"], in: folder)
    #expect(twice.status == 65)
    #expect(twice.stderr.contains("(in argument 'text=b')"), "\(twice.stderr)")
    #expect(twice.stderr.contains("note: the same key is given twice"), "\(twice.stderr)")
    #expect(!twice.stderr.contains("at line"), "\(twice.stderr)")
    let empty = try await Tenterhooks.run(
      ["log", "note", "acme", "text=", "--ledger", "l.ledger"], in: folder)
    #expect(empty.stderr.contains("give the value after the '='"), "\(empty.stderr)")
    #expect(try read("l.ledger") == before)
  }

  @Test("log appends one entry dated --now in your zone, adding the missing newline")
  func logAppends() async throws {
    try write(
      "l.ledger", "timezone Europe/Berlin\n2026-11-24 interview acme\n  tz: America/New_York")
    let before = try read("l.ledger")
    let result = try await Tenterhooks.run(
      [
        "log", "called", "acme", "outcome=undecided", "decision= 2026-12-08 ", "--ledger",
        "l.ledger", "--now", "2026-11-29T16:30:00+01:00",
      ], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    let after = try read("l.ledger")
    #expect(after.prefix(before.count) == before)
    let added = String(decoding: after.dropFirst(before.count), as: UTF8.self)
    #expect(
      added == "\n\n2026-11-29 16:30 called acme\n  outcome: undecided\n  decision: 2026-12-08\n")
    let at = try await Tenterhooks.run(
      ["log", "thanked", "acme", "--at", "2026-11-25", "--ledger", "l.ledger"], in: folder)
    #expect(at.status == 0)
    #expect(
      String(decoding: try read("l.ledger"), as: UTF8.self).hasSuffix(
        "\n\n2026-11-25 thanked acme\n"))
  }

  @Test("init writes a starter ledger that checks cleanly and refuses to overwrite")
  func initRefusesToOverwrite() async throws {
    let first = try await Tenterhooks.run(["init", "new.ledger"], in: folder)
    #expect(first.status == 0)
    #expect(try await Tenterhooks.run(["check", "--ledger", "new.ledger"], in: folder).status == 0)
    try write("mine.ledger", "my own text\n")
    let second = try await Tenterhooks.run(["init", "--ledger", "mine.ledger"], in: folder)
    #expect(second.status != 0)
    #expect(second.stderr.contains("refusing to overwrite"))
    #expect(try read("mine.ledger") == Data("my own text\n".utf8))
  }

  @Test("import appends every row, or reports FILE:ROW:COLUMN and appends nothing")
  func importCSV() async throws {
    try write("i.ledger", "timezone Europe/Berlin\n")
    try write(
      "bad.csv",
      "Date, ID ,Company,Decision,Caller\n2026-11-24,acme,Acme,2026-12-01,me\n\n2026-11-25,beta,Beta,2026-12-32,them\n"
    )
    let before = try read("i.ledger")
    let bad = try await Tenterhooks.run(["import", "bad.csv", "--ledger", "i.ledger"], in: folder)
    #expect(bad.status == 65)
    #expect(bad.stderr.contains("bad.csv:4:4: error: impossible date '2026-12-32'"))
    #expect(bad.stderr.contains("bad.csv:4:5: error: invalid value 'them' for 'caller'"))
    #expect(try read("i.ledger") == before)

    // A row's bad date or time does not hide its other cells' problems, nor a misshapen ID
    // the other rows'.
    try write(
      "rows.csv",
      "date,time,id,caller\n2026-13-01,10:00,acme,boss\n2026-11-24,25:00,beta,them\n"
        + "2026-11-24,10:00,Bad ID,me\n2026-11-25,10:00,gamma,nobody\n")
    let rows = try await Tenterhooks.run(
      ["import", "rows.csv", "--ledger", "i.ledger"], in: folder)
    #expect(rows.status == 65)
    for expected in [
      "rows.csv:2:1: error: invalid date '2026-13-01'",
      "rows.csv:2:4: error: invalid value 'boss' for 'caller'",
      "rows.csv:3:2: error: invalid time '25:00'",
      "rows.csv:3:4: error: invalid value 'them' for 'caller'",
      "rows.csv:4:3: error: invalid application ID 'Bad ID'",
      "rows.csv:5:4: error: invalid value 'nobody' for 'caller'",
    ] {
      #expect(rows.stderr.contains(expected), "\(expected)\n\(rows.stderr)")
    }
    #expect(try read("i.ledger") == before)

    // A hint about another interview names where it is: a line of the ledger, or a new row
    // (whose line in the combined text exists in no file).
    try write(
      "z.ledger", "timezone Europe/Berlin\n2026-11-20 10:00 interview acme\n  tz: Europe/London\n")
    try write(
      "tz.csv",
      "date,id,tz\n2026-11-24,beta,America/New_York\n2026-11-25,beta,Asia/Tokyo\n"
        + "2026-11-26,acme,Asia/Tokyo\n")
    let zones = try await Tenterhooks.run(["import", "tz.csv", "--ledger", "z.ledger"], in: folder)
    #expect(zones.status == 65)
    #expect(
      zones.stderr.contains(
        "tz.csv:3:3: note: an earlier one of the new entries says 'America/New_York'"),
      "\(zones.stderr)")
    #expect(
      zones.stderr.contains(
        "tz.csv:4:3: note: the interview at line 3 of the ledger says 'Europe/London'"),
      "\(zones.stderr)")

    let unknownColumn = try await Tenterhooks.run(
      ["import", "cols.csv", "--ledger", "i.ledger"], in: folder)
    #expect(unknownColumn.status != 0)
    try write("cols.csv", "date,id,compnay\n2026-11-24,acme,Acme\n")
    let cols = try await Tenterhooks.run(
      ["import", "cols.csv", "--ledger", "i.ledger"], in: folder)
    #expect(cols.status == 65)
    #expect(cols.stderr.contains("cols.csv:1:3: error: unknown column 'compnay'"))
    #expect(cols.stderr.contains("did you mean 'company'?"))

    try write(
      "good.csv",
      "date,time,id,company,note\n2026-11-24,9:30,acme,Acme GmbH,\"first, friendly\"\n2026-11-26,,beta,Beta AG,\n"
    )
    let good = try await Tenterhooks.run(
      ["import", "good.csv", "--ledger", "i.ledger"], in: folder)
    #expect(good.status == 0, "\(good.stderr)")
    let j = try Journal.load(
      path: folder.appendingPathComponent("i.ledger").path, defaultZone: .current)
    #expect(j.entries.map(\.application) == ["acme", "beta"])
    #expect(j.entries[0].time == LocalTime(hour: 9, minute: 30))
    #expect(j.entries[0].value(.note) == "first, friendly")
    #expect(j.entries[1].time == nil)
  }

  @Test("four processes appending 25 entries each lose nothing and leave a valid ledger")
  func concurrentAppends() async throws {
    try write("c.ledger", acmeInterview)
    let folder = self.folder
    // Each worker runs on a thread of its own: waiting for child processes must not occupy
    // the few threads Swift's concurrency pool has, or other tests' tasks starve meanwhile.
    let statuses = Statuses()
    let done = DispatchGroup()
    for worker in 0..<4 {
      done.enter()
      Thread {
        for n in 0..<25 {
          let status =
            (try? Tenterhooks.runBlocking(
              ["log", "note", "acme", "text=w\(worker)-\(n)", "--ledger", "c.ledger"], in: folder))?
            .status ?? -1
          statuses.append(status)
        }
        done.leave()
      }.start()
    }
    await withCheckedContinuation { finished in done.notify(queue: .global()) { finished.resume() }
    }
    #expect(statuses.all.count == 100)
    #expect(statuses.all.allSatisfy { $0 == 0 })
    let j = try Journal.load(
      path: folder.appendingPathComponent("c.ledger").path, defaultZone: .current)
    let texts = Set(j.entries.compactMap { $0.value(.text) })
    let expected = Set((0..<4).flatMap { w in (0..<25).map { "w\(w)-\($0)" } })
    #expect(texts == expected)
    #expect(j.entries.count == 101)
  }
}

/// Exit statuses collected from several threads.
private final class Statuses: @unchecked Sendable {
  private let lock = NSLock()
  private var values: [Int32] = []

  func append(_ status: Int32) { lock.withLock { values.append(status) } }
  var all: [Int32] { lock.withLock { values } }
}
