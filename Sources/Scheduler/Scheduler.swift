import Foundation
import Ledger

/// Turns a ledger into dated actions, following the etiquette of waiting after an interview
/// (CONTRACT §4). Pure: the same journal, holidays and `now` always give the same actions.
public enum Scheduler {
  /// Every action of every application in `journal`, sorted by start (then application,
  /// then UID).
  ///
  /// - Parameters:
  ///   - journal: the parsed ledger.
  ///   - holidays: the days off from the ledger's holiday calendars, already expanded: yours,
  ///     and the employers' by zone and by file.
  ///   - now: the current time; it only marks interviews, moments to reconsider and past
  ///     digest checks as done once they are over.
  public static func plan(_ journal: Journal, holidays: DaysOff, now: Date) -> [Action] {
    var actions: [Action] = []
    forEachApplication(in: journal, holidays: holidays, now: now) { actions += $0 }
    return actions.sorted {
      ($0.start, $0.application, $0.uid) < ($1.start, $1.application, $1.uid)
    }
  }

  /// `plan` with one set of days off: yours, and those of the employers in your zone.
  public static func plan(_ journal: Journal, holidays: Set<CivilDate>, now: Date) -> [Action] {
    plan(journal, holidays: DaysOff(yours: holidays), now: now)
  }

  /// `forEachApplication` with one set of days off: yours, and those of the employers in
  /// your zone.
  public static func forEachApplication(
    in journal: Journal, holidays: Set<CivilDate>, now: Date,
    _ body: ([Action]) throws -> Void
  ) rethrows {
    try forEachApplication(in: journal, holidays: DaysOff(yours: holidays), now: now, body)
  }

  /// The same actions as `plan`, handed over one application at a time (applications in
  /// ID order, each one's actions by start, then UID), so a caller that writes them out as
  /// they come never holds the whole plan. With `check-email digest`, the daily checks
  /// come last, in one batch of their own.
  public static func forEachApplication(
    in journal: Journal, holidays: DaysOff, now: Date,
    _ body: ([Action]) throws -> Void
  ) rethrows {
    try forEachApplication(in: journal, holidays: holidays, now: now, everyPrefix: false, body)
  }

  /// `plan`, with revisions counted by the definition, one plan per prefix from the start
  /// (`Revisions.replayEveryPrefix`): the straightforward path the benchmark and the tests
  /// compare `plan` with (issue 12). Quadratic; not for production use.
  @_spi(Reference)
  public static func planReplayingEveryPrefix(
    _ journal: Journal, holidays: DaysOff, now: Date
  ) -> [Action] {
    var actions: [Action] = []
    forEachApplication(in: journal, holidays: holidays, now: now, everyPrefix: true) {
      actions += $0
    }
    return actions.sorted {
      ($0.start, $0.application, $0.uid) < ($1.start, $1.application, $1.uid)
    }
  }

