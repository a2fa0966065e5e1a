import Foundation
import Ledger

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How often the feed looks at its sources, and how stale it may get.
package struct WatchSchedule: Sendable, Hashable {
  /// The pause between two looks at the source files (a `stat` each, so it is cheap).
  package var pollInterval: Duration
  /// The longest time between two regenerations even when nothing changed: plans depend on
  /// the date (a follow-up call becomes due), not only on the files.
  package var maximumAge: Duration

  /// Looks every second and regenerates at least hourly.
  package init(pollInterval: Duration = .seconds(1), maximumAge: Duration = .seconds(3600)) {
    self.pollInterval = pollInterval
    self.maximumAge = maximumAge
  }
}

/// What `stat` says about one file: enough to notice an edit, including editors that write a
/// new file and rename it over the old one (new inode) and edits within the same second
/// (nanosecond modification time).
struct FileStamp: Hashable, Sendable {
  var device: UInt64
  var inode: UInt64
  var size: Int64
  var modifiedSeconds: Int64
  var modifiedNanoseconds: Int64
  var changedSeconds: Int64
  var changedNanoseconds: Int64

  /// The file's stamp now, or `nil` when it does not exist or cannot be read.
  static func current(of path: String) -> FileStamp? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    let times = FileTimes(info)
    return FileStamp(
      device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
      modifiedSeconds: times.modified.seconds, modifiedNanoseconds: times.modified.nanoseconds,
      changedSeconds: times.changed.seconds, changedNanoseconds: times.changed.nanoseconds)
  }
}

/// Notices changes to a set of files by polling their `stat` — no kernel watcher, so it works
/// the same everywhere, also on network folders and with editors that replace files.
///
/// A file that appears, disappears or changes its inode, size or times counts as changed.
package struct SourceWatcher: Sendable {
  private var stamps: [String: FileStamp?] = [:]

  /// Starts watching `paths`, taking their current state as the baseline.
  package init(paths: [String]) {
    watch(paths)
  }

  /// The files being watched, sorted.
  package var paths: [String] { stamps.keys.sorted() }

  /// Adds `paths` to the watched files; files already watched keep their baseline, so a change
  /// made since the last look is not lost.
  package mutating func watch(_ paths: some Sequence<String>) {
    for path in paths where stamps[path] == nil {
      stamps[path] = .some(FileStamp.current(of: path))
    }
  }

  /// Looks at every file once; returns whether any changed since the last look, and makes the
  /// current state the new baseline.
  package mutating func poll() -> Bool {
    var changed = false
    for (path, old) in stamps {
      let new = FileStamp.current(of: path)
      if new != old {
        changed = true
        stamps[path] = .some(new)
      }
    }
    return changed
  }

  /// Polls every `schedule.pollInterval` and calls `regenerate` when a source changed or
  /// `schedule.maximumAge` has passed since the last regeneration; returns when the task is
  /// cancelled. `regenerate` returns the sources it used (they are added to the watched files),
  /// or `nil` when it failed. `clock` measures the intervals and does the waiting: the
  /// continuous clock in production, a clock the tests advance by hand in the tests.
  package mutating func keepRegenerating<C: Clock>(
    schedule: WatchSchedule, clock: C = ContinuousClock(),
    regenerate: @Sendable () async -> [String]?
  ) async where C.Duration == Duration {
    var lastRegeneration = clock.now
    // Issue 12: the kernel's hint that a file may have changed wakes the poll early (see
    // `ChangeNotifier`); the poll still decides, and still runs every `pollInterval`.
    var notified = paths
    var notifier = ChangeNotifier(paths: notified)
    var lastPoll = clock.now
    while !Task.isCancelled {
      var hinted = false
      if let notifier {
        let left = schedule.pollInterval - lastPoll.duration(to: clock.now)
        hinted = await notifier.wait(upTo: max(left, .zero), clock: clock)
        if Task.isCancelled { return }
      } else {
        do {
          try await Task.sleep(for: schedule.pollInterval, clock: clock)
        } catch {
          return
        }
      }
      guard hinted || lastPoll.duration(to: clock.now) >= schedule.pollInterval else { continue }
      lastPoll = clock.now
      // Poll before regenerating, so an edit made while rendering is seen next time.
      let changed = poll()
      guard changed || lastRegeneration.duration(to: clock.now) >= schedule.maximumAge else {
        continue
      }
      lastRegeneration = clock.now
      if let sources = await regenerate() { watch(sources) }
      if paths != notified {
        notified = paths
        notifier = ChangeNotifier(paths: notified)
      }
    }
  }
}
