import Foundation
import Ledger
import Scheduler

/// The whole job hunt on one self-contained HTML page: what `report` writes and `serve`
/// answers at `/`.
///
/// One file, nothing fetched: the style sheet and the small SVG strips are inline, there is
/// no script and no web font. The page has the next two weeks of actions on top, then one
/// card per application — open ones first, each with its timeline (interviews, letters,
/// calls, news, postponements, the outcome) and its next action. Every piece of ledger text
/// goes through `HTML`, which escapes it. The same standings, actions, `now` and zone give
/// the same bytes.
package struct HuntReport: Sendable {
  /// Every application's standing, in ledger order.
  package var standings: [Standing]
  /// Every action the scheduler derives.
  package var actions: [Action]
  /// The moment the page describes.
  package var now: Date
  /// Your zone: every time on the page is shown in it.
  package var yourZone: TimeZone
  /// Your zone's name as the ledger writes it ("UTC" stays "UTC"; Foundation may call it
  /// "GMT").
  package var yourZoneName: String
  /// The page's title (the ledger's `calendar-name`, else "Job hunt").
  package var title: String

  /// How far ahead the agenda looks.
  package static let agendaDays = 14

  /// Creates a report.
  package init(
    standings: [Standing], actions: [Action], now: Date, yourZone: TimeZone,
    yourZoneName: String? = nil, title: String? = nil
  ) {
    self.standings = standings
    self.actions = actions
    self.now = now
    self.yourZone = yourZone
    self.yourZoneName = yourZoneName ?? yourZone.identifier
    self.title = title ?? "Job hunt"
  }

  /// The report of a loaded workspace as of `now`.
  package init(_ workspace: Workspace, now: Date, system: TimeZone = .current) {
    self.init(
      standings: Scheduler.standings(workspace.journal),
      actions: Pipeline.plan(workspace, now: now), now: now,
      yourZone: PlanReport.yourZone(of: workspace.journal, system: system),
      yourZoneName: workspace.journal.settings.timeZone?.identifier,
      title: workspace.journal.settings.calendarName)
  }

  /// The page, as UTF-8 text.
  package func html() -> String {
    let ordered = StatusReport.ordered(standings)
    let body: [HTML] = [
      .element(
        "header", [:],
        [
          .element("h1", text: title),
          .element(
            "p", ["class": "sub"],
            text: "As of \(PlanReport.wallClock(now, in: yourZone)) (\(yourZoneName))"),
          totals(),
        ]),
      agenda(),
      .element(
        "section", ["aria-labelledby": "apps"],
        [
          .element("h2", ["id": "apps"], text: "Applications"),
          ordered.isEmpty
            ? .element("p", ["class": "empty"], text: "No applications yet.")
            : .element("div", ["class": "apps"], ordered.map(card)),
        ]),
      .element(
        "footer", [:],
        text: "Made by tenterhooks from your ledger. Times in \(yourZoneName)."),
    ]
    let page = HTML.element(
      "html", ["lang": "en"],
      [
        .element(
          "head", [:],
          [
            .element("meta", ["charset": "utf-8"]),
            .element(
              "meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"]),
            .element("meta", ["name": "color-scheme", "content": "light dark"]),
            .element("title", text: title),
            .element("style", [:], [.trusted(HuntReport.styleSheet)]),
          ]),
        .element("body", [:], [.element("main", [:], body)]),
      ])
    return HTML.document(page)
  }

  // MARK: Parts

  private func totals() -> HTML {
    let open = standings.filter { !$0.state.isClosed }.count
    var items = [
      "\(standings.count) application\(standings.count == 1 ? "" : "s")", "\(open) open",
    ]
    for state in Standing.State.allCases where state.isClosed {
      let n = standings.filter { $0.state == state }.count
      if n > 0 { items.append("\(n) \(StatusReport.word(for: state))") }
    }
    return .element("ul", ["class": "totals"], items.map { .element("li", text: $0) })
  }

  /// Pending actions that are overdue or come within `agendaDays`, most urgent first.
  func agendaActions() -> [Action] {
    let horizon = now.addingTimeInterval(Double(HuntReport.agendaDays) * 86_400)
    return PlanReport(actions: actions, now: now, yourZone: yourZone).actions.filter {
      $0.isOverdue(at: now) || $0.nextOccurrence(after: now, in: PlanReport.zone(of: $0)) < horizon
    }
  }

  /// The year of `now` in your zone: dates in it are shown without the year.
  private var thisYear: Int { CivilDate(now, in: yourZone).year }

  private func agenda() -> HTML {
    let upcoming = agendaActions()
    let items: HTML =
      upcoming.isEmpty
      ? .element("p", ["class": "empty"], text: "Nothing to do in the next two weeks.")
      : .element(
        "ol", ["class": "agenda"],
        upcoming.map { action in
          let overdue = action.isOverdue(at: now)
          let when = action.nextOccurrence(after: now, in: PlanReport.zone(of: action))
          return .element(
            "li", ["class": overdue ? "overdue" : nil],
            [
              .element(
                "time", ["datetime": PlanReport.iso8601(when, in: yourZone)],
                text: (overdue ? "Overdue · " : "")
                  + PlanReport.wallClock(when, in: yourZone, thisYear: thisYear)),
              .element(
                "span", [:],
                [
                  .element("strong", text: action.title),
                  .element("span", ["class": "why"], text: action.rule),
                ]),
            ])
        })
    return .element(
      "section", ["aria-labelledby": "next"],
      [.element("h2", ["id": "next"], text: "The next two weeks"), items])
  }

  private func card(_ standing: Standing) -> HTML {
    let state = standing.state
    var facts: [String] = []
    if standing.round > 1 { facts.append("Round \(standing.round)") }
    if let days = standing.daysSinceInterview(at: now, in: yourZone), !state.isClosed {
      facts.append(days == 1 ? "1 day since the interview" : "\(days) days since the interview")
    }
    if standing.postponements > 0 {
      facts.append(
        standing.postponements == 1 ? "postponed once" : "postponed \(standing.postponements)×")
    }
    if let contact = standing.contact { facts.append("Contact: \(contact)") }
    var parts: [HTML] = [
      .element(
        "div", ["class": "head"],
        [
          .element("h3", text: standing.company ?? standing.application),
          .element(
            "span", ["class": "badge \(state.rawValue)"], text: StatusReport.word(for: state)),
        ]),
      .element(
        "p", ["class": "role"],
        text: [standing.role, standing.company == nil ? nil : standing.application]
          .compactMap { $0 }.joined(separator: " · ")),
    ]
    if !facts.isEmpty {
      parts.append(.element("ul", ["class": "facts"], facts.map { .element("li", text: $0) }))
    }
    parts.append(strip(standing))
    parts.append(
      .element(
        "ol", ["class": "timeline"],
        standing.events.map { event(event: $0, of: standing) }))
    if let next = nextAction(of: standing.application) {
      let when = next.nextOccurrence(after: now, in: PlanReport.zone(of: next))
      parts.append(
        .element(
          "p", ["class": next.isOverdue(at: now) ? "next overdue" : "next"],
          [
            .element("span", ["class": "label"], text: "Next"),
            .text(
              " \(PlanReport.wallClock(when, in: yourZone, thisYear: thisYear)) — \(next.title)"
            ),
          ]))
    }
    return .element(
      "article", ["class": state.isClosed ? "app closed" : "app", "id": standing.application],
      parts)
  }

  /// The application's most urgent pending action, as `plan` orders them.
  func nextAction(of application: String) -> Action? {
    PlanReport(
      actions: actions.filter { $0.application == application }, now: now, yourZone: yourZone
    ).actions.first
  }

  private func event(event: Standing.Event, of standing: Standing) -> HTML {
    let future = event.instant > now
    var when = "\(event.date)"
    if let time = event.time { when += " \(time)" }
    var children: [HTML] = [
      .element("time", ["class": "when"], text: when),
      .element("span", [:], text: HuntReport.describe(event, of: standing, future: future)),
    ]
    if let note = event.note {
      children.append(.element("span", ["class": "note"], text: note))
    }
    let kind = HuntReport.eventClass[event.verb.rawValue] ?? "other"
    return .element("li", ["class": future ? "\(kind) future" : kind], children)
  }

  /// One event in words: "Interview, round 2, with Denpok", "Decision moved to 2026-12-10".
  static func describe(_ event: Standing.Event, of standing: Standing, future: Bool) -> String {
    let decision = event.decision.map { "\($0)" }
    switch event.verb.rawValue {
    case "interview":
      let interview = standing.interviews.first { $0.number == event.round }
      var text = future ? "Interview scheduled" : "Interview"
      if standing.interviews.count > 1 { text += ", round \(event.round)" }
      if let contact = interview?.contact { text += ", with \(contact)" }
      if let decision { text += "; decision by \(decision)" }
      return text
    case "thanked": return "Thank-you letter sent"
    case "called", "heard":
      var text = event.verb.rawValue == "called" ? "I called" : "They got in touch"
      switch event.outcome?.rawValue {
      case "offer": text += ": an offer"
      case "rejected": text += ": rejected"
      case "undecided": text += ": not decided yet"
      default: break
      }
      if let decision { text += "; decision now by \(decision)" }
      return text
    case "postponed": return "Decision postponed" + (decision.map { " to \($0)" } ?? "")
    case "agreed": return "Agreed" + (decision.map { ": decision by \($0)" } ?? "")
    case "offer": return "Offer"
    case "rejected": return "Rejected"
    case "withdrew": return "I withdrew"
    case "accepted": return "I accepted the offer"
    case "note": return "Note"
    default: return event.verb.rawValue.capitalized
    }
  }

  /// The CSS class of an event's marker, by verb.
  private static let eventClass: [String: String] = [
    "interview": "interview", "thanked": "letter", "called": "call", "heard": "news",
    "postponed": "postponed", "agreed": "agreed", "offer": "offer", "accepted": "offer",
    "rejected": "rejected", "withdrew": "withdrew", "note": "note",
  ]

  /// A strip of dots along the application's days, from its first entry to today (or its
  /// last entry, if later); a line marks today.
  private func strip(_ standing: Standing) -> HTML {
    guard let first = standing.events.first?.instant, let last = standing.events.last?.instant
    else { return .empty }
    let end = max(last, now)
    let span = max(end.timeIntervalSince(first), 86_400)
    let width = 400.0
    let margin = 8.0
    func x(_ date: Date) -> String {
      let value = margin + (width - 2 * margin) * date.timeIntervalSince(first) / span
      return String(format: "%.1f", value)
    }
    var shapes: [HTML] = [
      .element(
        "line",
        [
          "x1": "\(margin)", "x2": "\(width - margin)", "y1": "12", "y2": "12",
          "class": "axis",
        ])
    ]
    if now <= end {
      shapes.append(
        .element(
          "line", ["x1": x(now), "x2": x(now), "y1": "2", "y2": "22", "class": "today"],
          [.element("title", text: "today")]))
    }
    for event in standing.events {
      let kind = HuntReport.eventClass[event.verb.rawValue] ?? "other"
      shapes.append(
        .element(
          "circle", ["cx": x(event.instant), "cy": "12", "r": "5", "class": kind],
          [
            .element(
              "title",
              text:
                "\(event.date) \(HuntReport.describe(event, of: standing, future: event.instant > now))"
            )
          ]))
    }
    return .element(
      "svg",
      [
        "class": "strip", "viewBox": "0 0 \(Int(width)) 24", "role": "img",
        "aria-label": "Timeline of \(standing.company ?? standing.application)",
      ], shapes)
  }

  /// The page's style: system fonts, light and dark, one column on a phone.
  static let styleSheet: StaticString = """
    :root{color-scheme:light dark;--bg:#f5f4f0;--card:#fff;--ink:#1c1c1e;--muted:#66666d;\
    --line:#e2e0da;--open:#2563a8;--offer:#2e7d32;--rejected:#b3261e;--withdrew:#7b6a58;\
    --letter:#8a5cc2;--call:#c77700;--postponed:#d24f8b;--note:#8e8e93}
    @media (prefers-color-scheme:dark){:root{--bg:#141416;--card:#1f1f23;--ink:#ececef;\
    --muted:#a3a3ab;--line:#34343b}}
    *{box-sizing:border-box}
    html{-webkit-text-size-adjust:100%}
    body{margin:0;background:var(--bg);color:var(--ink);\
    font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;\
    overflow-wrap:anywhere}
    main{max-width:1040px;margin:0 auto;padding:28px 16px 40px}
    h1{font-size:1.7rem;line-height:1.2;margin:0 0 4px}
    h2{font-size:1.15rem;margin:0 0 12px}
    .sub{color:var(--muted);margin:0 0 16px}
    .totals{display:flex;flex-wrap:wrap;gap:8px;list-style:none;margin:0 0 28px;padding:0}
    .totals li{background:var(--card);border:1px solid var(--line);border-radius:999px;\
    padding:3px 12px;font-size:.9rem}
    section{margin:0 0 32px}
    .agenda{list-style:none;margin:0;padding:0;background:var(--card);\
    border:1px solid var(--line);border-radius:14px;overflow:hidden}
    .agenda li{display:grid;grid-template-columns:11em minmax(0,1fr);gap:2px 14px;\
    padding:10px 16px;border-top:1px solid var(--line)}
    .agenda li:first-child{border-top:0}
    .agenda time{color:var(--muted);font-variant-numeric:tabular-nums}
    .agenda .overdue time{color:var(--rejected);font-weight:600}
    .why{display:block;color:var(--muted);font-size:.85rem}
    .apps{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,440px),1fr));\
    gap:16px}
    .app{background:var(--card);border:1px solid var(--line);border-radius:14px;\
    padding:16px 18px;min-width:0}
    .app.closed{opacity:.78}
    .head{display:flex;align-items:baseline;justify-content:space-between;gap:8px}
    .app h3{margin:0;font-size:1.1rem;min-width:0}
    .role{color:var(--muted);margin:2px 0 6px}
    .badge{flex:none;font-size:.72rem;font-weight:700;letter-spacing:.05em;\
    text-transform:uppercase;padding:2px 9px;border-radius:999px;color:#fff;\
    background:var(--open)}
    .badge.offer,.badge.accepted{background:var(--offer)}
    .badge.rejected{background:var(--rejected)}
    .badge.withdrew{background:var(--withdrew)}
    .facts{display:flex;flex-wrap:wrap;gap:2px 14px;list-style:none;margin:0 0 4px;padding:0;\
    font-size:.88rem;color:var(--muted)}
    .strip{display:block;width:100%;height:auto;margin:6px 0 10px}
    .strip .axis{stroke:var(--line);stroke-width:2}
    .strip .today{stroke:var(--ink);stroke-width:1.5;stroke-dasharray:3 2}
    .strip circle{fill:var(--muted);stroke:var(--card);stroke-width:1.5}
    .strip .interview{fill:var(--open)}.strip .letter{fill:var(--letter)}
    .strip .call,.strip .news{fill:var(--call)}.strip .postponed{fill:var(--postponed)}
    .strip .offer{fill:var(--offer)}.strip .rejected{fill:var(--rejected)}
    .strip .withdrew{fill:var(--withdrew)}.strip .note,.strip .agreed{fill:var(--note)}
    .timeline{list-style:none;margin:0;padding:0 0 0 16px;border-left:2px solid var(--line)}
    .timeline li{position:relative;margin:0 0 8px;padding-left:6px}
    .timeline li::before{content:"";position:absolute;left:-24px;top:.35em;width:10px;\
    height:10px;border-radius:50%;background:var(--note);border:2px solid var(--card)}
    .timeline .interview::before{background:var(--open)}
    .timeline .letter::before{background:var(--letter)}
    .timeline .call::before,.timeline .news::before{background:var(--call)}
    .timeline .postponed::before{background:var(--postponed)}
    .timeline .offer::before{background:var(--offer)}
    .timeline .rejected::before{background:var(--rejected)}
    .timeline .withdrew::before{background:var(--withdrew)}
    .timeline .future{color:var(--muted)}
    .when{display:block;font-size:.78rem;color:var(--muted);font-variant-numeric:tabular-nums}
    .note{display:block;font-style:italic;color:var(--muted);font-size:.9rem}
    .next{margin:10px 0 0;padding:8px 12px;border-radius:10px;background:var(--bg)}
    .next.overdue{color:var(--rejected)}
    .label{font-weight:700}
    .empty{color:var(--muted)}
    footer{color:var(--muted);font-size:.8rem;border-top:1px solid var(--line);padding-top:12px}
    @media (max-width:560px){main{padding:20px 12px 32px}\
    .agenda li{grid-template-columns:minmax(0,1fr)}h1{font-size:1.4rem}}
    """
}
