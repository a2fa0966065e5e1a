import ArgumentParser

// Placeholder until its issue lands; replaced, never shipped as is.
struct Check: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "check", abstract: "(not yet built)")
  @OptionGroup var common: CommonOptions
  func run() async throws { throw ExitCode.failure }
}
