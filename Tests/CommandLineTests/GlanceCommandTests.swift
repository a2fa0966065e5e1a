import Foundation
import Testing

/// `status`, `letter`, `report`, `plan --app/--days`, `--version` and completions, run as the
/// real binary.
@Suite("status, letter and report on the command line", .serialized)
struct GlanceCommandTests {
  let folder: URL
  static let sample = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("samples")
  static let now = "2026-12-03T12:00:00+01:00"

  init() throws {
    folder = try temporaryFolder()
    for name in try FileManager.default.contentsOfDirectory(atPath: Self.sample.path) {
      try FileManager.default.copyItem(
        at: Self.sample.appendingPathComponent(name), to: folder.appendingPathComponent(name))
    }
  }

  func run(_ arguments: [String]) async throws -> Tenterhooks.Outcome {
    try await Tenterhooks.run(arguments + ["--now", Self.now], in: folder)
  }

  @Test("status prints one row per application, closed ones last, no colour into a pipe")
  func status() async throws {
    let result = try await run(["status"])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.count == 7)
    #expect(
      lines.map { $0.split(separator: " ")[0] } == [
        "ID", "initech", "hooli", "acme", "globex", "umbrella", "wonka",
      ])
    #expect(!result.stdout.contains("\u{1B}["))
    #expect(lines[3].contains("offer 25 Nov"))
  }

  @Test("status --format json is one array with an object per application")
  func statusJSON() async throws {
    let result = try await run(["status", "--format", "json"])
    #expect(result.status == 0)
    let array = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    #expect(
      array.map { $0["application"] as? String } == [
        "initech", "hooli", "acme", "globex", "umbrella", "wonka",
      ])
    #expect(array[0]["postponements"] as? Int == 3)
  }

  @Test("letter prints a draft; -o writes it; a missing address is a warning, exit 0")
  func letter() async throws {
    let acme = try await run(["letter", "acme"])
    #expect(acme.status == 0)
    #expect(acme.stdout.contains("To: \"Jane Doe\" <jane@acme.example>\r\n"))
    #expect(acme.stderr.isEmpty)
    let hooli = try await run(["letter", "hooli", "-o", "hooli.eml"])
    #expect(hooli.status == 0)
    #expect(hooli.stderr.contains("warning: MISSING: the ledger has no e-mail address"))
    let written = try String(
      contentsOf: folder.appendingPathComponent("hooli.eml"), encoding: .utf8)
    #expect(written.contains("[[MISSING:"))
    #expect(written.contains("Dear Gavin Belson,"))
  }

  @Test("letter for an unknown ID is a usage error with a suggestion, and writes nothing")
  func letterUnknown() async throws {
    let result = try await run(["letter", "acne", "-o", "x.eml"])
    #expect(result.status == 64)
    #expect(result.stderr.contains("did you mean 'acme'?"))
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("x.eml").path))
  }

  @Test("letter refuses to write over the ledger")
  func letterOverLedger() async throws {
    let before = try Data(contentsOf: folder.appendingPathComponent("interviews.ledger"))
    let result = try await run(["letter", "acme", "-o", "interviews.ledger"])
    #expect(result.status == 64)
    #expect(try Data(contentsOf: folder.appendingPathComponent("interviews.ledger")) == before)
  }

  @Test("report -o writes one page with every application")
  func report() async throws {
    let result = try await run(["report", "-o", "hunt.html"])
    #expect(result.status == 0, "\(result.stderr)")
    let page = try String(contentsOf: folder.appendingPathComponent("hunt.html"), encoding: .utf8)
    for id in ["acme", "initech", "globex", "hooli", "umbrella", "wonka"] {
      #expect(page.contains("id=\"\(id)\""))
    }
    let again = try await run(["report", "-o", "-"])
    #expect(again.stdout == page)
  }

  @Test("plan --app shows one application's actions, --days only the next days")
  func planFilters() async throws {
    let initech = try await run(["plan", "--app", "initech", "--format", "json"])
    let actions = try #require(
      try JSONSerialization.jsonObject(with: Data(initech.stdout.utf8)) as? [[String: Any]])
    #expect(!actions.isEmpty)
    #expect(actions.allSatisfy { $0["application"] as? String == "initech" })
    let soon = try await run(["plan", "--days", "3", "--format", "json"])
    let few = try #require(
      try JSONSerialization.jsonObject(with: Data(soon.stdout.utf8)) as? [[String: Any]])
    #expect(!few.contains { $0["kind"] as? String == "interview" })
    let unknown = try await run(["plan", "--app", "nope"])
    #expect(unknown.status == 64)
    let negative = try await run(["plan", "--days", "-1"])
    #expect(negative.status == 64)
  }

  @Test("--version names the version the changelog is at, and the libical version too")
  func version() async throws {
    let result = try await Tenterhooks.run(["--version"], in: folder)
    #expect(result.stdout.contains("libical 3."))
    // The changelog's first heading names the version being made, e.g. "Unreleased (0.2)".
    let changelog = try String(
      contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("CHANGELOG.md"), encoding: .utf8)
    let heading = changelog.split(separator: "\n").first { $0.hasPrefix("## ") }
    let named = heading.flatMap { $0.firstMatch(of: /[0-9]+\.[0-9]+/) }.map { String($0.output) }
    #expect(named.map { result.stdout.hasPrefix($0 + ".") } == true, "\(result.stdout)")
  }

  @Test("completion scripts for bash, zsh and fish know the new commands")
  func completions() async throws {
    for shell in ["bash", "zsh", "fish"] {
      let result = try await Tenterhooks.run(["--generate-completion-script", shell], in: folder)
      #expect(result.status == 0)
      #expect(result.stdout.contains("letter"), "\(shell)")
      #expect(result.stdout.contains("status"), "\(shell)")
    }
  }

  @Test("letter and plan --app complete the application IDs of the ledger")
  func completesIDs() async throws {
    let all = try await Tenterhooks.run(
      ["---completion", "letter", "--", "positional@0", "2", "0", "tenterhooks", "letter", ""],
      in: folder)
    #expect(
      all.stdout.split(separator: "\n") == [
        "acme", "initech", "globex", "hooli", "umbrella", "wonka",
      ])
    let some = try await Tenterhooks.run(
      [
        "---completion", "plan", "--", "--app", "4", "1", "tenterhooks", "plan", "--ledger",
        "interviews.ledger", "--app", "g",
      ], in: folder)
    #expect(some.stdout == "globex\n")
    let none = try await Tenterhooks.run(
      [
        "---completion", "letter", "--", "positional@0", "4", "0", "tenterhooks", "letter",
        "--ledger", "absent.ledger", "",
      ], in: folder)
    #expect(none.stdout.isEmpty)
  }

  @Test("the status of an empty ledger and of non-ASCII names")
  func edgeLedgers() async throws {
    try Data("timezone Europe/Berlin\n".utf8).write(to: folder.appendingPathComponent("e.ledger"))
    let empty = try await run(["status", "--ledger", "e.ledger"])
    #expect(empty.stdout == "No applications yet.\n")
    try Data(
      """
      timezone Europe/Berlin
      2026-11-20 10:00 interview mueller
        company: Müller & Söhne
        contact: Jürgen Müller
        email: juergen@mueller.example

      """.utf8
    ).write(to: folder.appendingPathComponent("u.ledger"))
    let status = try await run(["status", "--ledger", "u.ledger"])
    #expect(status.stdout.contains("Müller & Söhne"))
    let letter = try await run(["letter", "mueller", "--ledger", "u.ledger"])
    #expect(letter.stdout.contains("To: =?utf-8?b?"))
    #expect(letter.stdout.contains("Dear Jürgen Müller,"))
  }
}
