import Foundation
import Ledger

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A hint that a watched file may have changed, from the kernel (inotify on Linux), so that a
/// change is picked up within milliseconds rather than at the next poll (issue 12: from
/// `tenterhooks log` returning to the new calendar being served).
///
/// It only ever wakes the watcher early: `SourceWatcher`'s `stat` comparison still decides
/// what changed, and the regular poll still runs, so a file system that sends no events
/// (a network folder) or a platform without inotify behaves as before.
final class ChangeNotifier: @unchecked Sendable {
  /// How often the watcher asks whether anything happened (a read that does not block).
  static let glance = Duration.milliseconds(2)

  // Written only in init and deinit; `pending` reads it from one task at a time.
  private let descriptor: Int32

  /// Watches the folders holding `paths` (a folder, so that a file renamed over the old one
  /// is noticed too); `nil` where the kernel offers no such thing.
  init?(paths: [String]) {
    #if os(Linux)
      let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
      guard fd >= 0 else { return nil }
      let mask = UInt32(
        IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE
          | IN_ATTRIB)
      var watched = 0
      for folder in Set(paths.map { FilePaths.folder(of: $0) }) {
        if inotify_add_watch(fd, folder.isEmpty ? "." : folder, mask) >= 0 { watched += 1 }
      }
      guard watched > 0 else {
        close(fd)
        return nil
      }
      descriptor = fd
    #else
      return nil
    #endif
  }

  deinit {
    close(descriptor)
  }

  /// Whether anything happened in the watched folders since the last call (never blocks).
  func pending() -> Bool {
    var buffer = [UInt8](repeating: 0, count: 4096)
    var any = false
    while buffer.withUnsafeMutableBytes({ read(descriptor, $0.baseAddress, $0.count) }) > 0 {
      any = true
    }
    return any
  }
}
