import Foundation
import Ledger
import Scheduler
import Testing

@Suite("Two clocks: your tasks on yours, the employer's on its own")
struct TwoClocksTests {
  @Test(
    "an interview on every weekday: the call on the 3rd employer business day, the letter on your next",
    arguments: [
      ("2026-11-23", "2026-11-26", "2026-11-24"),  // Mon → Thu; letter Tue
      ("2026-11-24", "2026-11-27", "2026-11-25"),  // Tue → Fri; letter Wed
      ("2026-11-25", "2026-11-30", "2026-11-26"),  // Wed → Mon; letter Thu
      ("2026-11-26", "2026-12-01", "2026-11-27"),  // Thu → Tue; letter Fri
      ("2026-11-27", "2026-12-02", "2026-11-30"),  // Fri → Wed; letter Mon
    ])
  func everyWeekday(interview: String, call: String, letter: String) throws {
    var ledger = LedgerBuilder()
    ledger.add("\(interview) 10:00 interview acme")
    let plan = ledger.plan()
    #expect(local(plan.one(.followUpCall)?.start) == "\(call) 10:00")
    #expect(local(plan.one(.thankYou)?.start) == "\(letter) 09:00")
  }

  @Test("an interview abroad is announced in your time first, the employer's beside it")
  func interviewAbroadTexts() throws {
    var ledger = LedgerBuilder()
    ledger.add(
      "2026-12-10 10:00 interview globex", ["company": "Globex", "tz": "America/New_York"])
    ledger.add(
      "2026-12-10 07:00 interview tokyo", ["company": "Tokyo KK", "tz": "Asia/Tokyo"])
    ledger.add("2026-12-10 10:00 interview home", ["company": "Home GmbH"])
    let plan = ledger.plan(now: "2026-12-01T12:00:00Z")
    let globex = try #require(plan.first { $0.application == "globex" && $0.kind == .interview })
    #expect(
      globex.reminders.first?.message
        == "Tomorrow at 16:00 (10:00 in New York): interview at Globex.")
    #expect(
      globex.why.contains("on Thu 10 Dec 2026 at 16:00 your time (10:00 in New York)"),
      "\(globex.why)")
    // 07:00 in Tokyo is 23:00 the evening before in Berlin: the employer's day is given too.
    let tokyo = try #require(plan.first { $0.application == "tokyo" && $0.kind == .interview })
    #expect(
      tokyo.why.contains(
        "on Wed 9 Dec 2026 at 23:00 your time (Thu 10 Dec 2026 at 07:00 in Tokyo)"),
      "\(tokyo.why)")
    // In your own zone nothing is added.
    let home = try #require(plan.first { $0.application == "home" && $0.kind == .interview })
    #expect(home.reminders.first?.message == "Tomorrow at 10:00: interview at Home GmbH.")
    #expect(home.why.contains("on Thu 10 Dec 2026 at 10:00, as the ledger"), "\(home.why)")
  }

  @Test("a Friday interview before a Monday holiday is called on Thursday")
  func fridayBeforeMondayHoliday() throws {
    var ledger = LedgerBuilder()
    ledger.add("2026-12-18 10:00 interview acme")  // Friday; Mon 21 Dec a holiday here
    let plan = ledger.plan(holidays: [day("2026-12-21")])
    #expect(local(plan.one(.followUpCall)?.start) == "2026-12-24 10:00")
    #expect(local(plan.one(.thankYou)?.start) == "2026-12-22 09:00")
  }

  @Test("a Tokyo employer: your letter and checks at 09:00 in Berlin, the call at 10:00 in Tokyo")
  func tokyo() throws {
    var ledger = LedgerBuilder()
    ledger.add("2026-11-24 10:00 interview tok", ["tz": "Asia/Tokyo"])
    let plan = ledger.plan()
    let letter = try #require(plan.one(.thankYou))
    let checks = try #require(plan.one(.checkEmail))
    let call = try #require(plan.one(.followUpCall))
    #expect(letter.timeZone == "Europe/Berlin" && checks.timeZone == "Europe/Berlin")
    #expect(local(letter.start) == "2026-11-25 09:00")
    #expect(local(checks.start) == "2026-11-25 09:00")
    #expect(call.timeZone == "Asia/Tokyo")
    #expect(local(call.start, "Asia/Tokyo") == "2026-11-27 10:00")
    #expect(local(call.start) == "2026-11-27 02:00")
  }

  @Test(
    "Berlin and New York across both DST gaps: the call stays at 10:00 in New York",
    arguments: [
      // March: the US changes on the 8th, Europe on the 29th (5 h gap in between).
      ("2026-03-02", "2026-03-05 10:00", "2026-03-05 16:00"),
      ("2026-03-05", "2026-03-10 10:00", "2026-03-10 15:00"),
      ("2026-03-24", "2026-03-27 10:00", "2026-03-27 15:00"),
      ("2026-03-27", "2026-04-01 10:00", "2026-04-01 16:00"),
      // Autumn: Europe changes on 25 Oct, the US on 1 Nov.
      ("2026-10-22", "2026-10-27 10:00", "2026-10-27 15:00"),
      ("2026-10-29", "2026-11-03 10:00", "2026-11-03 16:00"),
    ])
  func acrossDST(interview: String, newYork: String, berlin: String) throws {
    var ledger = LedgerBuilder()
    ledger.add("\(interview) 10:00 interview nyco", ["tz": "America/New_York"])
    let call = try #require(ledger.plan().one(.followUpCall))
    #expect(local(call.start, "America/New_York") == newYork)
    #expect(local(call.start) == berlin)
  }

  @Test(
    "holidays on one side only: Thanksgiving moves the call, not your letter; yours move the letter"
  )
  func holidaysOnOneSide() throws {
    var ledger = LedgerBuilder()
    ledger.add("2026-11-25 10:00 interview nyco", ["tz": "America/New_York"])
    let us = DaysOff(byZone: ["America/New_York": [day("2026-11-26")]])
    let theirs = ledger.plan(daysOff: us)
    #expect(local(theirs.one(.followUpCall)?.start, "America/New_York") == "2026-12-01 10:00")
    #expect(local(theirs.one(.thankYou)?.start) == "2026-11-26 09:00")
    let yours = ledger.plan(daysOff: DaysOff(yours: [day("2026-11-26")]))
    #expect(local(yours.one(.thankYou)?.start) == "2026-11-27 09:00")
    // New York works on the 26th, but your letter is now due on Mon 30 (23:59 in Berlin):
    // the call waits for it.
    #expect(local(yours.one(.thankYou)?.deadline) == "2026-11-30 23:59")
    #expect(local(yours.one(.followUpCall)?.start, "America/New_York") == "2026-12-01 10:00")
  }

  @Test("an interview's own holidays file wins over its zone's")
  func interviewHolidaysWin() throws {
    var ledger = LedgerBuilder()
    ledger.add(
      "2026-11-25 10:00 interview nyco", ["tz": "America/New_York", "holidays": "own.ics"])
    let daysOff = DaysOff(
      byZone: ["America/New_York": [day("2026-11-26")]], byFile: ["own.ics": [day("2026-11-27")]])
    #expect(
      local(ledger.plan(daysOff: daysOff).one(.followUpCall)?.start, "America/New_York")
        == "2026-12-01 10:00")  // Thu 26 works here, Fri 27 not: Thu, Mon, Tue
  }

  @Test("workdays sun-thu: a Thursday interview is called on Monday, its letter written on Sunday")
  func sundayToThursday() throws {
    var ledger = LedgerBuilder {
      $0.workdays = [.sunday, .monday, .tuesday, .wednesday, .thursday]
    }
    ledger.add("2026-11-26 10:00 interview acme")  // Thursday
    let plan = ledger.plan()
    #expect(local(plan.one(.thankYou)?.start) == "2026-11-29 09:00")
    #expect(local(plan.one(.followUpCall)?.start) == "2026-12-01 10:00")  // Sun, Mon, Tue
  }

  @Test("a letter still pending when the call would fall holds the call until after its deadline")
  func letterFirst() throws {
    var ledger = LedgerBuilder { $0.followUpAfter = 1 }
    ledger.add("2026-11-24 10:00 interview acme")
    let pending = try #require(ledger.plan().one(.followUpCall))
    #expect(local(pending.start) == "2026-11-27 10:00")  // after Thu 26's 23:59
    ledger.add("2026-11-24 19:00 thanked acme")
    let sent = try #require(ledger.plan().one(.followUpCall))
    #expect(local(sent.start) == "2026-11-25 10:00")
    #expect(sent.uid == pending.uid && sent.sequence > pending.sequence)
    // One business day is what was asked for: the texts do not say "not the next day".
    #expect(!sent.why.contains("not the next"), "\(sent.why)")
    #expect(sent.rule == "nothing agreed at the interview: call 1 business day later")
    var usualLedger = LedgerBuilder()
    usualLedger.add("2026-11-24 10:00 interview acme")
    let usual = try #require(usualLedger.plan().one(.followUpCall))
    #expect(usual.why.contains("not the next working day"), "\(usual.why)")
  }
}

