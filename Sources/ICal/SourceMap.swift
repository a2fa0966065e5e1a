import Foundation

/// Where a calendar's VEVENTs and their properties are in its text, for messages that point
/// into the file (`invite.ics:24:12: error: …`).
///
/// libical's parser keeps no positions, so the map reads only the content lines' names: a
/// `BEGIN`/`END` nesting and the first line of each property of each top-level VEVENT. A
/// folded line counts as the line it starts on. Nothing here interprets a value; the
/// calendar itself is read by `VCalendar.parse`.
package struct ICalSourceMap: Sendable {
  /// One VEVENT: its `BEGIN` line and the first line of each of its properties, by name.
  private struct Event: Sendable {
    var line: Int
    var properties: [String: (line: Int, text: String)] = [:]
  }

  private var events: [Event] = []
  /// The line of the calendar's `METHOD`, if it has one.
  package private(set) var methodLine: Int?

  /// Maps `text` (any line endings).
  package init(text: String) {
    var stack: [String] = []
    var number = 0
    // CRLF is one Character in Swift, so it splits as one line break.
    for raw in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
      number += 1
      let line = String(raw)
      if line.first == " " || line.first == "\t" { continue }
      let name = String(line.prefix { $0 != ";" && $0 != ":" }).uppercased()
      let value = line.firstIndex(of: ":").map { String(line[line.index(after: $0)...]) } ?? ""
      let inEvent = stack == ["VCALENDAR", "VEVENT"]
      if name == "BEGIN" {
        stack.append(value.uppercased())
        if stack == ["VCALENDAR", "VEVENT"] { events.append(Event(line: number)) }
      } else if name == "END" {
        _ = stack.popLast()
      } else if inEvent, events[events.count - 1].properties[name] == nil {
        events[events.count - 1].properties[name] = (number, line)
      } else if stack == ["VCALENDAR"], name == "METHOD" {
        methodLine = number
      }
    }
  }

  /// The `BEGIN:VEVENT` line of the `event`-th VEVENT (0-based, in file order).
  package func line(ofEvent event: Int) -> Int? {
    event >= 0 && event < events.count ? events[event].line : nil
  }

  /// The line of the first `property` of the `event`-th VEVENT, and the column (1-based, in
  /// Unicode scalars) of its `parameter` when one is named and present, else 1.
  package func position(ofProperty property: String, inEvent event: Int, parameter: String? = nil)
    -> (line: Int, column: Int)?
  {
    guard event >= 0, event < events.count,
      let found = events[event].properties[property.uppercased()]
    else { return nil }
    guard let parameter,
      let range = found.text.range(of: ";" + parameter + "=", options: .caseInsensitive)
    else { return (found.line, 1) }
    let scalars = found.text.unicodeScalars
    let column =
      scalars.distance(
        from: scalars.startIndex, to: range.lowerBound.samePosition(in: scalars)!) + 2
    return (found.line, column)
  }
}

extension VCalendar {
  /// Whether `text` starts like iCalendar (`BEGIN:VCALENDAR`, after a byte-order mark and
  /// blank lines), the way `parse` checks it first — so a caller can choose between
  /// iCalendar and another format by content.
  package static func looksLikeICalendar(_ text: some StringProtocol) -> Bool {
    text.drop { $0 == "\u{FEFF}" || $0.isWhitespace }.prefix(15).uppercased()
      == "BEGIN:VCALENDAR"
  }
}
