import Foundation
import ICal
import Testing

@Suite("Concurrency")
struct ConcurrencyTests {
  @Test("many tasks serialising calendars at once give the same bytes as one at a time")
  func concurrentSerialisation() async throws {
    let calendars = try (0..<16).map { i in
      try Samples.calendar(
        events: (0..<20).map { j in
          Samples.event(
            uid: "e\(i)-\(j)@t", summary: "Event \(i)/\(j) — Привет 🎉",
            alarms: [
              VAlarm(trigger: .relative(.minutes(-j), to: .start), description: "Alarm \(j)")
            ])
        })
    }
    let sequential = try calendars.map { try $0.serialized() }
    let concurrent = try await withThrowingTaskGroup(of: (Int, String).self) { group in
      for round in 0..<8 {
        for (i, calendar) in calendars.enumerated() {
          group.addTask {
            // Mix parsing and zone conversion in with serialising to stress the shared state.
            let text = try calendar.serialized()
            _ = try VCalendar.parse(text)
            _ = try ICalDateTime(
              year: 2026, month: 11, day: 1 + round, hour: 9, form: .zoned("Asia/Tokyo")
            ).instant()
            return (i, text)
          }
        }
      }
      var results: [(Int, String)] = []
      for try await result in group { results.append(result) }
      return results
    }
    #expect(concurrent.count == 16 * 8)
    for (i, text) in concurrent { #expect(text == sequential[i]) }
  }
}
