import Export
import Foundation
import SeededRandom

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Issue 12: how long after an append the new calendar is there — in process (`render`
/// after an append, against the straightforward `renderFully`, whose bytes it must equal),
/// and end to end (a real `tenterhooks serve`, a real `tenterhooks log`, then the served
/// ETag polled until it changes).
enum FeedLatency {
  struct Figures {
    var applications = 0
    var outputBytes = 0
    var incremental: [Double] = []
    var full: [Double] = []
    var served: [Double] = []
    /// Picks the applications appended to, spread over the ID order (seeded, so each run
    /// touches the same ones).
    var random = SplitMix64(seed: 12)
    mutating func pick() -> Int { Int(random.next() % UInt64(applications)) }
  }

  /// The in-process figures: `rounds` appends of a new interview, each rendered both ways.
  static func inProcess(ledger: String, now: Date, rounds: Int, into figures: inout Figures)
    throws
  {
    let zone = TimeZone(identifier: "Europe/Berlin")!
    _ = try Pipeline.render(ledgerPath: ledger, now: now, defaultZone: zone)
    for round in 0..<rounds {
      // A further interview of an existing application: its actions change, the others' not.
      try append(
        "\n2026-06-\(10 + round % 15) 10:00 interview app\(figures.pick())\n  place: Bench\n",
        to: ledger)
      let (fast, seconds) = try measure {
        try Pipeline.render(ledgerPath: ledger, now: now, defaultZone: zone)
      }
      let (reference, fullSeconds) = try measure {
        try Pipeline.renderFully(ledgerPath: ledger, now: now, defaultZone: zone)
      }
      guard fast.bytes == reference.bytes else {
        fatalError("the incremental render differs from the full one at round \(round)")
      }
      figures.incremental.append(seconds)
      figures.full.append(fullSeconds)
      figures.outputBytes = fast.bytes.count
    }
  }

  /// The end-to-end figures: `tenterhooks serve` on the ledger, `rounds` times
  /// `tenterhooks log` of a new interview, each followed by HEAD requests until the ETag
  /// changes; the time from `log` returning to the new ETag.
  static func served(
    ledger: String, options: Benchmark.Options, rounds: Int, into figures: inout Figures
  ) throws {
    let port = 18_000 + Int(getpid() % 2000)
    let errors = options.work + "/serve.log"
    let server = spawn(
      [
        options.tenterhooks, "serve", "--ledger", ledger, "--now", options.now, "--port",
        "\(port)",
      ], stderrPath: errors)
    defer {
      kill(server, SIGTERM)
      var status: Int32 = 0
      waitpid(server, &status, 0)
    }
    var tag: String?
    for _ in 0..<6000 where tag == nil {
      tag = entityTag(port: port)
      if tag == nil { usleep(10_000) }
    }
    guard var current = tag else { fatalError("tenterhooks serve did not answer (\(errors))") }
    for round in 0..<rounds {
      let logged = Child.run(
        [
          options.tenterhooks, "log", "--ledger", ledger, "--now", options.now, "interview",
          "app\(figures.pick())", "place=Bench \(round)",
        ], stdoutPath: "/dev/null")
      guard logged.status == 0 else { fatalError("tenterhooks log failed") }
      let start = ContinuousClock.now
      var next = current
      while next == current {
        usleep(200)
        next = entityTag(port: port) ?? current
        if start.duration(to: .now) > .seconds(120) { fatalError("the ETag never changed") }
      }
      figures.served.append(start.duration(to: .now).seconds)
      current = next
    }
  }

  static func append(_ text: String, to path: String) throws {
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(text.utf8))
    try handle.close()
  }

  /// Starts `arguments` without waiting; its standard error goes to `stderrPath`.
  static func spawn(_ arguments: [String], stderrPath: String) -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let argv = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, arguments[0], &actions, nil, argv, environ)
    guard spawned == 0 else { fatalError("cannot run \(arguments[0])") }
    return pid
  }

  /// The ETag a HEAD request for `/calendar.ics` gets, or `nil` when nothing answers.
  static func entityTag(port: Int) -> String? {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else { return nil }
    let request = "HEAD /calendar.ics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    _ = request.withCString { send(fd, $0, strlen($0), 0) }
    var response: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
      if count <= 0 { break }
      response += buffer[0..<count]
      if response.count > 4 && response.suffix(4) == [13, 10, 13, 10] { break }
    }
    let text = String(decoding: response, as: UTF8.self)
    guard text.hasPrefix("HTTP/1.1 200") else { return nil }
    return text.split(separator: "\r\n").first { $0.lowercased().hasPrefix("etag:") }.map(
      String.init)
  }

  static func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return .nan }
    return values.sorted()[values.count / 2]
  }
}
