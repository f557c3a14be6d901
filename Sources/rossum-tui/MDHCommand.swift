import ArgumentParser
import RossumJobs

struct MDHCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mdh",
        abstract: "Master Data Hub datasets: the journaled update job, replace, create, delete, operations.",
        subcommands: [MDHUpsert.self, MDHReplace.self, MDHCreate.self, MDHDelete.self, MDHDatasets.self,
                      MDHOperation.self, MDHOperations.self]
    )
}

/// The job options shared by upsert, replace and create.
struct JobOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Time between two looks at the operation.", valueName: "duration"))
    var pollEvery = DurationOption(.seconds(30))

    @Option(help: ArgumentHelp("How long one try may take before the upload is tried again.", valueName: "duration"))
    var timeout = DurationOption(.seconds(30 * 60))

    @Option(help: "How many times the whole upload is tried again after a failure or timeout.")
    var retries = 3

    @Option(help: ArgumentHelp("Pause before trying the upload again.", valueName: "duration"))
    var retryDelay = DurationOption(.seconds(10))

    @Option(name: .customLong("on-failure"), help: ArgumentHelp(
        "Command run through /bin/sh -c when every try failed; details in ROSSUM_JOB_* variables.", valueName: "command"))
    var onFailure: String?

    @Option(help: "Field delimiter of a CSV file.")
    var delimiter: String = ","

    func validate() throws {
        guard delimiter.count == 1 else { throw ValidationError("--delimiter must be one character") }
        guard retries >= 0 else { throw ValidationError("--retries must be 0 or more") }
        guard pollEvery.duration > .zero, timeout.duration > .zero else { throw ValidationError("--poll-every and --timeout must be positive") }
    }

    var policy: UpsertPolicy {
        UpsertPolicy(retries: retries, pollEvery: pollEvery.duration, timeout: timeout.duration, retryDelay: retryDelay.duration)
    }
}

struct MDHUpsert: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upsert",
        abstract: "Insert or update the records of a file in a dataset, watched to the end, retried, journaled.",
        discussion: """
        The recommended MDH update: the file (JSON array of objects, CSV with a header, or XLSX) is \
        checked locally, sent with the --id-key fields, and the operation is polled until it finishes. \
        A failed or too slow operation makes the whole upload be tried again (--retries). When every \
        try failed, the command exits 75, prints a JSON line on stderr and runs --on-failure.

        Every run is journaled (`rossum-tui jobs`). If a run is killed while its operation runs, the \
        next run with the same dataset and file content watches that operation instead of uploading again.

        Examples:
          rossum-tui mdh upsert suppliers suppliers.json --id-key supplier_id
          rossum-tui mdh upsert vendors vendors.csv --id-key country --id-key vat_id --delimiter ';'
          */30 * * * * rossum-tui --profile prod mdh upsert suppliers /data/suppliers.json --id-key supplier_id --on-failure '/usr/local/bin/alert'
        """
    )

    @ParentCommand var root: RossumTUI
    @OptionGroup(visibility: .hidden) var local: GlobalOptions
    @Argument(help: "The dataset name.") var dataset: String
    @Argument(help: "The file: .json, .csv or .xlsx.") var file: String
    @Option(name: .customLong("id-key"), help: "A field identifying a record (repeat for a compound key).") var idKeys: [String] = []
    @Flag(name: .customLong("update-or-new"), inversion: .prefixedNo, help: "Insert records that match no existing record.")
    var updateOrNew = true
    @OptionGroup var job: JobOptions

    func validate() throws {
        guard !idKeys.isEmpty else { throw ValidationError("give at least one --id-key: the field that identifies a record") }
    }

    func run() async throws {
        let options = MDHCommands.WriteOptions(dataset: dataset, file: file, mode: .update(idKeys: idKeys, updateOrNew: updateOrNew),
                                               policy: job.policy, onFailure: job.onFailure, csvDelimiter: Character(job.delimiter))
        try await runCommand(root.global.overriding(with: local)) { context in _ = try await MDHCommands.write(options, context: context) }
    }
}

struct MDHReplace: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replace",
        abstract: "Replace a whole dataset with a file (journaled, retried like upsert).",
        discussion: """
        Example:
          rossum-tui mdh replace currencies currencies.csv --on-failure 'mail -s "MDH replace failed" ops@example.com'
        """
    )

    @ParentCommand var root: RossumTUI
    @OptionGroup(visibility: .hidden) var local: GlobalOptions
    @Argument(help: "The dataset name.") var dataset: String
    @Argument(help: "The file: .json, .csv or .xlsx.") var file: String
    @OptionGroup var job: JobOptions

    func run() async throws {
        let options = MDHCommands.WriteOptions(dataset: dataset, file: file, mode: .replace, policy: job.policy,
                                               onFailure: job.onFailure, csvDelimiter: Character(job.delimiter))
        try await runCommand(root.global.overriding(with: local)) { context in _ = try await MDHCommands.write(options, context: context) }
    }
}

