internal import CivilCalendar
import Foundation

extension Journal {
  /// Reads and validates the ledger at `path`; throws every problem found.
  ///
  /// `defaultZone` is the zone of applications without `tz` when the ledger has no `timezone`
  /// directive (the CLI passes the system zone). The text is one snapshot of the file (see
  /// `LedgerFile.snapshot`), so an entry being appended is seen whole or not at all.
  public static func load(path: String, defaultZone: TimeZone) throws(Diagnostics) -> Journal {
    // Issue 12: read in pieces, each parsed as it comes, so the text is never held whole.
    var parser = LedgerParser(path: path, defaultZone: defaultZone)
    var lines = LineSplitter()
    do {
      try LedgerFile.read(path) { size in
        parser = LedgerParser(path: path, defaultZone: defaultZone, expectedBytes: size)
        lines = LineSplitter()
      } chunk: { piece in
        lines.feed(piece) { parser.read($0) }
      }
    } catch {
      let reason =
        switch error {
        case .missing: "no ledger file at '\(path)'"
        case .folder: "'\(path)' is a folder, not a ledger file"
        case .unreadable: "cannot read the ledger"
        case .unsettled: "the ledger kept changing while it was read"
        }
      let hint =
        switch error {
        case .unsettled: "run the command again once the ledger is saved"
        case .folder:
          "point --ledger at the ledger file inside it, e.g. '\(path.hasSuffix("/") ? path : path + "/")interviews.ledger'"
        case .unreadable: "check the file's permissions"
        default: "create one with 'tenterhooks init \(path)', or point --ledger at it"
        }
      throw Diagnostics([
        Diagnostic(
          .ledgerFile, location: SourceLocation(path: path, line: 1, column: 1), message: reason,
          hint: hint)
      ])
    }
    lines.finish { parser.read($0) }
    return try parser.finish()
  }

  /// Parses ledger bytes read from `path` (used for messages and to resolve `holidays` paths).
  ///
  /// Every problem in the text is collected before anything is returned, so one run shows them
  /// all. `holidays` files are checked to exist and be readable, not parsed.
  public static func parse(_ bytes: consuming [UInt8], path: String, defaultZone: TimeZone)
    throws(Diagnostics) -> Journal
  {
    var parser = LedgerParser(path: path, defaultZone: defaultZone, expectedBytes: bytes.count)
    SourceText.forEachLine(bytes) { parser.read($0) }
    // Issue 12: the text is no longer needed once read.
    _ = consume bytes
    return try parser.finish()
  }

  /// The IDs of every application, in the order their first `interview` appears in the file.
  public var applications: [String] {
    var seen = Set<String>()
    return entries.filter { $0.verb == .interview && seen.insert($0.application).inserted }
      .map(\.application)
  }
}

/// What the parser knows of an entry beside the `Entry` it is building: where its parts
/// are, which failed to parse, and which keys an unknown key looked like a typo of.
struct PendingEntry {
  var applicationColumn: Int32
  var verbColumn: Int32
  /// Keys an unknown key looked like a typo of, so a "missing" report for them is not repeated.
  var misspelt = FieldKeySet()
  /// Whether the ID parsed (else the entry's `application` is empty).
  var hasApplication: Bool
  /// Whether the date (and the time, if any) parsed.
  var hasDate: Bool
}

/// The line-by-line reader behind `Journal.parse`.
struct LedgerParser {
  let path: String
  let defaultZone: TimeZone
  var diagnostics: [Diagnostic] = []
  var settings = Settings()
  /// The entries read so far, in file order. Their `instant` and `store` are set by
  /// `finish`; until then their fields are in `fieldBytes` (read them with `field(_:_:)`,
  /// `value(_:_:)` and `has(_:_:)`).
  var entries: [Entry] = []
  /// The rest of what is known of each entry, by position.
  var pending: [PendingEntry] = []
  /// Every entry's fields, packed (see `FieldStore`).
  var fieldBytes: [UInt8] = []
  /// What entries refer to until `finish` gives them the finished store.
  let unfinished: FieldStore
  /// Application IDs too long to be stored inline in a `String`, so that every entry of one
  /// application shares one copy.
  var longIDs = Set<String>()
  /// Where each single-valued directive was first given.
  var directiveLines: [Directive: Int] = [:]

