import ArgumentParser

/// The root command. Subcommands: the console (default) and its demo mode.
@main
struct RossumTUI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rossum-tui",
        abstract: "A keyboard-driven terminal console for the Rossum document-processing platform.",
        subcommands: [ConsoleCommand.self, DemoCommand.self],
        defaultSubcommand: ConsoleCommand.self)
}
