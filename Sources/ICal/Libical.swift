internal import CLibical
import Synchronization

/// libical keeps global state (the error number, the time-zone cache, ring buffers) and is
/// not thread-safe, so every call into it goes through this one lock. The lock is not
/// reentrant: public entry points take it once and pass control to internal helpers that
/// assume it is held.
private let libicalLock = Mutex<Bool>(false)

/// Runs `body` with exclusive access to libical, configuring the library on first use.
func withLibical<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
  // Mutex.withLock cannot forward typed throws from a non-escaping closure on every
  // toolchain, so the result travels out as a Result.
  let result: Result<T, E> = libicalLock.withLock { configured in
    if !configured {
      // Errors must come back as return codes, never abort the process.
      icalerror_set_errors_are_fatal(0)
      // Warm the zone cache so later look-ups only read it.
      _ = icaltimezone_get_utc_timezone()
      configured = true
    }
    CLibical_clear_errno()
    do throws(E) {
      return .success(try body())
    } catch {
      return .failure(error)
    }
  }
  return try result.get()
}

/// libical's current error message, or `nil` when the last call succeeded.
func libicalErrorMessage() -> String? {
  let code = CLibical_errno()
  guard code != ICAL_NO_ERROR else { return nil }
  return String(cString: icalerror_strerror(code))
}

/// Takes ownership of a string libical allocated with the `_r` API and frees it.
func takeLibicalString(_ pointer: UnsafeMutablePointer<CChar>?) -> String? {
  guard let pointer else { return nil }
  defer { icalmemory_free_buffer(pointer) }
  return String(cString: pointer)
}

/// Owns a root `icalcomponent` and frees it when released. Only roots are owned:
/// `icalcomponent_free` refuses to free a child that still has a parent.
final class OwnedComponent {
  let pointer: OpaquePointer

  init(_ pointer: OpaquePointer) { self.pointer = pointer }

  deinit { icalcomponent_free(pointer) }
}
