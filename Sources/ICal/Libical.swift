internal import CLibical
import Synchronization

/// libical keeps global state (the time-zone cache, ring buffers) and is not thread-safe, so
/// every call into it goes through one lock. What the lock guards is this value: the only
/// way to get one is `withLibical`, and every helper that calls libical takes it `inout`,
/// so calling a helper without holding the lock does not compile (GRDB hands out its `db`
/// the same way). It cannot be copied out of the lock.
struct LibicalState: ~Copyable {
  /// Whether libical was configured (errors as return codes, zone cache warmed).
  fileprivate var configured = false
  /// Built-in zones already looked up, by name: libical searches its zone list with strcmp
  /// on every call.
  private var builtinZones: [String: ZonePointer] = [:]

  fileprivate init() {}

  /// The libical zone for an IANA name; "UTC" is libical's own UTC zone.
  mutating func zone(named identifier: String) throws(ICalError) -> OpaquePointer {
    if identifier == "UTC" { return icaltimezone_get_utc_timezone() }
    if let known = builtinZones[identifier] { return known.pointer }
    guard !identifier.isEmpty, let zone = icaltimezone_get_builtin_timezone(identifier) else {
      throw ICalError(
        .unknownTimeZone,
        "unknown time zone '\(identifier)': the system zoneinfo has no such zone "
          + "(use an IANA name such as Europe/Berlin)")
    }
    builtinZones[identifier] = ZonePointer(pointer: zone)
    return zone
  }
}

/// A built-in zone of libical's; they live as long as the process.
private struct ZonePointer: @unchecked Sendable {
  let pointer: OpaquePointer
}

/// The lock, holding the state it guards. The lock is not reentrant: public entry points
/// take it once and pass the state to the helpers.
private let libical = Mutex(LibicalState())

/// Runs `body` with exclusive access to libical, configuring the library on first use.
func withLibical<T, E: Error>(_ body: (inout LibicalState) throws(E) -> T) throws(E) -> T {
  // Mutex.withLock cannot forward typed throws from a non-escaping closure on every
  // toolchain, so the result travels out as a Result.
  let result: Result<T, E> = libical.withLock { state in
    if !state.configured {
      // Errors must come back as return codes, never abort the process.
      icalerror_set_errors_are_fatal(0)
      // Warm the zone cache so later look-ups only read it.
      _ = icaltimezone_get_utc_timezone()
      state.configured = true
    }
    CLibical_clear_errno()
    do throws(E) {
      return .success(try body(&state))
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
