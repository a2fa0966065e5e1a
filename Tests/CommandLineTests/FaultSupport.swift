import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A deterministic ledger of `applications` applications, each an interview with every
/// field, an agreed decision date, and for some a thank-you, a postponement or a close, so
/// that exporting it takes a while and touches every kind of action.
enum LargeLedger {
  static func text(applications: Int, variant: Int = 0) -> String {
    var text = """
      timezone Europe/Berlin
      call-at 10:00
      calendar-name Fault tests \(variant)
      uid-domain faults.tenterhooks.test

      """
    for index in 0..<applications {
      text += entry(index)
      if index % 3 == 0 { text += "\(day(index, plus: 1)) 18:30 thanked app-\(index)\n\n" }
      if index % 5 == variant % 5 {
        text +=
          "\(day(index, plus: 3)) postponed app-\(index)\n  decision: \(day(index, plus: 9))\n\n"
      }
      if index % 11 == 0 { text += "\(day(index, plus: 10)) rejected app-\(index)\n\n" }
    }
    return text
  }

  /// One complete `interview` entry; its decision date is `decisionDay(index)`.
  static func entry(_ index: Int) -> String {
    """
    \(day(index)) 10:00 interview app-\(index)
      company: Company \(index) GmbH
      role: Engineer \(index)
      contact: Contact \(index)
      email: hr\(index)@example.com
      decision: \(decisionDay(index))
      caller: me

    """
  }

  /// The decision date of application `index`, as `YYYY-MM-DD`.
  static func decisionDay(_ index: Int) -> String { day(index, plus: 5) }

  /// A date in 2026: months 1–11, days 1–18, plus `plus` days (≤ 10, so ≤ 28).
  static func day(_ index: Int, plus: Int = 0) -> String {
    let month = 1 + index % 11
    let day = 1 + (index * 7) % 18 + plus
    return String(format: "2026-%02d-%02d", month, day)
  }
}

/// A fresh folder under the temporary directory; the caller removes it.
func makeFaultFolder() throws -> String {
  let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("tenterhooks-faults-\(UUID().uuidString)").path
  try FileManager.default.createDirectory(
    atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
  return folder
}

/// Runs `tenterhooks ARGS` in `folder` as a user for whom file permissions count: as root,
/// as `nobody` (setpriv, util-linux; what it reads must be world-readable), else as itself.
func runWithPermissionsCounting(_ binary: String, _ arguments: [String], in folder: String)
  throws -> Tenterhooks.Outcome
{
  getuid() == 0
    ? try Tenterhooks.runWrapped(
      "/usr/bin/setpriv",
      ["--reuid=65534", "--regid=65534", "--clear-groups", "--", binary] + arguments,
      in: folder)
    : try Tenterhooks.run(arguments, in: folder)
}

/// The names of `Writer`'s temporary files for `name` in `folder`.
func temporaries(of name: String, in folder: String) -> [String] {
  ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
    .filter { $0.hasPrefix("." + name + ".") }.sorted()
}

func bytes(at path: String) -> [UInt8]? {
  FileManager.default.contents(atPath: path).map { [UInt8]($0) }
}
