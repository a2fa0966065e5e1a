import Foundation
import Ledger

/// Derives each action's `sequence`, `stamp` and `sources` from the ledger alone.
///
/// The ledger grows by appending, so its history is its file order: the plan is recomputed
/// for every prefix of the application's entries in file order (each prefix replayed in
/// time order), and an action's sequence counts the prefixes at which its time, text or
/// status changed. An action that a later prefix no longer produces is kept, cancelled,
/// so that a calendar re-import updates it instead of leaving it behind.
enum Revisions {
  /// Replays `entries` prefix by prefix through `plan` and returns the final actions, revised.
  static func replay(_ entries: [Entry], plan: ([Entry]) -> [Action]) -> [Action] {
    let written = entries.sorted { $0.order < $1.order }
    var current: [String: Action] = [:]
    for count in written.indices.map({ $0 + 1 }) {
      let entry = written[count - 1]
      let drafts = plan(Array(written.prefix(count)))
      var produced = Set<String>()
      for draft in drafts {
        produced.insert(draft.uid)
        if let previous = current[draft.uid] {
          if !sameContent(previous, draft) {
            current[draft.uid] = revision(of: previous, to: draft, by: entry)
          }
        } else {
          var created = draft
          created.sequence = 0
          created.stamp = entry.instant
          created.sources = [entry.location]
          current[draft.uid] = created
        }
      }
      for (uid, previous) in current where !produced.contains(uid) && previous.status != .cancelled
      {
        var dropped = previous
        dropped.status = .cancelled
        dropped.reminders = []
        current[uid] = revision(of: previous, to: dropped, by: entry)
      }
    }
    return current.keys.sorted().map { current[$0]! }
  }

  static func revision(of previous: Action, to draft: Action, by entry: Entry) -> Action {
    var revised = draft
    revised.sequence = previous.sequence + 1
    revised.stamp = max(previous.stamp, entry.instant)
    revised.sources =
      previous.sources.contains(entry.location)
      ? previous.sources : previous.sources + [entry.location]
    return revised
  }

  /// Whether two versions of an action differ in nothing a calendar shows.
  static func sameContent(_ a: Action, _ b: Action) -> Bool {
    var a = a
    var b = b
    (a.sequence, a.stamp, a.sources) = (0, .distantPast, [])
    (b.sequence, b.stamp, b.sources) = (0, .distantPast, [])
    return a == b
  }
}
