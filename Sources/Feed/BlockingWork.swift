import NIOPosix

/// Runs blocking work — rendering the calendar (file reads, parsing, libical) and writing the
/// feed file — on NIO's thread pool instead of Swift's cooperative pool.
///
/// The cooperative pool is only as wide as the machine has cores (two in CI): a render that
/// holds one of its threads for a second leaves the server's request handlers and the tests'
/// tasks waiting. The thread pool's threads exist for exactly this.
enum BlockingWork {
  /// The result of `body`, computed on a thread-pool thread; the caller's task suspends
  /// meanwhile. Errors `body` throws come back as they are.
  static func run<T: Sendable, Failure: Error>(
    _ body: @escaping @Sendable () throws(Failure) -> T
  ) async throws(Failure) -> T {
    let outcome: Result<T, Failure>
    do {
      outcome = try await NIOThreadPool.singleton.runIfActive { Result(catching: body) }
    } catch {
      // The shared pool is never shut down; should it be, the work runs here instead.
      outcome = Result(catching: body)
    }
    return try outcome.get()
  }
}
