import Foundation
import Ledger

/// Ledgers at the edges of what `status`, `letter` and `report` show: none open, all
/// closed, a hundred applications, names and companies far from ASCII.
enum EdgeLedgers {
  static let header = "timezone Europe/Berlin\n\n"

  /// No application at all.
  static let empty = header

  /// Every application closed, each in another way.
  static let allClosed =
    header + """
      2026-10-01 10:00 interview alpha
        company: Alpha
        role: Engineer
      2026-10-08 offer alpha

      2026-10-02 10:00 interview beta
        company: Beta
      2026-10-09 rejected beta

      2026-10-03 10:00 interview gamma
      2026-10-10 withdrew gamma

      2026-10-04 10:00 interview delta
      2026-10-06 11:00 called delta
        outcome: rejected

      """

  /// Names, companies and roles in other scripts, with characters that mean something in
  /// HTML and in e-mail headers: the file the interop suite's browser and e-mail checks read
  /// too.
  static let nonASCII = try! String(
    contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../Interop/non-ascii.ledger").standardizedFileURL,
    encoding: .utf8)

  /// A hundred applications in every state: some open, some postponed, some closed.
  static var hundred: String {
    var text = header
    for i in 0..<100 {
      let day = 1 + i % 28
      let month = 9 + i % 3
      let date = String(format: "2026-%02d-%02d", month, day)
      text += """
        \(date) 10:00 interview app\(i)
          company: Company \(i)
          role: Role \(i)
          contact: Person \(i)
          email: person\(i)@company\(i).example
          decision: \(String(format: "2026-%02d-%02d", month + 1, day))

        """
      switch i % 5 {
      case 0: text += "\(String(format: "2026-%02d-%02d", month + 1, day)) offer app\(i)\n"
      case 1: text += "\(String(format: "2026-%02d-%02d", month + 1, day)) rejected app\(i)\n"
      case 2:
        text += "\(String(format: "2026-%02d-%02d", month + 1, day)) postponed app\(i)\n"
        text += "  decision: 2026-12-20\n"
      default: break
      }
      text += "\n"
    }
    return text
  }

  /// Parses `text` as a ledger at `t.ledger`.
  static func journal(_ text: String) throws -> Journal {
    try Journal.parse(Array(text.utf8), path: "t.ledger", defaultZone: .gmt)
  }

  static let berlin = TimeZone(identifier: "Europe/Berlin")!

  static func date(_ iso: String) -> Date { ISODateTime.parse(iso, defaultZone: .gmt)! }
}
