import ArgumentParser
import Console
import Foundation
import Logging
import RossumJobs
import RossumKit

/// `rossum-tui why ID`: the console's case file for scripts and tickets, as a table or JSON lines.
struct WhyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "why",
        abstract: "Why an annotation is where it is: status history, audit log, hook runs, rule runs, messages, blockers, notes, email.",
        discussion: """
        The same case file as `w` in the console, newest first, each entry naming its source. A
        source the server would not give (audit logs need an admin) is named on standard error.

        Examples:
          rossum-tui why 1201
          rossum-tui why 1201 --json | jq 'select(.source == "hook" and .level == "error")'
        """)

    @ParentCommand var root: RossumTUI
    @OptionGroup(visibility: .hidden) var local: GlobalOptions
    @Argument(help: "The annotation id.") var id: Int
    @Flag(help: "One JSON object per entry.") var json = false

    func run() async throws {
        try await runCommand(root.global.overriding(with: local)) { [id, json] context in
            let services = ConsoleServices(client: try context.client(), logger: Logger(label: "rossum-tui"))
            let file: CaseFile
            do { file = try await CaseFileRequest(annotationID: id).fetch(services) } catch { throw CLIFailure.from(error) }
            for gap in file.gaps { context.output.writeErr("not shown: \(gap)\n") }
            if json {
                for entry in file.entries {
                    var object: [String: Any] = ["annotation": id, "source": entry.source.label, "summary": entry.summary,
                                                 "level": "\(entry.level)"]
                    if let time = entry.time { object["time"] = ISO8601DateFormatter().string(from: time) }
                    context.output.line(JSONLines.line(object))
                }
                return
            }
            context.output.line("#\(id) \(file.fileName) is \(file.status)" + (file.queueName.map { " in \($0)" } ?? ""))
            for line in file.headline { context.output.line(line) }
            let rows = file.entries.map { entry in
                [entry.time.map { ISO8601DateFormatter().string(from: $0) } ?? "current", entry.source.label, entry.summary]
            }
            context.output.writeOut(TableFormatter.render(header: ["WHEN", "SOURCE", "WHAT"], rows: rows))
        }
    }
}

/// `rossum-tui hook-logs [FILTER]`: hook runs, newest first, filtered as the console's `/` line.
struct HookLogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hook-logs",
        abstract: "Hook runs of the last 7 days (the newest 100), filtered as in the console.",
        discussion: """
        The filter takes hook:ID or hook:NAME, queue:ID, annotation:ID, status:failed, level:error,
        code:500 and free text ("quoted text" keeps its colons).

        Examples:
          rossum-tui hook-logs status:failed
          rossum-tui hook-logs annotation:1201 --json | jq -r .message
        """)

    @ParentCommand var root: RossumTUI
    @OptionGroup(visibility: .hidden) var local: GlobalOptions
    @Argument(help: "The filter, as typed after / in the console.") var filter: [String] = []
    @Flag(help: "Each run as one JSON object (the API's entry).") var json = false

    func run() async throws {
        let (text, asJSON) = (filter.joined(separator: " "), json)
        try await runCommand(root.global.overriding(with: local)) { context in
            let client = try context.client()
            let services = ConsoleServices(client: client, logger: Logger(label: "rossum-tui"))
            // Names first: the filter takes hook:NAME, and the table shows them.
            var names: [Int: String] = [:]
            for try await hook in client.hooks.list() { names[hook.id] = hook.name ?? "hook \(hook.id)" }
            let parsed: HookLogFilter
            do { parsed = try HookLogFilter.parse(text, hookNames: names) } catch { throw CommandFailure(.usage, "\(error)") }
            let answer: HookLogsRequest.Answer
            do { answer = try await HookLogsRequest(filter: parsed, withHookNames: false).fetch(services) } catch { throw CLIFailure.from(error) }
            if asJSON {
                for entry in answer.entries {
                    let compact = (try? JSONSerialization.jsonObject(with: Data(entry.json.utf8))).flatMap {
                        try? JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys, .withoutEscapingSlashes])
                    }
                    context.output.line(compact.flatMap { String(data: $0, encoding: .utf8) } ?? entry.json)
                }
                return
            }
            let rows = answer.entries.map { entry in
                [entry.started.map { ISO8601DateFormatter().string(from: $0) } ?? "-", entry.hookID.map { names[$0] ?? "#\($0)" } ?? "-",
                 entry.event, entry.status + (entry.statusCode.map { " \($0)" } ?? ""), entry.annotationID.map { "#\($0)" } ?? "-", entry.message]
            }
            context.output.writeOut(TableFormatter.render(header: ["STARTED", "HOOK", "EVENT", "STATUS", "ANNOTATION", "MESSAGE"], rows: rows))
        }
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
