import Export
import Feed
import Foundation
import Testing

/// `/` (or `/<token>/`) answers with the report page, under the feed's caching rules (in
/// process, through HummingbirdTesting's router client).
@Suite("serve: the report page")
struct ReportPageTests {
  static let lastModified = Date(timeIntervalSince1970: 1_795_000_000)
  static let page = Array("<!DOCTYPE html>\n<html><body>hunt</body></html>\n".utf8)

  func withServer(
    _ stub: StubRenderer, token: String? = nil,
    _ body: @Sendable (InProcessServer) async throws -> Void
  ) async throws {
    try await withInProcessServer(stub.render, token: token, body)
  }

  func calendar(page: [UInt8]? = page) -> FeedCalendar {
    var calendar = sampleCalendar(lastModified: Self.lastModified)
    calendar.page = page
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

  @Test("while the ledger has never rendered, / answers 503 like the feed")
  func unavailable() async throws {
    try await withServer(StubRenderer(failing: brokenLedger)) { server in
      let response = try await server.request("/")
      #expect(response.status == 503)
    }
  }
}
