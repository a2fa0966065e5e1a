import ArgumentParser
import Export
import Foundation

/// `tenterhooks plan`: the actions the ledger implies, upcoming first, each with its reason.
struct Plan: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plan",
    abstract: "Show the actions, upcoming first, each with its reason.",
    discussion: """
      Pending actions come first: overdue ones on top, then upcoming ones by their next \
      time. --all adds done and cancelled actions. --format json prints one JSON array \
      (keys sorted, times ISO 8601 with the offset in the application's zone).

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

  func run() async throws {
    let now = try common.currentTime()
    let workspace: Workspace
    do {
      workspace = try Workspace.load(ledgerPath: common.ledgerPath, defaultZone: .current)
    } catch {
      throw report(error)
    }
    let actions = Pipeline.plan(workspace, now: now)
    let plan = PlanReport(
      actions: actions, now: now, includeAll: all,
      yourZone: PlanReport.yourZone(of: workspace.journal))
    switch format {
    case .json:
      FileHandle.standardOutput.write(Data(plan.json().utf8))
    case .table:
      let output = TerminalOutput(
        environment: ProcessInfo.processInfo.environment,
        isTerminal: isatty(STDOUT_FILENO) != 0, windowWidth: Plan.terminalWidth)
      FileHandle.standardOutput.write(
        Data(plan.table(color: output.color, width: output.width).utf8))
    }
  }

  /// The width of the terminal on standard output, from the kernel (`TIOCGWINSZ`).
  private static func terminalWidth() -> Int? {
    var size = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
    return Int(size.ws_col)
  }
}
