import ArgumentParser
import Feed
import Foundation

extension Tenterhooks {
  /// `tenterhooks serve`: the calendar as an HTTP feed to subscribe to.
  struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "serve",
      abstract: "Serve the calendar over HTTP for calendar subscriptions.",
      discussion: """
        Answers GET and HEAD on /calendar.ics (or only on /TOKEN/calendar.ics with --token) \
        with ETag, Last-Modified and Cache-Control, and 304 Not Modified to a matching \
        If-None-Match or If-Modified-Since. / (or /TOKEN/) answers with the report page \
        (see report) under the same rules. Every other path is 404; no file is ever served.

        The calendar is regenerated when the ledger or a holidays file changes, and at least \
        hourly. While the ledger has errors the last good calendar is still served and the \
        errors are logged; if there has never been a good one, the feed answers 503 with the \
        errors as plain text until they are fixed.

        It listens on 127.0.0.1 by default: for a calendar service on the internet (Google, \
        Outlook), put it behind an HTTPS reverse proxy and use --token. The access log goes \
        to standard error. SIGINT or SIGTERM stops it gracefully.
        """)

    @OptionGroup var common: CommonOptions
    @OptionGroup var calendar: CalendarOptions

    @Option(
      name: .long, help: ArgumentHelp("The address to listen on.", valueName: "address"))
    var host = "127.0.0.1"

    @Option(name: .long, help: ArgumentHelp("The TCP port to listen on.", valueName: "port"))
    var port = 8080

    @Option(
      name: .long,
      help: ArgumentHelp(
        "A secret path segment: serve only /SECRET/calendar.ics (letters, digits, - _ . ~).",
        valueName: "secret"))
    var token: String?

    func validate() throws {
      guard (0...65_535).contains(port) else {
        throw ValidationError("--port must be between 0 and 65535.")
      }
      guard !host.isEmpty else { throw ValidationError("--host must not be empty.") }
      if let token {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")
        guard (1...128).contains(token.count), token.allSatisfy(allowed.contains),
          token.contains(where: { $0 != "." })
        else {
          throw ValidationError(
            "--token must be 1 to 128 URL-safe characters (letters, digits, - _ . ~), not only dots."
          )
        }
      }
    }

    func run() async throws {
      if let token, token.count < 16 {
        warning("serve", "a token shorter than 16 characters is easy to guess")
      }
      let server = FeedServer(
        configuration: .init(
          host: host, port: port, token: token,
          refreshInterval: calendar.style.refreshInterval),
        watching: [common.ledgerPath],
        render: try calendarAndPageRenderer(common: common, style: calendar.style))
      do {
        try await server.run(handlingSignals: true)
      } catch let error as ServeError {
        failure(
          "serve", error.description,
          note: error.addressInUse
            ? "is another 'tenterhooks serve' running? choose another port with --port" : nil)
        throw ExitStatus.unavailable
      }
    }
  }
}
