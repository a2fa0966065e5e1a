import ArgumentParser
import Export
import Foundation

extension Tenterhooks {
  /// `tenterhooks plan`: the actions the ledger implies, upcoming first, each with its reason.
  struct Plan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "plan",
      abstract: "Show the actions, upcoming first, each with its reason.",
      discussion: """
        Pending actions come first: overdue ones on top, then upcoming ones by their next \
        time. --all adds done and cancelled actions. --app ID shows one application's; \
        --days N only what comes within the next N days (its next occurrence for a \
        repeating action; overdue ones stay, and with --all done and cancelled ones that \
        started in that window). --format json prints one JSON array (keys sorted, times \
        ISO 8601 with the offset in the application's zone).

        The table shows times in your zone (the ledger's timezone, else the system's), with \
        an employer's own time beside them when it is in another zone. It fits the width \
        of the terminal (COLUMNS, else the terminal's own width; not shortened when the \
        output is not a terminal and COLUMNS is unset), and uses colour only on a terminal \
        without NO_COLOR or TERM=dumb.
        """
    )

    /// How the plan is printed.
    enum Format: String, ExpressibleByArgument, CaseIterable {
      case table, json
    }

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: "Output format: table or json.")
    var format: Format = .table

    @Flag(name: .long, help: "Include done and cancelled actions.")
    var all = false

    @Option(
      name: .long,
      help: ArgumentHelp("Only the actions of this application.", valueName: "id"),
      completion: .custom { arguments, _, prefix in ApplicationCompletion.ids(arguments, prefix) })
    var app: String?

    @Option(
      name: .long,
      help: ArgumentHelp(
        "Only actions due within the next N days (overdue ones included).", valueName: "n"))
    var days: Int?

    func validate() throws {
      if let days, days < 0 { throw ValidationError("--days must be 0 or more.") }
    }

    func run() async throws {
      let (workspace, now) = try common.loadWorkspace()
      var actions = Pipeline.plan(workspace, now: now)
      if let app {
        _ = try findApplication(app, in: workspace.journal, command: "plan")
        actions = actions.filter { $0.application == app }
      }
      if let days {
        actions = PlanReport.within(days: days, of: now, actions)
      }
      let plan = PlanReport(
        actions: actions, now: now, includeAll: all,
        yourZone: PlanReport.yourZone(of: workspace.journal))
      printReport(format, json: plan.json) { plan.table(color: $0, width: $1) }
    }

    /// The width of the terminal on standard output, from the kernel (`TIOCGWINSZ`).
    static func terminalWidth() -> Int? {
      var size = winsize()
      guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
      return Int(size.ws_col)
    }
  }
}