  /// What indented field lines belong to right now.
  enum Context {
    /// Nothing above: a field line here is an error.
    case none
    /// The entry at this index.
    case entry(Int)
    /// A line that already failed; its field lines are skipped rather than reported again.
    case skipping
  }
  var context = Context.none
  /// Holidays files named by interviews' `holidays:` keys, by resolved path.
  var interviewHolidays: [HolidaySource] = []
  init(path: String, defaultZone: TimeZone, expectedBytes: Int = 0) {
    self.path = path
    self.defaultZone = defaultZone
    unfinished = FieldStore(path: path, bytes: [])
    // Issue 12: sized once for the largest the text can hold (a header line is at least 16
    // bytes; a field packs into no more than its line), so growing never holds two copies.
    // Pages never written are never resident.
    entries.reserveCapacity(expectedBytes / 16)
    pending.reserveCapacity(expectedBytes / 16)
    fieldBytes.reserveCapacity(expectedBytes)
  }

  /// Whether the entry at `index` has a field with `key`.
  func has(_ key: FieldKey, _ index: Int) -> Bool {
    PackedFields.contains(key, in: fieldBytes, fieldRange(of: index))
  }

  /// The entry at `index`'s field `key`.
  func field(_ key: FieldKey, _ index: Int) -> Field? {
    PackedFields.field(key, in: fieldBytes, fieldRange(of: index), path: path)
  }

  /// The value of the entry at `index`'s field `key`.
  func value(_ key: FieldKey, _ index: Int) -> String? {
    PackedFields.value(key, in: fieldBytes, fieldRange(of: index))
  }

  private func fieldRange(of index: Int) -> Range<Int> {
    Int(entries[index].fieldStart)..<Int(entries[index].fieldEnd)
  }

  mutating func error(
    _ code: Diagnostic.Code, _ line: Int, _ column: Int, _ message: String, hint: String? = nil
  ) {
    diagnostics.append(
      Diagnostic(
        code, location: SourceLocation(path: path, line: line, column: column),
        message: message, hint: hint))
  }

  // MARK: Lines

  mutating func read(_ line: SourceLine) {
    if let column = line.invalidByteColumn {
      error(
        .invalidUTF8,
        line.number, column, "invalid UTF-8 byte",
        hint: "the ledger must be UTF-8 text; re-save it as UTF-8")
      if !line.isIndented { context = .skipping }
      return
    }
    // Blank: no first word.
    guard let first = line.firstWord, !first.text.hasPrefix("#") else { return }
    if line.isIndented {
      readField(line, key: first)
    } else if let digit = first.text.unicodeScalars.first, ("0"..."9").contains(digit) {
      readHeader(line, words: line.words)
    } else {
      readDirective(line, words: line.words)
    }
  }

  mutating func readHeader(_ line: SourceLine, words: [Word]) {
    context = .skipping
    let n = line.number
    var index = 0
    let dateWord = words[0]
    var date: CivilDate?
    guard let checked = checkDate(dateWord, line: n) else { return }
    date = checked.date
    index += 1

    var time: LocalTime?
    var timeOK = true
    if index < words.count,
      words[index].text.utf8.contains(UInt8(ascii: ":")) || words[index].text.first!.isNumber
    {
      if let t = checkTime(words[index], line: n) { time = t } else { timeOK = false }
      index += 1
    }

    guard index < words.count else {
      error(
        .malformedHeader,
        n, end(of: words.last!), "malformed entry header: expected a verb after the date",
        hint: "an entry header is 'DATE [TIME] VERB ID', e.g. '2026-11-24 10:00 interview acme'")
      return
    }
    let verbWord = words[index]
    guard let verb = Verb(rawValue: verbWord.text) else {
      error(
        .unknownVerb,
        n, verbWord.column, "unknown verb '\(verbWord.text)'",
        hint: Spelling.didYouMean(verbWord.text, among: Verb.allCases.map(\.rawValue))
          ?? "verbs are: \(Verb.allCases.map(\.rawValue).joined(separator: ", "))")
      return
    }
    index += 1

    var application: String?
    var applicationColumn = verbWord.column
    if index < words.count, !words[index].text.hasPrefix("#") {
      let idWord = words[index]
      applicationColumn = idWord.column
      if LedgerSyntax.isValidID(idWord.text) {
        application = idWord.text
      } else {
        let lowered = idWord.text.lowercased()
        error(
          .invalidID,
          n, idWord.column, "invalid application ID '\(idWord.text)'",
          hint: LedgerSyntax.isValidID(lowered)
            ? "IDs are lowercase: did you mean '\(lowered)'?"
            : "an ID is lowercase letters, digits, '.', '_' and '-', starting with a letter or digit"
        )
      }
      index += 1
    } else {
      error(
        .malformedHeader,
        n, end(of: verbWord), "missing application ID after '\(verb.rawValue)'",
        hint: "name the application, e.g. '\(dateWord.text) \(verb.rawValue) acme'")
    }

    if index < words.count, !words[index].text.hasPrefix("#") {
      error(
        .malformedHeader,
        n, words[index].column, "unexpected '\(words[index].text)' after the application ID",
        hint: "put details on indented 'key: value' lines below the header")
    }

    var id = application ?? ""
    if id.utf8.count > 15 { id = longIDs.insert(id).memberAfterInsert }
    let parsed = timeOK ? date : nil
    entries.append(
      Entry(
        verb: verb, application: id, date: parsed ?? CivilDate(year: 0, month: 0, day: 0),
        time: time, instant: Date(timeIntervalSinceReferenceDate: 0), store: unfinished,
        fields: fieldBytes.count..<fieldBytes.count, line: n, column: 1, order: entries.count))
    pending.append(
      PendingEntry(
        applicationColumn: Int32(applicationColumn), verbColumn: Int32(verbWord.column),
        hasApplication: application != nil, hasDate: parsed != nil))
    context = .entry(entries.count - 1)
  }

