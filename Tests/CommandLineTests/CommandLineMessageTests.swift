import Foundation
import Ledger
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What the command line says when things are off, and with which exit status.
@Suite("Command-line messages and checks", .serialized)
struct CommandLineMessageTests: ScratchFolder {
  let folder: URL

  init() throws { folder = try temporaryFolder() }

  @Test("--now and --at without an offset are read in the ledger's zone, not the system's")
  func nowIsReadInYourZone() async throws {
    try write(
      "z.ledger",
      "timezone Europe/Berlin\n2026-11-24 10:00 interview acme\n  tz: America/New_York\n")
    let logged = try await Tenterhooks.run(
      ["log", "note", "acme", "--ledger", "z.ledger", "--now", "2026-11-24T20:15"], in: folder,
      zone: "UTC")
    #expect(logged.status == 0, "\(logged.stderr)")
    let at = try await Tenterhooks.run(
      ["log", "thanked", "acme", "--ledger", "z.ledger", "--at", "2026-11-24T21:00"], in: folder,
      zone: "UTC")
    #expect(at.status == 0, "\(at.stderr)")
    // An interview is written in the employer's zone: 10:00 in Berlin is 04:00 in New York.
    let interview = try await Tenterhooks.run(
      ["log", "interview", "acme", "--ledger", "z.ledger", "--at", "2026-12-01T10:00"],
      in: folder, zone: "UTC")
    #expect(interview.status == 0, "\(interview.stderr)")
    let text = String(decoding: try read("z.ledger"), as: UTF8.self)
    #expect(text.contains("\n2026-11-24 20:15 note acme\n"), "\(text)")
    #expect(text.contains("\n2026-11-24 21:00 thanked acme\n"), "\(text)")
    #expect(text.contains("\n2026-12-01 04:00 interview acme\n"), "\(text)")
  }

