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
    let plan = PlanReport(actions: actions, now: now, includeAll: all)
    switch format {
    case .json:
      FileHandle.standardOutput.write(Data(plan.json().utf8))
    case .table:
      let environment = ProcessInfo.processInfo.environment
      let color = isatty(STDOUT_FILENO) != 0 && (environment["NO_COLOR"] ?? "").isEmpty
      FileHandle.standardOutput.write(Data(plan.table(color: color).utf8))
    }
  }
}
