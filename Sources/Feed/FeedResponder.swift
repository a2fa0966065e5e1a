import Foundation
import Hummingbird
import Logging

/// Answers HTTP requests with the published calendar and its report page: two paths, GET and
/// HEAD, conditional requests, and a 404 for everything else — it never looks at the file
/// system.
struct FeedResponder: HTTPResponder {
  typealias Context = BasicRequestContext

  /// The calendar to serve.
  var calendar: PublishedCalendar
  /// `/calendar.ics` or `/<token>/calendar.ics`, compared with the raw request path (no
  /// decoding, no normalisation: `%2e%2e` or `..` can only ever miss).
  var feedPath: String
  /// `/` or `/<token>/`: the report page, compared the same way.
  var pagePath: String = "/"
  /// The secret path segment, redacted in the access log.
  var token: String?
  /// `Cache-Control: max-age`, the calendar's REFRESH-INTERVAL in seconds.
  var maxAge: Int
  /// Where the access log goes.
  var logger: Logger

  func respond(to request: Request, context: Context) async throws -> Response {
    let started = ContinuousClock.now
    var response = await answer(request)
    var bytes = response.body.contentLength ?? 0
    if request.method == .head {
      // Same headers as GET (Content-Length included), no body.
      response = response.createHeadResponse()
      bytes = 0
    }
    let elapsed = ContinuousClock.now - started
    logger.info(
      "request",
      metadata: [
        "method": "\(request.method.rawValue)",
        "path": "\(redacted(request.uri.path))",
        "status": "\(response.status.code)",
        "bytes": "\(bytes)",
        "duration_ms": "\(String(format: "%.3f", elapsed.milliseconds))",
      ])
    return response
  }

  /// What `/` serves, the page made first when the latest render's is not made yet (on the
  /// thread pool: it parses and plans the whole ledger).
  private func pageContent(for request: Request) async -> FeedContent? {
    if request.method == .get || request.method == .head,
      let (page, generation) = await calendar.pageToMake
    {
      let bytes = await BlockingWork.run { page.make() }
      await calendar.publishPage(bytes, generation: generation, renderedAt: Date())
    }
    return await calendar.pageContent
  }

  private func answer(_ request: Request) async -> Response {
    let content: FeedContent
    let contentType: String
    let isPage: Bool
    if constantTimeEquals(request.uri.path, feedPath) {
      content = await calendar.content
      contentType = "text/calendar; charset=utf-8"
      isPage = false
    } else if constantTimeEquals(request.uri.path, pagePath),
      let page = await pageContent(for: request)
    {
      content = page
      contentType = "text/html; charset=utf-8"
      isPage = true
    } else {
      return plainText(.notFound, "Not found.\n")
    }
    guard request.method == .get || request.method == .head else {
      var response = plainText(.methodNotAllowed, "Only GET and HEAD are supported.\n")
      response.headers[.allow] = "GET, HEAD"
      return response
    }
    switch content {
    case .unavailable(let reason):
      var response = plainText(
        .serviceUnavailable,
        """
        The calendar is not available: the ledger has errors.
        The feed regenerates by itself once they are fixed.

        \(reason)

        """)
      response.headers[.retryAfter] = "60"
      response.headers[.cacheControl] = "no-store"
      return response
    case .ready(let representation):
      var headers = HTTPFields()
      headers[.eTag] = representation.entityTag.description
      headers[.lastModified] = representation.lastModifiedText
      headers[.cacheControl] = "max-age=\(maxAge)"
      if isNotModified(request, representation) {
        // RFC 9110 §15.4.5: the validators and Cache-Control a 200 would carry, no body.
        var response = Response(status: .notModified, headers: headers)
        response.headers[.contentLength] = nil
        return response
      }
      headers[.contentType] = contentType
      if isPage {
        // The page is self-contained: nothing to fetch, nothing to run.
        headers[.contentSecurityPolicy] =
          "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
      }
      return Response(status: .ok, headers: headers, body: .init(byteBuffer: representation.body))
    }
  }

  /// RFC 9110 §13.2.2: `If-None-Match` decides when present (weak comparison, lists, `*`);
  /// only without it does `If-Modified-Since` count, and an unreadable date is ignored.
  private func isNotModified(_ request: Request, _ representation: Representation) -> Bool {
    let noneMatch = request.headers[values: .ifNoneMatch]
    if !noneMatch.isEmpty {
      return EntityTagCondition(headerValues: noneMatch)?.matches(representation.entityTag) ?? false
    }
    if let since = request.headers[.ifModifiedSince].flatMap(HTTPDate.parse) {
      return representation.lastModified <= since
    }
    return false
  }

  private func plainText(_ status: HTTPResponse.Status, _ text: String) -> Response {
    Response(
      status: status, headers: [.contentType: "text/plain; charset=utf-8"],
      body: .init(byteBuffer: ByteBuffer(string: text)))
  }

  private func redacted(_ path: String) -> String {
    guard let token, !token.isEmpty else { return path }
    return path.replacingOccurrences(of: token, with: "<token>")
  }
}

/// Compares without stopping at the first difference, so response timing does not reveal how
/// much of a guessed token was right.
func constantTimeEquals(_ a: String, _ b: String) -> Bool {
  let left = Array(a.utf8)
  let right = Array(b.utf8)
  guard left.count == right.count else { return false }
  var difference: UInt8 = 0
  for index in left.indices { difference |= left[index] ^ right[index] }
  return difference == 0
}

extension Duration {
  fileprivate var milliseconds: Double {
    let (seconds, attoseconds) = components
    return Double(seconds) * 1000 + Double(attoseconds) / 1e15
  }
}
