import ArgumentParser
import Export
import Foundation
import Ledger

extension Tenterhooks {
  /// `tenterhooks log VERB ID [key=value ...] [--at DATETIME]`: appends one entry, safely.
  struct Log: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "log",
      abstract: "Append one entry to the ledger.",
      discussion: """
        Each key=value becomes an indented 'key: value' line. The entry is dated --at, else \
        --now, else the clock; a date-time without an offset is read in your zone (the \
        ledger's timezone directive, else the system zone). An interview is written in the \
        employer's zone (its tz), every other entry in yours. The ledger, and the holidays \
        files it names, is validated with the entry in it first; on any problem nothing is \
        appended (exit 65). Suspicious but valid entries (dated in the future, after the \
        application closed, and so on) are appended with a warning. The append takes an exclusive \
        lock, is one write, and is flushed to disk.

        Example: tenterhooks log called acme outcome=undecided decision=2026-12-08
        """)

    @OptionGroup var common: CommonOptions

    @Argument(
      help:
        "What happened: interview, agreed, thanked, called, heard, postponed, offer, rejected, withdrew, accepted, note."
    )
    var verb: String

    @Argument(help: ArgumentHelp("The application ID, e.g. acme.", valueName: "id"))
    var application: String

    @Argument(help: ArgumentHelp("Fields of the entry.", valueName: "key=value"))
    var fields: [String] = []

    @Option(
      help: ArgumentHelp(
        "When it happened, ISO 8601 (2026-11-27, 2026-11-27T14:30 in your zone, or with an offset).",
        valueName: "datetime"))
    var at: String?

    func validate() throws {
      try checkKeyValues(fields, example: "decision=2026-12-08")
      if let at, ISODateTime.parse(at, defaultZone: .current) == nil {
        throw ValidationError(
          "--at '\(at)' is not an ISO 8601 date or date-time (e.g. 2026-11-27T14:30).")
      }
    }

    func run() async throws {
      let parsed = draftFields(fields)
      let now = try common.currentTime()
      // A bare date in --now dates the entry as a bare date in --at does: without a time.
      let moment: EntryDraft.Moment =
        if let at {
          .iso8601(at)
        } else if let raw = common.now, raw.trimmingCharacters(in: .whitespaces).count == 10 {
          .iso8601(raw)
        } else {
          .instant(now)
        }
      let draft = EntryDraft(verb: verb, application: application, moment: moment, fields: parsed)
      let path = common.ledgerPath
      do {
        let result = try LedgerFile.append(
          [draft], to: path, defaultZone: .current, validate: loadReferences)
        print(
          result.appended.split(whereSeparator: \.isNewline).first.map(String.init) ?? "",
          terminator: "")
        print(" — appended to \(path)")
        printWarnings(of: result, now: now)
      } catch {
        switch error {
        case .io(_, let message, _):
          throw ledgerFailureExit(error, message: message, command: "log", ledger: path)
        case .invalid(let ledger, let drafts):
          let ledger = Workspace.withHolidayProblems(ledger)
          if !ledger.items.isEmpty { printError(ledger.description) }
          for problem in drafts {
            failure("log", "\(problem.message) \(describe(problem.part))", note: problem.hint)
          }
          if drafts.isEmpty, !ledger.items.isEmpty {
            printError("tenterhooks log: note: nothing appended; fix the ledger first")
          }
          throw ExitStatus.dataError
        }
      }
    }

    /// Which argument a problem is about, in the words the user typed.
    private func describe(_ part: DraftPart) -> String {
      switch part {
      case .entry: return "(in the new '\(verb)' entry)"
      case .moment: return at.map { "(in --at '\($0)')" } ?? "(in the entry's date)"
      case .verb: return "(in VERB '\(verb)')"
      case .application: return "(in ID '\(application)')"
      case .key(let i), .value(let i): return "(in argument '\(fields[i])')"
      }
    }
  }
}
