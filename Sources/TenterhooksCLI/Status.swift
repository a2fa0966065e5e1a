import ArgumentParser
import Export
import Foundation

extension Tenterhooks {
  /// `tenterhooks status`: one line per application — where it stands and what comes next.
  struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "status",
      abstract: "Show where each application stands and what comes next.",
      discussion: """
        One row per application: company and role, open or how it closed (offer, rejected, \
        withdrew, accepted) and when, the round (the number of interviews), the days since \
        the latest interview, the postponements so far (every round), and the next action \
        with its time in your zone. Open applications come first, in ledger order; closed \
        ones last, dimmed on a terminal.

        --format json prints one JSON array (keys sorted; dates YYYY-MM-DD, the next \
        action's time ISO 8601 with your offset). The table fits the terminal's width as \
        plan's does and uses colour only on a terminal without NO_COLOR or TERM=dumb.
        """)

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: "Output format: table or json.")
    var format: Plan.Format = .table

    func run() async throws {
      let (workspace, now) = try common.loadWorkspace()
      let status = StatusReport(workspace, now: now)
      printReport(format, json: status.json) { status.table(color: $0, width: $1) }
    }
  }
}
