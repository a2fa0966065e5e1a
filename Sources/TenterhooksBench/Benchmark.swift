import Export
import Foundation
import ICal
import Ledger
@_spi(Reference) import Scheduler

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `tenterhooks-bench`: how fast and how lean the export is, against libical's own floor and
/// Python's icalendar, on synthetic ledgers of several sizes. Build it in release mode next to
/// the real `tenterhooks` (which it runs for the end-to-end figure):
///
///     swift build -c release --product tenterhooks
///     swift build -c release --product tenterhooks-bench
///     .build/release/tenterhooks-bench [--sizes 1000,10000,100000] [--python-max N]
@main
struct Benchmark {
  /// What the command line asks for.
  struct Options {
    var sizes = [1000, 10000, 100_000]
    var seed: UInt64 = 2026
    var work = "/tmp/tenterhooks-bench"
    var tenterhooks = Options.sibling("tenterhooks")
    var python = ".build-venv/bin/python"
    var script = "Benchmarks/icalendar_reference.py"
    /// Sizes above this skip the Python reference.
    var pythonMax = Int.max
    /// Skip libical's floor and Python (parse/schedule/export and end-to-end only).
    var quick = false
    /// Applications in the feed-regeneration measurement (0 skips it).
    var feedSize = 200
    /// The largest of `sizes` the feed latency is also measured at.
    var latencyMax = 10_000
    /// Only generate the ledger of the first size at `--work`, for profiling.
    var generateOnly = false
    /// Only run `Pipeline.export` once on this ledger (what `tenterhooks export` does), for
    /// profiling: valgrind cannot follow the CLI's async main into libdispatch.
    var exportOnce: (ledger: String, output: String)?
    /// With `exportOnce`: schedule on the calling thread too, as before issue 12's pipeline.
    var sequential = false
    var now = "2026-07-01T12:00:00+02:00"
    /// Postponements of one application in the scheduling rows (empty skips them).
    var postponements = [125, 250, 500, 1000, 2000]
    /// Above this many postponements the per-prefix definition is not run (it is cubic).
    var definitionMax = 250

    static func sibling(_ name: String) -> String {
      let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
      return me.deletingLastPathComponent().appendingPathComponent(name).path
    }

    static func parse(_ arguments: [String]) -> Options {
      var options = Options()
      var rest = arguments.dropFirst()
      func value(_ name: String) -> String {
        guard let v = rest.popFirst() else { usage("\(name) needs a value") }
        return v
      }
      while let argument = rest.popFirst() {
        switch argument {
        case "--sizes":
          options.sizes = value(argument).split(separator: ",").map {
            guard let n = Int($0), n > 0 else { usage("bad size '\($0)'") }
            return n
          }
        case "--seed": options.seed = UInt64(value(argument)) ?? options.seed
        case "--work": options.work = value(argument)
        case "--tenterhooks": options.tenterhooks = value(argument)
        case "--python": options.python = value(argument)
        case "--script": options.script = value(argument)
        case "--python-max": options.pythonMax = Int(value(argument)) ?? Int.max
        case "--feed-size": options.feedSize = Int(value(argument)) ?? 200
        case "--latency-max": options.latencyMax = Int(value(argument)) ?? 10_000
        case "--now": options.now = value(argument)
        case "--postponements":
          options.postponements = value(argument).split(separator: ",").compactMap { Int($0) }
        case "--definition-max": options.definitionMax = Int(value(argument)) ?? 250
        case "--quick": options.quick = true
        case "--generate-only": options.generateOnly = true
        case "--export-once": options.exportOnce = (value(argument), value(argument))
        case "--sequential": options.sequential = true
        case "-h", "--help": usage(nil)
        default: usage("unknown argument '\(argument)'")
        }
      }
      return options
    }

    static func usage(_ problem: String?) -> Never {
      if let problem { FileHandle.standardError.write(Data("error: \(problem)\n".utf8)) }
      print(
        """
        usage: tenterhooks-bench [--sizes 1000,10000,100000] [--seed N] [--work DIR]
                                 [--tenterhooks PATH] [--python PATH] [--script PATH]
                                 [--python-max N] [--feed-size N] [--now DATETIME] [--quick]
                                 [--generate-only] [--export-once LEDGER OUT.ics [--sequential]]
                                 [--postponements 125,250,500,1000,2000] [--definition-max N]
                                 [--latency-max N]
        """)
      exit(problem == nil ? 0 : 64)
    }
  }

  /// One size's figures.
  struct Row {
    var applications = 0
    var ledgerBytes = 0
    var events = 0
    var alarms = 0
    var parse = 0.0
    var schedule = 0.0
    var export = 0.0
    var endToEnd = ChildUsage(status: 0, seconds: 0, peakBytes: 0, cpuSeconds: 0)
    var outputBytes = 0
    var floor: Double?
    var python: Double?
    var pythonUsage: ChildUsage?
    var planJSON: Double?
  }

