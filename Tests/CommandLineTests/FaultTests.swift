import Export
import Foundation
import ICal
import Ledger
import SeededRandom
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The real binary under faults: killed while writing, out of space, denied the folder, fed
/// a ledger that changes under it. Each test is bounded by a fixed number of runs.
///
/// They take about a minute of CPU in subprocesses, which starves the loopback tests running
/// beside them in a parallel `swift test` (their sockets time out), so they run in a step of
/// their own: `TENTERHOOKS_FAULT_TESTS=1 swift test --filter FaultTests` (scripts/test).
@Suite(
  "Faults: kill, full disk, unwritable folder, a ledger changing mid-read", .serialized,
  .enabled(
    if: ProcessInfo.processInfo.environment["TENTERHOOKS_FAULT_TESTS"] == "1",
    "set TENTERHOOKS_FAULT_TESTS=1 (scripts/test runs them after the suite)"))
struct FaultTests {
  static let now = "2026-06-15T12:00:00+02:00"

  /// Writes the two ledger versions and exports each once, uninterrupted, to learn the two
  /// calendars a reader may ever see.
  func prepare(_ folder: String) throws -> (old: [UInt8], new: [UInt8]) {
    try LargeLedger.text(applications: 300, variant: 0)
      .write(toFile: folder + "/old.ledger", atomically: true, encoding: .utf8)
    try LargeLedger.text(applications: 320, variant: 1)
      .write(toFile: folder + "/new.ledger", atomically: true, encoding: .utf8)
    var calendars: [[UInt8]] = []
    for version in ["old", "new"] {
      let result = try Tenterhooks.run(
        ["export", "--ledger", "\(version).ledger", "--now", Self.now, "-o", "\(version).ics"],
        in: folder)
      #expect(result.status == 0, "\(result.stderr)")
      calendars.append(try #require(bytes(at: folder + "/\(version).ics")))
    }
    #expect(calendars[0] != calendars[1])
    return (calendars[0], calendars[1])
  }

  @Test(
    "export and feed killed with SIGKILL at random moments leave the old calendar or the new, never a mix"
  )
  func killedWhileWriting() throws {
    let binary = try #require(Tenterhooks.binary, "build the tenterhooks executable first")
    let folder = try makeFaultFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let (old, new) = try prepare(folder)
    let target = folder + "/calendar.ics"

    // How long one uninterrupted run takes (the longer of the two), so the kills spread
    // over twice that: about half land while it works, the rest after it finished.
    let clock = ContinuousClock()
    var longest = Duration.zero
    for (version, output) in [("new", "measure.ics"), ("old", "calendar.ics")] {
      longest = max(
        longest,
        try clock.measure {
          _ = try Tenterhooks.run(
            ["export", "--ledger", "\(version).ledger", "--now", Self.now, "-o", output],
            in: folder)
        })
    }
    let window = max(longest / .milliseconds(1), 20) * 2
    #expect(bytes(at: target) == old)

    var random = SplitMix64(seed: 6)
    var expected = old
    var killed = 0
    var seen: [String: Int] = ["old": 0, "new": 0]
    for round in 0..<30 {
      let version = round % 2 == 0 ? "new" : "old"
      let wanted = version == "new" ? new : old
      let command = round % 4 < 2 ? "export" : "feed"
      let started = try Tenterhooks.start(
        binary,
        [command, "--ledger", "\(version).ledger", "--now", Self.now, "-o", "calendar.ics"],
        in: folder)
      let delay = Double(random.next() % UInt64(window * 1000)) / 1_000_000
      Thread.sleep(forTimeInterval: delay)
      let process = started.process
      if kill(process.processIdentifier, SIGKILL) == 0 && process.isRunning { killed += 1 }
      let outcome = Tenterhooks.finish(started)
      #expect(
        outcome.signalled || outcome.status == 0,
        "round \(round): \(command) exited \(outcome.status): \(outcome.stderr)")

      let found = try #require(bytes(at: target), "round \(round): the calendar disappeared")
      if found == wanted {
        expected = wanted
      } else {
        #expect(found == expected, "round \(round): \(command) left neither calendar in place")
      }
      seen[found == old ? "old" : "new", default: 0] += 1
      let text = String(decoding: found, as: UTF8.self)
      #expect(throws: Never.self, "round \(round)") { try VCalendar.parse(text) }
      // A SIGKILLed writer cannot remove its temporary file: at most one per kill remains.
      #expect(temporaries(of: "calendar.ics", in: folder).count <= killed)
    }
    print(
      "fault summary: \(killed) of 30 runs killed (window \(Int(window)) ms); calendar in place "
        + "afterwards: old \(seen["old"]!)x, new \(seen["new"]!)x; "
        + "\(temporaries(of: "calendar.ics", in: folder).count) temporary files left")
    // The seed spreads the kills: some runs died, and both versions were seen in place.
    #expect(killed > 5)
    #expect(seen["old"]! > 0 && seen["new"]! > 0)

    // Leftovers younger than a minute may belong to a writer at work: a good export keeps
    // them. Once older, the next good export of the same file removes them.
    let leftovers = temporaries(of: "calendar.ics", in: folder)
    let fresh = folder + "/.calendar.ics.Fresh1"
    try Data("in progress".utf8).write(to: URL(fileURLWithPath: fresh))
    let lastMinute = Date().addingTimeInterval(-120)
    for name in leftovers {
      try FileManager.default.setAttributes(
        [.modificationDate: lastMinute], ofItemAtPath: folder + "/" + name)
    }
    let unrelated = folder + "/.calendar.ics.old"
    try Data("mine".utf8).write(to: URL(fileURLWithPath: unrelated))
    try FileManager.default.setAttributes([.modificationDate: lastMinute], ofItemAtPath: unrelated)
    let last = try Tenterhooks.run(
      ["export", "--ledger", "new.ledger", "--now", Self.now, "-o", "calendar.ics"], in: folder)
    #expect(last.status == 0)
    #expect(bytes(at: target) == new)
    #expect(
      temporaries(of: "calendar.ics", in: folder) == [".calendar.ics.Fresh1", ".calendar.ics.old"])
  }

  @Test("a full disk (file-size limit) fails with exit 73 and a clear message, the old file kept")
  func fullDisk() throws {
    let binary = try #require(Tenterhooks.binary, "build the tenterhooks executable first")
    let folder = try makeFaultFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let (old, new) = try prepare(folder)
    #expect(new.count > 65536)
    try Data(old).write(to: URL(fileURLWithPath: folder + "/calendar.ics"))

    // RLIMIT_FSIZE makes write(2) fail with EFBIG past the limit, as ENOSPC does on a full
    // disk; SIGXFSZ is ignored (inherited through exec) so the error reaches the program.
    for command in ["export", "feed"] {
      for limit in [0, 4096, 65536, new.count - 1] {
        let result = try Tenterhooks.runWrapped(
          "/bin/sh",
          [
            "-c", "trap '' XFSZ; exec prlimit --fsize=\(limit) -- \"$0\" \"$@\"", binary, command,
            "--ledger", "new.ledger", "--now", Self.now, "-o", "calendar.ics",
          ], in: folder)
        #expect(result.status == 73, "\(command) with \(limit) bytes: \(result.stderr)")
        #expect(result.stderr.contains("cannot write"), "\(result.stderr)")
        #expect(result.stderr.contains("File too large"), "\(result.stderr)")
        #expect(bytes(at: folder + "/calendar.ics") == old)
        #expect(temporaries(of: "calendar.ics", in: folder).isEmpty)
      }
    }
  }

  @Test("an unwritable folder, or a folder that is a file, fails with exit 73, the old file kept")
  func unwritableFolder() throws {
    let binary = try #require(Tenterhooks.binary, "build the tenterhooks executable first")
    let folder = try makeFaultFolder()
    defer {
      chmod(folder + "/locked", 0o755)
      try? FileManager.default.removeItem(atPath: folder)
    }
    let (old, _) = try prepare(folder)

    // A path below a regular file: ENOTDIR, whoever runs it.
    try Data("not a folder".utf8).write(to: URL(fileURLWithPath: folder + "/notes.txt"))
    for command in ["export", "feed"] {
      let result = try Tenterhooks.run(
        [command, "--ledger", "new.ledger", "--now", Self.now, "-o", "notes.txt/calendar.ics"],
        in: folder)
      #expect(result.status == 73, "\(result.stderr)")
      #expect(result.stderr.contains("Not a directory"), "\(result.stderr)")
      #expect(bytes(at: folder + "/notes.txt") == Array("not a folder".utf8))
    }

    // A folder without write permission. Root ignores permissions, so as root the program
    // runs as `nobody` (setpriv, util-linux); the files it reads are world-readable.
    try FileManager.default.createDirectory(
      atPath: folder + "/locked", withIntermediateDirectories: false)
    try Data(old).write(to: URL(fileURLWithPath: folder + "/locked/calendar.ics"))
    chmod(folder + "/locked/calendar.ics", 0o644)
    chmod(folder + "/locked", 0o555)
    for command in ["export", "feed"] {
      let arguments = [
        command, "--ledger", "new.ledger", "--now", Self.now, "-o", "locked/calendar.ics",
      ]
      let result = try runWithPermissionsCounting(binary, arguments, in: folder)
      #expect(result.status == 73, "\(result.stderr)")
      #expect(result.stderr.contains("Permission denied"), "\(result.stderr)")
      #expect(bytes(at: folder + "/locked/calendar.ics") == old)
      #expect(temporaries(of: "calendar.ics", in: folder + "/locked").isEmpty)
    }
  }

  @Test("a ledger that may not be written or read: log exits 73, check names the permissions")
  func ledgerPermissions() throws {
    let binary = try #require(Tenterhooks.binary, "build the tenterhooks executable first")
    let folder = try makeFaultFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let text = Array("2026-11-24 10:00 interview acme\n  company: Acme GmbH\n".utf8)
    try Data(text).write(to: URL(fileURLWithPath: folder + "/i.ledger"))
    func run(_ arguments: [String]) throws -> Tenterhooks.Outcome {
      try runWithPermissionsCounting(binary, arguments, in: folder)
    }
    chmod(folder + "/i.ledger", 0o444)
    let log = try run(["log", "thanked", "acme", "--ledger", "i.ledger", "--now", Self.now])
    #expect(log.status == 73, "\(log.stderr)")
    #expect(log.stderr.contains("Permission denied"), "\(log.stderr)")
    #expect(log.stderr.contains("note: check the ledger's permissions"), "\(log.stderr)")
    #expect(bytes(at: folder + "/i.ledger") == text)
    chmod(folder + "/i.ledger", 0o000)
    let check = try run(["check", "--ledger", "i.ledger", "--now", Self.now])
    #expect(check.status == 65, "\(check.stderr)")
    #expect(check.stderr.contains("i.ledger:1:1: error: cannot read the ledger"), "\(check.stderr)")
    #expect(check.stderr.contains("note: check the file's permissions"), "\(check.stderr)")
    #expect(!check.stderr.contains("init"), "\(check.stderr)")
  }

  @Test("an entry appended while export reads the ledger is read whole or not at all")
  func appendDuringRead() throws {
    let folder = try makeFaultFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let ledger = folder + "/interviews.ledger"
    try LargeLedger.text(applications: 40).write(toFile: ledger, atomically: true, encoding: .utf8)

    // A slow appender, holding the lock `tenterhooks log` takes, writes an entry in two
    // halves. The first half alone is a valid ledger with a different plan (no decision
    // date, no contact), so an export that read it would quietly schedule the wrong call.
    let fd = open(ledger, O_WRONLY | O_APPEND)
    #expect(fd >= 0)
    defer { close(fd) }
    #expect(flock(fd, LOCK_EX) == 0)
    let whole = Array(LargeLedger.entry(993).utf8)
    let cut = whole.firstIndex(of: 0x0A)! + 1  // after the header line
    #expect(write(fd, whole, cut) == cut)

    let binary = try #require(Tenterhooks.binary, "build the tenterhooks executable first")
    let started = try Tenterhooks.start(
      binary,
      ["export", "--ledger", "interviews.ledger", "--now", Self.now, "-o", "calendar.ics"],
      in: folder)
    Thread.sleep(forTimeInterval: 0.5)
    let rest = Array(whole[cut...])
    #expect(write(fd, rest, rest.count) == rest.count)
    #expect(flock(fd, LOCK_UN) == 0)
    let outcome = Tenterhooks.finish(started)
    #expect(outcome.status == 0, "\(outcome.stderr)")

    let text = String(decoding: try #require(bytes(at: folder + "/calendar.ics")), as: UTF8.self)
    let calendar = try VCalendar.parse(text)
    let call = try #require(
      calendar.events.first { $0.uid.hasPrefix("follow-up-call-1.round-1.app-993@") })
    // The whole entry: the call is the business day after the agreed date (Thursday 9 April).
    #expect(LargeLedger.decisionDay(993) == "2026-04-09")
    #expect(call.start.year == 2026 && call.start.month == 4 && call.start.day == 10)
  }

  @Test(
    "export in a loop while the ledger grows and is replaced: a complete plan or diagnostics, never a crash"
  )
  func ledgerChangingUnderExport() throws {
    let folder = try makeFaultFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let ledger = folder + "/interviews.ledger"
    let base = LargeLedger.text(applications: 60)
    try base.write(toFile: ledger, atomically: true, encoding: .utf8)

    // In the background: append entries through LedgerFile (the code `log` runs), and now
    // and then replace the whole file the way editors save (new file, rename), sometimes
    // with a typo in it.
    let stop = Flag()
    let writer = Thread {
      var next = 1000
      var random = SplitMix64(seed: 7)
      while !stop.isSet {
        if random.next() % 8 == 0 {
          let broken = random.next() % 2 == 0
          var text = (try? String(contentsOfFile: ledger, encoding: .utf8)) ?? base
          if broken { text += "2026-07-01 intervew oops\n" }
          try? text.write(toFile: ledger, atomically: true, encoding: .utf8)
          if broken {
            Thread.sleep(forTimeInterval: 0.05)
            try? String(text.dropLast("2026-07-01 intervew oops\n".count))
              .write(toFile: ledger, atomically: true, encoding: .utf8)
          }
        } else {
          let draft = EntryDraft(
            verb: "interview", application: "app-\(next)",
            moment: .iso8601(LargeLedger.day(next) + "T10:00"),
            fields: [
              DraftField(key: "company", value: "Company \(next) GmbH"),
              DraftField(key: "contact", value: "Contact \(next)"),
              DraftField(key: "decision", value: LargeLedger.decisionDay(next)),
              DraftField(key: "caller", value: "me"),
            ])
          _ = try? LedgerFile.append(
            [draft], to: ledger, defaultZone: TimeZone(identifier: "Europe/Berlin")!)
          next += 1
        }
        Thread.sleep(forTimeInterval: 0.002)
      }
    }
    writer.start()
    defer { stop.set() }

    var succeeded = 0
    var refused = 0
    for round in 0..<15 {
      let result = try Tenterhooks.run(
        ["export", "--ledger", "interviews.ledger", "--now", Self.now, "-o", "calendar.ics"],
        in: folder)
      #expect(!result.signalled, "round \(round) crashed: \(result.stderr)")
      switch result.status {
      case 0:
        succeeded += 1
        let text = String(
          decoding: try #require(bytes(at: folder + "/calendar.ics")), as: UTF8.self)
        let calendar = try VCalendar.parse(text)
        // Every application in the calendar came with its whole entry: its follow-up call
        // is after its agreed decision date, and its interviewer is named.
        for index in 1000..<10000 {
          guard
            let call = calendar.events.first(where: {
              $0.uid.hasPrefix("follow-up-call-1.round-1.app-\(index)@")
            })
          else { break }
          let decision = LargeLedger.decisionDay(index)
          let day = String(
            format: "%04d-%02d-%02d", call.start.year, call.start.month, call.start.day)
          #expect(day > decision, "app-\(index): call on \(day), decision \(decision)")
        }
      case 65:
        refused += 1
        #expect(result.stderr.contains("interviews.ledger:"), "\(result.stderr)")
        #expect(result.stderr.contains("error:"), "\(result.stderr)")
      default:
        Issue.record("round \(round): exit \(result.status): \(result.stderr)")
      }
    }
    stop.set()
    print(
      "fault summary: ledger changing under export: \(succeeded) calendars, \(refused) refusals")
    #expect(succeeded > 0)
  }
}

/// A flag one thread sets and another reads.
final class Flag: @unchecked Sendable {
  private let lock = NSLock()
  private var value = false
  var isSet: Bool { lock.withLock { value } }
  func set() { lock.withLock { value = true } }
}
