import Export
import Foundation

/// One rendering of the calendar, as the feed sees it: bytes, a date, and the files they came from.
///
/// The feed knows nothing about ledgers or schedules: it asks a ``CalendarRenderer`` for one of
/// these whenever the sources may have changed, and writes or serves the bytes.
package struct FeedCalendar: Sendable {
  /// The iCalendar bytes, exactly as they are written or served.
  package var bytes: [UInt8]
  /// When the content last changed in the user's terms (the latest ledger entry); `nil` if unknown.
  package var lastModified: Date?
  /// The files to watch for changes (the ledger and its holiday calendars).
  package var sources: [String]
  /// How many actions the calendar holds (for messages).
  package var actionCount: Int
  /// The report page (HTML) made from the same ledger, served at `/`, made when someone
  /// asks for it; `nil` when the renderer makes none (then `/` keeps the last page, or
  /// answers 404 without one).
  package var page: ReportPage?
  /// The 64-bit FNV-1a hash of `bytes` when the renderer already has it (the ETag is made
  /// of it without reading the bytes again); `nil` to have it computed.
  package var fnv1a: UInt64?

  /// Creates a calendar from its parts.
  package init(
    bytes: [UInt8], lastModified: Date? = nil, sources: [String] = [], actionCount: Int = 0,
    page: ReportPage? = nil
  ) {
    self.bytes = bytes
    self.lastModified = lastModified
    self.sources = sources
    self.actionCount = actionCount
    self.page = page
  }

  /// The feed's view of a calendar rendered by the export pipeline.
  package init(_ rendered: RenderedCalendar, page: ReportPage? = nil) {
    self.init(
      bytes: rendered.bytes, lastModified: rendered.lastModified, sources: rendered.sources,
      actionCount: rendered.actionCount, page: page)
    fnv1a = rendered.fnv1a
  }
}

/// The report page of a render, made only when `/` is asked for after the render.
///
/// A page costs a whole parse and plan of the ledger, while the calendar after an append
/// costs milliseconds (only what changed is planned again; issue 12). Made with every
/// regeneration, the page held up every update of the feed by that much (at 10k
/// applications, seconds) for a page few people open; made on request it costs nothing until
/// someone looks, and once per render after that.
package struct ReportPage: Sendable {
  /// Makes the page's bytes; `nil` when it cannot (a render that kept no workspace).
  package var make: @Sendable () -> [UInt8]?

  /// A page made by `make` when it is first asked for.
  package init(_ make: @escaping @Sendable () -> [UInt8]?) { self.make = make }

  /// A page already made.
  package init(bytes: [UInt8]) { self.make = { bytes } }
}

/// Renders the calendar afresh; called on every regeneration. Throws the ledger's diagnostics
/// (or a calendar failure) when it cannot.
package typealias CalendarRenderer = @Sendable () throws(RenderError) -> FeedCalendar
