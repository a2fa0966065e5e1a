import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What `export -o` and `feed -o` do to what is already at the output path.
@Suite("Output targets", .serialized)
struct OutputTargetTests: ScratchFolder {
  let folder: URL

  init() throws {
    folder = try temporaryFolder()
    try write("holidays.ics", Self.holidays)
    try write(
      "j.ledger",
      "timezone Europe/Berlin\nholidays holidays.ics\n\n" + acmeInterview)
  }

  static let holidays = """
    BEGIN:VCALENDAR\r
    VERSION:2.0\r
    PRODID:-//test//EN\r
    BEGIN:VEVENT\r
    UID:h1@test\r
    DTSTAMP:20260101T000000Z\r
    DTSTART;VALUE=DATE:20261225\r
    SUMMARY:Christmas\r
    END:VEVENT\r
    END:VCALENDAR\r

    """

  let now = ["--now", "2026-11-27T12:00:00+01:00"]

  @Test("export and feed refuse to write over the ledger or a holidays file, with exit 64")
  func refusesToOverwriteItsSources() async throws {
    let ledger = try read("j.ledger")
    let holidays = try read("holidays.ics")
    #expect(symlink("j.ledger", path("alias.ledger")) == 0)
    for command in ["export", "feed"] {
      for output in ["j.ledger", "holidays.ics", "alias.ledger", "./j.ledger"] {
        let result = try await Tenterhooks.run(
          [command, "-o", output, "--ledger", "j.ledger"] + now, in: folder)
        #expect(result.status == 64, "\(command) -o \(output): \(result.stderr)")
        #expect(result.stderr.contains("refusing to write"), "\(result.stderr)")
      }
    }
    #expect(try read("j.ledger") == ledger)
    #expect(try read("holidays.ics") == holidays)
    // So do report and letter, in words that fit them too.
    for command in [["report"], ["letter", "acme"]] {
      let result = try await Tenterhooks.run(
        command + ["-o", "j.ledger", "--ledger", "j.ledger"] + now, in: folder)
      #expect(result.status == 64, "\(command): \(result.stderr)")
      #expect(
        result.stderr.contains(
          "refusing to write to 'j.ledger': it is 'j.ledger', one of the files it is made from"),
        "\(result.stderr)")
    }
    #expect(try read("j.ledger") == ledger)
    // A hard link is the same file under another name.
    #expect(link(path("j.ledger"), path("hard.ledger")) == 0)
    let hard = try await Tenterhooks.run(
      ["export", "-o", "hard.ledger", "--ledger", "j.ledger"] + now, in: folder)
    #expect(hard.status == 64)
    #expect(try read("j.ledger") == ledger)
  }

  @Test("export through a symbolic link replaces the link's target and keeps the link")
  func writesThroughSymlinks() async throws {
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("published"), withIntermediateDirectories: true)
    try write("published/calendar.ics", "old\n")
    #expect(symlink("published/calendar.ics", path("calendar.ics")) == 0)
    // A dangling link: the calendar is created where it points.
    #expect(symlink("published/new.ics", path("new.ics")) == 0)
    for output in ["calendar.ics", "new.ics"] {
      let result = try await Tenterhooks.run(
        ["export", "-o", output, "--ledger", "j.ledger"] + now, in: folder)
      #expect(result.status == 0, "\(result.stderr)")
      var info = stat()
      #expect(lstat(path(output), &info) == 0)
      #expect(info.st_mode & S_IFMT == S_IFLNK, "\(output) is no longer a link")
    }
    let written = String(decoding: try read("published/calendar.ics"), as: UTF8.self)
    #expect(written.hasPrefix("BEGIN:VCALENDAR"))
    #expect(try read("published/new.ics") == (try read("published/calendar.ics")))
    // The temporary file was made beside the target, and is gone.
    let left = try FileManager.default.contentsOfDirectory(
      atPath: folder.appendingPathComponent("published").path)
    #expect(Set(left) == ["calendar.ics", "new.ics"])
  }

  @Test("export into a FIFO writes into it in place instead of replacing it with a file")
  func writesIntoFIFOs() async throws {
    #expect(mkfifo(path("pipe"), 0o600) == 0)
    // The reader opens the FIFO on a thread of its own, as a consumer process would; opening
    // blocks until the writer comes.
    let fifo = path("pipe")
    let reader = Task {
      try await withCheckedThrowingContinuation {
        (continuation: CheckedContinuation<Data, any Error>) in
        Thread {
          continuation.resume(
            with: Result {
              let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: fifo))
              defer { try? handle.close() }
              return handle.readDataToEndOfFile()
            })
        }.start()
      }
    }
    let result = try await Tenterhooks.run(
      ["export", "-o", "pipe", "--ledger", "j.ledger"] + now, in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    let received = try await reader.value
    #expect(String(decoding: received, as: UTF8.self).hasPrefix("BEGIN:VCALENDAR"))
    var info = stat()
    #expect(lstat(path("pipe"), &info) == 0)
    #expect(info.st_mode & S_IFMT == S_IFIFO)
  }

  @Test("export to a character device writes into it and leaves the device node alone")
  func writesIntoDevices() async throws {
    var before = stat()
    #expect(stat("/dev/null", &before) == 0)
    let result = try await Tenterhooks.run(
      ["export", "-o", "/dev/null", "--ledger", "j.ledger"] + now, in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    var after = stat()
    #expect(lstat("/dev/null", &after) == 0)
    #expect(after.st_mode & S_IFMT == S_IFCHR)
    #expect(after.st_ino == before.st_ino)
  }

  @Test("a ledger whose path is one character long, with a holidays line, is read")
  func shortLedgerPaths() async throws {
    try write("j", "holidays holidays.ics\n" + acmeInterview)
    for command in [["check"], ["log", "thanked", "acme", "--at", "2026-11-25"], ["plan"]] {
      let result = try await Tenterhooks.run(command + ["--ledger", "j"] + now, in: folder)
      #expect(result.status == 0, "\(command): \(result.stderr)")
    }
  }
}