  /// Reads an indented line; `first` is its first word (the key with its colon, or a date
  /// when a header was indented by mistake).
  mutating func readField(_ line: SourceLine, key first: Word) {
    let n = line.number
    let start = line.firstTextColumn
    if LedgerSyntax.isDateShaped(first.text) {
      error(
        .malformedHeader,
        n, start, "entry header is indented",
        hint: "headers start in column 1; only their 'key: value' lines are indented")
      context = .skipping
      return
    }
    let colonIndex = line.scalars[(start - 1)...].firstIndex(of: ":")
    var keyWord: Word?
    if let colonIndex {
      // The key without the spaces and tabs before the colon.
      var end = colonIndex
      while end > start - 1, line.scalars[end - 1].isLedgerSpace { end -= 1 }
      if end > start - 1 { keyWord = Word(text: line.slice(start - 1, end), column: start) }
    }
    guard let colonIndex, let keyWord else {
      if case .skipping = context { return }
      error(
        .malformedField,
        n, start, "malformed field line: expected 'key: value'",
        hint: "e.g. '  decision: 2026-12-01'; comments start with '#'")
      return
    }
    let value = line.rest(from: colonIndex + 2)
    let valueColumn = value.text.isEmpty ? colonIndex + 2 : value.column

    switch context {
    case .skipping:
      return
    case .none:
      error(
        .malformedField,
        n, start, "field line with no entry above it",
        hint: "indent 'key: value' lines under an entry header such as "
          + "'2026-11-24 10:00 interview acme'")
      return
    case .entry(let index):
      let verb = entries[index].verb
      let allowed = Vocabulary.keys(for: verb)
      let written = keyWord.text
      guard let key = FieldKey(rawValue: written), allowed.contains(key) else {
        reportUnknownKey(keyWord, line: n, entry: index)
        return
      }
      if let first = field(key, index) {
        error(
          .duplicateKey, n, keyWord.column, "duplicate key '\(written)' in one entry",
          hint: "'\(written)' is already given at line \(first.location.line); keep one")
        return
      }
      guard !value.text.isEmpty else {
        error(
          .missingValue, n, valueColumn, "'\(written)' has no value",
          hint: "write the value after the colon, or remove the line")
        return
      }
      checkValue(of: key, value, line: n)
      // Fields are read only under the last entry, so its fields end the buffer.
      PackedFields.append(
        key: key, value: value.text, line: n, column: keyWord.column, to: &fieldBytes)
      entries[index].fieldEnd = UInt32(fieldBytes.count)
    }
  }