  static func forEachApplication(
    in journal: Journal, holidays: DaysOff, now: Date, everyPrefix: Bool,
    _ body: ([Action]) throws -> Void
  ) rethrows {
    let you = zone(named: journal.yourZone)
    let calendar = BusinessCalendar(workdays: journal.settings.workdays, holidays: holidays.yours)
    let digest = journal.settings.checkEmail == .digest
    let groups = ApplicationGroups(journal.entries)
    var acceptances: [Int] = []
    for (index, entry) in journal.entries.enumerated() where entry.verb == .accepted {
      acceptances.append(index)
    }
    let acceptedCompanies = acceptedCompanies(
      of: Set(acceptances.map { journal.entries[$0].application }), in: journal)
    var versions: [EmailDigest.Version] = []
    for group in 0..<groups.count {
      let id = groups.id(group)
      let theirs = zone(of: id, in: journal)
      let planning = Planning(
        id: id, zoneID: theirs.id, zone: theirs.zone, yourZoneID: you.id, yourZone: you.zone,
        calendar: calendar, daysOff: holidays, ledgerPath: journal.path,
        settings: journal.settings, acceptedCompanies: acceptedCompanies, now: now)
      // Another application's `accepted` ends this one's waiting: it is part of its history.
      let others = acceptances.filter { journal.entries[$0].application != id }
      let entries = (groups.positions(of: group) + others).sorted().map { journal.entries[$0] }
      var lastDays: [CivilDate: EmailDigest.Member]?
      // The definition drafts every prefix afresh, texts included (see `DraftMemory`).
      var memory = DraftMemory(enabled: !everyPrefix)
      // Issue 12: one replay, not one per prefix (see `Revisions.replay`).
      let plan = { (prefix: Revisions.Prefix) -> [Revisions.Draft] in
        let drafts = drafts(
          for: prefix.application, planning: planning, unsettled: prefix.unsettled,
          memory: &memory)
        guard digest else { return drafts }
        // The days read only the series' times, status and company: no texts needed.
        let days = EmailDigest.days(
          of: drafts.first { $0.action.kind == .checkEmail }?.action, in: you.zone)
        if days != lastDays ?? [:] {
          versions.append(EmailDigest.Version(application: id, entry: prefix.entry, days: days))
        }
        lastDays = days
        return drafts.filter { $0.action.kind != .checkEmail }
      }
      let history =
        everyPrefix
        ? Revisions.replayEveryPrefix(entries) {
          plan(
            Revisions.Prefix(
              application: Application(id: id, entries: $0), entry: $0.last!, unsettled: [:])
          ).map(\.full)
        }
        : Revisions.replay(
          entries, id: id, threshold: max(1, journal.settings.reconsiderAfter),
          reconsiderUID: { planning.uid("reconsider-\($0)", round: $1) }, plan: plan)
      try body(
        history.map { settle($0, now: now) }.sorted { ($0.start, $0.uid) < ($1.start, $1.uid) })
    }
    if digest {
      let checks = EmailDigest.actions(
        from: versions, zoneID: you.id, zone: you.zone,
        uidDomain: journal.settings.uidDomain ?? "tenterhooks.invalid")
      if !checks.isEmpty { try body(checks.map { settle($0, now: now) }) }
    }
  }

  /// The actions the ledger implies for one application as it stands, before revisions are
  /// counted.
  /// `unsettled`: per round number, the first `reconsider-N` to draft (issue 12: the
  /// replay leaves out the settled ones; see `Revisions.replay`). `memory`: the drafts of
  /// the previous prefixes, kept by the inputs their rule read (issue 12, see `DraftMemory`).
  static func drafts(
    for application: Application, planning: Planning, unsettled: [Int: Int] = [:],
    memory: inout DraftMemory
  ) -> [Revisions.Draft] {
    memory.prefix += 1
    let (enabled, prefix) = (memory.enabled, memory.prefix)
    var drafts: [Revisions.Draft] = []
    func add(_ actions: [Action]) {
      drafts += actions.map { Revisions.Draft(Sketch(built: $0), unchanged: false) }
    }
    func remembered<Key: Equatable>(
      _ slots: inout [DraftMemory.Slot<Key>?], _ index: Int, _ key: Key,
      _ draft: () -> [Sketch]
    ) {
      guard enabled else {
        drafts += draft().map { Revisions.Draft($0, unchanged: false) }
        return
      }
      let (kept, unchanged) = DraftMemory.recall(
        &slots, at: index, key: key, prefix: prefix, draft: draft)
      drafts += kept.map { Revisions.Draft($0, unchanged: unchanged) }
    }
    for (index, round) in application.rounds.enumerated() {
      remembered(
        &memory.interviews, index,
        DraftMemory.InterviewKey(round, in: application, planning: planning)
      ) { [InterviewPreparation.action(for: round, in: application, planning: planning)] }
      remembered(&memory.letters, index, DraftMemory.LetterKey(round, planning: planning)) {
        ThankYouLetter.action(for: round, planning: planning).map { [$0] } ?? []
      }
      remembered(&memory.waiting, index, DraftMemory.WaitingKey(round, planning: planning)) {
        FollowUpCall.actions(for: round, planning: planning)
          + (EmailCheck.action(for: round, planning: planning).map { [$0] } ?? [])
      }
      add(
        Reconsideration.actions(
          for: round, in: application, planning: planning, from: unsettled[round.number] ?? 1))
      if let giveUp = Reconsideration.givingUp(in: round, in: application, planning: planning) {
        add([giveUp])
      }
      if let withdrawal = Withdrawal.action(for: round, in: application, planning: planning) {
        add([withdrawal])
      }
    }
    if let answer = OfferAnswer.action(for: application, planning: planning) {
      add([answer])
    }
    add(
      application.unreplacedCancellations.map {
        InterviewPreparation.cancelledAction(for: $0, planning: planning)
      })
    // Done and cancelled actions have no alarms.
    for index in drafts.indices
    where drafts[index].action.status != .pending && !drafts[index].action.reminders.isEmpty {
      drafts[index].action.reminders = []
    }
    return drafts
  }

