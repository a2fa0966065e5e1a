import Foundation
import ICal
import Ledger
import Scheduler
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The last calendar `Pipeline.render` made, kept so that the next render after an append
/// to the ledger parses only the appended bytes, re-plans only the applications the new
/// entries touch, and re-serialises only those (issue 12: `feed --watch` and `serve`).
///
/// Each application's components are kept as the bytes libical made of them. The calendar
/// is the envelope's header, the VTIMEZONEs, every application's bytes in ID order, and the
/// footer — exactly what `CalendarExport.stream` writes. Whatever this cannot bring up to
/// date exactly, it renders in full the straightforward way: the earlier bytes of the ledger
/// changed (an edit, a truncation, a replaced file), a holidays file changed or the years
/// they are expanded for grew, a directive was added, the ledger has any problem (so every
/// diagnostic is still found in one full pass), or `check-email digest` (whose one daily
/// check spans every application). One ledger is kept: rendering another replaces it.
struct IncrementalCalendar: Sendable {
  /// One application's part of the calendar.
  struct Part: Sendable {
    /// Its components, serialised.
    var bytes: [UInt8]
    /// How many actions.
    var count: Int
    /// The first `now` at which its actions may read otherwise (a pending moment ends, a
    /// stamp no longer needs clamping); until then they are the same.
    var horizon: Date
  }

  /// What was rendered last.
  struct State: Sendable {
    var path: String
    var zoneID: String
    var style: CalendarStyle
    var ledger: AppendableLedger
    var holidays: DaysOff
    var holidayStamps: [String: FileStamp?]
    var years: ClosedRange<Int>
    var now: Date
    /// The envelope's header and the VTIMEZONEs, for these zones and years; the footer.
    var zones: Set<ZoneID>
    var zoneYears: ClosedRange<Int>?
    var prologue: [UInt8]
    var footer: [UInt8]
    var parts: [String: Part]
    var order: [String]
    var lastModified: Date?
    /// The FNV-1a hash after the prologue and after each part of `hashedOrder`, so that a
    /// change hashes again only from the first part that changed.
    var prologueHash: UInt64 = 0
    var hashedOrder: [String] = []
    var hashes: [UInt64] = []
    /// What changed since the hashes were taken: the prologue, these parts.
    var prologueChanged = true
    var changed: Set<String> = []
  }

  /// What the last render did, for the tests and the benchmark.
  enum Path: Sendable, Equatable {
    /// Rendered from scratch.
    case full
    /// Only these applications were planned and serialised again.
    case incremental(replanned: Int)
  }

  /// Where the last render is kept.
  final class Cache: Sendable {
    let slot = Mutex<(state: State?, path: Path)>((nil, .full))

    /// The last render's path.
    var lastPath: Path { slot.withLock { $0.path } }
  }

  /// The cache `Pipeline.render` uses.
  static let shared = Cache()

  /// Renders as `Pipeline.renderFully` does, from what the last render kept in `cache` when
  /// it can.
  static func render(
    ledgerPath: String, now: Date, defaultZone: TimeZone, style: CalendarStyle,
    cache: Cache = shared
  ) throws(RenderError) -> RenderedCalendar {
    try cache.slot.withLock { (cache) throws(RenderError) -> RenderedCalendar in
      // Taken out, so that it is updated in place rather than copied.
      var previous = cache.state.take()
      let bytes: [UInt8]
      do {
        bytes = try LedgerFile.snapshot(ledgerPath)
      } catch {
        // The straightforward path reports it, in its words.
        cache.path = .full
        return try Pipeline.renderFully(
          ledgerPath: ledgerPath, now: now, defaultZone: defaultZone, style: style)
      }
      if var state = previous.take(), state.path == ledgerPath,
        state.zoneID == defaultZone.identifier,
        state.style == style
      {
        var touched = Set<String>()
        var fresh = false
        var added: ArraySlice<Entry> = []
        if state.ledger.isParsed(from: bytes) {
          fresh = true
        } else if case let holidaySources = state.ledger.journal.holidaySources,
          let new = state.ledger.append(bytes),
          state.ledger.journal.holidaySources == holidaySources
        {
          let entries = state.ledger.journal.entries[new]
          // The holidays are expanded for the years in use, one either side: a new entry
          // beyond them changes every application's business days.
          let inner = (state.years.lowerBound + 1)...(state.years.upperBound - 1)
          guard
            entries.allSatisfy({
              inner.contains($0.date.year) && ($0.decision.map { inner.contains($0.year) } ?? true)
            })
          else {
            cache.path = .full
            let (state, rendered) = try full(
              bytes, path: ledgerPath, now: now, defaultZone: defaultZone, style: style)
            cache.state = state
            return rendered
          }
          added = entries
          // (The ledger's accepted applications are looked for only when an interview came.)
          if entries.contains(where: { $0.verb == .accepted })
            || (entries.contains(where: { $0.verb == .interview })
              && !state.ledger.journal.acceptedApplications.isDisjoint(
                with: entries.lazy.filter { $0.verb == .interview }.map(\.application)))
          {
            // Another application's acceptance is part of every application's history, and
            // the withdraw actions name the accepted one's company.
            touched = Set(state.ledger.journal.zones.keys)
          } else {
            touched = Set(entries.map(\.application))
          }
          let latest = entries.map(\.instant).max()
          state.lastModified = [state.lastModified, latest].compactMap { $0 }.max()
          fresh = true
        }
        if fresh, state.holidayStamps == stamps(of: state.holidayStamps.keys) {
          let replanned = try update(
            &state, touched: touched, added: added, now: now, defaultZone: defaultZone)
          let rendered = compose(&state)
          cache = (state, .incremental(replanned: replanned))
          return rendered
        }
      }
      cache.path = .full
      let (state, rendered) = try full(
        bytes, path: ledgerPath, now: now, defaultZone: defaultZone, style: style)
      cache.state = state
      return rendered
    }
  }

