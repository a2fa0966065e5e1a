// libFuzzer harness for the iCalendar reader in the ICal bindings (libical underneath).
//
// Built by scripts/fuzz with `swiftc -sanitize=fuzzer,address -parse-as-library` against the
// ICal module of an instrumented build in .build-fuzz; libFuzzer supplies `main`. It drives
// what Tenterhooks does with .ics files it did not write (holidays files): parse, expand
// recurrences over a few years, validate; and what a parsed calendar must survive: being
// serialised again and parsed back. Anything may throw `ICalError`; nothing may trap, leak
// or touch memory it does not own (AddressSanitizer and LeakSanitizer watch).
import Foundation
import ICal

private let horizon = ICalDateTime.date(year: 2030, month: 12, day: 31)

@_cdecl("LLVMFuzzerTestOneInput")
public func icalFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  let text = String(decoding: bytes, as: UTF8.self)
  _ = try? ICalValidator.problems(in: text)
  guard let calendar = try? VCalendar.parse(text) else { return 0 }
  for event in calendar.events {
    _ = try? event.occurrences(through: horizon, limit: 2_000)
  }
  if let again = try? calendar.serialized() {
    _ = try? VCalendar.parse(again)
  }
  return 0
}