  static func main() throws {
    let options = Options.parse(CommandLine.arguments)
    try FileManager.default.createDirectory(
      atPath: options.work, withIntermediateDirectories: true)
    if let once = options.exportOnce {
      let now = ISODateTime.parse(options.now, defaultZone: .current)!
      let written = try Pipeline.export(
        ledgerPath: once.ledger, now: now, defaultZone: .current,
        threading: options.sequential ? .sequential : .pipelined, to: once.output)
      log("wrote \(written.actionCount) actions to \(once.output)")
      return
    }
    if options.generateOnly {
      let path = try writeLedger(applications: options.sizes[0], options: options)
      print(path)
      return
    }
    guard FileManager.default.isExecutableFile(atPath: options.tenterhooks) else {
      Options.usage("no tenterhooks binary at \(options.tenterhooks) (build it in release first)")
    }
    printMachine()
    if !options.postponements.isEmpty { try postponementRows(options: options) }
    var rows: [Row] = []
    for size in options.sizes {
      let row = try run(applications: size, options: options)
      rows.append(row)
      report(row)
    }
    print()
    printTables(rows)
    if options.feedSize > 0 { try feedRegeneration(options: options) }
  }

  // MARK: One size

  static func writeLedger(applications: Int, options: Options, name: String? = nil) throws
    -> String
  {
    let folder = options.work + "/" + (name ?? "\(applications)")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try SyntheticLedger.holidays.write(
      toFile: folder + "/holidays.ics", atomically: true, encoding: .utf8)
    let path = folder + "/interviews.ledger"
    try SyntheticLedger.generate(
      applications: applications, seed: options.seed, holidays: "holidays.ics"
    ).write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  static func run(applications: Int, options: Options) throws -> Row {
    var row = Row()
    row.applications = applications
    let ledger = try writeLedger(applications: applications, options: options)
    let folder = options.work + "/\(applications)"
    row.ledgerBytes = fileSize(ledger)
    let zone = TimeZone(identifier: "Europe/Berlin")!
    guard let now = ISODateTime.parse(options.now, defaultZone: zone) else {
      Options.usage("bad --now")
    }
    log("\(applications) applications: ledger \(megabytes(row.ledgerBytes))")

    // Each stage in this process, on its own.
    let (workspace, parse) = try measure {
      try Workspace.load(ledgerPath: ledger, defaultZone: zone)
    }
    row.parse = parse
    let (actions, schedule) = measure { Pipeline.plan(workspace, now: now) }
    row.schedule = schedule
    // The one-replay revisions against their definition, a plan per prefix (issue 12).
    if applications <= 10_000 {
      let reference = Scheduler.planReplayingEveryPrefix(
        workspace.journal, holidays: workspace.holidays, now: now)
      guard reference == actions else {
        fatalError("one replay and the definition differ at \(applications) applications")
      }
    }
    row.events = actions.count
    row.alarms = actions.reduce(0) { $0 + ($1.status == .pending ? $1.reminders.count : 0) }
    let exported = folder + "/export.ics"
    row.export = try measure {
      let writer = try AtomicFile.Writer(replacing: exported)
      try CalendarExport.stream(
        actions, settings: workspace.journal.settings, defaultZone: zone,
        bytesInto: writer.append)
      try writer.commit()
    }.1
    row.outputBytes = fileSize(exported)
    log(
      "  parse \(ms(row.parse)), schedule \(ms(row.schedule)), export \(ms(row.export)):"
        + " \(row.events) events, \(megabytes(row.outputBytes))")

    // The real command, end to end, in a process of its own (its peak memory is its own).
    let endToEnd = folder + "/end-to-end.ics"
    row.endToEnd = Child.run([
      options.tenterhooks, "export", "--ledger", ledger, "--now", options.now, "-o", endToEnd,
    ])
    guard row.endToEnd.status == 0 else { fatalError("tenterhooks export failed") }
    // The command streams one application at a time (a different order from the timed
    // stages above), so it is checked against the library's own streaming export, done
    // the straightforward way: on one thread, where the command plans on a second one.
    let library = folder + "/library.ics"
    _ = try Pipeline.export(
      ledgerPath: ledger, now: now, defaultZone: zone, threading: .sequential, to: library)
    guard sameContents(library, endToEnd) else {
      fatalError("the end-to-end export differs from the in-process one")
    }
    unlink(library)
    unlink(endToEnd)
    log(
      "  end to end \(ms(row.endToEnd.seconds)), peak \(megabytes(row.endToEnd.peakBytes))")

    if !options.quick {
      row.floor = try floor(
        actions, settings: workspace.journal.settings, zone: zone, to: folder + "/floor.ics")
      log("  libical floor \(ms(row.floor!))")
    }
    unlink(exported)

    if !options.quick && applications <= options.pythonMax {
      let plan = folder + "/plan.json"
      let planned = Child.run(
        [
          options.tenterhooks, "plan", "--format", "json", "--all", "--ledger", ledger, "--now",
          options.now,
        ], stdoutPath: plan)
      guard planned.status == 0 else { fatalError("tenterhooks plan failed") }
      row.planJSON = planned.seconds
      let result = folder + "/python.json"
      let python = Child.run(
        [options.python, options.script, plan, folder + "/python.ics"], stdoutPath: result)
      guard python.status == 0,
        let data = FileManager.default.contents(atPath: result),
        let report = try JSONSerialization.jsonObject(with: data) as? [String: Any],
        let seconds = report["seconds"] as? Double
      else { fatalError("the Python reference failed (is icalendar in \(options.python)?)") }
      row.python = seconds
      row.pythonUsage = python
      unlink(plan)
      unlink(folder + "/python.ics")
      log("  Python icalendar \(ms(seconds)), peak \(megabytes(python.peakBytes))")
    }
    return row
  }

  /// libical's floor for the same events: values prepared first, then timed.
  static func floor(_ actions: [Action], settings: Settings, zone: TimeZone, to path: String)
    throws -> Double
  {
    var shell = try CalendarExport.calendar(for: actions, settings: settings, defaultZone: zone)
    let events = shell.events
    shell.events = []
    let (header, footer) = try ComponentSerializer.envelope(of: shell)
    var prologue = header
    for timeZone in shell.timeZones { prologue += try ComponentSerializer.text(of: timeZone) }
    let floor = LibicalFloor(events: events, prologue: prologue, epilogue: footer)
    let (_, seconds) = measure { floor.run(to: path) }
    unlink(path)
    return seconds
  }

  // MARK: Scheduling one long application

  /// Issue 12: `schedule` for one application with N postponements, in one replay, and by the
  /// definition (a plan per prefix) up to `definitionMax`, whose actions must be identical.
  /// Linear means the time per entry stays flat as N doubles.
  static func postponementRows(options: Options) throws {
    let zone = TimeZone(identifier: "Europe/Berlin")!
    let now = ISODateTime.parse(options.now, defaultZone: zone)!
    print()
    print("Scheduling one application with N postponements (`Pipeline.plan`, best of 3):")
    print()
    print(
      "| postponements | actions | texts | one replay | per entry | plan per prefix (definition)"
        + " | per entry | identical |")
    print("|---:|---:|---:|---:|---:|---:|---:|:---:|")
    for count in options.postponements {
      let folder = options.work + "/postponed-\(count)"
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      let path = folder + "/interviews.ledger"
      try SyntheticLedger.postponed(count).write(toFile: path, atomically: true, encoding: .utf8)
      let workspace = try Workspace.load(ledgerPath: path, defaultZone: zone)
      var best = Double.infinity
      var actions: [Action] = []
      for _ in 0..<3 {
        let (planned, seconds) = measure { Pipeline.plan(workspace, now: now) }
        actions = planned
        best = min(best, seconds)
      }
      var cells = [
        "\(count)", "\(actions.count)", megabytes(actions.reduce(0) { $0 + $1.why.utf8.count }),
        ms(best), microseconds(best / Double(count + 1)),
      ]
      if count <= options.definitionMax {
        let (reference, seconds) = measure {
          Scheduler.planReplayingEveryPrefix(
            workspace.journal, holidays: workspace.holidays, now: now)
        }
        guard reference == actions else {
          fatalError("one replay and the definition differ at \(count) postponements")
        }
        cells += [ms(seconds), microseconds(seconds / Double(count + 1)), "yes"]
      } else {
        cells += ["–", "–", "–"]
      }
      print("| " + cells.joined(separator: " | ") + " |")
      log("  \(count) postponements: \(ms(best))")
    }
  }

  static func microseconds(_ seconds: Double) -> String {
    String(format: "%.0f µs", seconds * 1e6)
  }

  // MARK: Feed regeneration

  /// What `feed --watch` and `serve` do after `tenterhooks log`: in process, `render` after
  /// an append (incremental) against `renderFully` (what every regeneration did before),
  /// bytes compared; then a real `serve` and `log`, timed until the served ETag changes.
  static func feedRegeneration(options: Options) throws {
    let zone = TimeZone(identifier: "Europe/Berlin")!
    let now = ISODateTime.parse(options.now, defaultZone: zone)!
    var sizes = [options.feedSize]
    sizes += options.sizes.filter { $0 <= options.latencyMax && $0 != options.feedSize }
    var rows: [FeedLatency.Figures] = []
    for size in sizes {
      var figures = FeedLatency.Figures()
      figures.applications = size
      let ledger = try writeLedger(applications: size, options: options, name: "feed-\(size)")
      try FeedLatency.inProcess(ledger: ledger, now: now, rounds: 11, into: &figures)
      log("  feed \(size): render after an append \(ms(FeedLatency.median(figures.incremental)))")
      try FeedLatency.served(ledger: ledger, options: options, rounds: 21, into: &figures)
      log("  feed \(size): served after log \(ms(FeedLatency.median(figures.served)))")
      rows.append(figures)
    }
    print()
    print(
      "Feed after an append (`Pipeline.render` in process, 11 appends; `tenterhooks serve`"
        + " with `tenterhooks log`, 21 appends, HEAD until the ETag changes):")
    print()
    print(
      "| applications | output | render after an append (median) | full render (median)"
        + " | full ÷ incremental | log → new ETag served: median | min | max |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows {
      let fast = FeedLatency.median(r.incremental)
      let full = FeedLatency.median(r.full)
      let cells = [
        "\(r.applications)", megabytes(r.outputBytes), ms(fast), ms(full), ratio(full / fast),
        ms(FeedLatency.median(r.served)), ms(r.served.min() ?? .nan),
        ms(r.served.max() ?? .nan),
      ]
      print("| " + cells.joined(separator: " | ") + " |")
    }
  }

  // MARK: Reporting

  static func printMachine() {
    let cpu =
      (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
      .split(separator: "\n").first { $0.hasPrefix("model name") }
      .map { $0.split(separator: ":", maxSplits: 1)[1].trimmingCharacters(in: .whitespaces) }
      ?? "unknown"
    let memory = ProcessInfo.processInfo.physicalMemory / (1 << 20)
    print(
      "Machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(cpu),"
        + " \(memory) MiB; libical \(LibicalFloor.version)")
  }

  static func report(_ row: Row) {
    log("  done: \(row.applications) applications")
  }

  static func printTables(_ rows: [Row]) {
    print(
      "| applications | events (alarms) | ledger | parse | schedule | export | end to end"
        + " | e2e peak RSS | output | libical floor | e2e ÷ floor | Python icalendar"
        + " | Python ÷ e2e | Python peak RSS |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows {
      var cells: [String] = ["\(r.applications)", "\(r.events) (\(r.alarms))"]
      cells += [megabytes(r.ledgerBytes), ms(r.parse), ms(r.schedule), ms(r.export)]
      cells += [ms(r.endToEnd.seconds), megabytes(r.endToEnd.peakBytes), megabytes(r.outputBytes)]
      let e2e = r.endToEnd.seconds
      cells.append(r.floor.map(ms) ?? "–")
      cells.append(r.floor.map { ratio(e2e / $0) } ?? "–")
      cells.append(r.python.map(ms) ?? "–")
      cells.append(r.python.map { ratio($0 / e2e) } ?? "–")
      cells.append(r.pythonUsage.map { megabytes($0.peakBytes) } ?? "–")
      print("| " + cells.joined(separator: " | ") + " |")
    }
    print()
    print(
      "| applications | events/s parse | events/s schedule | events/s export"
        + " | events/s end to end | events/s floor | events/s Python | Python ÷ export"
        + " | e2e CPU |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows {
      let events = Double(r.events)
      let rate = { (seconds: Double) -> String in rateText(events / seconds) }
      var cells: [String] = ["\(r.applications)", rate(r.parse), rate(r.schedule)]
      cells += [rate(r.export), rate(r.endToEnd.seconds)]
      cells.append(r.floor.map(rate) ?? "–")
      cells.append(r.python.map(rate) ?? "–")
      cells.append(r.python.map { ratio($0 / r.export) } ?? "–")
      cells.append(ms(r.endToEnd.cpuSeconds))
      print("| " + cells.joined(separator: " | ") + " |")
    }
  }

  static func log(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
  }

  static func ms(_ seconds: Double) -> String {
    if seconds >= 10 { return String(format: "%.1f s", seconds) }
    if seconds >= 1 { return String(format: "%.2f s", seconds) }
    if seconds >= 0.01 { return String(format: "%.0f ms", seconds * 1000) }
    return String(format: "%.1f ms", seconds * 1000)
  }

  static func megabytes(_ bytes: Int) -> String {
    String(format: "%.1f MB", Double(bytes) / 1e6)
  }

  static func ratio(_ value: Double) -> String { String(format: "%.2f×", value) }

  static func rateText(_ value: Double) -> String {
    value >= 1e6 ? String(format: "%.2f M", value / 1e6) : String(format: "%.0f k", value / 1e3)
  }
}