@Suite("Giving up, offers and acceptance")
struct OutcomeTests {
  @Test("three undecided calls: no fourth call, a reconsider action on the evening of the third")
  func threeUndecidedCalls() throws {
    var ledger = LedgerBuilder()
    ledger.add("2026-11-02 10:00 interview acme", ["company": "Acme GmbH"])
    ledger.add("2026-11-05 10:00 called acme", ["outcome": "undecided"])
    ledger.add("2026-11-10 10:00 called acme", ["outcome": "undecided"])
    let twice = ledger.plan()
    #expect(twice.all(.followUpCall).map(\.status) == [.done, .done, .pending])
    ledger.add("2026-11-13 10:00 called acme", ["outcome": "undecided"])
    let plan = ledger.plan()
    #expect(plan.all(.followUpCall).map(\.status) == [.done, .done, .done])
    let giveUp = try #require(plan.one(.reconsider))
    #expect(local(giveUp.start) == "2026-11-13 18:00")
    #expect(giveUp.title.contains("3 calls and no answer"))
    #expect(giveUp.status == .pending)
    // The e-mail checks stop at the last call.
    #expect(local(plan.one(.checkEmail)?.repetition?.until) == "2026-11-13 09:00")
  }

  @Test("give-up-after 1 and a new date: a named date starts the count again")
  func newDateResets() throws {
    var ledger = LedgerBuilder { $0.giveUpAfter = 1 }
    ledger.add("2026-11-02 10:00 interview acme")
    ledger.add("2026-11-05 10:00 called acme", ["outcome": "undecided", "decision": "2026-11-10"])
    #expect(ledger.plan().all(.followUpCall).last?.status == .pending)
    ledger.add("2026-11-11 10:00 called acme", ["outcome": "undecided"])
    #expect(ledger.plan().all(.followUpCall).allSatisfy { $0.status == .done })
    #expect(ledger.plan().one(.reconsider) != nil)
  }

