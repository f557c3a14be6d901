import ArgumentParser
import Console
import Foundation
import Logging
import RossumJobs
import RossumKit

/// `rossum-tui annotations why ID`: the console's case file for scripts and tickets, as a table
/// or JSON lines. `rossum-tui why ID` is its older, hidden name.
struct AnnotationsWhy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "why",
        abstract: "Why an annotation is where it is: status history, audit log, hook runs, rule runs, messages, blockers, notes, email.",
        discussion: """
        The same case file as `w` in the console, newest first, each entry naming its source. A
        source the server would not give (audit logs need an admin) is named on standard error.
        `rossum-tui annotations bundle` writes it for a support ticket.

        Examples:
          rossum-tui annotations why 1201
          rossum-tui annotations why 1201 --json | jq 'select(.source == "hook" and .level == "error")'
        """)

    @ParentCommand var root: RossumTUI
    @OptionGroup(visibility: .hidden) var local: GlobalOptions
    @Argument(help: "The annotation id.") var id: Int
    @Flag(help: "One JSON object per entry.") var json = false

    func run() async throws { try await Self.answer(id: id, json: json, global: root.global.overriding(with: local)) }

    static func answer(id: Int, json: Bool, global: GlobalOptions) async throws {
        try await runCommand(global) { context in
            let file = try await context.fetch(CaseFileRequest(annotationID: id))
            for gap in file.gaps { context.output.writeErr("not shown: \(gap)\n") }
            if json {
                for entry in file.entries {
                    var object: [String: Any] = ["annotation": id, "source": entry.source.label, "summary": entry.summary,
                                                 "level": "\(entry.level)"]
                    if let time = entry.time { object["time"] = Timestamp.string(time) }
                    context.output.line(JSONLines.line(object))
                }
                return
            }
            context.output.line("#\(id) \(file.fileName) is \(file.status)" + (file.queueName.map { " in \($0)" } ?? ""))
            for line in file.headline { context.output.line(line) }
            let rows = file.entries.map { entry in [entry.time.map(Timestamp.string) ?? "current", entry.source.label, entry.summary] }
            context.output.writeOut(TableFormatter.render(header: ["WHEN", "SOURCE", "WHAT"], rows: rows))
        }
    }
}

/// `rossum-tui why ID`, kept for the scripts that use it.
struct WhyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "why", abstract: "The older name of `annotations why`.", shouldDisplay: false)

    @ParentCommand var root: RossumTUI
    @OptionGroup(visibility: .hidden) var local: GlobalOptions
    @Argument(help: "The annotation id.") var id: Int
    @Flag(help: "One JSON object per entry.") var json = false

    func run() async throws { try await AnnotationsWhy.answer(id: id, json: json, global: root.global.overriding(with: local)) }
}

struct HooksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "hooks", abstract: "Hooks (extensions): their runs.", subcommands: [HooksLogs.self])
}

/// `rossum-tui hooks logs [FILTER]`: hook runs, newest first, filtered as the console's `/` line;
/// `--follow` keeps printing new runs. `rossum-tui hook-logs` is its older, hidden name.
struct HooksLogs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "Hook runs of the last 7 days (the newest 100), filtered as in the console; --follow tails new ones.",
        discussion: """
        The filter takes hook:ID or hook:NAME, queue:ID, annotation:ID, status:failed, level:error, \
        code:500 and free text ("quoted text" keeps its colons); --hook, --queue and --annotation \
        add to it. Rows are the API's entries (plus hook_name); --sort orders them here, by any \
        of their fields.

        --follow prints the runs there are, oldest first, then asks again every --poll-every and \
        prints the new ones, until Ctrl-C (nothing is sent between two looks). It takes table, \
        ndjson or csv; --limit then says how many of the runs there are to start with. The API \
        answers with the newest 100 runs: more than 100 new runs between two looks are not all seen.

        Examples:
          rossum-tui hooks logs status:failed
          rossum-tui hooks logs --annotation 1201 --json | jq -r .message
          rossum-tui hooks logs --hook 7 --follow --output ndjson
        """)

    @ParentCommand var root: RossumTUI
    @OptionGroup(visibility: .hidden) var local: GlobalOptions
    @OptionGroup var logs: HookLogsOptions

    func run() async throws { try await logs.run(root.global.overriding(with: local)) }

    /// The API's fields of a run, the ones people read first in the table.
    static let definition = ListDefinition(
        columns: [ListColumn("start", "STARTED"), ListColumn("hook_name", "HOOK"), ListColumn("event", "EVENT"), ListColumn("action", "ACTION"),
                  ListColumn("status", "STATUS"), ListColumn("status_code", "CODE"), ListColumn("annotation_id", "ANNOTATION"),
                  ListColumn("message", "MESSAGE"), ListColumn("hook_id"), ListColumn("queue_id"), ListColumn("email_id"),
                  ListColumn("log_level"), ListColumn("request_id"), ListColumn("uuid"), ListColumn("timestamp"), ListColumn("end"),
                  ListColumn("hook_type"), ListColumn("organization_id"), ListColumn("settings"), ListColumn("request"),
                  ListColumn("response"), ListColumn("output")],
        sorting: .client)
}

