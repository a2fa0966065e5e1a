import ArgumentParser

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
    version: "0.1.0",
    subcommands: [
      Init.self, Log.self, Check.self, Plan.self, Export.self, Feed.self, Serve.self,
      Import.self,
    ]
  )
}
