import Foundation
import Ledger
import Testing

@testable import Scheduler

/// Issue 12: an action keeps its properties in one copy-on-write box. These tests hold it to
/// value semantics, and `sameContent(as:)` (compared property by property) to every property.
@Suite("An action's shared storage")
struct ActionStorageTests {
  static let start = Date(timeIntervalSince1970: 1_800_000_000)

  static func action() -> Action {
    Action(
      application: "acme", kind: .followUpCall, start: start,
      end: start.addingTimeInterval(900), timeZone: ZoneID("Europe/Berlin"),
      deadline: start.addingTimeInterval(3600), title: "Call Acme", why: "The date passed.",
      details: "Phone: 1", status: .pending, uid: "call-1.round-1.acme@x", sequence: 2,
      stamp: start.addingTimeInterval(-60), reminders: [Reminder(offset: -600, message: "Soon")],
      repetition: Repetition(weekdays: [.monday], until: start.addingTimeInterval(86_400 * 7)),
      isProminent: false, company: "Acme", sources: [SourceLocation(path: "l", line: 3, column: 1)],
      rule: "agreed date", location: "Room 1", url: "https://acme.example")
  }

  /// One change per stored property, by name: each makes a different action.
  static let changes: [String: @Sendable (inout Action) -> Void] = [
    "application": { $0.application = "other" },
    "kind": { $0.kind = .checkEmail },
    "start": { $0.start = $0.start.addingTimeInterval(60) },
    "end": { $0.end = $0.end.addingTimeInterval(60) },
    "timeZone": { $0.timeZone = ZoneID("Asia/Tokyo") },
    "deadline": { $0.deadline = nil },
    "title": { $0.title += "!" },
    "why": { $0.why += "!" },
    "details": { $0.details += "!" },
    "status": { $0.status = .done },
    "uid": { $0.uid += "2" },
    "sequence": { $0.sequence += 1 },
    "stamp": { $0.stamp = $0.stamp.addingTimeInterval(1) },
    "reminders": { $0.reminders[0].message = "Later" },
    "repetition": { $0.repetition?.exceptions.append(start) },
    "isProminent": { $0.isProminent.toggle() },
    "company": { $0.company = nil },
    "sources": { $0.sources.append(SourceLocation(path: "l", line: 9, column: 1)) },
    "rule": { $0.rule += "!" },
    "location": { $0.location = "Room 2" },
    "url": { $0.url = nil },
  ]

  /// The revision's properties, which `sameContent(as:)` leaves out.
  static let revision: Set<String> = ["sequence", "stamp", "sources"]

  @Test("every stored property is changed here (so sameContent is held to each of them)")
  func everyPropertyIsCovered() {
    let stored = Mirror(reflecting: Self.action()).descendant("storage", "fields")
      .map { Mirror(reflecting: $0).children.compactMap(\.label) }
    #expect(stored.map(Set.init) == Set(Self.changes.keys))
    #expect(stored?.count == Self.changes.count)
  }

  /// The box an action keeps its properties in.
  static func box(_ action: Action) -> AnyObject? {
    Mirror(reflecting: action).descendant("storage") as AnyObject?
  }

  @Test("a copy shares the original's box until one of them is written to")
  func copiesShareTheBox() {
    let original = Self.action()
    var copy = original
    #expect(Self.box(copy) != nil)
    #expect(Self.box(copy) === Self.box(original))
    copy.sequence += 1
    #expect(Self.box(copy) !== Self.box(original))
    #expect(original.sequence == 2 && copy.sequence == 3)
  }

  @Test("a change to any property is seen by ==, and by sameContent unless it is a revision's")
  func changesAreSeen() {
    let original = Self.action()
    for (name, change) in Self.changes {
      var changed = original
      change(&changed)
      #expect(changed != original, "\(name)")
      #expect(changed.sameContent(as: original) == Self.revision.contains(name), "\(name)")
      #expect(original.sameContent(as: changed) == Self.revision.contains(name), "\(name)")
    }
  }

  @Test("a copy is a value: writing to it leaves the original, and equal copies hash alike")
  func copiesAreValues() {
    let original = Self.action()
    var copy = original
    #expect(copy == original && copy.hashValue == original.hashValue)
    copy.title = "Changed"
    copy.reminders.append(Reminder(offset: 60, message: "After"))
    #expect(original.title == "Call Acme" && original.reminders.count == 1)
    #expect(copy.title == "Changed" && copy.reminders.count == 2)
    var rebuilt = copy
    rebuilt.title = "Call Acme"
    rebuilt.reminders.removeLast()
    #expect(rebuilt == original && rebuilt.hashValue == original.hashValue)
    #expect(Set([original, rebuilt, copy]).count == 2)
  }

  @Test("copies written on two threads at once stay apart")
  func copiesOnTwoThreads() async {
    let original = Self.action()
    let titles = await withTaskGroup(of: String.self) { group in
      for n in 0..<8 {
        group.addTask {
          var mine = original
          for step in 0..<1000 { mine.title = "\(n)-\(step)" }
          return mine.title
        }
      }
      return await Set(group.reduce(into: []) { $0.append($1) })
    }
    #expect(titles == Set((0..<8).map { "\($0)-999" }))
    #expect(original.title == "Call Acme")
  }
}
