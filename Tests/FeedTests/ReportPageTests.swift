import Export
import Feed
import Foundation
import Synchronization
import Testing

/// `/` (or `/<token>/`) answers with the report page, under the feed's caching rules (in
/// process, through HummingbirdTesting's router client).
@Suite("serve: the report page")
struct ReportPageTests {
  /// Counts the pages made.
  final class Counter: Sendable {
    private let count = Mutex(0)
    func increment() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
  }

  static let lastModified = Date(timeIntervalSince1970: 1_795_000_000)
  static let page = Array("<!DOCTYPE html>\n<html><body>hunt</body></html>\n".utf8)

  func withServer(
    _ stub: StubRenderer, token: String? = nil,
    _ body: @Sendable (InProcessServer) async throws -> Void
  ) async throws {
    try await withInProcessServer(stub.render, token: token, body)
  }

  /// Runs `body` against a server watching a fresh ledger, which `body` appends to with
  /// `InProcessServer.append(_:to:awaiting:)` to make the server render again.
  func withWatchedLedger(
    _ stub: StubRenderer, _ body: @Sendable (InProcessServer, String) async throws -> Void
  ) async throws {
    try await withTemporaryFolder { folder in
      let ledger = folder + "/interviews.ledger"
      try Data("timezone Europe/Berlin\n".utf8).write(to: URL(fileURLWithPath: ledger))
      try await withInProcessServer(stub.render, watching: [ledger]) { try await body($0, ledger) }
    }
  }

  func calendar(page: [UInt8]? = page) -> FeedCalendar {
    var calendar = sampleCalendar(lastModified: Self.lastModified)
    calendar.page = page.map { ReportPage(bytes: $0) }
    return calendar
  }

  @Test("GET / answers the page as HTML with ETag, Last-Modified and Cache-Control")
  func page() async throws {
    try await withServer(StubRenderer(calendar())) { server in
      let response = try await server.request("/")
      #expect(response.status == 200)
      #expect(response.body == Self.page)
      #expect(response.header("Content-Type") == "text/html; charset=utf-8")
      #expect(response.header("ETag") == EntityTag(for: Self.page).description)
      #expect(response.header("Last-Modified") == "Wed, 18 Nov 2026 11:06:40 GMT")
      #expect(response.header("Cache-Control") == "max-age=3600")
      #expect(response.header("Content-Security-Policy")?.contains("default-src 'none'") == true)
      let calendar = try await server.request("/calendar.ics")
      #expect(calendar.status == 200)
      #expect(calendar.header("Content-Type") == "text/calendar; charset=utf-8")
    }
  }

  @Test("a matching If-None-Match on / gets 304; HEAD has no body")
  func conditional() async throws {
    let tag = EntityTag(for: Self.page).description
    try await withServer(StubRenderer(calendar())) { server in
      let notModified = try await server.request("/", headers: [("If-None-Match", tag)])
      #expect(notModified.status == 304)
      #expect(notModified.body.isEmpty)
      let since = try await server.request(
        "/", headers: [("If-Modified-Since", "Wed, 18 Nov 2026 11:06:40 GMT")])
      #expect(since.status == 304)
      let head = try await server.request("/", method: "HEAD")
      #expect(head.status == 200)
      #expect(head.body.isEmpty)
      #expect(head.header("Content-Length") == "\(Self.page.count)")
      let post = try await server.request("/", method: "POST")
      #expect(post.status == 405)
    }
  }

  @Test("with a token only /<token>/ answers the page; / is 404")
  func token() async throws {
    let token = "s3cret-token-0123456789"
    try await withServer(StubRenderer(calendar()), token: token) { server in
      let root = try await server.request("/")
      #expect(root.status == 404)
      let noSlash = try await server.request("/\(token)")
      #expect(noSlash.status == 404)
      let page = try await server.request("/\(token)/")
      #expect(page.status == 200)
      #expect(page.body == Self.page)
    }
  }

  @Test("without a page / is 404, as before")
  func noPage() async throws {
    try await withServer(StubRenderer(calendar(page: nil))) { server in
      let response = try await server.request("/")
      #expect(response.status == 404)
    }
  }

  @Test("the page is made when / is asked for, once per render, never by a regeneration")
  func madeOnRequest() async throws {
    let made = Counter()
    @Sendable func calendar(_ text: String) -> FeedCalendar {
      var calendar = sampleCalendar(text, lastModified: Self.lastModified)
      calendar.page = ReportPage {
        made.increment()
        return Array("<!DOCTYPE html>\n<p>\(text)</p>\n".utf8)
      }
      return calendar
    }
    let stub = StubRenderer(calendar("one"))
    try await withWatchedLedger(stub) { server, ledger in
      stub.set(.success(calendar("two")))
      try await server.append("2026-11-24 10:00 interview acme\n", to: ledger, awaiting: 2)
      #expect(made.value == 0)
      let calendarOnly = try await server.request("/calendar.ics")
      #expect(calendarOnly.status == 200)
      #expect(made.value == 0)
      let page = try await server.request("/")
      #expect(page.body == Array("<!DOCTYPE html>\n<p>two</p>\n".utf8))
      let again = try await server.request("/", method: "HEAD")
      #expect(again.header("ETag") == page.header("ETag"))
      #expect(made.value == 1)
      stub.set(.success(calendar("three")))
      try await server.append("2026-11-25 10:00 interview acme\n", to: ledger, awaiting: 3)
      #expect(made.value == 1)
      let newer = try await server.request("/")
      #expect(newer.body == Array("<!DOCTYPE html>\n<p>three</p>\n".utf8))
      #expect(newer.header("ETag") != page.header("ETag"))
      #expect(made.value == 2)
    }
  }

  @Test("a page that cannot be made leaves the last one served")
  func pageThatFails() async throws {
    let stub = StubRenderer(calendar())
    try await withWatchedLedger(stub) { server, ledger in
      let first = try await server.request("/")
      #expect(first.body == Self.page)
      var failing = sampleCalendar("two", lastModified: Self.lastModified)
      failing.page = ReportPage { nil }
      stub.set(.success(failing))
      try await server.append("2026-11-24 10:00 interview acme\n", to: ledger, awaiting: 2)
      let second = try await server.request("/")
      #expect(second.status == 200)
      #expect(second.body == Self.page)
    }
  }

  @Test("while the ledger has never rendered, / answers 503 like the feed")
  func unavailable() async throws {
    try await withServer(StubRenderer(failing: brokenLedger)) { server in
      let response = try await server.request("/")
      #expect(response.status == 503)
    }
  }
}
