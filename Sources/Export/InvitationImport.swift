import Foundation
import ICal
import Ledger

/// Ledger entries from a calendar invitation (.ics), for `tenterhooks import`.
///
/// Each VEVENT of a `METHOD:REQUEST` or `PUBLISH` invitation becomes an `interview` entry in
/// the employer's zone, with the company, the organizer as contact, the place, the video link
/// and — in its `note` — the invitation's UID and SEQUENCE, so that importing it again is
/// recognised. A `METHOD:CANCEL`, or a REQUEST with a higher SEQUENCE and a new time, of an
/// invitation the ledger already holds appends what happened to it (docs/ledger.md,
/// "Importing an invitation").
///
/// Nothing here writes iCalendar: the file is read through libical (`VCalendar.parse`); the
/// raw text is only scanned for line numbers, so that problems point at the VEVENT or
/// property they are about.
package struct InvitationImport: Sendable {
  /// What the import does with one VEVENT.
  package enum Change: Hashable, Sendable {
    /// A new interview.
    case scheduled
    /// A known invitation at a new time: the old time is recorded as called off.
    case moved
    /// A known invitation, cancelled.
    case cancelled
    /// Nothing to append (already imported, unknown cancellation, …); `notices` says why.
    case nothing
  }

  /// One VEVENT and what became of it.
  package struct Event: Sendable {
    /// Its UID.
    package var uid: String
    /// Its SEQUENCE (0 when absent).
    package var sequence: Int
    /// Its SUMMARY.
    package var summary: String
    /// What the import does with it.
    package var change: Change
    /// The application it belongs to (empty when it could not be told).
    package var application: String
    /// The indices of its drafts in `drafts`.
    package var drafts: Range<Int>
    /// Where its `BEGIN:VEVENT` line is.
    package var location: SourceLocation
  }

  /// The invitation's path, as given (used in diagnostics).
  package var path: String
  /// The calendar's METHOD (`PUBLISH` when it has none).
  package var method = "PUBLISH"
  /// The events, in file order.
  package var events: [Event] = []
  /// The entries to append, in order.
  package var drafts: [EntryDraft] = []
  /// Errors: when there are any, nothing may be appended.
  package var problems: [Diagnostic] = []
  /// Warnings about events that append nothing (imported before, an unknown cancellation).
  package var notices: [Diagnostic] = []
  /// For each draft: the event it came from, and the property each of its fields came from.
  private var origins: [(event: Int, properties: [String?])] = []
  /// Where things are in the file.
  private var lines = SourceLines(ICalSourceMap(text: ""))

  /// Whether `text` is iCalendar rather than a spreadsheet: the import chooses by content.
  package static func isICalendar(_ text: String) -> Bool { VCalendar.looksLikeICalendar(text) }

  /// Reads the invitation and decides what to append to the ledger `journal`.
  ///
  /// - Parameters:
  ///   - text: the invitation.
  ///   - path: its path, for diagnostics.
  ///   - journal: the ledger as it is (to recognise known invitations and applications).
  ///   - yourZone: your zone (the ledger's `timezone`, else the system's).
  ///   - now: when the import runs: a cancellation or a move is recorded then.
  ///   - id: the application ID to use instead of one derived from the company (`--id`).
  ///   - fields: `key=value` arguments; they win over what the invitation says.
  package init(
    ics text: String, path: String, journal: Journal, yourZone: ZoneID, now: Date,
    id: String? = nil, fields: [DraftField] = []
  ) {
    self.path = path
    lines = SourceLines(ICalSourceMap(text: text))
    let calendar: VCalendar
    do {
      calendar = try VCalendar.parse(text)
    } catch {
      var location = lines.location(path: path, event: error.event, property: error.property)
      if error.kind == .notICalendar { location = SourceLocation(path: path, line: 1, column: 1) }
      problem(
        location, error.message,
        hint: error.property == "DTSTART"
          ? "an interview needs a start: add DTSTART, or ask for a complete invitation" : nil)
      return
    }
    method = calendar.method?.uppercased() ?? "PUBLISH"
    guard ["PUBLISH", "REQUEST", "CANCEL"].contains(method) else {
      problem(
        lines.methodLocation(path: path),
        "METHOD:\(method) is not an invitation (only PUBLISH, REQUEST and CANCEL are imported)",
        hint: "a REPLY or COUNTER is someone's answer to an invitation; import the invitation")
      return
    }
    guard !calendar.events.isEmpty else {
      problem(
        SourceLocation(path: path, line: 1, column: 1), "the calendar has no VEVENT to import",
        hint: "an invitation holds one VEVENT per interview")
      return
    }
    let known = KnownInvitations(journal)
    var companyGiven: String?
    var extra: [DraftField] = []
    for field in fields {
      if field.key == FieldKey.company.rawValue {
        companyGiven = field.value
      } else {
        extra.append(field)
      }
    }
    for (index, event) in calendar.events.enumerated() {
      plan(
        event, index: index, known: known, journal: journal, yourZone: yourZone, now: now,
        id: id, company: companyGiven, extra: extra)
    }
    problems = Diagnostics(problems).items
    notices = Diagnostics(notices).items
  }

  /// Where a problem with one of the drafts is in the invitation: the property the field
  /// came from, else the VEVENT.
  package func location(of problem: DraftProblem) -> SourceLocation {
    let origin = origins[problem.draft]
    var property: String?
    switch problem.part {
    case .moment: property = "DTSTART"
    case .key(let i), .value(let i):
      property = i < origin.properties.count ? origin.properties[i] : nil
    case .entry, .verb, .application: property = nil
    }
    return lines.location(path: path, event: origin.event, property: property)
  }

  /// Checks the ledger as it will be, with the drafts in it, under the append's lock: an
  /// invitation another `import` appended meanwhile is refused rather than appended twice.
  package func checkNotImportedMeanwhile(_ journal: Journal) throws(Diagnostics) {
    var count: [InvitationMark: Int] = [:]
    for entry in journal.entries {
      if let mark = entry.value(.note).flatMap(InvitationMark.init(in:)) {
        count[mark, default: 0] += 1
      }
    }
    var problems: [Diagnostic] = []
    for (index, draft) in drafts.enumerated() {
      guard
        let mark = draft.fields.last(where: { $0.key == FieldKey.note.rawValue })
          .flatMap({ InvitationMark(in: $0.value) }), count[mark, default: 0] > 1
      else { continue }
      problems.append(
        Diagnostic(
          .invitation,
          location: lines.location(path: path, event: origins[index].event, property: "UID"),
          message: "invitation '\(mark.uid)' (sequence \(mark.sequence)) was appended to the "
            + "ledger meanwhile; nothing appended",
          hint: "another import of the same invitation ran at the same time"))
    }
    if !problems.isEmpty { throw Diagnostics(problems) }
  }

  // MARK: One event

  private mutating func plan(
    _ event: VEvent, index: Int, known: KnownInvitations, journal: Journal, yourZone: ZoneID,
    now: Date, id: String?, company given: String?, extra: [DraftField]
  ) {
    let here = lines.location(path: path, event: index, property: nil)
    let uidPlace = lines.location(path: path, event: index, property: "UID")
    let sequence = event.sequence ?? 0
    var record = Event(
      uid: event.uid, sequence: sequence, summary: event.summary, change: .nothing,
      application: "", drafts: drafts.count..<drafts.count, location: here)
    defer {
      record.drafts = record.drafts.lowerBound..<drafts.count
      events.append(record)
    }
    let cancelling = method == "CANCEL" || event.status == .cancelled
    if event.uid.isEmpty {
      problem(
        here, "the VEVENT has no UID",
        hint: "without one an update or a cancellation could not be matched to it later")
      // A cancellation names nothing without it; an invitation is still read for its other
      // problems (nothing is appended while there are any).
      if cancelling { return }
    }
    let previous = event.uid.isEmpty ? nil : known.latest[event.uid]

    if cancelling {
      guard let previous else {
        notice(
          uidPlace,
          "the cancelled invitation '\(event.uid)' is not in the ledger; nothing appended",
          hint: "only an invitation imported before can be cancelled")
        return
      }
      record.application = previous.entry.application
      guard !previous.cancelled else {
        notice(
          uidPlace,
          "invitation '\(event.uid)' is already cancelled in the ledger "
            + "(\(previous.entry.location.path):\(previous.entry.location.line)); nothing appended")
        return
      }
      guard let interview = known.interview[event.uid] else { return }
      record.change = .cancelled
      let what = "the interview of \(interview.date) \(interview.time ?? LedgerSyntax.defaultTime)"
      append(
        EntryDraft(
          verb: Verb.note.rawValue, application: interview.application, moment: .instant(now),
          fields: [
            DraftField(
              key: FieldKey.text.rawValue,
              value: "Cancelled by the organizer: \(what) (\(oneLine(event.summary))) "
                + "did not take place"),
            DraftField(
              key: FieldKey.cancels.rawValue,
              value: "\(interview.date) \(interview.time ?? LedgerSyntax.defaultTime)"),
            DraftField(
              key: FieldKey.note.rawValue,
              value: InvitationMark(uid: event.uid, sequence: sequence, state: .cancelled).text),
          ]),
        event: index, properties: [nil, nil, "UID"])
      return
    }

    // A REQUEST or PUBLISH: new, imported before, or an update of one imported before.
    if let previous, sequence <= previous.sequence {
      record.application = previous.entry.application
      let place = "\(previous.entry.location.path):\(previous.entry.location.line)"
      if previous.cancelled {
        notice(
          uidPlace,
          "invitation '\(event.uid)' (sequence \(sequence)) was cancelled (\(place)); "
            + "nothing appended",
          hint: "a new time for it comes with a higher SEQUENCE")
      } else {
        // An older version than the ledger's: say which one the ledger has, and where.
        let newer =
          sequence < previous.sequence ? ", as its update (sequence \(previous.sequence))" : ""
        notice(
          uidPlace,
          "invitation '\(event.uid)' (sequence \(sequence)) is already in the ledger"
            + "\(newer) (\(place)); nothing appended",
          hint: "imported twice? an update comes with a higher SEQUENCE")
      }
      return
    }

    // The application: the one the invitation already belongs to, else --id, else the
    // company's.
    let organizerDomain = event.organizer?.email.flatMap(Self.companyDomain(of:))
    let company = given ?? Self.company(of: event, domain: organizerDomain)
    let application: String
    if let previous {
      application = previous.entry.application
    } else if let id {
      application = id
    } else if let company, let slug = Self.applicationID(for: company) {
      application = slug
      if journal.applications.contains(slug),
        Self.normalized(journal.company(of: slug) ?? "") != Self.normalized(company)
      {
        problem(
          here,
          "the ID '\(slug)' for \(company) is already the application "
            + (journal.company(of: slug).map { "of \($0)" } ?? "'\(slug)'")
            + " in the ledger",
          hint: "name this one with --id (e.g. --id \(slug)-2), or pass --id \(slug) if it is "
            + "a further round of the same application")
        return
      }
    } else {
      problem(
        lines.existing(path: path, event: index, property: "ORGANIZER") ?? here,
        "cannot tell the company from the invitation (neither the organizer's domain nor the "
          + "summary '\(oneLine(event.summary))' names it)",
        hint: "pass company=NAME (and --id ID if you like)")
      return
    }
    record.application = application

    // When: the event's own zone, or the application's when it already has one.
    let applicationZone =
      journal.applications.contains(application) ? journal.zones[application] : nil
    guard
      let when = resolve(
        event.start, event: index, applicationZone: applicationZone, yourZone: yourZone)
    else { return }

    var fields: [(DraftField, String?)] = []
    func add(_ key: FieldKey, _ value: String?, from property: String?) {
      guard let value = value.map(oneLine), !value.isEmpty else { return }
      fields.append((DraftField(key: key.rawValue, value: value), property))
    }
    if previous == nil { add(.company, company, from: given == nil ? "ORGANIZER" : nil) }
    if let organizer = event.organizer, !Self.isRobot(organizer) {
      add(.contact, organizer.commonName.flatMap(Self.personName), from: "ORGANIZER")
      add(.email, organizer.email, from: "ORGANIZER")
    }
    if applicationZone == nil, when.zone != yourZone {
      add(.tz, when.zone.identifier, from: "DTSTART")
    }
    let link = Self.videoLink(in: event)
    add(.url, link?.url, from: link?.property)
    add(.place, Self.place(event.location, without: link?.url), from: "LOCATION")
    var note = InvitationMark(uid: event.uid, sequence: sequence, state: .scheduled).text
    let others = Self.otherAttendees(
      of: event, domain: organizerDomain ?? company.flatMap(Self.applicationID(for:)))
    if !others.isEmpty { note += "; also invited: " + others.joined(separator: ", ") }
    if let previous, let interview = known.interview[event.uid] {
      let old = "\(interview.date) \(interview.time ?? LedgerSyntax.defaultTime)"
      let new =
        "\(when.date) \(when.time.map(\.description) ?? LedgerSyntax.defaultTime.description)"
      guard previous.cancelled || old != new else {
        notice(
          uidPlace,
          "invitation '\(event.uid)' was updated (sequence \(sequence)) but its time, \(new), is "
            + "the one in the ledger (line \(interview.location.line)); nothing appended",
          hint: "other changes (place, link) can be logged by hand")
        return
      }
      if !previous.cancelled {
        // The old time did not take place: recorded as a cancellation, then the new interview.
        record.change = .moved
        append(
          EntryDraft(
            verb: Verb.note.rawValue, application: application, moment: .instant(now),
            fields: [
              DraftField(
                key: FieldKey.text.rawValue,
                value: "Moved by the organizer: the interview of \(old) is now on \(new)"),
              DraftField(key: FieldKey.cancels.rawValue, value: old),
              DraftField(
                key: FieldKey.note.rawValue,
                value: InvitationMark(uid: event.uid, sequence: sequence, state: .moved).text),
            ]),
          event: index, properties: [nil, nil, "SEQUENCE"])
      } else {
        record.change = .scheduled
      }
      note += "; moved from \(old)"
    } else {
      record.change = .scheduled
    }
    // The user's key=value arguments win over what the invitation says.
    for field in extra {
      if field.key == FieldKey.note.rawValue {
        note = field.value + "; " + note
      } else {
        fields.removeAll { $0.0.key == field.key }
        fields.append((field, nil))
      }
    }
    fields.append((DraftField(key: FieldKey.note.rawValue, value: note), "UID"))
    // In the order the ledger lists the keys (unknown ones last, for the parser to report).
    let order = Vocabulary.keys(for: .interview).map(\.rawValue)
    fields = fields.enumerated().sorted {
      (order.firstIndex(of: $0.element.0.key) ?? order.count, $0.offset)
        < (order.firstIndex(of: $1.element.0.key) ?? order.count, $1.offset)
    }.map(\.element)
    append(
      EntryDraft(
        verb: Verb.interview.rawValue, application: application,
        moment: .local(when.date, when.time), fields: fields.map(\.0)),
      event: index, properties: fields.map(\.1))
  }

  private mutating func append(_ draft: EntryDraft, event: Int, properties: [String?]) {
    drafts.append(draft)
    origins.append((event, properties))
  }

  private mutating func problem(_ location: SourceLocation, _ message: String, hint: String? = nil)
  {
    problems.append(Diagnostic(.invitation, location: location, message: message, hint: hint))
  }

  private mutating func notice(_ location: SourceLocation, _ message: String, hint: String? = nil) {
    // A warning code the ledger already has for "the same interview twice".
    notices.append(
      Diagnostic(.duplicateInterview, location: location, message: message, hint: hint))
  }

  // MARK: Time

  /// The interview's day and time as its header is written, and the zone that is in.
  private struct When {
    var date: CivilDate
    var time: LocalTime?
    var zone: ZoneID
  }

  /// DTSTART in the zone the header is written in: the application's zone when it has one,
  /// else the event's own zone (Windows names mapped), else yours (UTC and floating times).
  private mutating func resolve(
    _ start: ICalDateTime, event: Int, applicationZone: ZoneID?, yourZone: ZoneID
  ) -> When? {
    let fallback = applicationZone ?? yourZone
    switch start.form {
    case .date:
      return When(
        date: CivilDate(year: start.year, month: start.month, day: start.day), time: nil,
        zone: fallback)
    case .floating:
      return When(
        date: CivilDate(year: start.year, month: start.month, day: start.day),
        time: LocalTime(hour: start.hour, minute: start.minute), zone: fallback)
    case .utc, .zoned:
      var source = start
      var own: ZoneID?
      if case .zoned(let name) = start.form {
        guard let iana = Self.ianaZone(for: name) else {
          problem(
            lines.location(path: path, event: event, property: "DTSTART", parameter: "TZID"),
            "unknown time zone '\(name)'",
            hint: "neither an IANA zone nor a Windows zone name; ask for the invitation again "
              + "or log the interview by hand")
          return nil
        }
        source.form = .zoned(iana)
        own = ZoneID(iana)
      }
      let target = applicationZone ?? own ?? yourZone
      if own == target {
        return When(
          date: CivilDate(year: start.year, month: start.month, day: start.day),
          time: LocalTime(hour: start.hour, minute: start.minute), zone: target)
      }
      guard let instant = try? source.instant(), let zone = target.timeZone else {
        problem(
          lines.location(path: path, event: event, property: "DTSTART"),
          "DTSTART \(start) is not a time that exists")
        return nil
      }
      let clock = ZoneOffsets.wallClock(of: instant, in: zone)
      return When(
        date: clock.date, time: LocalTime(hour: clock.hour, minute: clock.minute), zone: target)
    }
  }

  /// The IANA zone a TZID stands for: an IANA name (also behind the path prefixes some
  /// producers put in front, `/freeassociation.sourceforge.net/Europe/Berlin`), a Windows
  /// zone name as Outlook writes them, or `nil`.
  static func ianaZone(for tzid: String) -> String? {
    let name = tzid.trimmingCharacters(in: .whitespaces)
    func known(_ candidate: String) -> String? {
      (try? VTimeZone(identifier: candidate, years: 2000...2000)) != nil ? candidate : nil
    }
    if let windows = WindowsZones.ianaZone(for: name) { return known(windows) }
    if ["UTC", "GMT", "Z"].contains(name.uppercased()) { return "Etc/UTC" }
    if let plain = known(name) { return plain }
    // A prefixed name: the tail that starts with an IANA area.
    let parts = name.split(separator: "/").map(String.init)
    let areas = [
      "Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe",
      "Indian", "Pacific", "Etc",
    ]
    if let area = parts.firstIndex(where: { areas.contains($0) }) {
      return known(parts[area...].joined(separator: "/"))
    }
    return nil
  }

  // MARK: Who and where

  /// Mail domains that say nothing about the employer: free mail, scheduling and video
  /// services, calendar systems.
  static let serviceDomains: Set<String> = [
    "gmail", "googlemail", "google", "outlook", "hotmail", "live", "msn", "yahoo", "icloud", "me",
    "mac", "gmx", "web", "proton", "protonmail", "aol", "mail", "yandex", "calendly",
    "greenhouse", "lever", "myworkday", "workday", "smartrecruiters", "ashbyhq", "zoom",
    "microsoft", "teams", "goodtime", "personio", "recruitee", "workable", "bamboohr",
  ]

  /// The organisation's name in a mail address's domain (`jane@careers.acme-gmbh.de` →
  /// `acme-gmbh`), or `nil` for free-mail and scheduling services.
  static func companyDomain(of email: String) -> String? {
    guard let at = email.lastIndex(of: "@") else { return nil }
    var labels = email[email.index(after: at)...].lowercased().split(separator: ".").map(
      String.init)
    guard labels.count >= 2 else { return nil }
    labels.removeLast()  // the top-level domain
    // Second-level registries: acme.co.uk, acme.com.au.
    if labels.count >= 2,
      ["co", "com", "org", "net", "ac", "gov", "ne", "or"].contains(labels.last!)
    {
      labels.removeLast()
    }
    guard let name = labels.last, !serviceDomains.contains(name) else { return nil }
    return name
  }

  /// Legal forms that belong to a company's name.
  static let legalForms: Set<String> = [
    "gmbh", "ag", "se", "kg", "inc", "inc.", "llc", "ltd", "ltd.", "plc", "corp", "corp.",
    "corporation", "co.", "bv", "b.v.", "nv", "sa", "s.a.", "sarl", "ab", "as", "oy", "spa",
    "s.p.a.", "srl", "pty", "limited", "group",
  ]

  /// The company: as the summary spells the organizer's domain (`Acme GmbH` for acme.de and
  /// "Interview with Acme GmbH"), else the domain capitalised, else the name the summary
  /// gives after "with" or "at" (unless that is the organizer's own name).
  static func company(of event: VEvent, domain: String?) -> String? {
    let words = event.summary.split(whereSeparator: \.isWhitespace).map(String.init)
    if let domain {
      // The shortest run of words that spells the domain ("Acme GmbH" for acme-gmbh.de), and
      // a legal form right after it ("Globex Corporation" for globex.com).
      let key = normalized(domain)
      for i in words.indices {
        var spelt = ""
        for j in i..<min(words.count, i + 4) {
          spelt += normalized(words[j])
          guard key.hasPrefix(spelt), !spelt.isEmpty else { break }
          guard spelt == key else { continue }
          var name = words[i...j].map { $0.trimmingCharacters(in: .punctuationCharacters) }
          if j + 1 < words.count {
            let next = words[j + 1].trimmingCharacters(in: [",", ":", ")", "("])
            if legalForms.contains(next.lowercased()) { name.append(next) }
          }
          return name.joined(separator: " ")
        }
      }
      return domain.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }
        .joined(separator: " ")
    }
    // "Interview with Globex Corporation – iOS Engineer", "Call at Initech (Round 2)".
    let lowered = words.map { $0.lowercased() }
    guard let i = lowered.firstIndex(where: { ["with", "at", "@"].contains($0) }) else {
      return nil
    }
    let stops: Set<Character> = ["-", "–", "—", "|", ":", "(", "/", ","]
    var name: [String] = []
    for word in words[(i + 1)...] {
      if let first = word.first, stops.contains(first) { break }
      if let last = word.last, stops.contains(last) {
        name.append(String(word.dropLast()))
        break
      }
      name.append(word)
    }
    let text = name.joined(separator: " ").trimmingCharacters(in: .whitespaces)
    guard !text.isEmpty, normalized(text) != normalized(event.organizer?.commonName ?? ""),
      !["you", "me"].contains(text.lowercased())
    else { return nil }
    return text
  }

  /// Letters and digits only, lowercased, for comparing names.
  static func normalized(_ text: String) -> String {
    String(
      text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        .unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
  }

  /// The ID derived from a company: lowercase ASCII, words joined by `-` (`Acme GmbH` →
  /// `acme-gmbh`), or `nil` when nothing usable is left.
  package static func applicationID(for company: String) -> String? {
    let folded = company.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
      .replacingOccurrences(of: "ß", with: "ss").lowercased()
    var id = ""
    for scalar in folded.unicodeScalars {
      if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
        id.unicodeScalars.append(scalar)
      } else if !id.isEmpty, id.last != "-" {
        id.append("-")
      }
    }
    while id.hasSuffix("-") { id.removeLast() }
    return LedgerSyntax.isValidID(id) ? id : nil
  }

  /// Whether an address is a machine's, not a person's (no-reply senders, calendar systems).
  static func isRobot(_ user: CalendarUser) -> Bool {
    guard let email = user.email?.lowercased() else { return false }
    let local = email.split(separator: "@").first.map(String.init) ?? ""
    return local.contains("noreply") || local.contains("no-reply")
      || local.contains("donotreply") || email.hasSuffix("calendar.google.com")
  }

  /// A display name, or `nil` when it is only an address.
  static func personName(_ commonName: String) -> String? {
    let name = commonName.trimmingCharacters(in: .whitespaces.union(["\""]))
    return name.isEmpty || name.contains("@") ? nil : name
  }

  /// The people invited besides the organizer and you: ATTENDEEs at the organizer's domain
  /// (the employer's side) that are individuals, as `Name <address>`. Rooms and resources
  /// are left out; so is everyone at another domain — that includes you.
  static func otherAttendees(of event: VEvent, domain: String?) -> [String] {
    let organizer = event.organizer?.email?.lowercased()
    var seen = Set<String>()
    var result: [String] = []
    for attendee in event.attendees {
      let type = attendee.userType?.uppercased() ?? "INDIVIDUAL"
      guard type == "INDIVIDUAL" || type == "UNKNOWN",
        attendee.role?.uppercased() != "NON-PARTICIPANT",
        let email = attendee.email, email.lowercased() != organizer,
        let domain, companyDomain(of: email) == domain,
        seen.insert(email.lowercased()).inserted
      else { continue }
      if let name = attendee.commonName.flatMap(personName) {
        result.append("\(name) <\(email)>")
      } else {
        result.append(email)
      }
    }
    return result
  }

  /// Hosts of video meetings.
  static let videoHosts = [
    "zoom.us", "zoom.com", "teams.microsoft.com", "teams.live.com", "meet.google.com",
    "webex.com", "whereby.com", "meet.jit.si", "gotomeet.me", "gotomeeting.com", "chime.aws",
    "bluejeans.com", "around.co", "skype.com",
  ]

  /// The meeting link and the property it was found in: the conference properties Google
  /// and Microsoft add, then a video link in URL, LOCATION or DESCRIPTION, then URL as it is.
  static func videoLink(in event: VEvent) -> (url: String, property: String)? {
    let conference = [
      "X-GOOGLE-CONFERENCE", "X-MICROSOFT-SKYPETEAMSMEETINGURL",
      "X-MICROSOFT-ONLINEMEETINGCONFLINK", "X-MICROSOFT-ONLINEMEETINGEXTERNALLINK",
    ]
    for name in conference {
      if let property = event.extraProperties.first(where: { $0.name.uppercased() == name }),
        let url = links(in: property.value).first
      {
        return (url, name)
      }
    }
    let places: [(String?, String)] = [
      (event.url, "URL"), (event.location, "LOCATION"), (event.description, "DESCRIPTION"),
    ]
    for (text, property) in places {
      if let url = links(in: text ?? "").first(where: isVideoLink) { return (url, property) }
    }
    if let url = event.url.flatMap({ links(in: $0).first }) { return (url, "URL") }
    return nil
  }

  /// Whether a link leads to a video meeting.
  static func isVideoLink(_ url: String) -> Bool {
    guard let host = URL(string: url)?.host?.lowercased() else { return false }
    return videoHosts.contains { host == $0 || host.hasSuffix("." + $0) }
  }

  /// Every http(s) link in free text, as written (without the brackets or punctuation
  /// around it).
  static func links(in text: String) -> [String] {
    var result: [String] = []
    var rest = Substring(text)
    while let start = rest.range(of: "http", options: .caseInsensitive) {
      let tail = rest[start.lowerBound...]
      let end = tail.firstIndex { $0.isWhitespace || "<>\"'()[]{}".contains($0) } ?? tail.endIndex
      var link = String(tail[..<end])
      while let last = link.last, ".,;:!?".contains(last) { link.removeLast() }
      let lowered = link.lowercased()
      if lowered.hasPrefix("https://") || lowered.hasPrefix("http://"), link.count > 8 {
        result.append(link)
      }
      rest = tail[end...]
      if end == tail.startIndex { rest = rest.dropFirst() }
    }
    return result
  }

  /// LOCATION without the meeting link (and without names of meeting services alone).
  static func place(_ location: String?, without link: String?) -> String? {
    guard var text = location else { return nil }
    if let link { text = text.replacingOccurrences(of: link, with: " ") }
    for other in links(in: text) where isVideoLink(other) {
      text = text.replacingOccurrences(of: other, with: " ")
    }
    let line = oneLine(text).trimmingCharacters(in: CharacterSet(charactersIn: " ,;-"))
    let services = [
      "microsoft teams meeting", "microsoft teams", "zoom", "zoom meeting", "google meet",
    ]
    return line.isEmpty || services.contains(line.lowercased()) ? nil : line
  }
}

