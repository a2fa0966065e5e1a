import Foundation
import Ledger

/// What the rules drafted for the previous prefixes of one application, by the inputs they
/// read (issue 12).
///
/// `Revisions.replay` drafts every action of the application after each entry, and most
/// entries change one or two of them: a `thanked` the letter, a `postponed` the call and the
/// e-mail checks. Building the other drafts' texts again only to find them equal was a third
/// of the whole export (callgrind). So the interview, the letter and the waiting (the calls
/// with the e-mail checks) of each round are kept here with a key of everything their rule
/// reads of the round and the application; while the key is the same, the kept drafts are
/// the ones the rule would make (it is a pure function of them and the application's
/// `Planning`, the same for every prefix), and a draft that was also made for the previous
/// prefix is already taken as it stands, so the replay does not compare it again.
///
/// A key that missed an input would keep a stale text. The definition
/// (`Scheduler.planReplayingEveryPrefix`) drafts every prefix afresh with a disabled memory
/// and compares the texts, and `LinearRevisionTests` and the benchmark hold the replay to it.
struct DraftMemory {
  /// A rule's drafts for one round, the inputs they came from, and the last prefix that used
  /// them.
  struct Slot<Key: Equatable> {
    var key: Key
    var drafts: [Sketch]
    var prefix: Int
  }

  /// Why a round stopped waiting, as `Planning.explain` adds it to a cancelled action's
  /// `why` (`nil` when the action is not cancelled: its text does not say).
  struct Ending: Equatable {
    var calledOff: Closure?
    var end: RoundEnd?

    init?(_ round: Round, status: ActionStatus) {
      guard status == .cancelled else { return nil }
      (calledOff, end) = (round.calledOff, round.end)
    }
  }

  /// What every rule reads of the round's interview.
  struct Interview: Equatable {
    var number: Int
    var start: Date
    var profile: Profile
    var calledOff: Closure?

    init(_ round: Round) {
      (number, start, profile, calledOff) =
        (round.number, round.interviewStart, round.profile, round.calledOff)
    }
  }

  /// When and where the interview is.
  struct Day: Equatable {
    var date: CivilDate
    var time: LocalTime
    var place: String?
  }

  /// The round's calls: made, still planned, and undecided in a row.
  struct Calls: Equatable {
    var completed: [CompletedCall]
    var pending: Bool
    var undecided: Int
  }

  /// What `InterviewPreparation.action` reads.
  struct InterviewKey: Equatable {
    var interview: Interview
    var day: Day
    var replaces: CancelledInterview?
    /// `Planning.momentStatus`: the only thing read of the application, and of the round's
    /// end unless it is cancelled.
    var status: ActionStatus
    var ending: Ending?

    init(_ round: Round, in application: Application, planning: Planning) {
      interview = Interview(round)
      day = Day(date: round.interviewDate, time: round.interviewTime, place: round.place)
      replaces = round.replaces
      status = planning.momentStatus(
        endingAt: round.interviewStart.addingTimeInterval(InterviewPreparation.duration),
        of: round, in: application)
      ending = Ending(round, status: status)
    }
  }

  /// What `ThankYouLetter.action` reads.
  struct LetterKey: Equatable {
    var interview: Interview
    var thankedOn: CivilDate?
    /// `Planning.taskStatus`: all it reads of the round's end unless it is cancelled.
    var status: ActionStatus
    var ending: Ending?

    init(_ round: Round, planning: Planning) {
      (interview, thankedOn) = (Interview(round), round.thankedOn)
      status = planning.taskStatus(of: round, done: round.thankedOn != nil)
      ending = Ending(round, status: status)
    }
  }

  /// What `FollowUpCall.actions` and `EmailCheck.action` read.
  struct WaitingKey: Equatable {
    var interview: Interview
    var end: RoundEnd?
    var basis: CallBasis
    var caller: Caller
    var calls: Calls
    /// The letter's pending deadline, read only by a call with nothing agreed at the
    /// interview (it waits for the letter): a `thanked` moves no other call.
    var letterDeadline: Date?

    init(_ round: Round, planning: Planning) {
      (interview, end, basis, caller) = (Interview(round), round.end, round.basis, round.caller)
      calls = Calls(
        completed: round.completedCalls, pending: round.callPending,
        undecided: round.undecidedCalls)
      func waitsForLetter(_ basis: CallBasis) -> Bool {
        if case .nothingAgreed(_, .interview) = basis { return true }
        return false
      }
      letterDeadline =
        waitsForLetter(round.basis) || round.completedCalls.contains { waitsForLetter($0.basis) }
        ? ThankYouLetter.pendingDeadline(of: round, planning: planning) : nil
    }
  }

  /// Off: every draft is made afresh (the definition).
  let enabled: Bool
  /// How many prefixes were drafted.
  var prefix = 0
  /// By round index.
  var interviews: [Slot<InterviewKey>?] = []
  var letters: [Slot<LetterKey>?] = []
  var waiting: [Slot<WaitingKey>?] = []

  /// The drafts for the round at `index` from `slots` when `key` is the one they were made
  /// from, else from `draft` (and kept); `unchanged` when the previous prefix had them too.
  static func recall<Key: Equatable>(
    _ slots: inout [Slot<Key>?], at index: Int, key: Key, prefix: Int,
    draft: () -> [Sketch]
  ) -> (drafts: [Sketch], unchanged: Bool) {
    while slots.count <= index { slots.append(nil) }
    if let slot = slots[index], slot.key == key {
      slots[index]!.prefix = prefix
      return (slot.drafts, slot.prefix == prefix - 1)
    }
    let drafts = draft()
    slots[index] = Slot(key: key, drafts: drafts, prefix: prefix)
    return (drafts, false)
  }
}
