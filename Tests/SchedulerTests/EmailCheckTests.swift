import Foundation
import Ledger
import Scheduler
import Testing

@Suite("Rule 4: checking e-mail while waiting")
struct EmailCheckTests {
  func check(
    _ fields: KeyValuePairs<String, String> = ["decision": "2026-12-01"],
    holidays: Set<CivilDate> = [], configure: (inout Settings) -> Void = { _ in }
  ) -> [Action] {
    var ledger = LedgerBuilder(configure: configure)
    ledger.add("2026-11-24 10:00 interview acme", fields)
    return ledger.plan(holidays: holidays).all(.checkEmail)
  }

  @Test("repeats at 09:00 every business day from the day after the interview until the call")
  func everyBusinessDayUntilTheCall() throws {
    let action = try #require(check().first)
    let repetition = try #require(action.repetition)
    #expect(local(action.start) == "2026-11-25 09:00")
    #expect(local(repetition.until) == "2026-12-02 09:00")  // the call is at 10:00 that day
    #expect(repetition.weekdays == [.monday, .tuesday, .wednesday, .thursday, .friday])
    #expect(repetition.exceptions.isEmpty)
    #expect(action.title.contains("Spam"))
    #expect(action.details.contains("Spam"))
    #expect(action.status == .pending)
  }

  @Test("skips holidays as exceptions")
  func holidaysAreExceptions() throws {
    let action = try #require(check(holidays: [day("2026-11-26")]).first)
    #expect(action.repetition?.exceptions.map { local($0) } == ["2026-11-26 09:00"])
  }

  @Test("with check-email daily it repeats every day, weekends included")
  func daily() throws {
    let action = try #require(check { $0.checkEmail = .daily }.first)
    #expect(action.repetition?.weekdays == Set(Weekday.allCases))
    #expect(action.why.contains("every day"))
  }

  @Test("with check-email off there is none")
  func off() {
    #expect(check { $0.checkEmail = .off }.isEmpty)
  }

  @Test("is prominent when the news comes by e-mail, and only then")
  func prominentWhenNewsByEmail() throws {
    #expect(try #require(check(["news": "email"]).first).isProminent)
    #expect(try !#require(check(["news": "call"]).first).isProminent)
    #expect(try !#require(check().first).isProminent)
  }

  @Test("stops the day before when the call comes before 09:00")
  func earlyCall() throws {
    let action = try #require(check { $0.callAt = LocalTime(hour: 8, minute: 0) }.first)
    #expect(local(action.repetition?.until) == "2026-12-01 09:00")
  }

  @Test("follows the call when a new decision moves it")
  func followsTheCall() throws {
    var ledger = LedgerBuilder()
    ledger.add("2026-11-24 10:00 interview acme", ["decision": "2026-12-01"])
    ledger.add("2026-11-30 10:00 postponed acme", ["decision": "2026-12-08"])
    let action = try #require(ledger.plan().one(.checkEmail))
    #expect(local(action.repetition?.until) == "2026-12-09 09:00")
    #expect(action.sequence == 1)
  }

  @Test("the one-line reason is a sentence naming how often and until which call")
  func ruleReadsAsASentence() throws {
    let weekdays = try #require(check().first)
    #expect(weekdays.rule == "checks e-mail every business day until the call on Wed 2 Dec")
    let daily = try #require(check { $0.checkEmail = .daily }.first)
    #expect(daily.rule == "checks e-mail every day until the call on Wed 2 Dec")
  }
}