/// Text on one line: line breaks and runs of spaces become one space.
private func oneLine(_ text: String) -> String {
  text.split(whereSeparator: { $0.isNewline || $0 == "\t" || $0 == " " }).joined(separator: " ")
}

// MARK: The invitation's mark in the ledger

/// How an entry names the invitation it came from, in its `note`:
/// `invitation UID (sequence N)`, followed by ` cancelled` or ` moved` on the entry that
/// records a cancellation or a move. Written and read only here.
struct InvitationMark: Hashable, Sendable {
  enum State: String, Sendable {
    case scheduled, cancelled, moved
  }

  var uid: String
  var sequence: Int
  var state: State

  var text: String {
    "invitation \(uid) (sequence \(sequence))" + (state == .scheduled ? "" : " \(state.rawValue)")
  }

  /// The mark in a note, if it has one.
  init?(in note: String) {
    guard let start = note.range(of: "invitation "),
      let open = note.range(of: " (sequence ", range: start.upperBound..<note.endIndex),
      let close = note[open.upperBound...].firstIndex(of: ")"),
      let sequence = Int(note[open.upperBound..<close])
    else { return nil }
    uid = String(note[start.upperBound..<open.lowerBound])
    self.sequence = sequence
    let after = note[note.index(after: close)...]
    state =
      after.hasPrefix(" cancelled") ? .cancelled : after.hasPrefix(" moved") ? .moved : .scheduled
  }

