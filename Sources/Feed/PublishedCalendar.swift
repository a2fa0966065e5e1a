import Foundation
import Hummingbird

/// The calendar as served: its bytes and the validators computed once per regeneration.
struct Representation: Sendable {
  var body: ByteBuffer
  var entityTag: EntityTag
  /// Whole seconds, never later than the render that produced it.
  var lastModified: Date
  var actionCount: Int

  var lastModifiedText: String { HTTPDate.format(lastModified) }
}

/// What the server has to offer right now.
enum FeedContent: Sendable {
  /// No calendar has ever been rendered; the diagnostics say why.
  case unavailable(reason: String)
  /// The latest good calendar.
  case ready(Representation)
}

/// The calendar being served, replaced by each successful regeneration and kept through
/// failed ones.
actor PublishedCalendar {
  private(set) var content: FeedContent = .unavailable(
    reason: "the calendar has not been rendered yet")
  /// The report page, once one was made; kept through renders that make none and while the
  /// latest render's page cannot be made.
  private(set) var page: Representation?
  /// How the latest render that came with a page makes it, and when that render's calendar
  /// says the content changed.
  private var pageMaker: (page: ReportPage, lastModified: Date?, actionCount: Int)?
  /// Counts the renders that came with a page; a page made for an earlier one is served but
  /// not taken as current.
  private var pageGeneration = 0
  /// The render `page` was made for: current when it is `pageGeneration`.
  private var pageMadeFor = 0
  /// Whether the latest render failed (and the log said so).
  private var failing = false

  /// Notes that a render failed.
  func noteFailure() { failing = true }

  /// Whether the renders had been failing until now; notes that they no longer are.
  func recover() -> Bool {
    defer { failing = false }
    return failing
  }

  /// What `/` serves: the page when there is one, else why not.
  var pageContent: FeedContent? {
    if let page { return .ready(page) }
    if case .unavailable = content { return content }
    return nil
  }

  /// Whether a good calendar is being served.
  var hasCalendar: Bool {
    if case .ready = content { return true }
    return false
  }

  /// Serves `calendar` from now on; returns whether its bytes differ from what was served.
  ///
  /// `Last-Modified` is the calendar's own date (the latest ledger entry), but never later
  /// than `renderedAt` and never earlier than or equal to the previous value when the bytes
  /// changed — otherwise a client validating with `If-Modified-Since` alone would miss a
  /// change that came from a holidays file or from the passing of time.
  ///
  /// The page, when the calendar comes with one, is made later, when it is asked for
  /// (`pageToMake`, `publishPage`).
  func publish(_ calendar: FeedCalendar, renderedAt: Date) -> Bool {
    var previous: Representation?
    if case .ready(let served) = content { previous = served }
    let (representation, changed) = Self.representation(
      of: calendar.bytes, fnv1a: calendar.fnv1a, lastModified: calendar.lastModified,
      actionCount: calendar.actionCount, renderedAt: renderedAt, previous: previous)
    content = .ready(representation)
    if let maker = calendar.page {
      pageMaker = (maker, calendar.lastModified, calendar.actionCount)
      pageGeneration += 1
    }
    return changed
  }

  /// The page still to be made for the latest render, if any, with its generation for
  /// `publishPage`.
  var pageToMake: (page: ReportPage, generation: Int)? {
    guard pageMadeFor != pageGeneration, let pageMaker else { return nil }
    return (pageMaker.page, pageGeneration)
  }

  /// Serves `bytes` as the page made for render `generation` (or keeps the last page when
  /// it could not be made). The page follows the calendar's rules on its own bytes: its
  /// ETag, and a Last-Modified that moves only when the bytes change.
  func publishPage(_ bytes: [UInt8]?, generation: Int, renderedAt: Date) {
    guard let bytes, let pageMaker else { return }
    page =
      Self.representation(
        of: bytes, fnv1a: nil, lastModified: pageMaker.lastModified,
        actionCount: pageMaker.actionCount,
        renderedAt: renderedAt, previous: page
      ).representation
    pageMadeFor = max(pageMadeFor, generation)
  }

  /// The served form of `bytes`: its ETag (from `fnv1a` when the renderer already hashed
  /// them) and a Last-Modified that moves only when the bytes change.
  private static func representation(
    of bytes: [UInt8], fnv1a: UInt64?, lastModified date: Date?, actionCount: Int,
    renderedAt: Date, previous: Representation?
  ) -> (representation: Representation, changed: Bool) {
    let tag = fnv1a.map { EntityTag(fnv1a: $0, count: bytes.count) } ?? EntityTag(for: bytes)
    let now = renderedAt.wholeSeconds
    var lastModified = min(date?.wholeSeconds ?? now, now)
    var changed = true
    if let previous {
      changed = previous.entityTag != tag
      if !changed {
        lastModified = previous.lastModified
      } else if lastModified <= previous.lastModified {
        lastModified = max(now, previous.lastModified.addingTimeInterval(1))
      }
    }
    return (
      Representation(
        body: ByteBuffer(bytes: bytes), entityTag: tag, lastModified: lastModified,
        actionCount: actionCount),
      changed
    )
  }

  /// Records a failed first render: until a render succeeds, requests get `reason`.
  func fail(reason: String) {
    if case .unavailable = content { content = .unavailable(reason: reason) }
  }
}

extension Date {
  /// The date with its fraction of a second dropped, as HTTP dates carry it.
  var wholeSeconds: Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down)) }
}
