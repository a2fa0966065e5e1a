import ArgumentParser
import Export
import Feed
import Foundation

extension Tenterhooks {
  /// `tenterhooks report -o FILE.html`: the whole hunt on one self-contained page.
  struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "report",
      abstract: "Write the job hunt as one self-contained HTML page.",
      discussion: """
        The page has the actions of the next two weeks (overdue ones first) and a card per \
        application (open ones first) with its timeline: interviews, letters, calls, news, \
        postponements and the outcome. Everything is in the one file: inline CSS and SVG, no \
        script, no web font, nothing fetched; it reads well on a phone and in dark mode. The \
        file is replaced atomically. `serve` answers / (or /TOKEN/) with the same page.
        """)

    @OptionGroup var common: CommonOptions

    @Option(
      name: [.customShort("o"), .long],
      help: ArgumentHelp("The .html file to write, or - for standard output.", valueName: "file"))
    var output: String

    func run() async throws {
      let (workspace, now) = try common.loadWorkspace()
      let page = HuntReport(workspace, now: now).html()
      try writeDocument(page, to: output, sources: workspace.sourcePaths, command: "report")
      guard output != "-" else { return }
      let count = workspace.journal.applications.count
      printError(
        "wrote the report (\(count) application\(count == 1 ? "" : "s")) to \(output)")
    }
  }
}

/// The calendar for `serve`, with its report page (made when `/` is asked for, from the same
/// ledger and holidays as the calendar): the ledger at `--now` if given, else at the time of
/// each regeneration.
func calendarAndPageRenderer(common: CommonOptions, style: CalendarStyle) throws
  -> CalendarRenderer
{
  let ledgerPath = common.ledgerPath
  let fixedNow = common.now == nil ? nil : try common.currentTime()
  return { () throws(RenderError) -> FeedCalendar in
    let now = fixedNow ?? Date()
    let rendered = try Pipeline.render(
      ledgerPath: ledgerPath, now: now, defaultZone: .current, style: style)
    // Made when `/` is asked for, not with every regeneration (see `ReportPage`), from the
    // ledger this calendar was made from: a later edit, or a broken ledger, cannot make the
    // page disagree with the calendar or fail.
    let workspace = rendered.workspace
    let page = ReportPage { workspace.map { Array(HuntReport($0, now: now).html().utf8) } }
    return FeedCalendar(rendered, page: page)
  }
}
