import ArgumentParser
import RossumJobs

extension OutputFormat: ExpressibleByArgument {}

extension ListSort: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

/// `--output`, `--json`, `--sort`, `--limit`: the options of every list command (`ListWriter`
/// does what they say).
struct ListOutputOptions: ParsableArguments {
    @Option(name: .customLong("output"), help: ArgumentHelp(
        "table (default), json (one array), ndjson (one object per line) or csv (RFC 4180, a header of field names).",
        valueName: "format"))
    var format: OutputFormat?

    @Flag(help: "The same as --output ndjson: one JSON object per line.")
    var json = false

    @Flag(help: "The same as --output csv.")
    var csv = false

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Sort by this field (a name of the JSON output); -FIELD sorts descending.", valueName: "field"))
    var sort: ListSort?

    @Option(help: "Show at most this many rows.")
    var limit: Int?

    func validate() throws {
        if json, let format, format != .ndjson { throw ValidationError("--json means --output ndjson; give one of them") }
        if csv, let format, format != .csv { throw ValidationError("--csv means --output csv; give one of them") }
        if json && csv { throw ValidationError("--json and --csv ask for two formats; give one") }
        if let limit, limit < 1 { throw ValidationError("--limit must be 1 or more") }
    }

    var options: ListOptions {
        ListOptions(format: json ? .ndjson : csv ? .csv : format ?? .table, sort: sort, limit: limit)
    }
}
