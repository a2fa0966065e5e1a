import ArgumentParser
import Export
import Foundation
import Ledger

/// The `tenterhooks` command: keeps the interview ledger and turns it into a calendar.
@main
struct Tenterhooks: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tenterhooks",
    abstract: "Keep an interview ledger and turn it into calendar reminders.",
    discussion: """
      After a job interview: a thank-you letter within a few days, no call before \
      the agreed date, a call once it has passed, e-mail checks (Spam folder too), \
      and a moment to reconsider when the decision keeps moving. Tenterhooks reads \
      your ledger (a plain-text journal) and writes those actions as iCalendar \
      events with alarms.
      """,
    version: "0.2.0-dev (libical \(About.libicalVersion))",
    subcommands: [
      Init.self, Log.self, Check.self, Plan.self, Status.self, Letter.self, Report.self,
      Export.self, Feed.self, Serve.self, Import.self,
    ]
  )

  /// Runs the command line; an unknown subcommand gets a "did you mean" before the parser's
  /// own message.
  static func main() async {
    let arguments = Array(CommandLine.arguments.dropFirst())
    if let first = arguments.first, !first.hasPrefix("-") {
      let names = configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
      if !names.contains(first) {
        var message = "tenterhooks: error: unknown command '\(first)'"
        if let guess = Spelling.suggestion(for: first, among: names) {
          message += " — did you mean '\(guess)'?"
        }
        FileHandle.standardError.write(
          Data((message + "\nSee 'tenterhooks --help' for the commands.\n").utf8))
        Foundation.exit(ExitStatus.usage.rawValue)
      }
    }
    await main(nil)
  }
}
