import ArgumentParser

// Placeholder until its issue lands; replaced, never shipped as is.
struct Feed: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "feed", abstract: "(not yet built)")
  @OptionGroup var common: CommonOptions
  func run() async throws { throw ExitCode.failure }
}
