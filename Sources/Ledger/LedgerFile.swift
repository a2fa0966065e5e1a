import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Which part of a drafted entry a problem is about, so a command can point at what the user
/// typed (an argument, a spreadsheet cell) rather than at text that was never written.
public enum DraftPart: Hashable, Sendable {
  /// The entry as a whole (e.g. a missing required key).
  case entry
  /// Its date or time.
  case moment
  /// Its verb.
  case verb
  /// Its application ID.
  case application
  /// The key of the field at this index.
  case key(Int)
  /// The value of the field at this index.
  case value(Int)
}

/// A problem with an entry that was about to be appended.
public struct DraftProblem: Hashable, Sendable, Error {
  /// What kind of problem, as the parser classifies it.
  public var code: Diagnostic.Code
  /// Index of the draft in the list given to `append`.
  public var draft: Int
  /// What part of it.
  public var part: DraftPart
  /// What is wrong.
  public var message: String
  /// How to fix it.
  public var hint: String?

  /// Creates a problem.
  public init(
    _ code: Diagnostic.Code, draft: Int, part: DraftPart, message: String, hint: String? = nil
  ) {
    self.code = code
    self.draft = draft
    self.part = part
    self.message = message
    self.hint = hint
  }
}

/// Why nothing was appended.
public enum AppendFailure: Error, Sendable {
  /// The ledger (as it is, or with the new entries in it) is invalid. `ledger` holds problems in
  /// the existing text, `drafts` those in the new entries.
  case invalid(ledger: Diagnostics, drafts: [DraftProblem])
  /// The file could not be opened, locked, read or written; `code` is the system's cause.
  case io(path: String, message: String, code: Errno)

  /// Whether there is no ledger file at the path (nothing, or a folder): bad input rather
  /// than an I/O failure.
  public var isMissingLedger: Bool {
    if case .io(_, _, let code) = self { return code == .noSuchFile || code == .isADirectory }
    return false
  }

  /// Whether the ledger is there but may not be written (its permissions, a read-only file
  /// system): it is the append's output, so the output is not writable.
  public var isNotWritable: Bool {
    if case .io(_, _, let code) = self {
      return code == .permissionDenied || code == .readOnlyFileSystem
    }
    return false
  }

  /// Whether nothing at all is at the path, so `tenterhooks init` would help.
  public var isNoSuchFile: Bool {
    if case .io(_, _, let code) = self { return code == .noSuchFile }
    return false
  }
}

