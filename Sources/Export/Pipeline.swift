import Foundation
import ICal
import Ledger
import Scheduler

/// A calendar rendered from a ledger, with what a feed needs to serve it.
public struct RenderedCalendar: Sendable {
  /// The iCalendar bytes.
  public var bytes: [UInt8]
  /// The latest ledger entry's instant (what `Last-Modified` reports); `nil` for an empty ledger.
  public var lastModified: Date?
  /// The files it was made from (the ledger and its holiday calendars).
  public var sources: [String]
  /// How many actions it holds.
  public var actionCount: Int
  /// The 64-bit FNV-1a hash of `bytes`, when the renderer kept it up to date as it went
  /// (`render` after an append); `nil` otherwise. The feed's ETag is made of it.
  public var fnv1a: UInt64?
  /// The ledger and holidays it was made from, when the renderer had them: what the report
  /// page of the same render is made of, so that page and calendar always agree, even once
  /// the ledger has changed (or broken) since.
  package var workspace: Workspace?

  /// Creates a rendered calendar (tests and other renderers).
  public init(
    bytes: [UInt8], lastModified: Date?, sources: [String], actionCount: Int,
    fnv1a: UInt64? = nil
  ) {
    self.bytes = bytes
    self.lastModified = lastModified
    self.sources = sources
    self.actionCount = actionCount
    self.fnv1a = fnv1a
  }
}

/// Why a calendar could not be rendered.
public enum RenderError: Error, Sendable, CustomStringConvertible {
  /// The ledger (or a holidays file) has problems, each with its location.
  case invalidLedger(Diagnostics)
  /// libical refused the calendar (a bug or an impossible value).
  case calendar(ICalError)
  /// The output file could not be written; the old one is untouched.
  case write(WriteError)
  /// The output is one of the files the calendar is read from (the ledger or a holidays
  /// file), after following links; writing it would destroy that file.
  case outputIsSource(output: String, source: String)

  public var description: String {
    switch self {
    case .invalidLedger(let diagnostics): diagnostics.description
    default: "error: \(message)"
    }
  }

  /// What went wrong in words, without an `error:` prefix (the ledger's diagnostics as they
  /// print).
  public var message: String {
    switch self {
    case .invalidLedger(let diagnostics): diagnostics.description
    case .calendar(let error): "could not build the calendar: \(error.message)"
    case .write(let error): error.description
    case .outputIsSource(let output, let source):
      "refusing to write to '\(output)': it is '\(source)', one of the files it is made from"
    }
  }
}

/// Ledger → scheduler → calendar, in one call: what `export`, `feed` and `serve` share.
public enum Pipeline {
  /// Reads the ledger at `ledgerPath`, schedules its actions as of `now` and serialises them.
  ///
  /// What `feed` and `serve` call on every change. The bytes are those of `renderFully`, but
  /// when only bytes were appended to the ledger since the last render (of the same ledger),
  /// only those are parsed, and only the applications they touch are planned and serialised
  /// again (`IncrementalCalendar`, issue 12); anything else renders in full.
  public static func render(
    ledgerPath: String, now: Date, defaultZone: TimeZone, style: CalendarStyle = .init()
  ) throws(RenderError) -> RenderedCalendar {
    try IncrementalCalendar.render(
      ledgerPath: ledgerPath, now: now, defaultZone: defaultZone, style: style)
  }

  /// `render` the straightforward way, from scratch and keeping nothing: the reference the
  /// tests and the benchmark compare `render` with. Scheduling runs on a thread of its own
  /// beside the serialising (see `CalendarExport.stream`).
  public static func renderFully(
    ledgerPath: String, now: Date, defaultZone: TimeZone, style: CalendarStyle = .init()
  ) throws(RenderError) -> RenderedCalendar {
    try renderFully(
      ledgerPath: ledgerPath, now: now, defaultZone: defaultZone, style: style,
      threading: .pipelined)
  }

  /// `renderFully` with the work divided as `threading` says; the bytes are the same.
  package static func renderFully(
    ledgerPath: String, now: Date, defaultZone: TimeZone, style: CalendarStyle = .init(),
    threading: ExportThreading
  ) throws(RenderError) -> RenderedCalendar {
    var bytes: [UInt8] = []
    let workspace = try load(ledgerPath: ledgerPath, defaultZone: defaultZone)
    let summary = try produce(
      workspace, now: now, defaultZone: defaultZone, style: style, threading: threading
    ) {
      bytes.append(contentsOf: $0)
    }
    var rendered = RenderedCalendar(
      bytes: bytes, lastModified: summary.lastModified, sources: summary.sources,
      actionCount: summary.actionCount)
    rendered.workspace = workspace
    return rendered
  }

