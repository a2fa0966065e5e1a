// libFuzzer harness for the ledger parser, and the scheduler behind it.
//
// Built by scripts/fuzz with `swiftc -sanitize=fuzzer,address -parse-as-library` against the
// Ledger and Scheduler modules of an instrumented build in .build-fuzz; libFuzzer supplies
// `main`. Any input is fair: the parser must return a journal or diagnostics, never trap,
// and a journal it accepts must schedule without trapping.
import Foundation
import Ledger
import Scheduler

private let utc = TimeZone(identifier: "UTC")!
// A path in a folder that does not exist: `holidays` directives resolve against it and are
// reported as unreadable, so the harness never reads files the input names.
private let path = "/nonexistent-tenterhooks-fuzz/fuzz.ledger"
private let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-19

@_cdecl("LLVMFuzzerTestOneInput")
public func ledgerFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  do {
    let journal = try Journal.parse(bytes, path: path, defaultZone: utc)
    _ = Scheduler.plan(journal, holidays: [], now: now)
  } catch {
    // Every diagnostic has a location inside the text (or line 1 for whole-file problems).
    let lines = bytes.count(where: { $0 == 0x0A }) + 1
    for item in error.items where item.location.line < 1 || item.location.line > lines {
      fatalError("diagnostic outside the text: \(item)")
    }
  }
  return 0
}