  @Test("an offer with answer-by: an answer action on your last business day before it")
  func offerWithAnswerBy() throws {
    var ledger = LedgerBuilder()
    ledger.add("2026-11-24 10:00 interview acme", ["company": "Acme GmbH"])
    ledger.add("2026-12-01 12:00 offer acme", ["answer-by": "2026-12-07"])  // a Monday
    let answer = try #require(ledger.plan().one(.answerOffer))
    #expect(local(answer.start) == "2026-12-04 09:00")  // Friday
    #expect(answer.reminders.map(\.offset) == [-86_400, 0])
    #expect(answer.status == .pending && answer.timeZone == "Europe/Berlin")
    ledger.add("2026-12-03 accepted acme")
    let done = try #require(ledger.plan().one(.answerOffer))
    #expect(done.status == .done && done.uid == answer.uid)
  }

  @Test(
    "an offer on or after the last business day before its date: answered the day it came",
    arguments: [
      // offer, answer-by, answer, day-before alarm
      ("2026-11-25 10:00", "2026-11-30", "2026-11-27 09:00", true),  // Friday, as rule 8 says
      ("2026-11-27 15:00", "2026-11-30", "2026-11-27 09:00", false),  // that Friday itself
      ("2026-11-28 11:00", "2026-11-30", "2026-11-28 09:00", false),  // the weekend before
      ("2026-11-27 10:00", "2026-11-27", "2026-11-27 09:00", false),  // due the same day
      ("2026-11-26 17:00", "2026-11-30", "2026-11-27 09:00", false),  // after the day-before alarm
    ])
  func offerLate(offer: String, answerBy: String, answer: String, dayBefore: Bool) throws {
    var ledger = LedgerBuilder()
    ledger.add("2026-11-20 10:00 interview acme", ["company": "Acme GmbH"])
    ledger.add("\(offer) offer acme", ["answer-by": answerBy])
    let action = try #require(ledger.plan().one(.answerOffer))
    #expect(local(action.start) == answer)
    // No alarm on a day before the offer came, and the deadline never before the answer.
    #expect(action.reminders.map(\.offset) == (dayBefore ? [-86_400, 0] : [0]))
    #expect(try #require(action.deadline) >= action.end)
    let onLastBusinessDay = answer != "2026-11-28 09:00" && answerBy != "2026-11-27"
    #expect(action.why.contains("last business day before it (") == onLastBusinessDay)
  }

