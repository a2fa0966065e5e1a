import Foundation
import SeededRandom

/// A deterministic ledger of `applications` job applications with a realistic mix: several
/// employer zones, agreed and open decision dates, postponements, thank-you letters, calls,
/// news by e-mail, second rounds and closed applications. Same count and seed, same text.
enum SyntheticLedger {
  static let zones = [
    "Europe/Berlin", "Europe/Berlin", "Europe/Berlin", "Europe/London", "America/New_York",
    "America/Chicago", "Asia/Tokyo", "Europe/Moscow",
  ]
  static let companies = [
    "Acme GmbH", "Globex Corporation", "Initech AG", "Umbrella Corp.", "Hooli, Inc.",
    "Яндекс", "ソニー株式会社", "Stark Industries", "Wayne Enterprises", "Cyberdyne Systems",
  ]
  static let roles = [
    "iOS Engineer", "Swift on Server Engineer", "Mobile Platform Engineer", "Staff Engineer",
    "QA Automation", "Engineering Manager",
  ]
  static let contacts = [
    "Jane Doe", "Hank Scorpio", "Bill Lumbergh", "Анна Кузнецова", "山田 太郎", "Gavin Belson",
  ]

  /// The ledger's text. With `holidays`, it names that .ics file (see `holidays`),
  /// so business-day searches skip holidays as they would for a real user.
  static func generate(applications: Int, seed: UInt64 = 2026, holidays: String? = nil)
    -> String
  {
    var random = SplitMix64(seed: seed)
    var text = """
      # Synthetic ledger: \(applications) applications (seed \(seed)).
      timezone Europe/Berlin
      call-at 10:00
      calendar-name Benchmark
      uid-domain bench.tenterhooks.test

      """
    if let holidays { text += "holidays \(holidays)\n\n" }
    text.reserveCapacity(applications * 420)
    let start = CivilDay(year: 2026, month: 1, day: 5)
    for index in 0..<applications {
      let id = "app\(index)"
      let day = start.adding(Int(random.next() % 330))
      let hour = 9 + Int(random.next() % 8)
      let clock = (hour < 10 ? "0" : "") + "\(hour):" + (random.next() % 2 == 0 ? "00" : "30")
      let zone = zones[Int(random.next() % UInt64(zones.count))]
      text += "\(day) \(clock) interview \(id)\n"
      text += "  company: \(companies[index % companies.count]) #\(index)\n"
      text += "  role: \(roles[Int(random.next() % UInt64(roles.count))])\n"
      text += "  contact: \(contacts[Int(random.next() % UInt64(contacts.count))])\n"
      text += "  email: hr\(index)@example.com\n"
      if zone != "Europe/Berlin" { text += "  tz: \(zone)\n" }
      let agreed = random.next() % 10 < 6
      var decision = day.adding(5 + Int(random.next() % 10))
      if agreed {
        text += "  decision: \(decision)\n"
        text += "  caller: \(random.next() % 2 == 0 ? "employer" : "me")\n"
      }
      if random.next() % 5 == 0 { text += "  news: email\n" }
      text += "\n"
      if random.next() % 10 < 7 { text += "\(day.adding(1)) 18:00 thanked \(id)\n\n" }
      let postponements = Int(random.next() % 4)
      for _ in 0..<(agreed ? postponements : 0) {
        decision = decision.adding(3 + Int(random.next() % 7))
        text += "\(decision.adding(-4)) postponed \(id)\n  decision: \(decision)\n\n"
      }
      if !agreed && random.next() % 3 == 0 {
        text += "\(day.adding(4)) 10:15 called \(id)\n  outcome: undecided\n\n"
      }
      if random.next() % 10 == 0 {
        text += "\(day.adding(6)) 11:00 heard \(id)\n  by: email\n  outcome: undecided\n\n"
      }
      if random.next() % 10 == 0 {
        text += "\(day.adding(20)) 14:00 interview \(id)\n  note: second round\n\n"
      }
      switch random.next() % 10 {
      case 0, 1: text += "\(decision.adding(2)) rejected \(id)\n\n"
      case 2: text += "\(decision.adding(1)) offer \(id)\n\n"
      case 3: text += "\(decision.adding(3)) withdrew \(id)\n\n"
      default: break
      }
    }
    return text
  }
}

