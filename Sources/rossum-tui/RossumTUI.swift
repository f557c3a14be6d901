import ArgumentParser
import RossumJobs

@main
struct RossumTUI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rossum-tui",
        abstract: "A terminal console and command-line client for the Rossum document-processing platform.",
        discussion: """
        Connection settings come from, in this order: the flag --base-url, the environment \
        (ROSSUM_PROFILE, ROSSUM_BASE_URL, ROSSUM_TOKEN, ROSSUM_USERNAME, ROSSUM_PASSWORD), then the profile \
        in config.yaml (see `rossum-tui paths`); a profile named with --profile comes before the \
        environment, which then only fills what the profile leaves out. Create a profile with `rossum-tui login`.

        Exit codes: \(ExitStatus.allCases.map { "\($0.rawValue) \($0.meaning)" }.joined(separator: "; ")).

        Examples:
          rossum-tui login --profile prod --base-url https://acme.rossum.app/api/v1
          rossum-tui --profile prod mdh upsert suppliers suppliers.json --id-key supplier_id
          rossum-tui storage download suppliers -o suppliers.json
          rossum-tui annotations list --queue 12 --status to_review --json | jq .id
          rossum-tui search "ACME GmbH" --output csv > acme.csv
          rossum-tui annotations why 1201
          rossum-tui hooks logs status:failed --follow
        """,
        version: "1.0.0",
        subcommands: [
            // MARK: interactive commands
            ConsoleCommand.self,
            DemoCommand.self,
            // MARK: headless jobs
            MDHCommand.self,
            StorageCommand.self,
            JobsCommand.self,
            // MARK: scripting
            AnnotationsCommand.self,
            QueuesCommand.self,
            WorkspacesCommand.self,
            ExportCommand.self,
            UploadCommand.self,
            SearchCommand.self,
            // MARK: diagnosis
            HooksCommand.self,
            WhyCommand.self,
            HookLogsCommand.self,
            // MARK: configuration
            LoginCommand.self,
            ProfilesCommand.self,
            PathsCommand.self,
        ],
        defaultSubcommand: ConsoleCommand.self
    )

    /// Connection options, given before the command name (`rossum-tui --profile prod mdh ...`)
    /// or after it; the later ones win.
    @OptionGroup var global: GlobalOptions
}