  @Test("an offer without answer-by has no answer action")
  func offerWithoutAnswerBy() {
    var ledger = LedgerBuilder()
    ledger.add("2026-11-24 10:00 interview acme")
    ledger.add("2026-12-01 12:00 offer acme")
    #expect(ledger.plan().all(.answerOffer).isEmpty)
  }

  @Test(
    "accepted with three other open applications: each gets a withdraw action the next business day"
  )
  func acceptedWithThreeOthers() throws {
    var ledger = LedgerBuilder()
    ledger.add("2026-11-20 10:00 interview acme")
    for id in ["beta", "gamma", "delta"] {
      ledger.add("2026-11-23 10:00 interview \(id)", ["company": id.capitalized])
    }
    ledger.add("2026-11-24 10:00 interview closed")
    ledger.add("2026-11-25 10:00 rejected closed")
    ledger.add("2026-11-27 16:00 accepted acme")  // Friday
    let plan = ledger.plan()
    let withdrawals = plan.all(.withdraw)
    #expect(withdrawals.map(\.application).sorted() == ["beta", "delta", "gamma"])
    #expect(withdrawals.allSatisfy { local($0.start) == "2026-11-30 09:00" })
    #expect(withdrawals.allSatisfy { $0.status == .pending })
    #expect(withdrawals.first { $0.application == "beta" }?.title.contains("Beta") == true)
    // Their calls are no longer needed; the checks made stay done.
    let calls = plan.all(.followUpCall).filter { $0.application != "acme" }
    #expect(calls.allSatisfy { $0.status == .cancelled })
    ledger.add("2026-11-30 09:30 withdrew beta")
    let after = ledger.plan().all(.withdraw)
    #expect(after.first { $0.application == "beta" }?.status == .done)
    #expect(after.filter { $0.status == .pending }.count == 2)
  }

