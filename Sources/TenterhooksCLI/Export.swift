import ArgumentParser

// Placeholder until its issue lands; replaced, never shipped as is.
struct Export: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export", abstract: "(not yet built)")
  @OptionGroup var common: CommonOptions
  func run() async throws { throw ExitCode.failure }
}
