import Foundation
import Scheduler

extension PlanReport {
  /// The actions that fall within the next `days` days (`days` × 24 hours from `now`): a
  /// pending one whose next occurrence comes before the end of the window, or that is
  /// overdue; a done or cancelled one that starts inside the window.
  package static func within(days: Int, of now: Date, _ actions: [Action]) -> [Action] {
    let end = now.addingTimeInterval(Double(days) * 86_400)
    return actions.filter { action in
      if action.status == .pending {
        return action.isOverdue(at: now)
          || action.nextOccurrence(after: now, in: zone(of: action)) < end
      }
      return action.start >= now && action.start < end
    }
  }
}