  @Test("accepted while a round waits and the next is planned: one withdraw, the next cancelled")
  func acceptedBeforeAPlannedRound() throws {
    var ledger = LedgerBuilder()
    ledger.add("2026-11-20 10:00 interview fut", ["company": "Fut Co"])
    ledger.add("2026-11-20 12:00 thanked fut")
    ledger.add("2026-12-10 10:00 interview fut")
    ledger.add("2026-11-20 10:00 interview acc", ["company": "Acc Co"])
    ledger.add("2026-12-02 14:00 accepted acc")  // a Wednesday
    let plan = ledger.plan(now: "2026-12-02T15:00:00Z").filter { $0.application == "fut" }
    let withdraw = try #require(plan.one(.withdraw))
    #expect(local(withdraw.start) == "2026-12-03 09:00" && withdraw.status == .pending)
    // The accepted offer is named by its company, as the ledger gives it.
    #expect(withdraw.why.hasPrefix("You accepted Acc Co's offer"), "\(withdraw.why)")
    let roundTwo = plan.filter { $0.uid.contains("round-2") }
    #expect(roundTwo.map(\.kind).contains(.interview))
    #expect(roundTwo.allSatisfy { $0.status == .cancelled }, "\(roundTwo.map(\.title))")
    // (The e-mail checks are no longer drafted at all: kept, cancelled, as they were.)
    #expect(
      roundTwo.filter { $0.kind != .checkEmail }.allSatisfy {
        $0.why.contains("you accepted Acc Co's offer")
      })
    // News from them in between changes nothing: you still withdraw.
    ledger.add("2026-12-04 11:00 heard fut", ["by": "email", "outcome": "undecided"])
    let heard = ledger.plan(now: "2026-12-04T12:00:00Z").filter { $0.application == "fut" }
    #expect(heard.one(.withdraw)?.status == .pending)
    #expect(heard.filter { $0.uid.contains("round-2") }.allSatisfy { $0.status == .cancelled })
    // A thank-you for that interview: you went to it after all. It waits again, and the
    // withdraw action is no longer needed. (One dated that day without a time is 09:00,
    // before the interview: `check` warns about it, as about any thanks before its interview.)
    ledger.add("2026-12-10 18:00 thanked fut")
    let went = ledger.plan(now: "2026-12-10T19:00:00Z").filter { $0.application == "fut" }
    let roundTwoAfter = went.filter { $0.uid.contains("round-2") }
    #expect(roundTwoAfter.first { $0.kind == .interview }?.status == .done)
    #expect(roundTwoAfter.first { $0.kind == .followUpCall }?.status == .pending)
    let moot = try #require(went.one(.withdraw))
    #expect(moot.status == .cancelled && moot.why.contains("went to Fut Co's next interview"))
  }
}

@Suite("check-email digest")
struct EmailDigestTests {
  @Test("one check a day naming every waiting application, with day-stable UIDs")
  func digest() throws {
    var ledger = LedgerBuilder { $0.checkEmail = .digest }
    ledger.add(
      "2026-11-23 10:00 interview acme", ["company": "Acme GmbH", "decision": "2026-12-01"])
    ledger.add("2026-11-24 10:00 interview beta", ["company": "Beta", "news": "email"])
    let plan = ledger.plan()
    let checks = plan.all(.checkEmail)
    #expect(checks.allSatisfy { $0.repetition == nil && $0.timeZone == "Europe/Berlin" })
    let wednesday = try #require(checks.first { local($0.start) == "2026-11-25 09:00" })
    #expect(wednesday.title == "Check e-mail for news from Acme GmbH, Beta — Spam folder too")
    #expect(wednesday.uid == "check-email-digest.2026-11-25@tenterhooks.invalid")
    #expect(wednesday.isProminent)
    let tuesday = try #require(checks.first { local($0.start) == "2026-11-24 09:00" })
    #expect(tuesday.title.contains("Acme GmbH —"))
    // Beta closes on Thursday: later days name Acme alone, same UIDs, higher sequences.
    ledger.add("2026-11-26 12:00 rejected beta")
    let after = ledger.plan().all(.checkEmail)
    #expect(Set(after.map(\.uid)).isSuperset(of: checks.map(\.uid)))
    let friday = try #require(after.first { local($0.start) == "2026-11-27 09:00" })
    let fridayBefore = try #require(checks.first { $0.uid == friday.uid })
    #expect(friday.title == "Check e-mail for news from Acme GmbH — Spam folder too")
    #expect(friday.sequence > fridayBefore.sequence)
    let wednesdayAfter = try #require(after.first { $0.uid == wednesday.uid })
    #expect(wednesdayAfter.sequence == wednesday.sequence)
  }

  @Test("past digest days are done once now has passed them")
  func pastDaysDone() throws {
    var ledger = LedgerBuilder { $0.checkEmail = .digest }
    ledger.add("2026-11-23 10:00 interview acme")
    let plan = ledger.plan(now: "2026-11-25T12:00:00+01:00")
    let checks = plan.all(.checkEmail)
    #expect(
      checks.filter { $0.status == .done }.map { local($0.start) }
        == ["2026-11-24 09:00", "2026-11-25 09:00"])
    #expect(checks.last?.status == .pending && checks.last?.reminders.count == 1)
  }
}