extension SyntheticLedger {
  /// A small holiday calendar: New Year and Christmas recurring yearly, and a few fixed
  /// public holidays of 2026, as all-day events.
  static let holidays = """
    BEGIN:VCALENDAR\r
    VERSION:2.0\r
    PRODID:-//Tenterhooks//Benchmark holidays//EN\r
    BEGIN:VEVENT\r
    UID:new-year@bench.tenterhooks.test\r
    DTSTAMP:20260101T000000Z\r
    DTSTART;VALUE=DATE:20260101\r
    DTEND;VALUE=DATE:20260102\r
    RRULE:FREQ=YEARLY\r
    SUMMARY:New Year\r
    END:VEVENT\r
    BEGIN:VEVENT\r
    UID:christmas@bench.tenterhooks.test\r
    DTSTAMP:20260101T000000Z\r
    DTSTART;VALUE=DATE:20261225\r
    DTEND;VALUE=DATE:20261227\r
    RRULE:FREQ=YEARLY\r
    SUMMARY:Christmas\r
    END:VEVENT\r
    BEGIN:VEVENT\r
    UID:easter-2026@bench.tenterhooks.test\r
    DTSTAMP:20260101T000000Z\r
    DTSTART;VALUE=DATE:20260403\r
    DTEND;VALUE=DATE:20260407\r
    SUMMARY:Easter\r
    END:VEVENT\r
    BEGIN:VEVENT\r
    UID:labour-day-2026@bench.tenterhooks.test\r
    DTSTAMP:20260101T000000Z\r
    DTSTART;VALUE=DATE:20260501\r
    SUMMARY:Labour Day\r
    END:VEVENT\r
    BEGIN:VEVENT\r
    UID:unity-day-2026@bench.tenterhooks.test\r
    DTSTAMP:20260101T000000Z\r
    DTSTART;VALUE=DATE:20261003\r
    SUMMARY:Day of German Unity\r
    END:VEVENT\r
    END:VCALENDAR\r

    """
}

/// A day, for generating dates without Foundation's calendar in the hot loop.
struct CivilDay: CustomStringConvertible {
  var year: Int
  var month: Int
  var day: Int

  func adding(_ days: Int) -> CivilDay {
    var result = self
    var remaining = days
    let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    while remaining > 0 {
      let length = result.month == 2 && result.year % 4 == 0 ? 29 : lengths[result.month - 1]
      if result.day < length {
        result.day += 1
      } else {
        result.day = 1
        result.month += 1
        if result.month > 12 {
          result.month = 1
          result.year += 1
        }
      }
      remaining -= 1
    }
    while remaining < 0 {
      if result.day > 1 {
        result.day -= 1
      } else {
        result.month -= 1
        if result.month < 1 {
          result.month = 12
          result.year -= 1
        }
        result.day = result.month == 2 && result.year % 4 == 0 ? 29 : lengths[result.month - 1]
      }
      remaining += 1
    }
    return result
  }

  var description: String { String(format: "%04d-%02d-%02d", year, month, day) }
}

extension SyntheticLedger {
  /// One application whose decision is postponed `count` times, one day after another
  /// (issue 12: scheduling must be linear in an application's entries).
  static func postponed(_ count: Int) -> String {
    var text = """
      timezone Europe/Berlin
      uid-domain bench.tenterhooks.test

      2026-01-05 10:00 interview acme
        company: Acme GmbH
        decision: 2026-01-07

      """
    var day = CivilDay(year: 2026, month: 1, day: 5)
    for _ in 0..<count {
      day = day.adding(1)
      text += "\(day) 11:00 postponed acme\n  decision: \(day.adding(2))\n\n"
    }
    return text
  }
}