  /// An unknown key of the entry at `index`: the error, with a "did you mean" among the
  /// verb's keys (or the keys it takes when the word is another verb's key); a likely typo
  /// is remembered so its "missing required key" is not reported twice.
  mutating func reportUnknownKey(_ keyWord: Word, line n: Int, entry index: Int) {
    let verb = entries[index].verb
    let written = keyWord.text
    let allowedNames = Vocabulary.keys(for: verb).map(\.rawValue)
    let takes = "'\(verb.rawValue)' takes: \(allowedNames.joined(separator: ", "))"
    let allNames = Vocabulary.allKeys.map(\.rawValue)
    var hint = Spelling.didYouMean(written, among: allowedNames)
    if hint == nil, allNames.contains(written) {
      hint = takes
    } else if hint == nil, let other = Spelling.suggestion(for: written, among: allNames) {
      hint = "did you mean '\(other)'? (\(takes))"
    }
    if let meant = Spelling.suggestion(for: written, among: allowedNames)
      .flatMap(FieldKey.init(rawValue:))
    {
      pending[index].misspelt.insert(meant)
    }
    error(
      .unknownKey, n, keyWord.column, "unknown key '\(written)' for '\(verb.rawValue)'",
      hint: hint ?? takes)
  }

  mutating func checkValue(of key: FieldKey, _ value: Word, line n: Int) {
    switch key {
    case .decision, .answerBy:
      _ = checkDate(value, line: n)
    case .holidays:
      if let source = checkHolidays(value, line: n),
        !interviewHolidays.contains(where: { $0.resolvedPath == source.resolvedPath })
      {
        interviewHolidays.append(source)
      }
    case .tz:
      checkZone(value, line: n)
    case .cancels:
      if LedgerSyntax.interviewMoment(value.text) == nil {
        error(
          .invalidValue, n, value.column, "invalid value '\(value.text)' for 'cancels'",
          hint: "the cancelled interview's date and time as its header has them, e.g. "
            + "'2026-12-08 14:00'")
      }
    default:
      if let allowed = key.allowedValues, !allowed.contains(value.text) {
        let suggestion = Spelling.didYouMean(value.text, among: allowed).map { $0 + " " } ?? ""
        error(
          .invalidValue, n, value.column, "invalid value '\(value.text)' for '\(key.rawValue)'",
          hint: suggestion + "expected one of: \(allowed.joined(separator: ", "))")
      }
    }
  }

  // MARK: Directives

  mutating func readDirective(_ line: SourceLine, words: [Word]) {
    let n = line.number
    let name = words[0]
    guard let directive = Directive(rawValue: name.text) else {
      context = .skipping
      let names = Directive.allCases.map(\.rawValue)
      if Verb(rawValue: name.text) != nil {
        error(
          .malformedHeader, n, name.column, "malformed entry header: missing date",
          hint: "an entry starts with its date, e.g. '2026-11-24 10:00 \(line.text)'")
      } else {
        error(
          .unknownDirective, n, name.column, "unknown directive '\(name.text)'",
          hint: Spelling.didYouMean(name.text, among: names)
            ?? "directives are: \(names.joined(separator: ", ")); "
            + "entries start with a date (YYYY-MM-DD)")
      }
      return
    }
    context = .none
    let value = line.rest(from: end(of: name))
    guard !value.text.isEmpty else {
      error(
        .missingValue, n, end(of: name), "'\(name.text)' needs a value",
        hint: "e.g. '\(directive.example)'")
      return
    }
    if !directive.isRepeatable {
      if let first = directiveLines[directive] {
        error(
          .duplicateDirective, n, name.column, "duplicate '\(name.text)' directive",
          hint: "the first is at line \(first); it applies to the whole ledger, keep one")
        return
      }
      directiveLines[directive] = n
    }
    apply(directive, value: value, line: line, words: words)
  }

