import ArgumentParser
import Foundation
import Ledger

/// `tenterhooks check`: validates the ledger and says what is in it.
struct Check: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Validate the ledger.",
    discussion: """
      Prints a one-line summary and exits 0, or prints every problem as \
      PATH:LINE:COLUMN: error: message (with a note where one helps) and exits 65.
      """)

  @OptionGroup var common: CommonOptions

  func run() async throws {
    let path = common.ledgerPath
    let journal: Journal
    do {
      journal = try Journal.load(path: path, defaultZone: .current)
    } catch {
      throw report(error)
    }
    let applications = journal.applications
    let closed = Set(journal.entries.filter(\.verb.isClosing).map(\.application))
    let open = applications.filter { !closed.contains($0) }.count
    print(
      "\(path): OK — \(applications.count) application\(applications.count == 1 ? "" : "s") "
        + "(\(open) open), \(journal.entries.count) entr\(journal.entries.count == 1 ? "y" : "ies")"
    )
  }
}
