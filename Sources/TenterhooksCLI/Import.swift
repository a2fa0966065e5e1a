import ArgumentParser
import Export
import Foundation
import Ledger

extension Tenterhooks {
  /// `tenterhooks import FILE [--id ID] [key=value ...]`: appends `interview` entries from a
  /// spreadsheet export or a calendar invitation, chosen by the file's content.
  struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "import",
      abstract: "Append interview entries from a CSV spreadsheet export or a calendar invitation.",
      discussion: """
        The file's content decides what it is: iCalendar (it starts with BEGIN:VCALENDAR) is \
        read as an invitation, anything else as CSV.

        An invitation (.ics, METHOD:REQUEST or PUBLISH) gives one interview entry per VEVENT: \
        the time in the event's own zone (tz set when it is not yours; Windows zone names as \
        Outlook writes them are understood), the company (from the organizer's domain or the \
        summary; or company=NAME), the organizer as contact and email, the place, the video \
        link, and the invitation's UID and SEQUENCE in the note. The ID is derived from the \
        company (Acme GmbH → acme-gmbh) unless --id is given; an ID that is already another \
        company's application is refused. An invitation imported before is recognised (a \
        warning; nothing appended); a cancellation (METHOD:CANCEL) or an update with a new \
        time of a known invitation records that. Problems are reported as FILE.ics:LINE:COLUMN.

        CSV: the first row names the columns (case-insensitive): date and id are required; \
        time, company, role, contact, email, phone, tz, holidays, decision, caller, news, \
        thanks, url, place and note are optional; problems are reported as FILE.csv:ROW:COLUMN (the header \
        is row 1).

        Every entry is checked, and the ledger (with its holidays files) with all of them in \
        it, before anything is appended; every problem is reported in one pass, and nothing \
        is appended (exit 65). All entries are appended in one locked write; suspicious ones \
        (the same interview twice, and so on) with a warning. See docs/ledger.md.
        """)

    @OptionGroup var common: CommonOptions

    @Argument(
      help: ArgumentHelp(
        "The spreadsheet export or the invitation.", valueName: "file.csv|file.ics"))
    var file: String

    @Argument(
      help: ArgumentHelp(
        "Fields for an invitation's interview entries (e.g. company=\"Acme GmbH\" role=\"iOS Engineer\").",
        valueName: "key=value"))
    var fields: [String] = []

    @Option(
      help: ArgumentHelp(
        "The application ID for an invitation's interviews (default: derived from the company).",
        valueName: "id"))
    var id: String?

    func validate() throws {
      try checkKeyValues(fields, example: "company=\"Acme GmbH\"")
    }

    func run() async throws {
      var bytes: [UInt8]
      do {
        bytes = try LedgerFile.snapshot(file)
      } catch {
        let reason =
          switch error {
          case .missing: "no file at '\(file)'"
          case .folder: "'\(file)' is a folder, not a CSV file"
          case .unreadable, .unsettled: "cannot read '\(file)'"
          }
        failure("import", reason)
        throw ExitStatus.noInput
      }
      if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
      guard let text = String(validating: bytes, as: UTF8.self) else {
        printError("\(file):1:1: error: the file is not UTF-8 text")
        throw ExitStatus.dataError
      }
      if InvitationImport.isICalendar(text) {
        try await importInvitation(text)
        return
      }
      let lowered = file.lowercased()
      if [".ics", ".ical", ".icalendar", ".ifb"].contains(where: lowered.hasSuffix) {
        printError(
          "\(file):1:1: error: not iCalendar: it does not start with BEGIN:VCALENDAR\n"
            + "\(file):1:1: note: an invitation is the .ics file attached to the e-mail; save it "
            + "as it is")
        throw ExitStatus.dataError
      }
      guard fields.isEmpty, id == nil else {
        failure(
          "import", "--id and key=value apply to invitations; a CSV file names them in its columns")
        throw ExitStatus.usage
      }
      try await importSpreadsheet(text)
    }

    private func importSpreadsheet(_ text: String) async throws {
      let sheet: SpreadsheetImport
      do {
        sheet = try SpreadsheetImport(csv: text, path: file)
      } catch {
        throw report(error)
      }
      let path = common.ledgerPath
      let now = try common.currentTime()
      // With problems in the sheet, the rows that could be read are still checked against the
      // ledger, so one run reports everything; nothing is appended.
      let result: LedgerFile.Appended
      do {
        result = try LedgerFile.append(
          sheet.drafts, to: path, defaultZone: .current, validate: loadReferences,
          dryRun: !sheet.problems.isEmpty)
      } catch {
        throw failed(error, located: sheet.location(of:), problems: sheet.problems)
      }
      guard sheet.problems.isEmpty else { throw report(Diagnostics(sheet.problems)) }
      print(
        "Imported \(sheet.rows.count) interview\(sheet.rows.count == 1 ? "" : "s") into \(path) "
          + "(\(result.journal.entries.count) entries now).")
      printWarnings(of: result, now: now)
    }

    private func importInvitation(_ text: String) async throws {
      let path = common.ledgerPath
      let now = try common.currentTime()
      let parsed = draftFields(fields)
      // The ledger as it is: which invitations and applications it already holds.
      let current: LedgerFile.Appended
      do {
        current = try LedgerFile.append(
          [], to: path, defaultZone: .current, validate: loadReferences, dryRun: true)
      } catch {
        throw failed(error, located: { _ in SourceLocation(path: file, line: 1, column: 1) })
      }
      let invitation = InvitationImport(
        ics: text, path: file, journal: current.journal,
        yourZone: current.journal.yourZone, now: now,
        id: id, fields: parsed)
      guard !invitation.drafts.isEmpty || !invitation.problems.isEmpty else {
        if !invitation.notices.isEmpty { printError(Diagnostics(invitation.notices).description) }
        print("Nothing to import from \(file).")
        return
      }
      let result: LedgerFile.Appended
      do {
        result = try LedgerFile.append(
          invitation.drafts, to: path, defaultZone: .current,
          validate: { journal throws(Diagnostics) in
            try loadReferences(journal)
            try invitation.checkNotImportedMeanwhile(journal)
          }, dryRun: !invitation.problems.isEmpty)
      } catch {
        throw failed(error, located: invitation.location(of:), problems: invitation.problems)
      }
      guard invitation.problems.isEmpty else { throw report(Diagnostics(invitation.problems)) }
      for line in result.appended.split(whereSeparator: \.isNewline) where line.first != " " {
        print("\(line) — appended to \(path)")
      }
      for event in invitation.events where event.change == .cancelled || event.change == .moved {
        print(
          "Invitation '\(event.summary)' \(event.change == .cancelled ? "cancelled" : "moved"): "
            + "recorded in '\(event.application)'; see 'tenterhooks plan'.")
      }
      if !invitation.notices.isEmpty { printError(Diagnostics(invitation.notices).description) }
      printWarnings(of: result, now: now)
    }

    /// Reports why nothing was appended and returns the exit code.
    private func failed(
      _ error: AppendFailure, located: (DraftProblem) -> SourceLocation,
      problems: [Diagnostic] = []
    ) -> ExitCode {
      let path = common.ledgerPath
      switch error {
      case .io(_, let message, _):
        return ledgerFailureExit(error, message: message, command: "import", ledger: path)
      case .invalid(let ledger, let drafts):
        let placed = drafts.map {
          Diagnostic($0.code, location: located($0), message: $0.message, hint: $0.hint)
        }
        let ledger = Workspace.withHolidayProblems(ledger)
        return report(Diagnostics(problems + ledger.items + placed))
      }
    }
  }
}
