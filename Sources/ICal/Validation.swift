internal import CLibical

/// Checks iCalendar text the way a strict client would.
package enum ICalValidator {
  /// Every problem libical's restriction check finds (it needs a METHOD), plus the VALARM
  /// rules it does not look at: ACTION and TRIGGER required; DESCRIPTION for DISPLAY;
  /// DESCRIPTION, SUMMARY and at least one ATTENDEE for EMAIL. Empty when the text is valid.
  /// Lines libical had to drop (X-LIC-ERROR) are reported too.
  /// - Throws: when the text cannot be parsed at all.
  package static func problems(in text: String) throws(ICalError) -> [String] {
    try withLibical { state throws(ICalError) -> [String] in
      let tree = try parseTree(text, strict: false, in: &state)
      icalrestriction_check(tree.pointer)
      var problems = errorProperties(in: tree.pointer)
      for kind in [ICAL_VEVENT_COMPONENT, ICAL_VTODO_COMPONENT] {
        for component in children(of: tree.pointer, kind) {
          for alarm in children(of: component, ICAL_VALARM_COMPONENT) {
            problems += alarmProblems(alarm, in: component)
          }
        }
      }
      return problems
    }
  }

  private static func alarmProblems(_ alarm: OpaquePointer, in owner: OpaquePointer) -> [String] {
    let uid =
      icalcomponent_get_first_property(owner, ICAL_UID_PROPERTY)
      .flatMap { icalproperty_get_uid($0) }.map { String(cString: $0) } ?? "(no UID)"
    func count(_ kind: icalproperty_kind) -> Int { properties(of: alarm, kind).count }
    var problems: [String] = []
    let actions = properties(of: alarm, ICAL_ACTION_PROPERTY)
    if actions.count != 1 { problems.append("VALARM in '\(uid)' needs exactly one ACTION") }
    if count(ICAL_TRIGGER_PROPERTY) != 1 {
      problems.append("VALARM in '\(uid)' needs exactly one TRIGGER")
    }
    guard let action = actions.first.map(icalproperty_get_action) else { return problems }
    if action == ICAL_ACTION_DISPLAY || action == ICAL_ACTION_EMAIL {
      let descriptions = properties(of: alarm, ICAL_DESCRIPTION_PROPERTY)
      let text = descriptions.first.flatMap { icalproperty_get_description($0) }
      if descriptions.count != 1 || text.map({ String(cString: $0).isEmpty }) ?? true {
        problems.append("VALARM in '\(uid)' needs a non-empty DESCRIPTION")
      }
    }
    if action == ICAL_ACTION_EMAIL {
      if count(ICAL_SUMMARY_PROPERTY) != 1 {
        problems.append("EMAIL VALARM in '\(uid)' needs a SUMMARY")
      }
      if count(ICAL_ATTENDEE_PROPERTY) == 0 {
        problems.append("EMAIL VALARM in '\(uid)' needs at least one ATTENDEE")
      }
    }
    return problems
  }
}