  init(uid: String, sequence: Int, state: State) {
    self.uid = uid
    self.sequence = sequence
    self.state = state
  }
}

/// The invitations the ledger already holds, by UID.
private struct KnownInvitations {
  struct Latest {
    var entry: Entry
    var sequence: Int
    var cancelled: Bool
  }

  /// The entry with the highest sequence (then the last written) per UID.
  var latest: [String: Latest] = [:]
  /// The last `interview` entry written per UID: the time the invitation now stands for.
  var interview: [String: Entry] = [:]

  init(_ journal: Journal) {
    for entry in journal.entries.sorted(by: { $0.order < $1.order }) {
      guard let note = entry.value(.note), let mark = InvitationMark(in: note) else { continue }
      if entry.verb == .interview { interview[mark.uid] = entry }
      if let seen = latest[mark.uid], seen.sequence > mark.sequence { continue }
      latest[mark.uid] = Latest(
        entry: entry, sequence: mark.sequence, cancelled: mark.state == .cancelled)
    }
  }
}

extension Journal {
  /// The company the latest `interview` of `application` names (a round inherits it).
  fileprivate func company(of application: String) -> String? {
    entries.filter { $0.application == application && $0.verb == .interview }
      .sorted { $0.order < $1.order }.compactMap { $0.value(.company) }.last
  }
}

