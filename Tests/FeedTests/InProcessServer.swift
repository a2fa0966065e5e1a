import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import Feed

/// A server's application answering in process: requests go straight to its responder through
/// HummingbirdTesting's router client (no socket, no port), and its watch loop sleeps on a
/// clock the test moves. The one test of the real socket is `FeedServerTests.liveSocket`.
struct InProcessServer: Sendable {
  var client: any TestClientProtocol
  /// The watch loop's clock.
  var clock: ManualClock
  /// The watch loop's poll interval.
  var pollInterval: Duration
  /// What the server logged: the access log and the regenerations.
  var log: LogRecorder

  /// Sends one request; the path goes to the responder exactly as written.
  func request(
    _ path: String, method: String = "GET", headers: [(String, String)] = []
  ) async throws -> HTTPExchange {
    var fields = HTTPFields()
    for (name, value) in headers {
      fields.append(HTTPField(name: try #require(HTTPField.Name(name)), value: value))
    }
    let response = try await client.executeRequest(
      uri: path, method: try #require(HTTPRequest.Method(method)), headers: fields, body: nil)
    return HTTPExchange(
      status: response.status.code,
      headers: response.headers.map { (name: $0.name.rawName, value: $0.value) },
      body: Array(buffer: response.body))
  }

  /// Moves the watch loop's clock on by one poll interval, so it looks at the sources.
  func poll() { clock.advance(by: pollInterval) }

  /// Appends `text` to the watched file at `path`, lets the watch loop look, and waits until
  /// `count` renders have been published (the first one included).
  func append(_ text: String, to path: String, awaiting count: Int) async throws {
    try edit(path, appending: text)
    poll()
    try await waitForRegenerations(count)
  }

  /// Waits (bounded) until `count` renders have been published since the server started,
  /// the first one included.
  func waitForRegenerations(_ count: Int) async throws {
    try await log.waitFor("calendar regenerated", times: count)
  }
}

/// Renders for `render` as `serve` does, runs `body` against the application in process with
/// the watch loop beside it, then stops the loop.
func withInProcessServer(
  _ render: @escaping CalendarRenderer, token: String? = nil, watching paths: [String] = [],
  log: LogRecorder = LogRecorder(), _ body: @Sendable (InProcessServer) async throws -> Void
) async throws {
  let pollInterval = Duration.milliseconds(25)
  let server = FeedServer(
    configuration: .init(
      host: "127.0.0.1", port: 0, token: token,
      schedule: WatchSchedule(pollInterval: pollInterval)),
    watching: paths, logger: log.logger, render: render)
  let prepared = await server.prepare()
  let clock = ManualClock()
  let loop = Task { await server.keepRegenerating(prepared, clock: clock) }
  defer { loop.cancel() }
  try await clock.waitUntilSleeping()
  let application = Application(
    responder: ClosingTestChannels(feed: prepared.application.responder))
  try await application.test(.router) { client in
    try await body(
      InProcessServer(client: client, clock: clock, pollInterval: pollInterval, log: log))
  }
  loop.cancel()
  try await bounded(hangGuard, "the watch loop to stop") { await loop.value }
}

/// The feed's responder as the router client sees it, closing the stand-in channel the client
/// makes for each request once the answer is ready.
///
/// HummingbirdTesting's `.router` client gives every request a context on a fresh
/// `NIOAsyncTestingChannel` and never closes it; an open NIO channel and its pipeline hold
/// each other, so every request left ~5 KB behind (a channel, its pipeline, its event loop
/// and dispatch queue), which LeakSanitizer reports in `scripts/leak-check`. Closing the
/// channel breaks the cycle. The feed's own responder answers, with the context it always
/// gets.
struct ClosingTestChannels: HTTPResponder {
  /// A request context that keeps the channel it was made for.
  struct Context: RequestContext {
    var coreContext: CoreRequestContextStorage
    var channel: any Channel

    init(source: ApplicationRequestContextSource) {
      coreContext = .init(source: source)
      channel = source.channel
    }
  }

  var feed: FeedResponder

  func respond(to request: Request, context: Context) async throws -> Response {
    let source = ApplicationRequestContextSource(channel: context.channel, logger: context.logger)
    let response: Response
    do {
      response = try await feed.respond(to: request, context: BasicRequestContext(source: source))
    } catch {
      try? await context.channel.close()
      throw error
    }
    try? await context.channel.close()
    return response
  }
}
