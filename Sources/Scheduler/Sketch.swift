import Foundation
import Ledger

/// The words of an action, apart from its times and status (issue 12): its title, `why`,
/// details, `rule` and the reminders' messages.
///
/// `Revisions.replay` drafts an application's actions after every entry, and a change of
/// time or status is a revision whatever the words say; so a rule gives its action without
/// them (a `Sketch`) and how to build them, and they are built only for the final version of
/// each action, or to compare two versions whose times and status are the same.
struct Texts: Equatable {
  var title: String
  var why: String
  var details: String
  var rule: String
  /// The reminders' messages, in the order of the action's reminders.
  var reminders: [String]

  /// The texts of `action`.
  init(of action: Action) {
    (title, why, details, rule) = (action.title, action.why, action.details, action.rule)
    reminders = action.reminders.map(\.message)
  }

  init(title: String, why: String, details: String, rule: String, reminders: [String]) {
    (self.title, self.why, self.details, self.rule) = (title, why, details, rule)
    self.reminders = reminders
  }

  /// `action` with these texts (a reminder that was taken away keeps none).
  func applied(to action: Action) -> Action {
    var action = action
    (action.title, action.why, action.details, action.rule) = (title, why, details, rule)
    for index in action.reminders.indices where index < reminders.count {
      action.reminders[index].message = reminders[index]
    }
    return action
  }
}

/// An action's texts: built, or how to build them.
enum TextsRecipe {
  case built(Texts)
  case later(() -> Texts)

  func build() -> Texts {
    switch self {
    case .built(let texts): return texts
    case .later(let make): return make()
    }
  }
}

/// An action as a rule drafts it: `action` with its texts blank (its times, status,
/// identity, reminders' offsets), and `texts`, how to build them.
struct Sketch {
  var action: Action
  var texts: TextsRecipe

  /// A rule's action, its texts built later by `texts` (which must set every text the rule
  /// writes; `action`'s are blank).
  init(_ action: Action, texts: @escaping () -> Texts) {
    (self.action, self.texts) = (action, .later(texts))
  }

  /// An action whose texts are already built.
  init(built action: Action) {
    self.texts = .built(Texts(of: action))
    self.action = Texts(
      title: "", why: "", details: "", rule: "",
      reminders: Array(repeating: "", count: action.reminders.count)
    ).applied(to: action)
  }

  /// The whole action, texts built.
  var full: Action { texts.build().applied(to: action) }
}