// MARK: Lines of the file

/// The invitation's source map (ICal's) as ledger-style locations.
private struct SourceLines: Sendable {
  let map: ICalSourceMap

  init(_ map: ICalSourceMap) { self.map = map }

  /// The property's line in the `event`-th VEVENT (the column of `parameter` when given),
  /// else the VEVENT's `BEGIN` line, else the top of the file.
  func location(path: String, event: Int?, property: String?, parameter: String? = nil)
    -> SourceLocation
  {
    guard let event, let begin = map.line(ofEvent: event) else {
      return SourceLocation(path: path, line: 1, column: 1)
    }
    guard let property,
      let found = map.position(ofProperty: property, inEvent: event, parameter: parameter)
    else { return SourceLocation(path: path, line: begin, column: 1) }
    return SourceLocation(path: path, line: found.line, column: found.column)
  }

  /// The property's line, or `nil` when the VEVENT does not have it.
  func existing(path: String, event: Int?, property: String) -> SourceLocation? {
    guard let event, let found = map.position(ofProperty: property, inEvent: event) else {
      return nil
    }
    return SourceLocation(path: path, line: found.line, column: found.column)
  }

  func methodLocation(path: String) -> SourceLocation {
    SourceLocation(path: path, line: map.methodLine ?? 1, column: 1)
  }
}
