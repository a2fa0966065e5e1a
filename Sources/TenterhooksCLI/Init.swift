import ArgumentParser

// Placeholder until its issue lands; replaced, never shipped as is.
struct Init: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "init", abstract: "(not yet built)")
  @OptionGroup var common: CommonOptions
  func run() async throws { throw ExitCode.failure }
}