  /// Checks a directive's value and stores it in `settings`.
  mutating func apply(_ directive: Directive, value: Word, line: SourceLine, words: [Word]) {
    let n = line.number
    switch directive {
    case .timezone:
      if checkZone(value, line: n) { settings.timeZone = ZoneID(value.text) }
    case .holidays:
      // `holidays ZONE PATH` when the first word is a zone and a path follows; else the
      // whole rest is one path (which may hold spaces).
      if words.count > 2, ZoneID(words[1].text).timeZone != nil {
        let path = line.rest(from: end(of: words[1]))
        if var source = checkHolidays(path, line: n) {
          source.zone = ZoneID(words[1].text)
          settings.holidays.append(source)
        }
      } else if words.count > 2, looksLikeMisspeltZone(words[1], path: value, line: line) {
        // `holidays Europe/Pariss holidays-fr.ics`: the zone is what is wrong, not the path.
        _ = checkZone(words[1], line: n)
        _ = checkHolidays(line.rest(from: end(of: words[1])), line: n)
      } else if let source = checkHolidays(value, line: n) {
        settings.holidays.append(source)
      }
    case .workdays:
      if let days = checkWorkdays(value, line: n) { settings.workdays = days }
    case .callAt:
      if let time = checkTime(value, line: n) { settings.callAt = time }
    case .followUpAfter:
      if let days = checkCount(value, line: n, range: 1...365, unit: "days") {
        settings.followUpAfter = days
      }
    case .reconsiderAfter:
      if let count = checkCount(value, line: n, range: 1...100, unit: "postponements") {
        settings.reconsiderAfter = count
      }
    case .giveUpAfter:
      if let count = checkCount(value, line: n, range: 1...100, unit: "calls") {
        settings.giveUpAfter = count
      }
    case .privacy:
      if let privacy: Privacy = checkChoice(value, of: directive, line: n, words: words) {
        settings.privacy = privacy
      }
    case .checkEmail:
      if let mode: EmailCheckFrequency = checkChoice(value, of: directive, line: n, words: words) {
        settings.checkEmail = mode
      }
    case .calendarName:
      settings.calendarName = value.text
    case .uidDomain:
      if LedgerSyntax.isValidDomain(value.text) {
        settings.uidDomain = value.text
      } else {
        error(
          .invalidValue, n, value.column, "invalid domain '\(value.text)' for 'uid-domain'",
          hint: "a domain name such as 'tenterhooks.example.com'")
      }
    }
  }

  /// A directive's value that must be one word of a fixed list (`privacy`, `check-email`).
  mutating func checkChoice<Choice: RawRepresentable & CaseIterable>(
    _ value: Word, of directive: Directive, line n: Int, words: [Word]
  ) -> Choice? where Choice.RawValue == String {
    if words.count == 2, let choice = Choice(rawValue: value.text) { return choice }
    let allowed = Choice.allCases.map(\.rawValue)
    error(
      .invalidValue, n, value.column,
      "invalid value '\(value.text)' for '\(directive.rawValue)'",
      hint: (Spelling.didYouMean(value.text, among: allowed).map { $0 + " " } ?? "")
        + "expected one of: \(allowed.joined(separator: ", "))")
    return nil
  }

  /// Checks that a holidays file exists and is readable; its source when it is.
  mutating func checkHolidays(_ value: Word, line n: Int) -> HolidaySource? {
    let written = value.text
    let resolved = FilePaths.resolve(written, relativeTo: path)
    var isFolder: ObjCBool = false
    if !FileManager.default.fileExists(atPath: resolved, isDirectory: &isFolder) {
      error(
        .holidaysFile,
        n, value.column, "holidays file '\(written)' not found",
        hint: "looked for '\(FilePaths.normalized(resolved))'; "
          + "paths are relative to the ledger's folder")
    } else if isFolder.boolValue {
      error(
        .holidaysFile, n, value.column, "holidays path '\(written)' is a folder, not an .ics file")
    } else if !FileManager.default.isReadableFile(atPath: resolved) {
      error(
        .holidaysFile,
        n, value.column, "cannot read holidays file '\(written)'",
        hint: "check the file's permissions")
    } else {
      return HolidaySource(
        path: written, resolvedPath: resolved,
        location: SourceLocation(path: path, line: n, column: value.column))
    }
    return nil
  }

  /// Whether the first word of a `holidays` line whose whole rest names no file is a zone
  /// written wrong: zone-shaped (`Area/Place`), and either close to a known zone or followed
  /// by a path that exists.
  func looksLikeMisspeltZone(_ word: Word, path: Word, line: SourceLine) -> Bool {
    guard word.text.contains("/"), !word.text.lowercased().hasSuffix(".ics"),
      !FileManager.default.fileExists(atPath: FilePaths.resolve(path.text, relativeTo: self.path))
    else { return false }
    if Spelling.didYouMean(word.text, among: TimeZone.knownTimeZoneIdentifiers) != nil {
      return true
    }
    let rest = line.rest(from: end(of: word)).text
    return FileManager.default.fileExists(atPath: FilePaths.resolve(rest, relativeTo: self.path))
  }

