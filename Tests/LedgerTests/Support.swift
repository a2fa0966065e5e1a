import Foundation
import Testing

@testable import Ledger

/// Parses ledger text and returns its diagnostics (empty when it parses).
func diagnostics(
  _ text: String, path: String = "t.ledger", zone: TimeZone = TimeZone(identifier: "UTC")!
) -> [Diagnostic] {
  diagnostics(bytes: Array(text.utf8), path: path, zone: zone)
}

func diagnostics(
  bytes: [UInt8], path: String = "t.ledger", zone: TimeZone = TimeZone(identifier: "UTC")!
) -> [Diagnostic] {
  do {
    _ = try Journal.parse(bytes, path: path, defaultZone: zone)
    return []
  } catch {
    return error.items
  }
}

/// Parses text that must be valid; records an issue with the diagnostics otherwise.
func journal(
  _ text: String, path: String = "t.ledger", zone: TimeZone = TimeZone(identifier: "UTC")!,
  sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> Journal? {
  do {
    return try Journal.parse(Array(text.utf8), path: path, defaultZone: zone)
  } catch {
    Issue.record("expected a valid ledger, got:\n\(error)", sourceLocation: sourceLocation)
    return nil
  }
}

/// The single diagnostic `text` must produce; records an issue when there is not exactly one.
func onlyDiagnostic(
  _ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> Diagnostic? {
  let found = diagnostics(text)
  guard found.count == 1 else {
    Issue.record(
      "expected one diagnostic, got \(found.count):\n\(Diagnostics(found))",
      sourceLocation: sourceLocation)
    return nil
  }
  return found[0]
}

/// A fixture's bytes.
func fixture(_ name: String) throws -> [UInt8] {
  let url = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures/\(name)")
  return try [UInt8](Data(contentsOf: url))
}

/// A fresh temporary folder, removed by the caller with `cleanUp`.
func temporaryFolder() throws -> URL {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("tenterhooks-tests-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

/// Three lines every test ledger can start with so that `acme` is known: header, field, blank.
let acmeInterview = """
  2026-11-24 10:00 interview acme
    company: Acme GmbH


  """
