import ArgumentParser
import RossumJobs

struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Log in and store the token in a profile (the password is never stored).",
        discussion: """
        Asks for what is missing (URL, username, password without echo), logs in, and writes the \
        token to config.yaml with mode 0600 in a 0700 directory. In scripts, set ROSSUM_PASSWORD.

        Example:
          rossum-tui login --profile prod --base-url https://acme.rossum.app/api/v1 --username ops@acme.com
        """)

    @ParentCommand var root: RossumTUI
    @OptionGroup(visibility: .hidden) var local: GlobalOptions
    @Option(help: "The username (an e-mail address).") var username: String?

    func run() async throws {
        try await runCommand(root.global.overriding(with: local)) { [username] context in
            try await AccountCommands.login(username: username, context: context) { prompt in
                SecretPrompt.read(prompt: prompt, output: context.output)
            }
        }
    }
}

struct ProfilesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profiles",
        abstract: "List the profiles of config.yaml (the selected one is marked *).",
        discussion: """
        Example:
          rossum-tui profiles --json
        """)

    @ParentCommand var root: RossumTUI
    @OptionGroup(visibility: .hidden) var local: GlobalOptions
    @Flag(help: "One JSON object per line.") var json = false

    func run() async throws {
        try await runCommand(root.global.overriding(with: local)) { [json] context in try AccountCommands.profiles(json: json, context: context) }
    }
}

struct PathsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paths",
        abstract: "Show where the configuration, themes, job journal and log live.",
        discussion: """
        They follow XDG_CONFIG_HOME (~/.config) and XDG_STATE_HOME (~/.local/state).
        """)

    @ParentCommand var root: RossumTUI
    @OptionGroup(visibility: .hidden) var local: GlobalOptions
    @Flag(help: "One JSON object per line.") var json = false

    func run() async throws {
        try await runCommand(root.global.overriding(with: local)) { [json] context in AccountCommands.paths(json: json, context: context) }
    }
}

struct JobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs",
        abstract: "List the job journal: MDH jobs with their tries and operations, newest first.",
        discussion: """
        Shows the newest --limit jobs (default 20); --sort orders those here, by any field of the \
        JSON output.

        Examples:
          rossum-tui jobs --json | jq 'select(.status == "failed")'
          rossum-tui jobs --limit 100 --sort dataset --output csv
        """)

    @ParentCommand var root: RossumTUI
    @OptionGroup(visibility: .hidden) var local: GlobalOptions
    @OptionGroup var list: ListOutputOptions

    func run() async throws {
        let options = list.options
        try await runCommand(root.global.overriding(with: local)) { context in
            try AccountCommands.jobs(fetch: options.limit ?? 20, options: options, context: context)
        }
    }
}
