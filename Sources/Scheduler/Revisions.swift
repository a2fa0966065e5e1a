import Foundation
import Ledger

/// Derives each action's `sequence`, `stamp` and `sources` from the ledger alone.
///
/// The ledger grows by appending, so its history is its file order: the plan is recomputed
/// for every prefix of the application's entries in file order (each prefix replayed in
/// time order), and an action's sequence counts the prefixes at which its time, text or
/// status changed. An action that a later prefix no longer produces is kept, cancelled,
/// so that a calendar re-import updates it instead of leaving it behind.
///
/// `replay` does this in one pass, linear in the application's entries when they are written
/// in time order (the usual case): each entry is recorded into the application as it stands
/// (no prefix is replayed from the start), and the moments to reconsider that are done can no
/// longer change, so they are no longer drafted or compared ("settled"). An entry written
/// below a later-dated one still replays its prefix from the start, and then every action is
/// drafted again. `replayEveryPrefix`, the definition, is kept: the tests and the benchmark
/// check that both give the same actions.
enum Revisions {
  /// What `replay` hands the rules for one prefix.
  struct Prefix {
    /// The application after the prefix, replayed in time order.
    var application: Application
    /// The prefix's last entry in file order.
    var entry: Entry
    /// Per round number, the first `reconsider-N` count still to draft; lower ones are
    /// settled (absent: draft them all).
    var unsettled: [Int: Int]
  }

  /// A prefix's draft of one action.
  struct Draft {
    /// The action with its texts blank: its times, status and identity (see `Sketch`).
    var action: Action
    /// How to build its texts.
    var texts: TextsRecipe
    /// The very draft its rule made for the previous prefix (see `DraftMemory`): already
    /// taken as it stands, so it is not compared again.
    var unchanged: Bool

    init(_ sketch: Sketch, unchanged: Bool) {
      (action, texts, self.unchanged) = (sketch.action, sketch.texts, unchanged)
    }

    /// The whole action, texts built.
    var full: Action { texts.build().applied(to: action) }
  }

  /// Replays `entries` (the application `id`'s, and other applications' `accepted`) through
  /// `plan` in one pass, and returns the final actions, revised.
  ///
  /// The actions are kept by position (issue 12): a draft's UID is hashed once, to find its
  /// action; whether it is open or was produced by this prefix is read by position.
  ///
  /// The actions are kept without their texts, each with how to build the texts of its
  /// current version (issue 12, see `Sketch`): a draft whose times, status or anything else
  /// but the texts differ from its action's is a revision whatever its texts say, so its
  /// texts are not built; they are built for the final version of each action, and for a
  /// draft that differs from its action in nothing else, to compare them.
  ///
  /// - Parameters:
  ///   - threshold: the first `reconsider-N` count (`reconsider-after`, at least 1).
  ///   - reconsiderUID: the UID of `reconsider-N` in a round (count, round number).
  ///   - plan: the drafts for a prefix, leaving out the settled moments to reconsider.
  static func replay(
    _ entries: [Entry], id: String, threshold: Int,
    reconsiderUID: (_ count: Int, _ round: Int) -> String,
    plan: (Prefix) -> [Draft]
  ) -> [Action] {
    let written = entries.sorted { $0.order < $1.order }
    var application = Application(id: id, entries: [])
    var latest: (instant: Date, order: Int)?
    var current: [Action] = []
    // Per position: the texts of the current version, built or still to build.
    var texts: [TextsRecipe] = []
    var positions: [String: Int] = [:]
    // Per position: the last prefix (index in `written`) that produced it, and whether it
    // is neither cancelled nor settled — the only ones a later prefix can drop.
    var produced: [Int] = []
    var open: [Bool] = []
    var unsettled: [Int: Int] = [:]
    for (index, entry) in written.enumerated() {
      let outOfOrder = latest.map { (entry.instant, entry.order) < ($0.instant, $0.order) }
      if outOfOrder ?? false || entry.cancels != nil {
        // Written below a later-dated entry: this prefix's time order differs from the last
        // one's, so it is replayed from the start, and nothing stays settled. So is a note
        // that cancels an interview: the interview, already recorded, begins no round.
        application = Application(id: id, entries: Array(written[...index]))
        unsettled = [:]
        open = current.map { $0.status != .cancelled }
      } else {
        application.record(entry)
        latest = (entry.instant, entry.order)
      }
      for draft in plan(Prefix(application: application, entry: entry, unsettled: unsettled)) {
        guard let position = positions[draft.action.uid] else {
          positions[draft.action.uid] = current.count
          current.append(creation(draft.action, by: entry))
          texts.append(draft.texts)
          produced.append(index)
          open.append(draft.action.status != .cancelled)
          continue
        }
        produced[position] = index
        if draft.unchanged { continue }
        if !current[position].sameContent(as: draft.action) {
          // What a calendar shows besides the texts changed: a revision, whatever they say.
          current[position] = revision(of: current[position], to: draft.action, by: entry)
          texts[position] = draft.texts
        } else {
          // Times and status are the same: only the texts can tell.
          let (previous, drafted) = (texts[position].build(), draft.texts.build())
          texts[position] = .built(previous)
          let shown = previous.applied(to: current[position])
          if !shown.sameContent(as: drafted.applied(to: draft.action)) {
            current[position] = revision(of: current[position], to: draft.action, by: entry)
            texts[position] = .built(drafted)
          }
        }
        open[position] = current[position].status != .cancelled
      }
      for position in current.indices where open[position] && produced[position] != index {
        current[position] = cancellation(of: current[position], by: entry)
        open[position] = false
      }
      settle(
        &unsettled, open: &open, current: current, positions: positions,
        application: application, threshold: threshold, reconsiderUID: reconsiderUID)
    }
    return positions.sorted { $0.key < $1.key }.map {
      texts[$0.value].build().applied(to: current[$0.value])
    }
  }

