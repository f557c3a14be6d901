import ArgumentParser
import RossumJobs

struct StorageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "storage",
        abstract: "Data Storage collections.",
        subcommands: [StorageDownload.self]
    )
}

struct StorageDownload: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "download",
        abstract: "Download a whole collection as a JSON array or NDJSON, never half-written.",
        discussion: """
        Pages are read in _id order (keyset pagination), so records added or removed during the \
        download can neither be written twice nor make others be skipped; a failed or cut-short page \
        is asked again with backoff for up to --retry-budget (2 minutes by default). The file is written as FILE.part and renamed when complete. An \
        interrupted --ndjson download keeps FILE.part, and --resume continues after its last _id. \
        At the end the record count is checked against the server's.

        Examples:
          rossum-tui storage download suppliers -o suppliers.json
          rossum-tui storage download invoices --ndjson -o invoices.ndjson --query '{"status": "open"}'
          rossum-tui storage download invoices --ndjson -o invoices.ndjson --resume
          0 3 * * * rossum-tui --profile prod storage download suppliers -o /backup/suppliers.json
        """
    )

    @ParentCommand var root: RossumTUI
    @OptionGroup(visibility: .hidden) var local: GlobalOptions
    @Argument(help: "The collection (an MDH dataset is a collection of the same name).") var collection: String
    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Destination file (default: COLLECTION.json or .ndjson; - for stdout).", valueName: "file"))
    var output: String?
    @Flag(help: "One record per line instead of a JSON array.") var ndjson = false
    @Option(help: ArgumentHelp("Filter, as a JSON object.", valueName: "json")) var query: String?
    @Option(help: ArgumentHelp("Projection, as a JSON object.", valueName: "json")) var projection: String?
    @Option(help: "Records per page.") var batchSize = 2500
    @Flag(help: "Continue an interrupted --ndjson download.") var resume = false

    func run() async throws {
        let request = CollectionDownloadJob.Request(collection: collection, outputPath: output, ndjson: ndjson, query: query,
                                                    projection: projection, batchSize: batchSize, resume: resume)
        try await runCommand(root.global.overriding(with: local)) { context in _ = try await StorageCommands.download(request, context: context) }
    }
}
