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
  func publish(_ calendar: FeedCalendar, renderedAt: Date) -> Bool {
    let tag =
      calendar.fnv1a.map { EntityTag(fnv1a: $0, count: calendar.bytes.count) }
      ?? EntityTag(for: calendar.bytes)
    let now = renderedAt.wholeSeconds
    var lastModified = min(calendar.lastModified?.wholeSeconds ?? now, now)
    var changed = true
    if case .ready(let previous) = content {
      changed = previous.entityTag != tag
      if !changed {
        lastModified = previous.lastModified
      } else if lastModified <= previous.lastModified {
        lastModified = max(now, previous.lastModified.addingTimeInterval(1))
      }
    }
    content = .ready(
      Representation(
        body: ByteBuffer(bytes: calendar.bytes), entityTag: tag, lastModified: lastModified,
        actionCount: calendar.actionCount))
    return changed
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
