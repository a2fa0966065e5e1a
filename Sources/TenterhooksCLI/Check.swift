import ArgumentParser
import Export
import Foundation
import Ledger
import Scheduler

extension Tenterhooks {
  /// `tenterhooks check`: validates the ledger and says what is in it.
  struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "check",
      abstract: "Validate the ledger.",
      discussion: """
        Validates everything plan and export need, the ledger and the holidays files it \
        names, and prints a one-line summary. Every problem is printed as \
        PATH:LINE:COLUMN: error: message (with a note where one helps) and the exit status is \
        65. Suspicious but valid input (an entry dated in the future, a decision date before \
        the interview, an entry after the application closed, the same interview twice, and so on) \
        is printed as PATH:LINE:COLUMN: warning: MESSAGE and the exit status stays 0, unless \
        --strict is given. What the rules of version 0.2 change for what is still ahead (a \
        follow-up call counted in the employer's business days, your own tasks on your clock) \
        is printed as PATH:LINE:COLUMN: note: MESSAGE.
        """)

    @OptionGroup var common: CommonOptions

    @Flag(name: .long, help: "Treat warnings as errors: exit 65 when there is any.")
    var strict = false

    func run() async throws {
      let path = common.ledgerPath
      let (workspace, now) = try common.loadWorkspace()
      let journal = workspace.journal
      let warnings = journal.warnings(now: now)
      if !warnings.isEmpty { printError(Diagnostics(warnings).description) }
      // What the 0.2 rules change for a ledger written under the earlier ones: said once.
      for change in Scheduler.changesFromEarlierRules(
        journal, holidays: workspace.holidays, now: now)
      {
        let place = change.location
        printError("\(place.path):\(place.line):\(place.column): note: \(change.message)")
      }
      let standings = journal.standings
      let open = standings.filter(\.isOpen).count
      let applications = standings.count
      if strict && !warnings.isEmpty {
        failure(
          "check",
          "\(warnings.count) warning\(warnings.count == 1 ? "" : "s"), which --strict counts as errors"
        )
        throw ExitStatus.dataError
      }
      let warned =
        warnings.isEmpty ? "" : ", \(warnings.count) warning\(warnings.count == 1 ? "" : "s")"
      print(
        "\(path): OK — \(applications) application\(applications == 1 ? "" : "s") "
          + "(\(open) open), \(journal.entries.count) entr\(journal.entries.count == 1 ? "y" : "ies")"
          + warned)
    }
  }
}