/// The ledger file on disk: appended to, never rewritten.
public enum LedgerFile {
  /// Validates the ledger with `drafts` appended and, only if all is well, appends them.
  ///
  /// The file is locked (`flock`, exclusive) before it is read, so the validation sees what is
  /// really there and a second process appending at the same time waits, then appends after.
  /// The new text goes out in one `write` on an `O_APPEND` descriptor, then `fsync`. A file
  /// that does not end in a newline gets one first; a blank line separates entries; a CRLF file
  /// gets CRLF lines. Returns the journal as it now is, and the text appended.
  ///
  /// `validate` sees the journal with the drafts in it before anything is written: the caller's
  /// checks of what the ledger refers to (its holidays files can only be read above this
  /// module); what it throws is reported as problems in the existing ledger. With `dryRun`
  /// everything but the write happens: the problems a real append would report, or what it
  /// would append.
  public static func append(
    _ drafts: [EntryDraft], to path: String, defaultZone: TimeZone,
    validate: (Journal) throws(Diagnostics) -> Void = { _ in }, dryRun: Bool = false
  ) throws(AppendFailure) -> Appended {
    let shapeProblems = drafts.enumerated().flatMap {
      lexicalProblems(of: $0.element, index: $0.offset)
    }
    // A draft that would print as something else is left out; the others are still checked
    // against the ledger, so that one run reports every problem (an import's rows).
    let misshapen = Set(shapeProblems.map(\.draft))
    let checked = drafts.indices.filter { !misshapen.contains($0) }
    if checked.isEmpty, !shapeProblems.isEmpty {
      throw .invalid(ledger: Diagnostics([]), drafts: shapeProblems)
    }

    let fd: Int32
    do {
      fd = try SystemCall.retrying { open(path, O_RDWR | O_APPEND | O_CLOEXEC) }
      try SystemCall.retrying { flock(fd, LOCK_EX) }
    } catch {
      throw ioFailure(path, "cannot open and lock the ledger", error)
    }
    defer { close(fd) }
    defer { flock(fd, LOCK_UN) }
    let existing: [UInt8]
    do {
      existing = try SystemCall.readAll(fd)
    } catch {
      throw ioFailure(path, "cannot read the ledger", error)
    }

    // First with a provisional date, to learn your zone and each application's (a new
    // `interview` may bring its own `tz`); then with the real one. Both validate the whole
    // ledger. An interview's header is in the employer's zone, every other one in yours;
    // `--at` without an offset is read in yours.
    let utc = TimeZone(identifier: "UTC")!
    var attempt: Appended
    do {
      attempt = try compose(existing, drafts, checked, path: path, defaultZone: defaultZone) {
        _ in (utc, utc)
      }
      let zones = attempt.journal.zones
      let yourZone =
        attempt.journal.settings.timeZone?.timeZone ?? defaultZone
      attempt = try compose(existing, drafts, checked, path: path, defaultZone: defaultZone) {
        draft in
        let header =
          draft.verb == Verb.interview.rawValue
          ? zones[draft.application]?.timeZone ?? yourZone : yourZone
        return (header, yourZone)
      }
    } catch {
      guard case .invalid(let ledger, let problems) = error else { throw error }
      throw .invalid(ledger: ledger, drafts: shapeProblems + problems)
    }
    do {
      try validate(attempt.journal)
    } catch {
      throw .invalid(ledger: error, drafts: shapeProblems)
    }
    if !shapeProblems.isEmpty { throw .invalid(ledger: Diagnostics([]), drafts: shapeProblems) }
    if dryRun { return attempt }

    do {
      try SystemCall.writeAll(fd, attempt.appended.utf8)
    } catch {
      throw ioFailure(path, "cannot write to the ledger", error)
    }
    do {
      try SystemCall.retrying { fsync(fd) }
    } catch {
      throw ioFailure(path, "cannot flush the ledger to disk", error)
    }
    return attempt
  }

  /// What `append` did.
  public struct Appended: Sendable {
    /// The ledger as it now is.
    public var journal: Journal
    /// The text appended.
    public var appended: String
    /// The line of the ledger where the first appended entry's header now is.
    public var firstAppendedLine: Int

    /// The warnings about the appended entries (not the ledger's older ones, which `check`
    /// shows), as of `now`.
    public func warnings(now: Date) -> [Diagnostic] {
      journal.warnings(now: now).filter { $0.location.line >= firstAppendedLine }
    }
  }

  /// Your zone as the ledger at `path` names it in its `timezone` directive, else
  /// `defaultZone` — also when the file cannot be read or the zone is unknown (the commands
  /// report those problems when they load the ledger). Used to read `--now` before the ledger
  /// is loaded; the rest of the file is not validated.
  public static func yourZone(path: String, defaultZone: TimeZone) -> TimeZone {
    guard let bytes = try? snapshot(path) else { return defaultZone }
    // Only lines that start with the directive's name are decoded: on a large ledger this
    // runs before the real parse, so it must not decode every line as the parser does.
    let name = Array("timezone".utf8)
    var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    while start < bytes.count {
      let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
      if bytes[start..<end].starts(with: name) {
        let words = String(decoding: bytes[start..<end], as: UTF8.self)
          .split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
        if words.count == 2, words[0] == "timezone" {
          return ZoneID(String(words[1])).timeZone ?? defaultZone
        }
      }
      start = end + 1
    }
    return defaultZone
  }