  /// Renders `bytes` from scratch, keeping each application's part; with `check-email
  /// digest` nothing is kept.
  private static func full(
    _ bytes: [UInt8], path: String, now: Date, defaultZone: TimeZone, style: CalendarStyle
  ) throws(RenderError) -> (State?, RenderedCalendar) {
    let ledger: AppendableLedger
    let workspace: Workspace
    do {
      ledger = try AppendableLedger.parse(bytes, path: path, defaultZone: defaultZone)
      workspace = try Workspace(loading: ledger.journal)
    } catch {
      throw .invalidLedger(Workspace.withHolidayProblems(error))
    }
    let journal = ledger.journal
    if journal.settings.checkEmail == .digest {
      return (
        nil,
        try Pipeline.renderFully(
          ledgerPath: path, now: now, defaultZone: defaultZone, style: style)
      )
    }
    var state = State(
      path: path, zoneID: defaultZone.identifier, style: style, ledger: ledger,
      holidays: workspace.holidays,
      holidayStamps: stamps(of: journal.holidaySources.map(\.resolvedPath)),
      years: journal.yearsInUse, now: now, zones: [], zoneYears: nil, prologue: [],
      footer: [], parts: [:], order: [], lastModified: journal.entries.map(\.instant).max())
    _ = try update(
      &state, touched: Set(journal.zones.keys), added: nil, now: now, defaultZone: defaultZone)
    let rendered = compose(&state)
    return (state, rendered)
  }

  /// Brings the parts up to date: plans and serialises again the `touched` applications
  /// and those whose actions may read otherwise at `now`, and the envelope when the zones
  /// or years changed. `added`: the entries appended since the parts were made; `nil`
  /// when they are made from scratch. Returns how many applications were planned.
  private static func update(
    _ state: inout State, touched: Set<String>, added: ArraySlice<Entry>?, now: Date,
    defaultZone: TimeZone
  ) throws(RenderError) -> Int {
    let journal = state.ledger.journal
    let everything = added == nil
    var replan = touched
    if now != state.now {
      for (id, part) in state.parts where now < state.now || now >= part.horizon {
        replan.insert(id)
      }
    }
    state.now = now
    do {
      var (zones, years) = (state.zones, state.zoneYears)
      if let added {
        widen(&zones, &years, by: added, of: journal)
      } else {
        (zones, years) = ([], nil)
        widen(&zones, &years, by: journal.entries[...], of: journal)
      }
      if everything || zones != state.zones || years != state.zoneYears {
        var shell = try CalendarExport.calendar(
          for: [], settings: journal.settings, defaultZone: defaultZone, style: state.style)
        shell.timeZones = try CalendarExport.timeZones(for: journal)
        let (header, footer) = try ComponentSerializer.envelope(of: shell)
        var prologue = Array(header.utf8)
        for zone in shell.timeZones {
          prologue += try ComponentSerializer.text(of: zone).utf8
        }
        state.prologue = prologue
        state.prologueChanged = true
        state.footer = Array(footer.utf8)
        state.zones = zones
        state.zoneYears = years
      }
      guard !replan.isEmpty else { return 0 }
      // Only the applications to plan, with every `accepted` (part of each one's history)
      // and the interviews of the accepted applications (their company names the offer).
      var planned = journal
      if !everything {
        let accepted = journal.acceptedApplications
        planned.entries = journal.entries.filter {
          replan.contains($0.application) || $0.verb == .accepted
            || ($0.verb == .interview && accepted.contains($0.application))
        }
      }
      let privacy = journal.settings.privacy
      let asTodos = state.style.asTodos
      for id in replan { state.parts[id] = Part(bytes: [], count: 0, horizon: .distantFuture) }
      state.changed.formUnion(replan)
      try Scheduler.forEachApplication(in: planned, holidays: state.holidays, now: now) {
        actions in
        guard let id = actions.first?.application, replan.contains(id) else { return }
        var bytes: [UInt8] = []
        var horizon = Date.distantFuture
        for action in actions {
          let text =
            asTodos
            ? try ComponentSerializer.text(of: CalendarExport.todo(action, privacy: privacy))
            : try ComponentSerializer.text(of: CalendarExport.event(action, privacy: privacy))
          bytes += text.utf8
          if action.status == .pending, action.end > now { horizon = min(horizon, action.end) }
          if action.stamp >= now { horizon = now }
        }
        state.parts[id] = Part(bytes: bytes, count: actions.count, horizon: horizon)
      }
    } catch let error as ICalError {
      throw .calendar(error)
    } catch {
      throw .calendar(ICalError(.libical, "\(error)"))
    }
    if everything || state.order.count != state.parts.count {
      state.order = state.parts.keys.sorted()
    }
    return replan.count
  }