  /// Like `render`, but streams the calendar straight into `path`, replacing it atomically:
  /// a reader sees the old file or the new one, and on any error the old one stays.
  /// Scheduling runs on a thread of its own beside the serialising and writing (see
  /// `CalendarExport.stream`).
  public static func export(
    ledgerPath: String, now: Date, defaultZone: TimeZone, style: CalendarStyle = .init(),
    to path: String
  ) throws(RenderError) -> RenderedCalendar {
    try export(
      ledgerPath: ledgerPath, now: now, defaultZone: defaultZone, style: style,
      threading: .pipelined, to: path)
  }

  /// `export` with the work divided as `threading` says; the bytes are the same.
  package static func export(
    ledgerPath: String, now: Date, defaultZone: TimeZone, style: CalendarStyle = .init(),
    threading: ExportThreading, to path: String
  ) throws(RenderError) -> RenderedCalendar {
    let workspace = try load(ledgerPath: ledgerPath, defaultZone: defaultZone)
    try refuseOverwritingSources(output: path, sources: workspace.sourcePaths)
    let writer: AtomicFile.Writer
    do {
      writer = try AtomicFile.Writer(replacing: path)
    } catch {
      throw .write(error)
    }
    let summary = try produce(
      workspace, now: now, defaultZone: defaultZone, style: style, threading: threading,
      into: writer.append)
    do {
      try writer.commit()
    } catch {
      throw .write(error)
    }
    return summary
  }

  /// Throws `outputIsSource` when `output` is the same file (device and inode, links
  /// followed) as one of `sources`. An output that does not exist yet is no source.
  public static func refuseOverwritingSources(output: String, sources: [String])
    throws(RenderError)
  {
    guard let written = FileIdentity(path: output) else { return }
    for source in sources where FileIdentity(path: source) == written {
      throw .outputIsSource(output: output, source: source)
    }
  }

  private static func load(ledgerPath: String, defaultZone: TimeZone) throws(RenderError)
    -> Workspace
  {
    do {
      return try Workspace.load(ledgerPath: ledgerPath, defaultZone: defaultZone)
    } catch {
      throw .invalidLedger(error)
    }
  }

  /// Loads, schedules and streams the calendar into `sink`; the result has no bytes.
  private static func produce(
    _ workspace: Workspace, now: Date, defaultZone: TimeZone, style: CalendarStyle,
    threading: ExportThreading, into sink: (UnsafeRawBufferPointer) throws -> Void
  ) throws(RenderError) -> RenderedCalendar {
    let actionCount: Int
    do {
      actionCount = try CalendarExport.stream(
        workspace.journal, holidays: workspace.holidays, now: now, defaultZone: defaultZone,
        style: style, threading: threading, bytesInto: sink)
    } catch let error as ICalError {
      throw .calendar(error)
    } catch let error as WriteError {
      throw .write(error)
    } catch {
      throw .calendar(ICalError(.libical, "\(error)"))
    }
    return RenderedCalendar(
      bytes: [], lastModified: workspace.journal.entries.map(\.instant).max(),
      sources: workspace.sourcePaths, actionCount: actionCount)
  }

  /// The scheduler's actions for a loaded workspace.
  public static func plan(_ workspace: Workspace, now: Date) -> [Action] {
    Scheduler.plan(workspace.journal, holidays: workspace.holidays, now: now)
  }
}

/// A file's identity: the device and inode `stat` reports, links followed.
struct FileIdentity: Equatable {
  var device: UInt64
  var inode: UInt64

  /// The identity of the file at `path`, or `nil` when there is none.
  init?(path: String) {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    device = UInt64(info.st_dev)
    inode = UInt64(info.st_ino)
  }
}

/// The 64-bit FNV-1a hash of `bytes`, continued from `hash` (the offset basis by default):
/// the hash of a concatenation is the second part's, continued from the first's.
package func fnv1a(_ bytes: [UInt8], from hash: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
  var hash = hash
  bytes.withUnsafeBufferPointer {
    for byte in $0 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
  }
  return hash
}
