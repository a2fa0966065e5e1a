import Export
import Feed
import Foundation
import Testing

/// The server's protocol, answered in process (HummingbirdTesting's router client, the watch
/// loop on a manual clock), and one real server on a free loopback port.
@Suite("serve")
struct FeedServerTests {
  static let lastModified = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18, in the past

  /// Runs `body` against a server for `stub`, in process.
  func withServer(
    _ stub: StubRenderer, token: String? = nil, watching paths: [String] = [],
    log: LogRecorder = LogRecorder(), _ body: @Sendable (InProcessServer) async throws -> Void
  ) async throws {
    try await withInProcessServer(stub.render, token: token, watching: paths, log: log, body)
  }

  @Test(
    "a real server listens on a free loopback port, answers over the socket, and stops on cancel")
  func liveSocket() async throws {
    let calendar = sampleCalendar(lastModified: Self.lastModified)
    let log = LogRecorder()
    let server = FeedServer(
      configuration: .init(host: "127.0.0.1", port: 0),
      watching: [], logger: log.logger, render: StubRenderer(calendar).render)
    let running = try await RunningServer.start(server)
    do {
      #expect(running.port > 0)
      #expect(
        log.text.contains("serving the calendar at http://127.0.0.1:\(running.port)/calendar.ics"))
      let response = try await running.request("/calendar.ics")
      #expect(response.status == 200)
      #expect(response.body == calendar.bytes)
      #expect(response.header("Content-Type") == "text/calendar; charset=utf-8")
      #expect(response.header("ETag") == EntityTag(for: calendar.bytes).description)
      #expect(response.header("Last-Modified") == "Wed, 18 Nov 2026 11:06:40 GMT")
      #expect(response.header("Content-Length") == "\(calendar.bytes.count)")
      let missing = try await running.request("/../calendar.ics")
      #expect(missing.status == 404)
    } catch {
      try? await running.stop()
      throw error
    }
    try await running.stop()
  }

  @Test("GET answers 200 with the exact bytes and the feed headers")
  func getServesCalendar() async throws {
    let calendar = sampleCalendar(lastModified: Self.lastModified)
    try await withServer(StubRenderer(calendar)) { server in
      let response = try await server.request("/calendar.ics")
      #expect(response.status == 200)
      #expect(response.body == calendar.bytes)
      #expect(response.header("Content-Type") == "text/calendar; charset=utf-8")
      #expect(response.header("ETag") == EntityTag(for: calendar.bytes).description)
      #expect(response.header("Last-Modified") == "Wed, 18 Nov 2026 11:06:40 GMT")
      #expect(response.header("Cache-Control") == "max-age=3600")
      #expect(response.header("Content-Length") == "\(calendar.bytes.count)")
    }
  }

  @Test("HEAD has the GET headers and no body")
  func headHasNoBody() async throws {
    let calendar = sampleCalendar(lastModified: Self.lastModified)
    try await withServer(StubRenderer(calendar)) { server in
      let response = try await server.request("/calendar.ics", method: "HEAD")
      #expect(response.status == 200)
      #expect(response.body.isEmpty)
      #expect(response.header("Content-Length") == "\(calendar.bytes.count)")
      #expect(response.header("ETag") == EntityTag(for: calendar.bytes).description)
      #expect(response.header("Content-Type") == "text/calendar; charset=utf-8")
      #expect(response.header("Last-Modified") == "Wed, 18 Nov 2026 11:06:40 GMT")
    }
  }

  @Test("a matching If-None-Match (exact, in a list, weak, or *) gets 304 without a body")
  func notModifiedByEntityTag() async throws {
    let calendar = sampleCalendar(lastModified: Self.lastModified)
    let tag = EntityTag(for: calendar.bytes).description
    try await withServer(StubRenderer(calendar)) { server in
      for value in [tag, "\"stale\", \(tag)", "W/\(tag)", "*"] {
        for method in ["GET", "HEAD"] {
          let response = try await server.request(
            "/calendar.ics", method: method, headers: [("If-None-Match", value)])
          #expect(response.status == 304, "If-None-Match: \(value) (\(method))")
          #expect(response.body.isEmpty)
          #expect(response.header("ETag") == tag)
          #expect(response.header("Cache-Control") == "max-age=3600")
          #expect(response.header("Last-Modified") == "Wed, 18 Nov 2026 11:06:40 GMT")
        }
      }
      let stale = try await server.request(
        "/calendar.ics", headers: [("If-None-Match", "\"stale\"")])
      #expect(stale.status == 200)
      #expect(stale.body == calendar.bytes)
    }
  }

  @Test("If-Modified-Since not older than Last-Modified gets 304, unless If-None-Match decides")
  func notModifiedByDate() async throws {
    let calendar = sampleCalendar(lastModified: Self.lastModified)
    try await withServer(StubRenderer(calendar)) { server in
      let same = try await server.request(
        "/calendar.ics", headers: [("If-Modified-Since", "Wed, 18 Nov 2026 11:06:40 GMT")])
      #expect(same.status == 304)
      #expect(same.body.isEmpty)
      let later = try await server.request(
        "/calendar.ics", headers: [("If-Modified-Since", "Thu, 19 Nov 2026 08:00:00 GMT")])
      #expect(later.status == 304)
      let earlier = try await server.request(
        "/calendar.ics", headers: [("If-Modified-Since", "Wed, 18 Nov 2026 11:06:39 GMT")])
      #expect(earlier.status == 200)
      #expect(earlier.body == calendar.bytes)
      let unreadable = try await server.request(
        "/calendar.ics", headers: [("If-Modified-Since", "yesterday")])
      #expect(unreadable.status == 200)
      let overruled = try await server.request(
        "/calendar.ics",
        headers: [
          ("If-None-Match", "\"stale\""), ("If-Modified-Since", "Thu, 19 Nov 2026 08:00:00 GMT"),
        ])
      #expect(overruled.status == 200)
    }
  }

  @Test("Last-Modified is never in the future, and is the render time without a ledger date")
  func lastModifiedIsNotInTheFuture() async throws {
    let started = Date().addingTimeInterval(-1)
    for date in [Date().addingTimeInterval(86_400 * 30), nil] {
      try await withServer(StubRenderer(sampleCalendar(lastModified: date))) { server in
        let response = try await server.request("/calendar.ics")
        let served = try #require(response.header("Last-Modified").flatMap(HTTPDate.parse))
        #expect(served >= started.addingTimeInterval(-1))
        #expect(served <= Date())
      }
    }
  }

  @Test("a change of the ledger is served with a new ETag, and the old ETag no longer matches")
  func regeneratesOnChange() async throws {
    try await withTemporaryFolder { folder in
      let ledger = folder + "/interviews.ledger"
      try Data("timezone Europe/Berlin\n".utf8).write(to: URL(fileURLWithPath: ledger))
      let stub = StubRenderer(sampleCalendar("one", lastModified: Self.lastModified))
      try await withServer(stub, watching: [ledger]) { server in
        let first = try await server.request("/calendar.ics")
        let oldTag = try #require(first.header("ETag"))
        let changed = sampleCalendar("two", lastModified: Self.lastModified.addingTimeInterval(60))
        stub.set(.success(changed))
        try edit(ledger, appending: "2026-11-24 10:00 interview acme\n")
        server.poll()
        try await server.waitForRegenerations(2)
        let second = try await server.request("/calendar.ics", headers: [("If-None-Match", oldTag)])
        #expect(second.status == 200)
        #expect(second.body == changed.bytes)
        #expect(second.header("ETag") == EntityTag(for: changed.bytes).description)
        #expect(second.header("ETag") != oldTag)
        #expect(second.header("Last-Modified") == "Wed, 18 Nov 2026 11:07:40 GMT")
      }
    }
  }

  @Test("a change without a newer ledger entry still moves Last-Modified forward")
  func lastModifiedFollowsEveryChange() async throws {
    try await withTemporaryFolder { folder in
      let holidays = folder + "/holidays.ics"
      try Data("BEGIN:VCALENDAR\r\n".utf8).write(to: URL(fileURLWithPath: holidays))
      let stub = StubRenderer(sampleCalendar("one", lastModified: Self.lastModified))
      try await withServer(stub, watching: [holidays]) { server in
        let first = try await server.request("/calendar.ics")
        let before = try #require(first.header("Last-Modified").flatMap(HTTPDate.parse))
        stub.set(.success(sampleCalendar("two", lastModified: Self.lastModified)))
        try replace(holidays, with: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
        server.poll()
        try await server.waitForRegenerations(2)
        #expect(try await server.request("/calendar.ics").body == sampleCalendar("two").bytes)
        let second = try await server.request(
          "/calendar.ics",
          headers: [("If-Modified-Since", try #require(first.header("Last-Modified")))])
        #expect(second.status == 200)
        let after = try #require(second.header("Last-Modified").flatMap(HTTPDate.parse))
        #expect(after > before)
      }
    }
  }

  @Test("while the ledger has errors the last good calendar is served, and the log says so")
  func keepsLastGoodCalendar() async throws {
    try await withTemporaryFolder { folder in
      let ledger = folder + "/interviews.ledger"
      try Data("timezone Europe/Berlin\n".utf8).write(to: URL(fileURLWithPath: ledger))
      let calendar = sampleCalendar(lastModified: Self.lastModified)
      let stub = StubRenderer(calendar)
      let log = LogRecorder()
      try await withServer(stub, watching: [ledger], log: log) { server in
        let before = try await server.request("/calendar.ics")
        stub.set(.failure(brokenLedger))
        try edit(ledger, appending: "2026-11-25 intervew acme\n")
        server.poll()
        try await log.waitFor("keeping the last good calendar")
        #expect(stub.calls == 2)
        #expect(log.text.contains("interviews.ledger:3:18: error: unknown verb 'intervew'"))
        let after = try await server.request("/calendar.ics")
        #expect(after.status == 200)
        #expect(after.body == calendar.bytes)
        #expect(after.header("ETag") == before.header("ETag"))
        #expect(after.header("Last-Modified") == before.header("Last-Modified"))
        // Fixed, to the same calendar: the log says the errors are gone.
        stub.set(.success(calendar))
        try edit(ledger, appending: "\n")
        server.poll()
        try await log.waitFor("the calendar can be made again, and is unchanged")
      }
    }
  }

  @Test(
    "when the first render fails the server still starts, answers 503 with the diagnostics, then recovers"
  )
  func unavailableUntilFixed() async throws {
    try await withTemporaryFolder { folder in
      let ledger = folder + "/interviews.ledger"
      try Data("2026-11-25 intervew acme\n".utf8).write(to: URL(fileURLWithPath: ledger))
      let stub = StubRenderer(failing: brokenLedger)
      try await withServer(stub, watching: [ledger]) { server in
        let response = try await server.request("/calendar.ics")
        #expect(response.status == 503)
        #expect(response.header("Content-Type") == "text/plain; charset=utf-8")
        let text = String(decoding: response.body, as: UTF8.self)
        #expect(text.contains("interviews.ledger:3:18: error: unknown verb 'intervew'"))
        #expect(text.contains("did you mean 'interview'?"))
        #expect(response.header("ETag") == nil)
        let head = try await server.request("/calendar.ics", method: "HEAD")
        #expect(head.status == 503)
        #expect(head.body.isEmpty)
        let elsewhere = try await server.request("/other.ics")
        #expect(elsewhere.status == 404)

        let fixed = sampleCalendar()
        stub.set(.success(fixed))
        try replace(ledger, with: "2026-11-25 interview acme\n")
        server.poll()
        try await server.waitForRegenerations(1)
        let recovered = try await server.request("/calendar.ics")
        #expect(recovered.status == 200)
        #expect(recovered.body == fixed.bytes)
      }
    }
  }

  @Test(
    "nothing but the feed path answers",
    arguments: [
      "/", "/index.html", "/calendar.ics/extra", "/calendar.ics/", "//calendar.ics",
      "/calendar.ICS", "/../Package.swift", "/%2e%2e/Package.swift", "/%2E%2E%2FPackage.swift",
      "/calendar.ics%2f..%2fPackage.swift", "/./calendar.ics", "/calendar.ics%00",
      "/Sources/Feed/FeedServer.swift", "/etc/passwd", "*",
    ])
  func otherPathsAreNotFound(path: String) async throws {
    try await withServer(StubRenderer(sampleCalendar())) { server in
      let response = try await server.request(path)
      #expect(response.status == 404, "\(path)")
      #expect(!response.body.starts(with: Array("BEGIN:VCALENDAR".utf8)))
    }
  }

  @Test("with a token only /<token>/calendar.ics answers")
  func tokenGuardsTheFeed() async throws {
    let token = "s3cr3t-Tok_en.42~x"
    let calendar = sampleCalendar()
    let log = LogRecorder()
    try await withServer(StubRenderer(calendar), token: token, log: log) { server in
      let good = try await server.request("/\(token)/calendar.ics")
      #expect(good.status == 200)
      #expect(good.body == calendar.bytes)
      for path in [
        "/calendar.ics", "/", "/wrong/calendar.ics", "/\(token)", "/\(token)/",
        "/\(token)x/calendar.ics", "/\(token.dropLast())/calendar.ics",
        "/\(token)/calendar.ics/extra", "/\(token)/../calendar.ics", "/\(token)%2Fcalendar.ics",
        "/%2e%2e/\(token)/calendar.ics", "/\(token)/../../Package.swift",
      ] {
        let response = try await server.request(path)
        #expect(response.status == 404, "\(path)")
      }
      #expect(log.text.contains("path=/<token>/calendar.ics"))
      #expect(!log.text.contains(token))
    }
  }

  @Test("other methods on the feed path get 405 with Allow")
  func otherMethodsAreNotAllowed() async throws {
    try await withServer(StubRenderer(sampleCalendar())) { server in
      for method in ["POST", "PUT", "DELETE"] {
        let response = try await server.request("/calendar.ics", method: method)
        #expect(response.status == 405)
        #expect(response.header("Allow") == "GET, HEAD")
      }
    }
  }

  @Test("every request gets one access-log line with method, path, status, bytes and duration")
  func accessLog() async throws {
    let log = LogRecorder()
    let calendar = sampleCalendar()
    try await withServer(StubRenderer(calendar), log: log) { server in
      _ = try await server.request("/calendar.ics")
      _ = try await server.request("/nope", method: "HEAD")
      let lines = log.text.components(separatedBy: "\n").filter { $0.contains("info request") }
      #expect(lines[0].contains("method=GET"))
      #expect(lines[0].contains("path=/calendar.ics"))
      #expect(lines[0].contains("status=200"))
      #expect(lines[0].contains("bytes=\(calendar.bytes.count)"))
      #expect(lines[0].contains("duration_ms="))
      #expect(lines[1].contains("method=HEAD"))
      #expect(lines[1].contains("status=404"))
      #expect(lines[1].contains("bytes=0"))
    }
  }
}
