import Foundation
import Ledger

/// How dates and times read in titles and `why` texts: fixed English, never the user's locale,
/// so that the same ledger always gives the same words.
package enum Wording {
  /// `Tue 24 Nov 2026`.
  static func day(_ date: CivilDate) -> String {
    date.mediumText
  }

  /// `Tue 24 Nov 2026 at 10:00`.
  static func day(_ date: CivilDate, at time: LocalTime) -> String {
    "\(day(date)) at \(time)"
  }

  /// `once`, `3 times`.
  static func times(_ n: Int) -> String { n == 1 ? "once" : "\(n) times" }

  /// The place a zone is named after: `New York` for `America/New_York`.
  package static func city(of zone: ZoneID) -> String {
    let name = zone.identifier
    let city = name.split(separator: "/").last.map(String.init) ?? name
    return city.replacingOccurrences(of: "_", with: " ")
  }

  /// `1 day`, `3 days`.
  static func days(_ n: Int) -> String { n == 1 ? "1 day" : "\(n) days" }

  /// `1 business day`, `3 business days`.
  static func businessDays(_ n: Int) -> String {
    n == 1 ? "1 business day" : "\(n) business days"
  }

  /// `1 postponement`, `3 postponements`.
  static func postponements(_ n: Int) -> String {
    n == 1 ? "1 postponement" : "\(n) postponements"
  }

  /// `Wed 2 Dec`: the short form for one-line displays (`rule`), where `why` has the year.
  static func shortDay(_ date: CivilDate) -> String {
    date.shortText
  }

  /// The company's name, or the application ID when the ledger gives none.
  static func employer(_ profile: Profile, id: String) -> String { profile.company ?? id }

  /// ` about iOS Engineer` when the role is known, else nothing.
  static func aboutRole(_ profile: Profile) -> String {
    profile.role.map { " about the \($0) role" } ?? ""
  }

  /// `Jane Doe <jane@acme.example>`, or whatever part of it the ledger has.
  static func addressee(_ profile: Profile) -> String? {
    switch (profile.contact, profile.email) {
    case (let name?, let email?): return "\(name) <\(email)>"
    case (let name?, nil): return name
    case (nil, let email?): return email
    case (nil, nil): return nil
    }
  }

  /// What a cancelling `note` says: the day it was written, its text and its note (an
  /// imported invitation's UID is there).
  static func cancellation(_ note: Entry) -> String {
    let said = [note.value(.text), note.value(.note).map { "(\($0))" }].compactMap(\.self)
    return "noted \(day(note.date))" + (said.isEmpty ? "" : ": " + said.joined(separator: " "))
  }
}

extension CivilDate {
  /// The wall-clock time of `instant` in `zone`.
  package static func localTime(of instant: Date, in zone: TimeZone) -> LocalTime {
    let clock = ZoneOffsets.wallClock(of: instant, in: zone)
    return LocalTime(hour: clock.hour, minute: clock.minute)
  }
}
