import Export
import Foundation
import Hummingbird
import Logging
import NIOCore

/// Why the server could not start: the address could not be bound.
package struct ServeError: Error, Sendable, CustomStringConvertible {
  /// The address asked for.
  package var host: String
  /// The port asked for.
  package var port: Int
  /// The system's `errno` (`EADDRINUSE` for a busy port).
  package var code: Int32
  /// The system's words for it.
  package var reason: String

  /// Whether another program already listens there.
  package var addressInUse: Bool { code == EADDRINUSE }

  package var description: String {
    addressInUse
      ? "cannot listen on \(host):\(port): the port is already in use"
      : "cannot listen on \(host):\(port): \(reason)"
  }
}

/// Serves the calendar over HTTP for calendar subscriptions, regenerating it when its sources
/// change.
///
/// - The first render happens before the server listens. If it fails the server still starts
///   and answers the feed path with `503 Service Unavailable` and the diagnostics as plain
///   text, until a regeneration succeeds.
/// - A later failed render leaves the last good calendar in place (same bytes, same `ETag`)
///   and logs the diagnostics.
/// - Only the feed path answers, and the page path (`/` or `/<token>/`) when the renderer
///   makes a report page; every other path is `404`, and no request path ever names a file.
///   The page is made when it is first asked for after a render (`ReportPage`), from the
///   ledger the renderer reads; nothing else is read to answer a request.
package struct FeedServer: Sendable {
  /// Where and how the feed is served.
  package struct Configuration: Sendable, Hashable {
    /// The address to bind; loopback unless the user asks otherwise.
    package var host: String
    /// The TCP port; 0 picks a free one (reported through `onListening`).
    package var port: Int
    /// A secret path segment: when set, only `/<token>/calendar.ics` answers.
    package var token: String?
    /// Seconds a client may cache the calendar (`Cache-Control: max-age`); the calendar's
    /// REFRESH-INTERVAL.
    package var refreshInterval: Int
    /// How often the sources are looked at, and the longest time between regenerations.
    package var schedule: WatchSchedule

    /// The defaults: `127.0.0.1:8080`, no token, hourly refresh.
    package init(
      host: String = "127.0.0.1", port: Int = 8080, token: String? = nil,
      refreshInterval: Int = CalendarStyle().refreshInterval, schedule: WatchSchedule = .init()
    ) {
      self.host = host
      self.port = port
      self.token = token
      self.refreshInterval = refreshInterval
      self.schedule = schedule
    }

    /// The one path that answers: `/calendar.ics`, or `/<token>/calendar.ics`.
    package var feedPath: String {
      if let token, !token.isEmpty { return "/\(token)/calendar.ics" }
      return "/calendar.ics"
    }

    /// Where the report page answers: `/`, or `/<token>/`.
    package var pagePath: String {
      if let token, !token.isEmpty { return "/\(token)/" }
      return "/"
    }

    /// Whether `host` is a loopback address, reachable from this machine only.
    package var isLoopback: Bool {
      host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
  }

  /// Where and how the feed is served.
  package var configuration: Configuration
  /// The files to watch before the first successful render has named them (the ledger).
  package var watchedPaths: [String]
  /// Where the access log and the regeneration messages go.
  package var logger: Logger
  /// Produces the calendar; called at start and on every regeneration.
  package var render: CalendarRenderer

  /// A server for the calendar `render` produces, watching `watchedPaths` plus whatever
  /// sources each rendered calendar names.
  package init(
    configuration: Configuration = .init(), watching watchedPaths: [String],
    logger: Logger = FeedServer.standardErrorLogger(), render: @escaping CalendarRenderer
  ) {
    self.configuration = configuration
    self.watchedPaths = watchedPaths
    self.logger = logger
    self.render = render
  }

  /// A logger that writes to standard error (standard output stays free), at `info` level.
  package static func standardErrorLogger(label: String = "tenterhooks.serve") -> Logger {
    var logger = Logger(label: label) { StreamLogHandler.standardError(label: $0) }
    logger.logLevel = .info
    return logger
  }

  /// Renders, starts listening and serves until the task is cancelled or, with
  /// `handlingSignals`, until SIGINT or SIGTERM (then it shuts down gracefully).
  /// `onListening` receives the bound port once the server accepts connections.
  /// - Throws: when the address cannot be bound.
  package func run(
    handlingSignals: Bool = false,
    onListening: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
  ) async throws {
    let prepared = await prepare(onListening: onListening)
    do {
      try await serve(prepared, handlingSignals: handlingSignals)
    } catch let error as IOError {
      throw ServeError(
        host: configuration.host, port: configuration.port, code: error.errnoCode,
        reason: String(cString: strerror(error.errnoCode)))
    }
  }

  /// A server made ready but not listening: the first render is published, and the
  /// application answers from it. `run()` serves it; the tests send it requests in process.
  struct Prepared: Sendable {
    /// The Hummingbird application, not yet running.
    var application: Application<FeedResponder>
    /// What the application answers from.
    var published: PublishedCalendar
    /// The sources of the first render (or `watchedPaths`), as the baseline for changes.
    var watcher: SourceWatcher
  }

  /// Renders once, publishes the calendar and builds the application that serves it, without
  /// listening. `onListening` is called with the bound port once the application runs.
  func prepare(
    onListening: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
  ) async -> Prepared {
    let published = PublishedCalendar()
    var watcher = SourceWatcher(paths: watchedPaths)
    if let sources = await regenerate(published) { watcher.watch(sources) }

    let configuration = self.configuration
    let logger = self.logger
    if !configuration.isLoopback {
      logger.warning(
        "listening on \(configuration.host), not loopback: anyone who can reach it can read the calendar; use --token and a TLS reverse proxy"
      )
    }
    let responder = FeedResponder(
      calendar: published, feedPath: configuration.feedPath, pagePath: configuration.pagePath,
      token: configuration.token,
      maxAge: configuration.refreshInterval, logger: logger)
    let application = Application(
      responder: responder,
      configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
      onServerRunning: { channel in
        let port = channel.localAddress?.port ?? configuration.port
        let path = configuration.token == nil ? "/calendar.ics" : "/<token>/calendar.ics"
        // An IPv6 address is bracketed in a URL (`http://[::1]:8080/`).
        let host =
          configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        logger.info("serving the calendar at http://\(host):\(port)\(path)")
        await onListening(port)
      },
      logger: logger)
    return Prepared(application: application, published: published, watcher: watcher)
  }

  /// Regenerates `prepared`'s calendar whenever a source changes and at least every
  /// `schedule.maximumAge` on `clock`, until the task is cancelled.
  func keepRegenerating<C: Clock>(_ prepared: Prepared, clock: C = ContinuousClock()) async
  where C.Duration == Duration {
    var watcher = prepared.watcher
    let published = prepared.published
    await watcher.keepRegenerating(schedule: configuration.schedule, clock: clock) {
      await regenerate(published)
    }
  }

  private func serve(_ prepared: Prepared, handlingSignals: Bool) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
      group.addTask {
        await keepRegenerating(prepared)
      }
      defer { group.cancelAll() }
      if handlingSignals {
        try await prepared.application.runService()
      } else {
        try await prepared.application.run()
      }
    }
  }

  /// Renders and publishes; on failure keeps what is served and logs every diagnostic.
  /// Returns the sources to watch, or `nil` when the render failed.
  private func regenerate(_ published: PublishedCalendar) async -> [String]? {
    let calendar: FeedCalendar
    do {
      calendar = try await BlockingWork.run(render)
    } catch {
      let problem =
        switch error {
        case .invalidLedger: "the ledger has errors"
        case .calendar: "the calendar could not be built"
        case .write, .outputIsSource: "the calendar could not be written"
        }
      await published.noteFailure()
      if await published.hasCalendar {
        logger.error("\(problem); keeping the last good calendar")
      } else {
        await published.fail(reason: error.description)
        logger.error("\(problem); answering 503 until it is fixed")
      }
      for line in error.description.split(separator: "\n") { logger.error("\(line)") }
      return nil
    }
    let recovered = await published.recover()
    if await published.publish(calendar, renderedAt: Date()) {
      logger.info(
        "calendar regenerated",
        metadata: [
          "actions": "\(calendar.actionCount)", "bytes": "\(calendar.bytes.count)",
          "etag": "\(EntityTag(for: calendar.bytes))",
        ])
    } else if recovered {
      // Said once the errors are gone, so the log does not end on them.
      logger.info("the calendar can be made again, and is unchanged")
    }
    return calendar.sources
  }
}