  @Test("check, log and import refuse a ledger whose holidays file is not iCalendar, as plan does")
  func checkReadsTheHolidays() async throws {
    try write("garbage.ics", "this is not a calendar\n")
    try write("h.ledger", "holidays garbage.ics\n\n" + acmeInterview)
    try write("rows.csv", "date,id\n2026-11-26,beta\n")
    let before = try read("h.ledger")
    for command in [
      ["check"], ["plan"], ["log", "thanked", "acme"], ["import", "rows.csv"],
    ] {
      let result = try await Tenterhooks.run(command + ["--ledger", "h.ledger"], in: folder)
      #expect(result.status == 65, "\(command): \(result.stderr)")
      #expect(
        result.stderr.contains("h.ledger:1:10: error: holidays file 'garbage.ics' is not usable"),
        "\(command): \(result.stderr)")
    }
    #expect(try read("h.ledger") == before)
    // With another problem in the ledger, both come in one run.
    try write(
      "hb.ledger", "holidays garbage.ics\n\n" + acmeInterview + "2026-11-25 thanked acmee\n")
    let broken = try read("hb.ledger")
    for command in [
      ["check"], ["plan"], ["export", "-o", "out.ics"], ["log", "thanked", "acme"],
      ["import", "rows.csv"],
    ] {
      let result = try await Tenterhooks.run(command + ["--ledger", "hb.ledger"], in: folder)
      #expect(result.status == 65, "\(command): \(result.stderr)")
      #expect(
        result.stderr.contains("hb.ledger:1:10: error: holidays file 'garbage.ics' is not usable"),
        "\(command): \(result.stderr)")
      #expect(result.stderr.contains("unknown application ID 'acmee'"), "\(result.stderr)")
    }
    #expect(try read("hb.ledger") == broken)
  }

  @Test("check counts applications closed by an outcome as closed, and reopened ones as open")
  func checkCountsOpenApplications() async throws {
    try write(
      "o.ledger",
      "2026-11-24 interview a\n2026-11-24 interview b\n2026-11-25 heard b\n  outcome: rejected\n"
        + "2026-11-24 interview c\n2026-11-25 rejected c\n2026-11-26 interview c\n")
    let result = try await Tenterhooks.run(
      ["check", "--ledger", "o.ledger", "--now", "2026-12-01"], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("3 applications (2 open)"), "\(result.stdout)")
  }

  @Test(
    "a bare date in --now is 09:00: an undated entry that day is not after now; log dates it so")
  func bareDateNow() async throws {
    try write("d.ledger", acmeInterview + "2026-11-28 thanked acme\n")
    let check = try await Tenterhooks.run(
      ["check", "--ledger", "d.ledger", "--now", "2026-11-28"], in: folder)
    #expect(check.status == 0 && !check.stderr.contains("after now"), "\(check.stderr)")
    let log = try await Tenterhooks.run(
      ["log", "note", "acme", "text=x", "--ledger", "d.ledger", "--now", "2026-11-29"], in: folder)
    #expect(log.status == 0 && !log.stderr.contains("warning"), "\(log.stderr)")
    let text = String(decoding: try read("d.ledger"), as: UTF8.self)
    #expect(text.hasSuffix("\n2026-11-29 note acme\n  text: x\n"), "\(text)")
  }

  @Test("check shows warnings with exit 0; --strict makes them exit 65; log warns about its entry")
  func warningsAndStrict() async throws {
    try write("w.ledger", acmeInterview + "2026-11-24 10:00 interview acme\n")
    let plain = try await Tenterhooks.run(
      ["check", "--ledger", "w.ledger", "--now", "2026-11-30T12:00"], in: folder)
    #expect(plain.status == 0)
    #expect(plain.stderr.contains("w.ledger:4:1: warning: the same interview of 'acme'"))
    #expect(plain.stdout.contains("1 warning"))
    let strict = try await Tenterhooks.run(
      ["check", "--strict", "--ledger", "w.ledger", "--now", "2026-11-30T12:00"], in: folder)
    #expect(strict.status == 65)
    #expect(strict.stderr.contains("w.ledger:4:1: warning:"))
    let log = try await Tenterhooks.run(
      [
        "log", "called", "acme", "--at", "2026-12-03T10:00", "--now", "2026-11-30T12:00",
        "--ledger", "w.ledger",
      ], in: folder)
    #expect(log.status == 0)
    #expect(log.stderr.contains("w.ledger:6:1: warning: 'called acme' is dated after now"))
    // The old duplicate is not the new entry's business.
    #expect(!log.stderr.contains("same interview"))
  }

  @Test("a ledger path that is a folder is bad input in every command, with a clear message")
  func ledgerIsAFolder() async throws {
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("d"), withIntermediateDirectories: true)
    for command in [["check"], ["plan"], ["export", "-o", "out.ics"], ["log", "note", "acme"]] {
      let result = try await Tenterhooks.run(command + ["--ledger", "d"], in: folder)
      #expect(result.status == 65, "\(command): \(result.stderr)")
      #expect(!result.stderr.contains("init d"), "\(command): \(result.stderr)")
      #expect(
        result.stderr.contains("'d' is a folder") || result.stderr.contains("Is a directory"),
        "\(command): \(result.stderr)")
    }
  }

  @Test("import of a folder or a missing file says so, exit 66")
  func importOfAFolder() async throws {
    try write("i.ledger", acmeInterview)
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("sheets"), withIntermediateDirectories: true)
    let folderResult = try await Tenterhooks.run(
      ["import", "sheets", "--ledger", "i.ledger"], in: folder)
    #expect(folderResult.status == 66)
    #expect(
      folderResult.stderr == "tenterhooks import: error: 'sheets' is a folder, not a CSV file\n")
    let missing = try await Tenterhooks.run(
      ["import", "absent.csv", "--ledger", "i.ledger"], in: folder)
    #expect(missing.status == 66)
    #expect(missing.stderr.hasPrefix("tenterhooks import: error: no file at 'absent.csv'"))
  }

  @Test("an unwritable output is 'tenterhooks export: error:' with exit 73")
  func unwritableOutput() async throws {
    try write("u.ledger", acmeInterview)
    let result = try await Tenterhooks.run(
      ["export", "-o", "no/such/folder/out.ics", "--ledger", "u.ledger"], in: folder)
    #expect(result.status == 73)
    #expect(
      result.stderr.hasPrefix("tenterhooks export: error: cannot write 'no/such/folder/out.ics'"))
  }

  @Test("serve on a busy port says the port is in use, exit 69")
  func busyPort() async throws {
    try write("s.ledger", acmeInterview)
    // Hold a port by listening on it.
    #if canImport(Glibc)
      let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
      let fd = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    #expect(fd >= 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    #expect(bound == 0)
    #expect(listen(fd, 1) == 0)
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    let port = Int(UInt16(bigEndian: address.sin_port))
    let result = try await Tenterhooks.run(
      ["serve", "--port", "\(port)", "--ledger", "s.ledger"], in: folder)
    #expect(result.status == 69)
    #expect(
      result.stderr.contains(
        "tenterhooks serve: error: cannot listen on 127.0.0.1:\(port): the port is already in use"))
  }

  @Test("import reports header problems and row problems in one pass")
  func importReportsEverything() async throws {
    try write("i.ledger", acmeInterview)
    try write(
      "both.csv", "date,id,compnay,caller\n2026-11-25,beta,Beta,them\n2026-13-01,gamma,Gamma,me\n")
    let before = try read("i.ledger")
    let result = try await Tenterhooks.run(
      ["import", "both.csv", "--ledger", "i.ledger"], in: folder)
    #expect(result.status == 65)
    #expect(result.stderr.contains("both.csv:1:3: error: unknown column 'compnay'"))
    #expect(result.stderr.contains("both.csv:2:4: error: invalid value 'them' for 'caller'"))
    #expect(result.stderr.contains("both.csv:3:1: error: invalid date '2026-13-01'"))
    #expect(try read("i.ledger") == before)
  }

  @Test("a key=value argument without a key is a usage error in log and import, not a crash")
  func keyValueWithoutKey() async throws {
    _ = try await Tenterhooks.run(["init", "k.ledger"], in: folder)
    for argument in ["=", "=Acme"] {
      for command in [["log", "interview", "acme"], ["import", "invite.ics"]] {
        let result = try await Tenterhooks.run(
          command + ["--ledger", "k.ledger", argument], in: folder)
        #expect(!result.signalled)
        #expect(result.status == 64)
        #expect(result.stderr.contains("'\(argument)' is not key=value"))
      }
    }
  }

  @Test("a misspelt command gets a suggestion; init takes no --now")
  func misspeltCommands() async throws {
    let result = try await Tenterhooks.run(["logg", "note", "acme"], in: folder)
    #expect(result.status == 64)
    #expect(result.stderr.contains("unknown command 'logg' — did you mean 'log'?"))
    let initNow = try await Tenterhooks.run(
      ["init", "--now", "2026-11-24", "n.ledger"], in: folder)
    #expect(initNow.status == 64)
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("n.ledger").path))
  }
}