struct MDHCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a dataset from a file (fails if it exists).",
        discussion: """
        Example:
          rossum-tui mdh create cost_centers cost_centers.json
        """
    )

    @ParentCommand var root: RossumTUI
    @OptionGroup(visibility: .hidden) var local: GlobalOptions
    @Argument(help: "The new dataset's name.") var dataset: String
    @Argument(help: "The file: .json, .csv or .xlsx.") var file: String
    @OptionGroup var job: JobOptions

    func run() async throws {
        let options = MDHCommands.WriteOptions(dataset: dataset, file: file, mode: .create, policy: job.policy,
                                               onFailure: job.onFailure, csvDelimiter: Character(job.delimiter))
        try await runCommand(root.global.overriding(with: local)) { context in _ = try await MDHCommands.write(options, context: context) }
    }
}

struct MDHDelete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete a dataset (asks to type its name; scripts pass --yes).",
        discussion: """
        Without a terminal and without --yes the command refuses (exit 64).

        Example:
          rossum-tui mdh delete old_suppliers --yes --wait
        """
    )

    @ParentCommand var root: RossumTUI
    @OptionGroup(visibility: .hidden) var local: GlobalOptions
    @Argument(help: "The dataset name.") var dataset: String
    @Flag(help: "Do not ask for confirmation.") var yes = false
    @Flag(help: "Watch the delete operation until it ends.") var wait = false
    @Option(help: ArgumentHelp("Time between two looks at the operation (with --wait).", valueName: "duration"))
    var pollEvery = DurationOption(.seconds(5))

    func run() async throws {
        let policy = UpsertPolicy(pollEvery: pollEvery.duration)
        try await runCommand(root.global.overriding(with: local)) { [dataset, yes, wait] context in
            try await MDHCommands.delete(dataset: dataset, yes: yes, wait: wait, policy: policy, context: context)
        }
    }
}

struct MDHDatasets: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "datasets",
        abstract: "List the datasets.",
        discussion: """
        Example:
          rossum-tui mdh datasets --json | jq -r .name
        """
    )

    @ParentCommand var root: RossumTUI
    @OptionGroup(visibility: .hidden) var local: GlobalOptions
    @Flag(help: "One JSON object per line.") var json = false

    func run() async throws {
        try await runCommand(root.global.overriding(with: local)) { [json] context in try await MDHCommands.datasets(json: json, context: context) }
    }
}

struct MDHOperation: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "operation",
        abstract: "Show one operation, or follow it with --watch until it ends.",
        discussion: """
        With --watch, each status change is printed with a timestamp; the command exits 0 when the \
        operation finished and 75 when it failed.

        Example:
          rossum-tui mdh operation 65f1c0ffee --watch --poll-every 10s
        """
    )

    @ParentCommand var root: RossumTUI
    @OptionGroup(visibility: .hidden) var local: GlobalOptions
    @Argument(help: "The operation id.") var id: String
    @Flag(help: "Follow the operation until it ends.") var watch = false
    @Option(help: ArgumentHelp("Time between two looks (with --watch).", valueName: "duration")) var pollEvery = DurationOption(.seconds(5))
    @Option(help: ArgumentHelp("Give up watching after this long.", valueName: "duration")) var timeout = DurationOption(.seconds(30 * 60))
    @Flag(help: "One JSON object per line.") var json = false

    func run() async throws {
        let (poll, limit) = (pollEvery.duration, timeout.duration)
        try await runCommand(root.global.overriding(with: local)) { [id, watch, json] context in
            try await MDHCommands.operation(id: id, watch: watch, pollEvery: poll, timeout: limit, json: json, context: context)
        }
    }
}

struct MDHOperations: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "operations",
        abstract: "List recent dataset operations, newest first.",
        discussion: """
        Example:
          rossum-tui mdh operations --json | jq 'select(.status == "failed")'
        """
    )

    @ParentCommand var root: RossumTUI
    @OptionGroup(visibility: .hidden) var local: GlobalOptions
    @Flag(help: "One JSON object per line.") var json = false
    @Option(help: "Show at most this many.") var limit = 50

    func run() async throws {
        try await runCommand(root.global.overriding(with: local)) { [json, limit] context in try await MDHCommands.operations(json: json, limit: limit, context: context) }
    }
}