  /// The company of each application in `ids`, as its latest interview naming one says (a
  /// later round overrides an earlier one): what the other applications' withdraw actions
  /// call it. Only accepted applications are asked for, so this is one pass, usually empty.
  static func acceptedCompanies(of ids: Set<String>, in journal: Journal) -> [String: String] {
    guard !ids.isEmpty else { return [:] }
    var latest: [String: (instant: Date, order: Int, company: String)] = [:]
    for entry in journal.entries where entry.verb == .interview && ids.contains(entry.application) {
      guard let company = entry.value(.company) else { continue }
      if let known = latest[entry.application],
        (known.instant, known.order) > (entry.instant, entry.order)
      {
        continue
      }
      latest[entry.application] = (entry.instant, entry.order, company)
    }
    return latest.mapValues(\.company)
  }

  /// Applies `now`: an interview, a moment to reconsider or a day's digest check that is
  /// over is done. That is a
  /// change of status, so its sequence grows by one, as any other revision would.
  ///
  /// The stamp is never later than `now`: an entry dated in the future (a scheduled
  /// interview) must not give a calendar a `DTSTAMP` from the future (RFC 5545 makes it
  /// the moment the object was created). Clamped, it still depends only on the ledger and
  /// `now`.
  static func settle(_ action: Action, now: Date) -> Action {
    var action = action
    action.stamp = min(action.stamp, now)
    let isMoment =
      action.kind == .interview || action.kind == .reconsider
      || (action.kind == .checkEmail && action.repetition == nil)
    guard action.status == .pending, isMoment, action.end <= now
    else { return action }
    action.status = .done
    action.reminders = []
    action.sequence += 1
    return action
  }

  /// The application's zone: `journal.zones`, else the `timezone` directive, else UTC (the
  /// scheduler never reads the system's zone; the parser fills `zones` for every ID).
  static func zone(of id: String, in journal: Journal) -> (id: ZoneID, zone: TimeZone) {
    zone(named: journal.zones[id] ?? journal.settings.timeZone ?? journal.yourZone)
  }

  /// The zone called `name`, UTC for a name Foundation does not know.
  static func zone(named name: ZoneID) -> (id: ZoneID, zone: TimeZone) {
    if let zone = name.timeZone { return (name, zone) }
    return (.utc, ZoneID.utc.timeZone!)
  }
}

/// The positions of each application's entries in the journal, grouped: positions, not
/// entries, so no second copy of the journal is made, in one flat list sorted by ID (issue
/// 12: a dictionary of arrays cost about 110 bytes an application, 11 MB at 100k).
struct ApplicationGroups {
  /// Every entry's position, by application ID, in file order within one application.
  private let positions: [Int32]
  /// Where each application's positions start in `positions`, in ID order.
  private let starts: [Int32]
  private let entries: [Entry]

  init(_ entries: [Entry]) {
    var positions = (0..<Int32(entries.count)).map(\.self)
    positions.sort {
      let (a, b) = (entries[Int($0)].application, entries[Int($1)].application)
      return a == b ? $0 < $1 : a < b
    }
    var starts: [Int32] = []
    for (at, position) in positions.enumerated()
    where at == 0
      || entries[Int(positions[at - 1])].application != entries[Int(position)].application
    {
      starts.append(Int32(at))
    }
    self.positions = positions
    self.starts = starts
    self.entries = entries
  }

  /// How many applications there are.
  var count: Int { starts.count }

  /// The ID of the `group`th application in ID order.
  func id(_ group: Int) -> String { entries[Int(positions[Int(starts[group])])].application }

  /// The journal positions of the entries of the `group`th application in ID order.
  func positions(of group: Int) -> [Int] {
    let end = group + 1 < starts.count ? Int(starts[group + 1]) : positions.count
    return positions[Int(starts[group])..<end].map(Int.init)
  }
}