  /// Adds what `entries` bring to the zones and years `CalendarExport.timeZones(for:)`
  /// makes VTIMEZONEs of.
  private static func widen(
    _ zones: inout Set<ZoneID>, _ years: inout ClosedRange<Int>?, by entries: ArraySlice<Entry>,
    of journal: Journal
  ) {
    for entry in entries {
      if let zone = journal.zones[entry.application] { zones.insert(zone) }
      zones.insert(journal.yourZone)
      for year in [entry.date.year, entry.decision?.year].compactMap({ $0 }) {
        years = years.map { min($0.lowerBound, year)...max($0.upperBound, year) } ?? year...year
      }
    }
  }

  /// The calendar's bytes: the prologue, every part in ID order, the footer; and their hash,
  /// taken again from the first part that changed.
  private static func compose(_ state: inout State) -> RenderedCalendar {
    if state.prologueChanged { state.prologueHash = fnv1a(state.prologue) }
    var first = 0
    if !state.prologueChanged {
      while first < min(state.order.count, state.hashedOrder.count),
        state.order[first] == state.hashedOrder[first],
        !state.changed.contains(state.order[first])
      {
        first += 1
      }
    }
    state.hashes.removeSubrange(min(first, state.hashes.count)...)
    var hash = first == 0 ? state.prologueHash : state.hashes[first - 1]
    for id in state.order[first...] {
      hash = fnv1a(state.parts[id]!.bytes, from: hash)
      state.hashes.append(hash)
    }
    state.hashedOrder = state.order
    state.prologueChanged = false
    state.changed = []
    var bytes: [UInt8] = []
    var size = state.prologue.count + state.footer.count
    var count = 0
    for id in state.order {
      size += state.parts[id]!.bytes.count
      count += state.parts[id]!.count
    }
    bytes.reserveCapacity(size)
    bytes += state.prologue
    for id in state.order { bytes += state.parts[id]!.bytes }
    bytes += state.footer
    let workspace = Workspace(journal: state.ledger.journal, holidays: state.holidays)
    var rendered = RenderedCalendar(
      bytes: bytes, lastModified: state.lastModified, sources: workspace.sourcePaths,
      actionCount: count, fnv1a: fnv1a(state.footer, from: hash))
    rendered.workspace = workspace
    return rendered
  }

  /// Each file's `stat` now: enough to notice an edit or a replaced file.
  static func stamps(of paths: some Sequence<String>) -> [String: FileStamp?] {
    var stamps: [String: FileStamp?] = [:]
    for path in paths { stamps[path] = .some(FileStamp(path: path)) }
    return stamps
  }
}

/// What `stat` says about a file: device, inode, size, and modification and change times
/// to the nanosecond.
struct FileStamp: Hashable, Sendable {
  var device: UInt64
  var inode: UInt64
  var size: Int64
  var modified: [Int64]

  init?(path: String) {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    device = UInt64(info.st_dev)
    inode = UInt64(info.st_ino)
    size = Int64(info.st_size)
    let times = FileTimes(info)
    modified = [
      times.modified.seconds, times.modified.nanoseconds, times.changed.seconds,
      times.changed.nanoseconds,
    ]
  }
}

extension Journal {
  /// The applications with an `accepted` entry.
  fileprivate var acceptedApplications: Set<String> {
    Set(entries.lazy.filter { $0.verb == .accepted }.map(\.application))
  }
}
