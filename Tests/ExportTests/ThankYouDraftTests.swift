import Export
import Foundation
import Ledger
import Scheduler
import Testing

@Suite("letter: a thank-you draft as an e-mail message")
struct ThankYouDraftTests {
  func draft(_ text: String, _ id: String, now: String = "2026-11-27T10:00:00+01:00") throws
    -> ThankYouDraft
  {
    let journal = try EdgeLedgers.journal(text)
    let standing = try #require(Scheduler.standings(journal).first { $0.application == id })
    let now = EdgeLedgers.date(now)
    let interview = try #require(ThankYouDraft.interview(of: standing, at: now))
    return ThankYouDraft(
      standing: standing, interview: interview, now: now, yourZone: EdgeLedgers.berlin)
  }

  static let acme =
    EdgeLedgers.header + """
      2026-11-24 10:00 interview acme
        company: Acme GmbH
        role: iOS Engineer
        contact: Jane Doe
        email: jane@acme.example

      """

  func headers(_ message: String) -> [String] {
    Array(message.components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n"))
  }

  @Test("the headers name the interviewer exactly, the role, the date, and mark a draft")
  func headersOfAComplete() throws {
    let draft = try draft(Self.acme, "acme")
    #expect(draft.missing.isEmpty)
    #expect(
      headers(draft.message) == [
        "Date: Fri, 27 Nov 2026 10:00:00 +0100",
        "To: \"Jane Doe\" <jane@acme.example>",
        "Subject: Thank you for the interview: iOS Engineer",
        "X-Unsent: 1",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: 8bit",
      ])
    #expect(draft.message.contains("Dear Jane Doe,"))
    let body = draft.message.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: " ")
      .replacingOccurrences(of: "\r\n", with: " ")
    #expect(body.contains("on Tuesday, 24 November about the iOS Engineer role at Acme GmbH."))
    #expect(draft.message.contains("[[Your name]]"))
  }

  @Test("every line ends with CRLF and is at most 78 characters")
  func lineLengths() throws {
    for id in ["mueller", "yamada", "obrien", "rocket"] {
      let message = try draft(EdgeLedgers.nonASCII, id).message
      #expect(message.hasSuffix("\r\n"))
      #expect(!message.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
      for line in message.components(separatedBy: "\r\n") {
        #expect(line.count <= 78, "\(id): \(line)")
      }
    }
  }

  @Test("a non-ASCII name becomes RFC 2047 encoded words that decode to it exactly")
  func encodedName() throws {
    let message = try draft(EdgeLedgers.nonASCII, "rocket").message
    let to = headers(message).drop { !$0.hasPrefix("To:") }.prefix {
      $0.hasPrefix("To:") || $0.hasPrefix(" ")
    }
    // As RFC 2047 reads it: adjacent encoded words join, other words are separated by a space.
    var decoded = ""
    var previousEncoded = false
    var words: [Substring] = []
    for token in to.joined().dropFirst("To:".count).split(separator: " ") {
      if token.hasPrefix("<") { break }
      if token.hasPrefix("=?utf-8?b?") {
        words.append(token)
        let payload = token.dropFirst("=?utf-8?b?".count).dropLast(2)
        let text = String(decoding: Data(base64Encoded: String(payload))!, as: UTF8.self)
        decoded += previousEncoded || decoded.isEmpty ? text : " " + text
        previousEncoded = true
      } else {
        decoded += decoded.isEmpty ? String(token) : " " + token
        previousEncoded = false
      }
    }
    #expect(decoded == "Zoë Ångström-Łukasiewicz de la Peña y Fernández-Castañeda Øvergård")
    #expect(to.joined().hasSuffix("<zoe@rocket.example>"))
    #expect(words.allSatisfy { $0.count <= 75 })
  }

  @Test("specials in an ASCII name are quoted and escaped")
  func quotedName() throws {
    let message = try draft(EdgeLedgers.nonASCII, "obrien").message
    #expect(message.contains("To: \"O'Brien, \\\"Pat\\\"\" <pat.obrien+jobs@example.ie>\r\n"))
  }

  @Test("a non-ASCII role is encoded in the Subject")
  func encodedSubject() throws {
    let subject = headers(try draft(EdgeLedgers.nonASCII, "yamada").message)
      .first { $0.hasPrefix("Subject:") }
    #expect(subject?.contains("=?utf-8?b?") == true)
  }

  @Test("a missing address is said in the draft and listed, and there is no To: line")
  func missingAddress() throws {
    let text =
      EdgeLedgers.header + """
        2026-11-24 10:00 interview hooli
          company: Hooli
          contact: Gavin Belson

        """
    let draft = try draft(text, "hooli")
    #expect(draft.missing == [.address])
    #expect(!draft.message.contains("\r\nTo:"))
    #expect(draft.message.contains("[[MISSING: the ledger has no e-mail address"))
    #expect(draft.problems.count == 1)
  }

  @Test("a missing name leaves a place to fill in, and the bare address")
  func missingName() throws {
    let text =
      EdgeLedgers.header + """
        2026-11-24 10:00 interview hooli
          email: jobs@hooli.example

        """
    let draft = try draft(text, "hooli")
    #expect(draft.missing == [.name])
    #expect(draft.message.contains("\r\nTo: jobs@hooli.example\r\n"))
    #expect(draft.message.contains("Dear [[the interviewer's name]],"))
    #expect(draft.message.contains("Subject: Thank you for the interview\r\n"))
  }

  @Test("a new interviewer in a later round does not get the earlier one's address")
  func laterRound() throws {
    let text =
      Self.acme + """
        2026-11-26 10:00 interview acme
          contact: Max Mustermann

        """
    let draft = try draft(text, "acme")
    #expect(draft.missing == [.address])
    #expect(!draft.message.contains("jane@acme.example"))
    #expect(draft.message.contains("Dear Max Mustermann,"))
  }

  @Test("a scheduled interview has no letter yet; the one before it does")
  func scheduled() throws {
    let journal = try EdgeLedgers.journal(
      Self.acme + """
        2026-12-10 10:00 interview acme
          contact: Max Mustermann

        """)
    let standing = try #require(Scheduler.standings(journal).first)
    let interview = ThankYouDraft.interview(
      of: standing, at: EdgeLedgers.date("2026-11-27T10:00:00+01:00"))
    #expect(interview?.number == 1)
    let before = ThankYouDraft.interview(
      of: standing, at: EdgeLedgers.date("2026-11-01T10:00:00+01:00"))
    #expect(before == nil)
  }
}
