import Foundation
import Ledger
import Synchronization

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
/// (a network folder) or a platform without inotify behaves as before. A thread of its own
/// waits for the kernel (waking ten times a second to notice it is no longer needed).
final class ChangeNotifier: Sendable {
  /// What the waiting thread and the waiting task share.
  private final class Shared: Sendable {
    struct State {
      /// A hint came while nobody was waiting.
      var hint = false
      /// A wait was cut short (its time was up, its task cancelled) before it began.
      var cut = false
      var waiter: CheckedContinuation<Bool, Never>?
      var stopped = false
    }
    let state = Mutex(State())
    let descriptor: Int32

    init(descriptor: Int32) { self.descriptor = descriptor }

    /// Ends the current wait (or the next one), saying whether a hint came.
    func wake(hint: Bool) {
      let waiter = state.withLock { state -> CheckedContinuation<Bool, Never>? in
        guard let waiter = state.waiter else {
          if hint { state.hint = true } else { state.cut = true }
          return nil
        }
        state.waiter = nil
        return waiter
      }
      waiter?.resume(returning: hint)
    }
  }

  private let shared: Shared

  /// Watches the folders holding `paths` (a folder, so that a file renamed over the old one
  /// is noticed too); `nil` where the kernel offers no such thing.
  init?(paths: [String]) {
    #if os(Linux)
      let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
      guard fd >= 0 else { return nil }
      let mask = Self.mask
      // The names watched in each folder: an event about any other file there (a log the
      // server writes next to the ledger, say) is no hint, and waking for each would keep
      // the watcher and the allocator busy for nothing.
      var names: [Int32: Set<String>] = [:]
      for path in paths {
        let folder = FilePaths.folder(of: path)
        let descriptor = inotify_add_watch(fd, folder.isEmpty ? "." : folder, mask)
        if descriptor >= 0 {
          names[descriptor, default: []].insert(FilePaths.lastComponent(of: path))
        }
      }
      guard !names.isEmpty else {
        close(fd)
        return nil
      }
      let shared = Shared(descriptor: fd)
      self.shared = shared
      let watched = names
      Thread.detachNewThread {
        var buffer = [UInt8](repeating: 0, count: 4096)
        var events = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while !shared.state.withLock({ $0.stopped }) {
          guard poll(&events, 1, 100) > 0 else { continue }
          var relevant = false
          while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            if !relevant { relevant = Self.concerns(buffer[..<count], watched) }
          }
          if relevant { shared.wake(hint: true) }
        }
        close(fd)
      }
    #else
      return nil
    #endif
  }

  #if os(Linux)
    /// The events asked for on each folder.
    static let mask = UInt32(
      IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE
        | IN_ATTRIB)

    /// Whether the `inotify_event`s in `bytes` name a watched file (or the folder itself).
    static func concerns(_ bytes: ArraySlice<UInt8>, _ names: [Int32: Set<String>])
      -> Bool
    {
      let header = MemoryLayout<inotify_event>.size
      var offset = bytes.startIndex
      while offset + header <= bytes.endIndex {
        let (descriptor, length) = bytes[offset..<(offset + header)].withUnsafeBytes {
          (
            $0.load(fromByteOffset: 0, as: Int32.self),
            Int($0.load(fromByteOffset: header - 4, as: UInt32.self))
          )
        }
        let nameBytes = bytes[(offset + header)..<min(offset + header + length, bytes.endIndex)]
        let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
        if name.isEmpty || names[descriptor]?.contains(name) == true { return true }
        offset += header + length
      }
      return false
    }
  #endif

  deinit {
    shared.state.withLock { $0.stopped = true }
    shared.wake(hint: false)
  }

  /// Whether a hint came since the last look (never waits).
  func pending() -> Bool {
    shared.state.withLock { state in
      defer { state.hint = false }
      return state.hint
    }
  }

  /// Waits until a hint comes, `timeout` passes on `clock` or the task is cancelled; returns
  /// whether a hint came.
  func wait<C: Clock>(upTo timeout: Duration, clock: C = ContinuousClock()) async -> Bool
  where C.Duration == Duration {
    if pending() { return true }
    let shared = self.shared
    // The time is up `timeout` after this call, not after the timer's task first runs.
    let deadline = clock.now.advanced(by: timeout)
    let timer = Task {
      try? await clock.sleep(until: deadline, tolerance: nil)
      shared.wake(hint: false)
    }
    defer { timer.cancel() }
    return await withTaskCancellationHandler {
      await withCheckedContinuation { (waiter: CheckedContinuation<Bool, Never>) in
        let early = shared.state.withLock { state -> Bool? in
          if state.hint {
            state.hint = false
            return true
          }
          if state.cut || state.stopped {
            state.cut = false
            return false
          }
          state.waiter = waiter
          return nil
        }
        if let early { waiter.resume(returning: early) }
      }
    } onCancel: {
      shared.wake(hint: false)
    }
  }
}
