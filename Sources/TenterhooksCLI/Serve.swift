import ArgumentParser

// Placeholder until its issue lands; replaced, never shipped as is.
struct Serve: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "serve", abstract: "(not yet built)")
  @OptionGroup var common: CommonOptions
  func run() async throws { throw ExitCode.failure }
}
