import ArgumentParser
import Export
import Foundation
import Ledger
import Scheduler

extension Tenterhooks {
  /// `tenterhooks letter ID`: a thank-you draft for the latest interview, as an e-mail message.
  struct Letter: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "letter",
      abstract: "Draft a thank-you letter for the latest interview of an application.",
      discussion: """
        Prints (or writes with -o, atomically) an RFC 5322 message for the latest interview \
        of ID that has taken place: To: the interviewer's name and address exactly as the \
        ledger has them, a Subject naming the role, and a short, restrained body with the \
        places only you can fill marked [[ ]]. Save it as FILE.eml and open it in your mail \
        client (X-Unsent: 1 makes it a draft); Tenterhooks never sends anything. There is no \
        From: line: your mail client adds yours.

        When the ledger lacks the interviewer's name or address, the draft says so at the \
        top and a warning goes to standard error; the exit status is still 0. An unknown ID \
        is a usage error (64); an application whose first interview is still ahead has no \
        letter yet (exit 1).
        """)

    @OptionGroup var common: CommonOptions

    @Argument(
      help: ArgumentHelp("The application ID.", valueName: "id"),
      completion: .custom { arguments, _, prefix in ApplicationCompletion.ids(arguments, prefix) })
    var id: String

    @Option(
      name: [.customShort("o"), .long],
      help: ArgumentHelp(
        "The .eml file to write (replaced atomically), or - for standard output.",
        valueName: "file"))
    var output = "-"

    func run() async throws {
      let (workspace, now) = try common.loadWorkspace()
      let standing = try findApplication(id, in: workspace.journal, command: "letter")
      guard let interview = ThankYouDraft.interview(of: standing, at: now) else {
        failure(
          "letter", "no interview of '\(id)' has taken place yet",
          note: "a thank-you letter follows an interview; the next one is scheduled")
        throw ExitCode.failure
      }
      let draft = ThankYouDraft(
        standing: standing, interview: interview, now: now,
        yourZone: PlanReport.yourZone(of: workspace.journal))
      for problem in draft.problems { warning("letter", "MISSING: \(problem)") }
      try writeDocument(
        draft.message, to: output, sources: workspace.sourcePaths, command: "letter")
      if output != "-" { printError("wrote the draft to \(output)") }
    }
  }
}

/// The standing of application `id`, or a usage error with a "did you mean".
func findApplication(_ id: String, in journal: Journal, command: String) throws -> Standing {
  let standings = Scheduler.standings(journal)
  if let standing = standings.first(where: { $0.application == id }) { return standing }
  let ids = standings.map(\.application)
  failure(
    command, "no application '\(id)' in \(journal.path)",
    note: Spelling.suggestion(for: id, among: ids).map { "did you mean '\($0)'?" }
      ?? (ids.isEmpty
        ? "the ledger has no applications yet" : "known: \(ids.joined(separator: ", "))"))
  throw ExitStatus.usage
}

/// Shell completion of application IDs: the IDs of the ledger the command line names
/// (`--ledger`), else `$TENTERHOOKS_LEDGER`, else `interviews.ledger`. A ledger that cannot
/// be read completes nothing.
enum ApplicationCompletion {
  static func ids(_ arguments: [String], _ prefix: String) -> [String] {
    var path = ProcessInfo.processInfo.environment["TENTERHOOKS_LEDGER"] ?? ""
    if path.isEmpty { path = "interviews.ledger" }
    if let flag = arguments.lastIndex(of: "--ledger"), flag + 1 < arguments.count {
      path = arguments[flag + 1]
    } else if let joined = arguments.last(where: { $0.hasPrefix("--ledger=") }) {
      path = String(joined.dropFirst("--ledger=".count))
    }
    guard let journal = try? Journal.load(path: path, defaultZone: .current) else { return [] }
    return journal.applications.filter { $0.hasPrefix(prefix) }
  }
}
