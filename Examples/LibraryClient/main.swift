// A program built on the TenterhooksKit library product, using only its public surface:
// read a ledger (every problem at once), plan its actions, print them as `plan --format
// json` does, write the calendar `export` writes, and check an entry before appending it.
// `scripts/library-surface` type-checks this file from outside the package (no package
// access), so a declaration it needs cannot become `package` unnoticed.
//
// See docs/architecture.md, "The library".

import Export
import Foundation
import Ledger
import Scheduler

let arguments = CommandLine.arguments.dropFirst()
let ledgerPath = arguments.first ?? "samples/interviews.ledger"
let now = Date()

// 1. The ledger and the holidays files it names; every problem, with its location.
let workspace: Workspace
do {
  workspace = try Workspace.load(ledgerPath: ledgerPath, defaultZone: .current)
} catch {
  for problem in error.items { print(problem) }  // PATH:LINE:COL: error: …
  exit(65)
}
let journal = workspace.journal
for entry in journal.entries where entry.verb == .interview {
  let company = entry.value(.company) ?? entry.application
  print("\(entry.date) \(entry.application): \(company) at \(entry.location)")
}
for standing in journal.standings where !standing.isOpen {
  print("\(standing.application) is closed")
}
for warning in journal.warnings(now: now) { print(warning) }

// 2. The dated actions, each in the clock it belongs to.
let actions = Pipeline.plan(workspace, now: now)
for action in actions where action.status == .pending {
  print(action.start, action.timeZone, action.kind.rawValue, action.title, action.uid)
  for reminder in action.reminders { print("  reminder", reminder) }
}
let zone = PlanReport.yourZone(of: journal)
print(PlanReport(actions: actions, now: now, includeAll: true, yourZone: zone).json())

// 3. The calendar: in memory, or written atomically next to the ledger.
do {
  let calendar = try Pipeline.renderFully(
    ledgerPath: ledgerPath, now: now, defaultZone: .current, style: CalendarStyle(asTodos: false))
  print("\(calendar.actionCount) actions, \(calendar.bytes.count) bytes")
  _ = try Pipeline.export(
    ledgerPath: ledgerPath, now: now, defaultZone: .current,
    to: NSTemporaryDirectory() + "tenterhooks-client.ics")
} catch {
  print(error.message)
}

// 4. An entry checked against the whole ledger without writing it (`dryRun`).
let draft = EntryDraft(
  verb: "heard", application: journal.applications.first ?? "acme", moment: .instant(now),
  fields: [
    DraftField(key: "outcome", value: "postponed"),
    DraftField(key: "new-date", value: "2026-12-10"),
  ])
do {
  let appended = try LedgerFile.append([draft], to: ledgerPath, defaultZone: .current, dryRun: true)
  print(appended.appended)
  for warning in appended.warnings(now: now) { print(warning) }
} catch {
  switch error {
  case .invalid(let ledger, let drafts):
    for problem in ledger.items { print(problem) }
    for problem in drafts { print(problem.code, problem.message) }
  case .io(let path, let message, let code):
    print("\(path): \(message) (\(code))")
  }
}