/// `rossum-tui hook-logs FILTER`, kept for the scripts that use it.
struct HookLogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "hook-logs", abstract: "The older name of `hooks logs`.", shouldDisplay: false)
    @ParentCommand var root: RossumTUI
    @OptionGroup(visibility: .hidden) var local: GlobalOptions
    @OptionGroup var logs: HookLogsOptions

    func run() async throws { try await logs.run(root.global.overriding(with: local)) }
}

/// What `hooks logs` (and `hook-logs`) take, and what they do with it.
struct HookLogsOptions: ParsableArguments {
    @Argument(help: "The filter, as typed after / in the console.") var filter: [String] = []
    @Option(help: ArgumentHelp("Only runs of this hook (repeat for several).", valueName: "id")) var hook: [Int] = []
    @Option(help: ArgumentHelp("Only runs for this annotation (repeat for several).", valueName: "id")) var annotation: [Int] = []
    @Option(help: ArgumentHelp("Only runs in this queue (repeat for several).", valueName: "id")) var queue: [Int] = []
    @Flag(help: "Keep printing new runs until Ctrl-C.") var follow = false
    @Option(help: ArgumentHelp("Time between two looks (with --follow).", valueName: "duration")) var pollEvery = DurationOption(.seconds(5))
    @OptionGroup var list: ListOutputOptions

    func validate() throws {
        guard follow else { return }
        if list.options.format == .json { throw ValidationError("--follow writes rows as they come: use --output ndjson, csv or table") }
        if list.sort != nil { throw ValidationError("--follow prints runs as they come, oldest first: --sort goes without it") }
        guard pollEvery.duration >= .milliseconds(100) else { throw ValidationError("--poll-every must be at least 100ms") }
    }

    func run(_ global: GlobalOptions) async throws {
        let (text, options, follow, poll) = (filter.joined(separator: " "), list.options, follow, pollEvery.duration)
        let (hooks, annotations, queues) = (hook, annotation, queue)
        try await runCommand(global) { context in
            let client = try context.client()
            // Names first: the filter takes hook:NAME, and the rows show them.
            var names: [Int: String] = [:]
            for try await hook in client.hooks.list() { names[hook.id] = hook.name ?? "hook \(hook.id)" }
            var parsed: HookLogFilter
            do { parsed = try HookLogFilter.parse(text, hookNames: names) } catch { throw CommandFailure(.usage, "\(error)") }
            parsed.hooks += hooks
            parsed.annotations += annotations
            parsed.queues += queues
            let request = HookLogsRequest(filter: parsed, withHookNames: false)
            func rows(_ entries: [HookLogEntry]) -> [JSONObject] {
                entries.map { entry in
                    var row = (try? JSONDecoder().decode(JSONValue.self, from: Data(entry.json.utf8)))?.objectValue ?? JSONObject()
                    row["hook_name"] = entry.hookID.flatMap { names[$0] }.map(JSONValue.string)
                    return row
                }
            }
            let first = try await context.fetch(request).entries
            guard follow else {
                try ListWriter(HooksLogs.definition, options: options, output: context.output).writeAll(rows(first))
                return
            }
            let writer = ListWriter(HooksLogs.definition, options: ListOptions(format: options.format), output: context.output)
            var seen = Set(first.map(\.id))
            rows(Array(first.prefix(options.limit ?? first.count).reversed())).forEach(writer.add)
            writer.flush()
            while true {
                try await context.sleep(poll)
                let entries = try await context.fetch(request).entries
                rows(entries.filter { !seen.contains($0.id) }.reversed()).forEach(writer.add)
                writer.flush()
                // Only the runs of the last answer can come again: older ones left its window.
                seen = Set(entries.map(\.id))
            }
        }
    }

}

extension CommandContext {
    /// Runs one of the console's requests, its failure in the CLI's exit statuses.
    func fetch<Request: DataRequest>(_ request: Request) async throws -> Request.Answer {
        let services = ConsoleServices(client: try client(), logger: Logger(label: "rossum-tui"))
        do { return try await request.fetch(services) } catch { throw CLIFailure.from(error) }
    }
}

/// The console's failures in the CLI's exit statuses.
enum CLIFailure {
    static func from(_ error: any Error) -> any Error {
        guard let failure = error as? ConsoleFailure else { return error }
        switch failure.kind {
        case .notFound: return CommandFailure(.noInput, failure.message)
        case .unauthorized: return CommandFailure(.auth, failure.message)
        case .network, .server: return CommandFailure(.unavailable, failure.message)
        case .badInput: return CommandFailure(.badInput, failure.message)
        case .conflict, .other: return CommandFailure(.failure, failure.description)
        }
    }
}
