import Foundation
import Ledger
import Scheduler

/// Builds journals by hand, the way the parser would, from ledger-like header lines.
struct LedgerBuilder {
  var settings = Settings()
  /// The `timezone` directive.
  var defaultZone: ZoneID = "Europe/Berlin"
  private(set) var zones: [String: ZoneID] = [:]
  private(set) var entries: [Entry] = []

  init(configure: (inout Settings) -> Void = { _ in }) {
    settings.timeZone = defaultZone
    configure(&settings)
  }

  /// Adds `DATE [TIME] VERB ID` with its fields, in file order.
  mutating func add(_ header: String, _ fields: KeyValuePairs<String, String> = [:]) {
    let words = header.split(separator: " ").map(String.init)
    let date = CivilDate(parsing: words[0])!
    var rest = Array(words.dropFirst())
    var time: LocalTime?
    if rest[0].contains(":") {
      let hm = rest[0].split(separator: ":").map { Int($0)! }
      time = LocalTime(hour: hm[0], minute: hm[1])
      rest.removeFirst()
    }
    let verb = Verb(rawValue: rest[0])!
    let id = rest[1]
    if verb == .interview, let tz = fields.first(where: { $0.key == "tz" })?.value {
      zones[id] = ZoneID(tz)
    }
    if zones[id] == nil { zones[id] = defaultZone }
    // Two clocks, as the parser reads them: an interview in the employer's zone, anything
    // else in yours.
    let zone = (verb == .interview ? zones[id]! : defaultZone).timeZone!
    let line = entries.count * 3 + 1
    entries.append(
      Entry(
        verb: verb, application: id, date: date, time: time,
        instant: date.instant(at: time ?? LocalTime(hour: 9, minute: 0), in: zone),
        fields: fields.map {
          Field(
            key: FieldKey(rawValue: $0.key)!, value: $0.value,
            location: SourceLocation(path: "t.ledger", line: line + 1, column: 3))
        },
        location: SourceLocation(path: "t.ledger", line: line, column: 1),
        order: entries.count))
  }

  var journal: Journal {
    Journal(
      path: "t.ledger", settings: settings, entries: entries, zones: zones,
      yourZone: defaultZone)
  }

  /// The plan at `now` (ISO 8601), every status included.
  func plan(now: String = "2026-01-01T00:00:00Z", holidays: Set<CivilDate> = []) -> [Action] {
    Scheduler.plan(
      journal, holidays: holidays, now: ISODateTime.parse(now, defaultZone: .gmt)!)
  }

  /// The plan at `now` with days off by whose they are.
  func plan(now: String = "2026-01-01T00:00:00Z", daysOff: DaysOff) -> [Action] {
    Scheduler.plan(journal, holidays: daysOff, now: ISODateTime.parse(now, defaultZone: .gmt)!)
  }
}

extension [Action] {
  /// The only action of `kind` (of the given status, if any), failing loudly otherwise.
  func one(_ kind: ActionKind, status: ActionStatus? = nil) -> Action? {
    let matching = filter { $0.kind == kind && (status == nil || $0.status == status) }
    return matching.count == 1 ? matching[0] : nil
  }

  /// Every action of `kind`, in start order.
  func all(_ kind: ActionKind) -> [Action] { filter { $0.kind == kind } }
}

/// `2026-11-25 09:00` for an instant, read in `zone` — what a calendar would show.
func local(_ instant: Date?, _ zone: String = "Europe/Berlin") -> String {
  guard let instant else { return "nil" }
  let tz = TimeZone(identifier: zone)!
  let day = CivilDate(instant, in: tz)
  return "\(day) \(CivilDate.localTime(of: instant, in: tz))"
}

/// A day from `YYYY-MM-DD`.
func day(_ text: String) -> CivilDate { CivilDate(parsing: text)! }