  mutating func checkWorkdays(_ value: Word, line n: Int) -> Set<Weekday>? {
    var days = Set<Weekday>()
    var ok = true
    var column = value.column
    for item in value.text.split(separator: ",", omittingEmptySubsequences: false) {
      let leading = item.prefix(while: { $0 == " " || $0 == "\t" }).unicodeScalars.count
      let text = item.trimmingCharacters(in: .whitespaces)
      let itemColumn = column + leading
      column += item.unicodeScalars.count + 1
      let ends = text.split(separator: "-", omittingEmptySubsequences: false)
      var resolved: [Weekday] = []
      var offset = 0
      for end in ends {
        if let day = Weekday.allCases.first(where: { $0.shortName == end }) {
          resolved.append(day)
        } else {
          ok = false
          let lowered = end.lowercased()
          let short = Weekday.allCases.first(where: {
            lowered.count >= 3 && lowered.hasPrefix($0.shortName)
          })
          error(
            .invalidValue,
            n, itemColumn + offset,
            end.isEmpty ? "missing day in 'workdays'" : "unknown day '\(end)' in 'workdays'",
            hint: short.map { "did you mean '\($0.shortName)'?" }
              ?? "days are mon, tue, wed, thu, fri, sat, sun; a range 'mon-fri' or a list "
              + "'sun,mon,tue'")
        }
        offset += end.unicodeScalars.count + 1
      }
      guard resolved.count == ends.count else { continue }
      if resolved.count == 1 {
        days.insert(resolved[0])
      } else if resolved.count == 2 {
        // A range may wrap past Sunday (`sat-wed`).
        var day = resolved[0]
        days.insert(day)
        while day != resolved[1] {
          day = Weekday(rawValue: day.rawValue % 7 + 1)!
          days.insert(day)
        }
      } else {
        ok = false
        error(
          .invalidValue,
          n, itemColumn, "malformed day range '\(text)' in 'workdays'",
          hint: "a range has two ends, e.g. 'mon-fri'")
      }
    }
    return ok ? days : nil
  }

  mutating func checkCount(_ value: Word, line n: Int, range: ClosedRange<Int>, unit: String)
    -> Int?
  {
    guard value.text.allSatisfy({ $0.isASCII && $0.isNumber }), let count = Int(value.text),
      range.contains(count)
    else {
      error(
        .invalidValue,
        n, value.column, "invalid number '\(value.text)'",
        hint: "a whole number of \(unit) from \(range.lowerBound) to \(range.upperBound)")
      return nil
    }
    return count
  }

  // MARK: Values shared by headers, fields and directives

  /// Checks a `YYYY-MM-DD` word; `nil` (with a diagnostic) when it is not date-shaped at all.
  /// A date-shaped but impossible date is reported and returned as `(nil)`.
  @discardableResult
  mutating func checkDate(_ word: Word, line n: Int) -> (date: CivilDate?, Void)? {
    guard LedgerSyntax.isDateShaped(word.text) else {
      error(
        .malformedDate,
        n, word.column, "malformed date '\(word.text)'",
        hint: "dates are written YYYY-MM-DD, e.g. 2026-11-24")
      return nil
    }
    if let date = CivilDate(parsing: word.text) { return (date, ()) }
    let parts = word.text.split(separator: "-").map { Int($0)! }
    let hint =
      (1...12).contains(parts[1])
      ? "\(Gregorian.monthNames[parts[1] - 1]) \(parts[0]) has "
        + "\(CivilDate.daysIn(month: parts[1], year: parts[0])) days"
      : "months run from 01 to 12"
    error(.impossibleDate, n, word.column, "impossible date '\(word.text)'", hint: hint)
    return (nil, ())
  }

  mutating func checkTime(_ word: Word, line n: Int) -> LocalTime? {
    guard LedgerSyntax.isTimeShaped(word.text) else {
      error(
        .malformedTime,
        n, word.column, "malformed time '\(word.text)'",
        hint: "times are HH:MM on the 24-hour clock, e.g. 09:30")
      return nil
    }
    guard let time = LedgerSyntax.time(word.text) else {
      error(
        .impossibleTime,
        n, word.column, "impossible time '\(word.text)'",
        hint: "hours run from 00 to 23 and minutes from 00 to 59")
      return nil
    }
    return time
  }

