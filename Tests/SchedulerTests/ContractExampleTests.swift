import Foundation
import Ledger
import Scheduler
import Testing

@Suite("The contract's example ledger")
struct ContractExampleTests {
  var ledger: LedgerBuilder {
    var ledger = LedgerBuilder()
    ledger.add(
      "2026-11-24 10:00 interview acme",
      [
        "company": "Acme GmbH", "role": "iOS Engineer", "contact": "Jane Doe",
        "email": "jane@acme.example", "decision": "2026-12-01", "caller": "employer",
      ])
    ledger.add("2026-11-24 19:30 thanked acme")
    ledger.add("2026-12-02 09:40 called acme", ["outcome": "undecided", "decision": "2026-12-08"])
    return ledger
  }

  @Test(
    "while waiting after the call, the next call is on Wed 9 Dec and e-mail is checked until then")
  func waiting() throws {
    let plan = ledger.plan(now: "2026-12-03T12:00:00+01:00")
    let pending = plan.filter { $0.status == .pending }
    #expect(pending.map(\.kind) == [.checkEmail, .followUpCall])
    #expect(local(pending[1].start) == "2026-12-09 10:00")
    #expect(local(pending[0].repetition?.until) == "2026-12-09 09:00")
    #expect(plan.one(.thankYou)?.status == .done)
    #expect(plan.one(.interview)?.status == .done)
  }

  @Test("the offer on 9 Dec cancels what was still pending; the checks made stay done")
  func offer() {
    var ledger = ledger
    ledger.add("2026-12-09 offer acme")
    let plan = ledger.plan(now: "2026-12-09T12:00:00+01:00")
    #expect(plan.filter { $0.status == .pending }.isEmpty)
    #expect(plan.all(.followUpCall).map(\.status) == [.done, .cancelled])
    #expect(plan.one(.checkEmail)?.status == .done)
  }
}
