import Dispatch
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs long-lived work until the user or the service manager asks it to stop.
package enum ShutdownSignals {
  /// Runs `work` until it returns or the process receives SIGINT (Ctrl-C) or SIGTERM
  /// (`systemctl stop`); a signal cancels `work`'s task and waits for it to finish, so a
  /// file being written is completed rather than cut off. The signals' default handling is
  /// restored afterwards.
  package static func runUntilSignalled(_ work: @escaping @Sendable () async -> Void) async {
    let task = Task { await work() }
    let sources = [SIGINT, SIGTERM].map { number in
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler { task.cancel() }
      source.resume()
      return source
    }
    await task.value
    for source in sources { source.cancel() }
    signal(SIGINT, SIG_DFL)
    signal(SIGTERM, SIG_DFL)
  }
}