  @discardableResult
  mutating func checkZone(_ word: Word, line n: Int) -> Bool {
    if ZoneID(word.text).timeZone != nil { return true }
    error(
      .unknownZone,
      n, word.column, "unknown time zone '\(word.text)'",
      hint: Spelling.didYouMean(word.text, among: TimeZone.knownTimeZoneIdentifiers)
        ?? "use an IANA zone name such as Europe/Berlin or America/New_York")
    return false
  }

  /// The column just past a word: where a missing next word was expected.
  func end(of word: Word) -> Int { word.column + word.text.unicodeScalars.count }

  // MARK: The whole file

  mutating func finish() throws(Diagnostics) -> Journal {
    // Applications are introduced by an `interview` anywhere in the file (entries may come in
    // any order); each has one zone.
    // Each application's zone: its first valid `tz`, or `unzoned` until one comes. (One
    // table, which becomes the journal's: issue 12.)
    let unzoned = ZoneID("")
    var zones: [String: ZoneID] = [:]
    // Sized once: growing would hold the old table beside the new.
    zones.reserveCapacity(entries.count { $0.verb == .interview })
    for (index, entry) in entries.enumerated()
    where entry.verb == .interview && pending[index].hasApplication {
      let id = entry.application
      guard let written = value(.tz, index), ZoneID(written).timeZone != nil else {
        if zones[id] == nil { zones[id] = unzoned }
        continue
      }
      let earlier = zones[id] ?? unzoned
      if earlier == unzoned {
        zones[id] = ZoneID(written)
      } else if earlier != ZoneID(written), let tz = field(.tz, index) {
        error(
          .conflictingZone,
          tz.location.line, tz.location.column,
          "conflicting time zone '\(tz.value)' for '\(id)'",
          hint: "the interview at line \(zoneLine(of: id, before: index)) says "
            + "'\(earlier.identifier)'; an application has one zone")
      }
    }
    // Sorted only when an unknown ID needs a suggestion.
    var known: [String]?
    for (index, entry) in entries.enumerated() {
      let facts = pending[index]
      let id = entry.application
      if facts.hasApplication, zones[id] == nil {
        if known == nil { known = zones.keys.sorted() }
        let guess = Spelling.suggestion(for: id, among: known!).map { " (did you mean '\($0)'?)" }
        error(
          .unknownApplication,
          entry.location.line, Int(facts.applicationColumn), "unknown application ID '\(id)'",
          hint: "no application '\(id)' — it needs an 'interview' entry first" + (guess ?? ""))
      }
      if let cancelling = field(.cancels, index),
        facts.hasApplication, zones[id] != nil,
        let moment = LedgerSyntax.interviewMoment(cancelling.value),
        !entries.indices.contains(where: {
          entries[$0].verb == .interview && pending[$0].hasApplication
            && entries[$0].application == id && pending[$0].hasDate
            && entries[$0].date == moment.date
            && (entries[$0].time ?? LedgerSyntax.defaultTime) == moment.time
        })
      {
        error(
          .nothingToCancel, cancelling.location.line, cancelling.location.column,
          "no interview of '\(id)' on \(moment.date) at \(moment.time) to cancel",
          hint: "'cancels' names an interview of the same application by its date and time")
      }
      for key in Vocabulary.requiredKeys(for: entry.verb)
      where !has(key, index) && !facts.misspelt.contains(key) {
        error(
          .missingRequiredKey,
          entry.location.line, Int(facts.verbColumn),
          "missing required key '\(key)' for '\(entry.verb.rawValue)'",
          hint: "add an indented line such as '  \(key): 2026-12-08' (the new date)")
      }
    }
    guard diagnostics.isEmpty else {
      var problems = Diagnostics(diagnostics)
      problems.holidaySources = settings.holidays + interviewHolidays
      throw problems
    }
    // Every part of every entry parsed; what the checks needed goes before the zones come.
    pending = []

    let fallback = settings.timeZone ?? ZoneID(defaultZone.identifier)
    let yourZone = fallback.timeZone ?? defaultZone
    for index in zones.values.indices where zones.values[index] == unzoned {
      zones.values[index] = fallback
    }
    // The entries are finished where they are: no second list of them is ever held.
    let store = FieldStore(path: path, bytes: fieldBytes)
    for index in entries.indices {
      Self.finish(
        &entries[index], store: store, zones: zones, yourZone: yourZone, defaultZone: defaultZone)
    }
    return Journal(
      path: path, settings: settings, entries: entries, zones: zones, yourZone: fallback,
      interviewHolidays: interviewHolidays)
  }