  /// Settles the moments to reconsider that are done, in count order from the first
  /// unsettled one of each round.
  ///
  /// Under appends in time order such a moment cannot change again: its time and text come
  /// from postponements already made (a round's postponements are only ever added to), its
  /// employer from the round's interview, and a done moment is only cancelled when the round
  /// is called off, which happens to a round only as it begins. An entry out of time order
  /// unsettles everything (see `replay`).
  private static func settle(
    _ unsettled: inout [Int: Int], open: inout [Bool], current: [Action],
    positions: [String: Int], application: Application, threshold: Int,
    reconsiderUID: (_ count: Int, _ round: Int) -> String
  ) {
    for round in application.rounds where round.postponements.count >= threshold {
      var count = unsettled[round.number] ?? threshold
      while count <= round.postponements.count {
        guard let position = positions[reconsiderUID(count, round.number)],
          current[position].status == .done
        else { break }
        open[position] = false
        count += 1
      }
      unsettled[round.number] = count
    }
  }

  /// The definition: plans every prefix of `entries` in file order from the start, through
  /// `plan`, and returns the final actions, revised. Quadratic in the entries (and cubic in
  /// the postponements of a round); kept to check `replay` against.
  static func replayEveryPrefix(_ entries: [Entry], plan: ([Entry]) -> [Action]) -> [Action] {
    let written = entries.sorted { $0.order < $1.order }
    var current: [String: Action] = [:]
    for count in written.indices.map({ $0 + 1 }) {
      let entry = written[count - 1]
      let drafts = plan(Array(written.prefix(count)))
      var produced = Set<String>()
      for draft in drafts {
        produced.insert(draft.uid)
        take(draft, into: &current, by: entry)
      }
      for (uid, previous) in current where !produced.contains(uid) && previous.status != .cancelled
      {
        drop(uid, from: &current, by: entry)
      }
    }
    return current.keys.sorted().map { current[$0]! }
  }

  /// Takes a prefix's draft: a new action at sequence 0, stamped and sourced by `entry`, or
  /// a revision of the current one when what a calendar shows changed.
  static func take(_ draft: Action, into current: inout [String: Action], by entry: Entry) {
    if let previous = current[draft.uid] {
      if !previous.sameContent(as: draft) {
        current[draft.uid] = revision(of: previous, to: draft, by: entry)
      }
    } else {
      current[draft.uid] = creation(draft, by: entry)
    }
  }

  /// A new action: `draft` at sequence 0, stamped and sourced by `entry`.
  static func creation(_ draft: Action, by entry: Entry) -> Action {
    var created = draft
    created.sequence = 0
    created.stamp = entry.instant
    created.sources = [entry.location]
    return created
  }

  /// An action the prefix no longer produces: kept, cancelled, without reminders, so that a
  /// calendar re-import updates it instead of leaving it behind.
  static func drop(_ uid: String, from current: inout [String: Action], by entry: Entry) {
    current[uid] = cancellation(of: current[uid]!, by: entry)
  }

  /// `previous`, cancelled and without reminders, revised by `entry`.
  static func cancellation(of previous: Action, by entry: Entry) -> Action {
    var dropped = previous
    dropped.status = .cancelled
    dropped.reminders = []
    return revision(of: previous, to: dropped, by: entry)
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
}