  /// Creates `path` with `text`, failing if anything already exists there.
  public static func create(_ path: String, text: String) throws(AppendFailure) {
    let fd: Int32
    do {
      fd = try SystemCall.retrying { open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644) }
    } catch {
      if error == .fileExists {
        throw .io(
          path: path, message: "'\(path)' already exists; refusing to overwrite it", code: error)
      }
      throw ioFailure(path, "cannot create the ledger", error)
    }
    defer { close(fd) }
    do {
      try SystemCall.writeAll(fd, text.utf8)
      try SystemCall.retrying { fsync(fd) }
    } catch {
      throw ioFailure(path, "cannot write the ledger", error)
    }
  }

  /// Why a snapshot could not be taken.
  public enum SnapshotFailure: Error, Sendable {
    /// There is no file at the path.
    case missing
    /// The path is a folder.
    case folder
    /// It could not be opened or read.
    case unreadable
    /// Its size or modification time changed during every attempt to read it.
    case unsettled
  }

  /// The ledger's bytes as they were at one moment, for parsing.
  ///
  /// A shared `flock` is held while reading, so an `append` (which holds the exclusive lock
  /// from its read to its `fsync`) is seen whole or not at all, however its `write` lands in
  /// the page cache. Writers that take no lock (editors saving in place) are caught by
  /// comparing the file's size, modification and change times before and after the read:
  /// if they moved, the file is read again, up to `attempts` times. A file system without
  /// `flock` (some network mounts) is read without the lock, still with that check.
  public static func snapshot(_ path: String, attempts: Int = 5) throws(SnapshotFailure)
    -> [UInt8]
  {
    var bytes: [UInt8] = []
    try read(path, attempts: attempts) { size in
      bytes = []
      bytes.reserveCapacity(size)
    } chunk: {
      bytes.append(contentsOf: $0)
    }
    return bytes
  }

  /// The same snapshot as `snapshot`, handed over in chunks of up to `chunkSize` bytes
  /// instead of held whole (issue 12: a parse keeps what it reads, not the text). Before
  /// each attempt `restart` is called with the file's size: whatever the chunks of a failed
  /// attempt built must be dropped there. After the call returns, the chunks given since the
  /// last `restart` are the file's bytes at one moment.
  package static func read(
    _ path: String, attempts: Int = 5, chunkSize: Int = 1 << 20, restart: (Int) -> Void,
    chunk: (ArraySlice<UInt8>) -> Void
  ) throws(SnapshotFailure) {
    let fd: Int32
    do {
      fd = try SystemCall.retrying { open(path, O_RDONLY | O_CLOEXEC) }
    } catch {
      throw error == .noSuchFile ? .missing : .unreadable
    }
    defer { close(fd) }
    var info = stat()
    if fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { throw .folder }
    // A file system without flock (some network mounts) is read without the lock.
    let locked = (try? SystemCall.retrying { flock(fd, LOCK_SH) }) != nil
    defer { if locked { flock(fd, LOCK_UN) } }
    var buffer = [UInt8](repeating: 0, count: max(chunkSize, 1))
    for _ in 0..<max(attempts, 1) {
      guard let before = Stamp(fd) else { throw .unreadable }
      restart(before.size)
      var offset = 0
      while true {
        // Fill the buffer (a short read is not the end), then hand it over.
        var filled = 0
        while filled < buffer.count {
          let n: Int
          do {
            n = try SystemCall.retrying {
              buffer.withUnsafeMutableBytes {
                pread(fd, $0.baseAddress! + filled, $0.count - filled, off_t(offset + filled))
              }
            }
          } catch {
            throw .unreadable
          }
          if n == 0 { break }
          filled += n
        }
        if filled > 0 { chunk(buffer[..<filled]) }
        offset += filled
        if filled < buffer.count { break }
      }
      guard let after = Stamp(fd) else { throw .unreadable }
      if before == after && after.size == offset { return }
    }
    throw .unsettled
  }

  /// What changes when a file is written: its size, modification and change times.
  private struct Stamp: Equatable {
    var size: Int
    var times: FileTimes

    init?(_ fd: Int32) {
      var info = stat()
      guard fstat(fd, &info) == 0 else { return nil }
      size = Int(info.st_size)
      times = FileTimes(info)
    }
  }

  // MARK: Helpers

  private static func ioFailure(_ path: String, _ what: String, _ code: Errno) -> AppendFailure {
    .io(path: path, message: "\(what) '\(path)': \(code)", code: code)
  }

  /// Problems that would make the printed entry mean something else (a newline in a value,
  /// a space in an ID): caught before printing, so the parser never sees them.
  static func lexicalProblems(of draft: EntryDraft, index: Int) -> [DraftProblem] {
    var problems: [DraftProblem] = []
    func isWord(_ s: String) -> Bool {
      !s.isEmpty && !s.unicodeScalars.contains { $0.properties.isWhitespace || $0 == ":" }
    }
    if !isWord(draft.verb) {
      problems.append(
        DraftProblem(
          .unknownVerb, draft: index, part: .verb,
          message: "missing or malformed verb '\(draft.verb)'"))
    }
    if !isWord(draft.application) {
      problems.append(
        DraftProblem(
          .invalidID, draft: index, part: .application,
          message: "invalid application ID '\(draft.application)'",
          hint:
            "an ID is lowercase letters, digits, '.', '_' and '-', starting with a letter or digit")
      )
    }
    for (i, field) in draft.fields.enumerated() {
      if !isWord(field.key) || field.key.hasPrefix("#") {
        problems.append(
          DraftProblem(
            .malformedField, draft: index, part: .key(i), message: "malformed key '\(field.key)'",
            hint: "a key is one word such as 'decision'"))
      }
      if field.value.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" }) {
        problems.append(
          DraftProblem(
            .invalidValue, draft: index, part: .value(i),
            message: "the value of '\(field.key)' spans lines",
            hint: "a ledger value is one line"))
      }
    }
    if case .iso8601(let text) = draft.moment,
      draft.wallClock(in: TimeZone(identifier: "UTC")!, readingIn: TimeZone(identifier: "UTC")!)
        == nil
    {
      problems.append(
        DraftProblem(
          .malformedDate, draft: index, part: .moment,
          message: "'\(text)' is not an ISO 8601 date or date-time",
          hint: "e.g. 2026-11-27, 2026-11-27T14:30 or 2026-11-27T14:30+01:00"))
    }
    return problems
  }

  /// Where each part of a printed draft landed in the combined text.
  private struct Layout {
    var draft: Int
    var headerLine: Int
    var verbColumn: Int
    var applicationColumn: Int
    var valueColumns: [Int]

    /// The part of the draft a diagnostic in its lines is about.
    func part(at item: Diagnostic) -> DraftPart {
      let line = item.location.line
      let column = item.location.column
      if line == headerLine {
        if item.code == .missingRequiredKey { return .entry }
        if column >= applicationColumn { return .application }
        if column >= verbColumn { return .verb }
        return .moment
      }
      let i = line - headerLine - 1
      guard i < valueColumns.count else { return .entry }
      return column >= valueColumns[i] ? .value(i) : .key(i)
    }
  }

  /// Prints the drafts after `existing`, parses the lot, and maps problems back to the drafts.
  private static func compose(
    _ existing: [UInt8], _ drafts: [EntryDraft], _ checked: [Int], path: String,
    defaultZone: TimeZone, zone: (EntryDraft) -> (header: TimeZone, reading: TimeZone)
  ) throws(AppendFailure) -> Appended {
    let crlf = usesCRLF(existing)
    let eol = crlf ? "\r\n" : "\n"
    var appended = ""
    var line = existing.count(where: { $0 == 0x0A }) + 1
    if !existing.isEmpty {
      if existing.last != 0x0A {
        appended += eol
        line += 1
      }
      appended += eol
      line += 1
    }
    var layouts: [Layout] = []
    for (position, index) in checked.enumerated() {
      let draft = drafts[index]
      if position > 0 {
        appended += eol
        line += 1
      }
      let zones = zone(draft)
      let (date, time) = draft.wallClock(in: zones.header, readingIn: zones.reading)!
      let fields = draft.fields.map {
        DraftField(key: $0.key, value: $0.value.trimmingCharacters(in: .whitespaces))
      }
      let text = EntryText.render(
        date: date, time: time, verb: draft.verb, application: draft.application,
        fields: fields, lineEnding: eol)
      let verbColumn = date.description.count + (time == nil ? 0 : 6) + 2
      layouts.append(
        Layout(
          draft: index, headerLine: line, verbColumn: verbColumn,
          applicationColumn: verbColumn + draft.verb.unicodeScalars.count + 1,
          valueColumns: fields.map { 3 + $0.key.unicodeScalars.count + 2 }))
      appended += text
      line += 1 + fields.count
    }

    do {
      let journal = try Journal.parse(
        existing + Array(appended.utf8), path: path, defaultZone: defaultZone)
      return Appended(
        journal: journal, appended: appended,
        firstAppendedLine: layouts.first?.headerLine ?? line)
    } catch {
      throw attribute(error, to: layouts)
    }
  }

  /// Splits the parser's problems into those in the existing text and those in the drafts,
  /// each of the latter pointed at the part of the draft the user typed.
  private static func attribute(_ diagnostics: Diagnostics, to layouts: [Layout])
    -> AppendFailure
  {
    var inLedger: [Diagnostic] = []
    var inDrafts: [DraftProblem] = []
    for item in diagnostics.items {
      // Lines before the first draft's header are the existing text (or a blank separator).
      guard let layout = layouts.last(where: { $0.headerLine <= item.location.line }) else {
        inLedger.append(item)
        continue
      }
      inDrafts.append(
        DraftProblem(
          item.code, draft: layout.draft, part: layout.part(at: item), message: item.message,
          hint: draftHint(for: item, firstDraftLine: layouts[0].headerLine)))
    }
    var ledger = Diagnostics(inLedger)
    // The holidays files the ledger itself names, to be read for problems of their own.
    ledger.holidaySources = diagnostics.holidaySources.filter { source in
      layouts.first.map { source.location.line < $0.headerLine } ?? true
    }
    return .invalid(ledger: ledger, drafts: inDrafts)
  }

  /// A diagnostic's hint in the words of a draft (`key=value` arguments, not the printed
  /// lines): the line numbers of the combined text exist in no file.
  private static func draftHint(for item: Diagnostic, firstDraftLine: Int) -> String? {
    switch item.code {
    case .duplicateKey: return "the same key is given twice; keep one"
    case .missingValue: return "give the value after the '=', or leave the key out"
    case .conflictingZone:
      // "the interview at line N says 'ZONE'; …": a line of the ledger, or one of the new
      // entries (whose lines exist in no file).
      guard let hint = item.hint, hint.hasPrefix("the interview at line "),
        let says = hint.range(of: " says "),
        let line = Int(hint[hint.index(hint.startIndex, offsetBy: 22)..<says.lowerBound])
      else { return item.hint }
      return
        (line >= firstDraftLine
        ? "an earlier one of the new entries" : "the interview at line \(line) of the ledger")
        + hint[says.lowerBound...]
    default: return item.hint
    }
  }

  /// Whether the text's first line ends in CRLF.
  static func usesCRLF(_ bytes: [UInt8]) -> Bool {
    guard let lf = bytes.firstIndex(of: 0x0A) else { return false }
    return lf > 0 && bytes[lf - 1] == 0x0D
  }
}