  /// The line of the first interview of `id` before position `end` with a valid `tz`: where
  /// its zone was given (looked for only to report a conflict).
  func zoneLine(of id: String, before end: Int) -> Int {
    for index in 0..<end
    where entries[index].verb == .interview && pending[index].hasApplication
      && entries[index].application == id
    {
      if let tz = field(.tz, index), ZoneID(tz.value).timeZone != nil { return tz.location.line }
    }
    return entries[end].location.line
  }

  /// Gives an entry with no diagnostics (so every part parsed) its instant and its fields'
  /// store.
  /// (Static: a method of the parser would copy it, entries and all, for every entry.)
  static func finish(
    _ entry: inout Entry, store: FieldStore, zones: [String: ZoneID], yourZone: TimeZone,
    defaultZone: TimeZone
  ) {
    // Two clocks: an interview is written in the employer's zone; everything else records
    // something you did or heard, in yours.
    let zone =
      entry.verb == .interview
      ? (zones[entry.application]!.timeZone ?? defaultZone) : yourZone
    entry.instant = entry.date.instant(at: entry.time ?? LedgerSyntax.defaultTime, in: zone)
    entry.store = store
  }
}

/// The small lexical rules of the format, shared by the parser, the printer and the importers.
package enum LedgerSyntax {
  /// The time of an entry written without one.
  package static let defaultTime = LocalTime(hour: 9, minute: 0)

  /// Whether `text` is an application ID: `[a-z0-9][a-z0-9._-]*`.
  package static func isValidID(_ text: some StringProtocol) -> Bool {
    guard let first = text.unicodeScalars.first, isIDStart(first) else { return false }
    return text.unicodeScalars.allSatisfy { isIDStart($0) || $0 == "." || $0 == "_" || $0 == "-" }
  }

  private static func isIDStart(_ s: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(s) || ("0"..."9").contains(s)
  }

  /// Whether `text` looks like `NNNN-NN-NN` (a date, possible or not).
  static func isDateShaped(_ text: some StringProtocol) -> Bool {
    let s = Array(text.unicodeScalars)
    guard s.count == 10, s[4] == "-", s[7] == "-" else { return false }
    return s.enumerated().allSatisfy { $0.offset == 4 || $0.offset == 7 || isDigit($0.element) }
  }

  /// Whether `text` looks like `NN:NN` (a time, possible or not).
  static func isTimeShaped(_ text: some StringProtocol) -> Bool {
    let s = Array(text.unicodeScalars)
    return s.count == 5 && s[2] == ":" && isDigit(s[0]) && isDigit(s[1]) && isDigit(s[3])
      && isDigit(s[4])
  }

  /// `DATE [TIME]` as an interview header writes them (`2026-12-08 14:00`); the time is
  /// 09:00 when none is written. `nil` for anything else.
  package static func interviewMoment(_ text: String) -> (date: CivilDate, time: LocalTime)? {
    let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
    guard (1...2).contains(words.count), let date = CivilDate(parsing: words[0]) else {
      return nil
    }
    guard words.count == 2 else { return (date, defaultTime) }
    return time(words[1]).map { (date, $0) }
  }

  /// Parses `HH:MM` (24 h), `nil` for anything else or an impossible time.
  package static func time(_ text: some StringProtocol) -> LocalTime? {
    guard isTimeShaped(text) else { return nil }
    let parts = text.split(separator: ":")
    guard let h = Int(parts[0]), let m = Int(parts[1]), (0...23).contains(h), (0...59).contains(m)
    else { return nil }
    return LocalTime(hour: h, minute: m)
  }

  static func isDigit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) }

  /// Whether `text` is a plausible DNS name for `uid-domain`.
  static func isValidDomain(_ text: String) -> Bool {
    let labels = text.split(separator: ".", omittingEmptySubsequences: false)
    return text.count <= 253
      && labels.allSatisfy { label in
        !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
          && label.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || isDigit($0) || $0 == "-"
          }
      }
  }

}
