import Foundation
import Ledger
import Scheduler

/// A thank-you letter for an interview, as an RFC 5322 message a mail client opens as a
/// draft (`X-Unsent: 1`); Tenterhooks never sends it.
///
/// The advice: write within a few days, laconic and restrained, no flattery, no second CV;
/// you may add what you forgot to say; and spell the interviewer's name and address right —
/// so they are copied exactly as the ledger has them (a non-ASCII name as RFC 2047 encoded
/// words), and the parts only you can write are marked `[[…]]`. A missing name or address is
/// said at the top of the body and listed in `missing`. Header and body lines are at most
/// 78 characters, lines end with CRLF, the body is UTF-8 (8bit).
package struct ThankYouDraft: Sendable {
  /// Something the ledger lacks for the letter.
  package enum Missing: String, Hashable, Sendable {
    /// No interviewer's name (`contact`).
    case name
    /// No interviewer's address (`email`), or one that is not an address.
    case address
  }

  /// The message, CRLF line endings.
  package let message: String
  /// What is missing; empty when the draft is complete but for the `[[…]]` places.
  package let missing: [Missing]
  /// The problems in words, one per missing item (for standard error).
  package let problems: [String]

  /// The draft for `interview` of `standing`, dated `now` in `yourZone`.
  package init(standing: Standing, interview: Standing.Interview, now: Date, yourZone: TimeZone) {
    let name = interview.contact
    var missing: [Missing] = []
    var problems: [String] = []
    let who = "'\(standing.application)' (interview of \(interview.date))"
    if name == nil {
      missing.append(.name)
      problems.append("the ledger has no interviewer's name (contact:) for \(who)")
    }
    var address = interview.email
    if let email = address, !ThankYouDraft.isAddress(email) {
      missing.append(.address)
      problems.append("'\(email)' for \(who) does not look like an e-mail address")
      address = nil
    } else if address == nil {
      missing.append(.address)
      problems.append(
        "the ledger has no e-mail address (email:) for \(name ?? "the interviewer") of \(who)")
    }

    var lines: [String] = []
    lines.append("Date: \(ThankYouDraft.rfc5322Date(now, in: yourZone))")
    if let address {
      lines += ThankYouDraft.toHeader(name: name, address: address)
    }
    lines += ThankYouDraft.header("Subject", ThankYouDraft.subject(interview))
    lines.append("X-Unsent: 1")
    lines.append("MIME-Version: 1.0")
    lines.append("Content-Type: text/plain; charset=utf-8")
    lines.append("Content-Transfer-Encoding: 8bit")
    lines.append("")
    lines += ThankYouDraft.body(interview, missing: problems).flatMap {
      $0.isEmpty ? [""] : ThankYouDraft.wrap($0, width: 72)
    }
    message = lines.joined(separator: "\r\n") + "\r\n"
    self.missing = missing
    self.problems = problems
  }

  /// The interview a letter is for: the latest one that has taken place by `now` and was not
  /// called off; `nil` when there is none yet.
  package static func interview(of standing: Standing, at now: Date) -> Standing.Interview? {
    standing.interviews.last { $0.start <= now && !$0.calledOff }
  }

  // MARK: Headers

  /// A plain `local@domain` address: no spaces, no brackets or other specials, one `@` with
  /// text on both sides.
  static func isAddress(_ text: String) -> Bool {
    let parts = text.split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
    let forbidden = Set(" \t<>()[],;:\\\"")
    return !text.contains { forbidden.contains($0) || $0.isNewline }
  }

  /// `Subject:` names the role (and the company when there is no role).
  static func subject(_ interview: Standing.Interview) -> String {
    if let role = interview.role { return "Thank you for the interview: \(role)" }
    if let company = interview.company { return "Thank you for the interview at \(company)" }
    return "Thank you for the interview"
  }

  /// `To:` with the name as a quoted string when it is plain ASCII and fits on the line,
  /// else as encoded words (one per folded line); the address exactly as written.
  static func toHeader(name: String?, address: String) -> [String] {
    guard let name else { return ["To: \(address)"] }
    let quoted =
      "\""
      + name.replacingOccurrences(of: "\\", with: "\\\\")
      .replacingOccurrences(of: "\"", with: "\\\"") + "\""
    let single = "To: \(quoted) <\(address)>"
    if isPlainASCII(name), single.count <= 78 { return [single] }
    var lines = ["To:"]
    for word in phraseWords(name) {
      if lines[lines.count - 1].count + 1 + word.count <= 78 {
        lines[lines.count - 1] += " " + word
      } else {
        lines.append(" " + word)
      }
    }
    let angle = "<\(address)>"
    if lines[lines.count - 1].count + 1 + angle.count <= 78 {
      lines[lines.count - 1] += " " + angle
    } else {
      lines.append(" " + angle)
    }
    return lines
  }

  /// A display name as RFC 5322 words: plain atoms stay as they are, runs of other words
  /// become encoded words, a run split only where the name has a space (that space opens the
  /// next encoded word). So the name decodes the same whether a reader drops the folding
  /// space between encoded words, as RFC 2047 says, or keeps it, as some parsers do — as
  /// long as no single word is longer than one encoded word holds.
  static func phraseWords(_ name: String) -> [String] {
    let tokens = name.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
    guard !tokens.contains(where: \.isEmpty), !name.contains("\t") else {
      return encodedWords(name)
    }
    var words: [String] = []
    var run: [String] = []
    func flush() {
      guard !run.isEmpty else { return }
      var chunk = ""
      for token in run {
        let next = chunk.isEmpty ? token : chunk + " " + token
        if next.utf8.count <= encodedWordBytes {
          chunk = next
          continue
        }
        if chunk.isEmpty {
          chunk = token
        } else {
          words += encodedWords(chunk)
          chunk = " " + token
        }
      }
      words += encodedWords(chunk)
      run = []
    }
    for token in tokens {
      if token.allSatisfy(isAtomText) {
        flush()
        words.append(token)
      } else {
        run.append(token)
      }
    }
    flush()
    return words
  }

  /// RFC 5322 `atext`: what a word of a display name may hold without quoting or encoding.
  static func isAtomText(_ character: Character) -> Bool {
    guard character.isASCII, let value = character.asciiValue else { return false }
    if character.isLetter || character.isNumber { return true }
    return value > 0x20 && "!#$%&'*+-/=?^_`{|}~".contains(character)
  }

  /// An unstructured header: folded at spaces when ASCII, else as encoded words.
  static func header(_ field: String, _ value: String) -> [String] {
    let words =
      isPlainASCII(value)
      ? value.split(separator: " ").map(String.init) : encodedWords(value)
    var lines = ["\(field):"]
    for word in words {
      if lines[lines.count - 1].count + 1 + word.count <= 78 || lines == ["\(field):"] {
        lines[lines.count - 1] += " " + word
      } else {
        lines.append(" " + word)
      }
    }
    return lines
  }

  /// Printable ASCII only (no control characters, nothing that needs encoding).
  static func isPlainASCII(_ text: String) -> Bool {
    text.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) }
      && !text.contains("=?")
  }

  /// The UTF-8 bytes one encoded word holds: 39 become 52 of base64, with `=?utf-8?b?` and
  /// `?=` 64 characters, so the first fits on the line after `Subject: ` (RFC 2047: at
  /// most 75).
  static let encodedWordBytes = 39

  /// RFC 2047 `B` encoded words of `text`, each at most 75 characters, split between
  /// characters (never inside one).
  static func encodedWords(_ text: String) -> [String] {
    let limit = encodedWordBytes
    var words: [String] = []
    var chunk: [UInt8] = []
    for character in text {
      let bytes = Array(String(character).utf8)
      if !chunk.isEmpty, chunk.count + bytes.count > limit {
        words.append("=?utf-8?b?\(Data(chunk).base64EncodedString())?=")
        chunk = []
      }
      chunk += bytes
    }
    if !chunk.isEmpty { words.append("=?utf-8?b?\(Data(chunk).base64EncodedString())?=") }
    return words
  }

  /// `Fri, 27 Nov 2026 12:00:00 +0100`: RFC 5322 §3.3, the wall time in `zone`.
  static func rfc5322Date(_ date: Date, in zone: TimeZone) -> String {
    let c = ZoneOffsets.wallClock(of: date, in: zone)
    let day = CivilDate(date, in: zone)
    let offset = ZoneOffsets.offset(at: date, in: zone) / 60
    let sign = offset < 0 ? "-" : "+"
    let hhmm = LocalTime(hour: abs(offset) / 60, minute: abs(offset) % 60).description
      .replacingOccurrences(of: ":", with: "")
    let time = LocalTime(hour: c.hour, minute: c.minute).description
    let seconds = c.second < 10 ? "0\(c.second)" : "\(c.second)"
    return "\(day.weekdayAbbreviation), \(day.day) \(day.monthAbbreviation) "
      + "\(day.year) \(time):\(seconds) \(sign)\(hhmm)"
  }

  // MARK: Body

  /// The letter: short, with the places only you can fill marked `[[…]]`; what is missing
  /// said first.
  static func body(_ interview: Standing.Interview, missing problems: [String]) -> [String] {
    var paragraphs: [String] = []
    for problem in problems {
      paragraphs += ["[[MISSING: \(problem). Fill it in before sending.]]", ""]
    }
    let salutation = interview.contact ?? "[[the interviewer's name]]"
    let day =
      "\(interview.date.weekdayName), \(interview.date.day) " + interview.date.monthName
    var about = ""
    switch (interview.role, interview.company) {
    case (let role?, let company?): about = " about the \(role) role at \(company)"
    case (let role?, nil): about = " about the \(role) role"
    case (nil, let company?): about = " at \(company)"
    case (nil, nil): about = ""
    }
    paragraphs += [
      "Dear \(salutation),",
      "",
      "Thank you for taking the time to talk with me on \(day)\(about).",
      "",
      "[[One thing you learned in the conversation, or that stayed with you: a sentence or two.]]",
      "",
      "[[If you like: what you forgot to say at the interview, briefly. Not a second CV, and no flattery.]]",
      "",
      "I look forward to hearing from you.",
      "",
      "Kind regards,",
      "[[Your name]]",
    ]
    return paragraphs
  }

  /// `text` broken at spaces into lines of at most `width` characters (a longer word keeps
  /// its own line).
  static func wrap(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ") {
      if line.isEmpty {
        line = String(word)
      } else if line.count + 1 + word.count <= width {
        line += " " + word
      } else {
        lines.append(line)
        line = String(word)
      }
    }
    lines.append(line)
    return lines
  }
}
