import ArgumentParser
import Foundation
import Ledger

extension Tenterhooks {
  /// `tenterhooks init [PATH]`: writes a commented starter ledger, never over an existing file.
  struct Init: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "init",
      abstract: "Write a commented starter ledger.",
      discussion: """
        Creates PATH (default: the ledger path) with comments explaining the format. \
        Refuses to overwrite an existing file.
        """)

    @OptionGroup var common: LedgerOption

    @Argument(help: ArgumentHelp("Where to create the ledger.", valueName: "path"))
    var path: String?

    func run() async throws {
      let target = path ?? common.ledgerPath
      do {
        try LedgerFile.create(target, text: StarterLedger.text)
      } catch {
        if case .io(_, let message, _) = error { failure("init", message) }
        throw ExitStatus.cannotCreate
      }
      print("Created \(target). Edit it, or add entries with 'tenterhooks log'.")
    }
  }
}
