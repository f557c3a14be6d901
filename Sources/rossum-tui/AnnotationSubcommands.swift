import ArgumentParser
import Console
import Foundation
import RossumJobs
import RossumKit

/// `rossum-tui annotations show ID`: one annotation as the console's detail screen has it.
struct AnnotationsShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "One annotation: status, queue, document, modifier, times and its fields' values.",
        discussion: """
        --output json prints the annotation object as the API gives it, on one line.

        Examples:
          rossum-tui annotations show 1201
          rossum-tui annotations show 1201 --output json | jq .status
        """)

    @ParentCommand var root: RossumTUI
    @OptionGroup(visibility: .hidden) var local: GlobalOptions
    @Argument(help: "The annotation id.") var id: Int
    @Option(name: .customLong("output"), help: ArgumentHelp("table (default) or json (the API's object).", valueName: "format"))
    var format: OutputFormat = .table
    @Flag(help: "The same as --output json.") var json = false

    func validate() throws {
        guard format == .table || format == .json else { throw ValidationError("annotations show writes table or json") }
    }

    func run() async throws {
        let raw = json || format == .json
        try await runCommand(root.global.overriding(with: local)) { [id] context in
            if raw {
                let text = try await context.fetch(RawObjectRequest(object: SelectedObject(kind: "annotation", id: id, apiPath: "annotations/\(id)")))
                context.output.line((try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))).map(JSONLines.line) ?? text)
                return
            }
            let detail = try await context.fetch(AnnotationDetailRequest(id: id, writeStamp: nil))
            context.output.writeOut(Self.text(detail))
        }
    }

    /// The detail as aligned `Label  value` lines, then the fields, indented by section.
    static func text(_ detail: AnnotationDetail) -> String {
        let row = detail.row
        var pairs: [[String]] = [
            ["Annotation", "#\(row.id)"],
            ["Status", row.status],
            ["Queue", [detail.queueName, row.queueID.map { "#\($0)" }].compactMap { $0 }.joined(separator: " ")
                + (detail.workspaceName.map { " (workspace \($0))" } ?? "")],
            ["Document", row.fileName + (detail.mimeType.map { " (\($0))" } ?? "")],
            ["Modifier", row.modifier ?? "-"],
        ]
        // The history holds the times (created, arrived, confirmed, modified...) in the order they happened.
        for (event, time) in detail.history { pairs.append([event.prefix(1).uppercased() + event.dropFirst(), Timestamp.string(time)]) }
        pairs.append(["Web", detail.webURL])
        for blocker in detail.blockers {
            pairs.append(["Blocker", "\(blocker.level) \(blocker.type)\(blocker.schemaID.map { " on \($0)" } ?? "")\(blocker.detail.isEmpty ? "" : ": " + blocker.detail)"])
        }
        for message in detail.messages { pairs.append(["Message", message]) }
        var out = Self.unheaded(pairs)
        if !detail.fields.isEmpty {
            out += "\nFields\n"
            var values: [[String]] = []
            func add(_ node: FieldNode, _ indent: String) {
                switch node {
                case .section(let label, let children):
                    values.append([indent + label, ""])
                    children.forEach { add($0, indent + "  ") }
                case .value(let label, let value):
                    values.append([indent + label, value])
                case .list(let label, let items):
                    values.append([indent + label, items.joined(separator: ", ")])
                case .table(let label, let columns, let rows):
                    values.append([indent + label, "\(rows.count) row(s): " + columns.joined(separator: " | ")])
                    for (index, cells) in rows.enumerated() { values.append([indent + "  \(index + 1)", cells.joined(separator: " | ")]) }
                }
            }
            detail.fields.forEach { add($0, "  ") }
            out += Self.unheaded(values)
        }
        return out
    }

    /// Aligned `label  value` lines without a header line.
    static func unheaded(_ rows: [[String]]) -> String {
        TableFormatter.render(header: ["", ""], rows: rows).split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
            .filter { !$0.isEmpty }.map { $0 + "\n" }.joined()
    }
}

/// `rossum-tui annotations bundle ID -o FILE`: the case file for a support ticket.
struct AnnotationsBundle: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bundle",
        abstract: "Write an annotation's case file for a support ticket: Markdown with the raw entries as NDJSON, secrets redacted.",
        discussion: """
        One Markdown file: the annotation, the short answer, the timeline as a table, and last a \
        fenced ```ndjson block with every entry as the API gave it, one JSON object per line. \
        Values under keys naming a token, secret, password, API key, cookie or Authorization \
        header, bearer and token strings in text and the credentials of URLs are replaced by \
        [REDACTED]; request ids stay. The file is written as FILE.part and renamed when complete; \
        -o - writes to standard output.

        Example:
          rossum-tui annotations bundle 1201 -o case-1201.md
          rossum-tui annotations bundle 1201 -o - | sed -n '/^```ndjson$/,/^```$/p' | sed '1d;$d' | jq .source
        """)

    @ParentCommand var root: RossumTUI
    @OptionGroup(visibility: .hidden) var local: GlobalOptions
    @Argument(help: "The annotation id.") var id: Int
    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("The Markdown file to write (- for standard output).", valueName: "file"))
    var output: String

    func run() async throws {
        try await runCommand(root.global.overriding(with: local)) { [id, output] context in
            let file = try await context.fetch(CaseFileRequest(annotationID: id))
            let text = CaseFileBundle(file: file, generatedAt: context.now()).markdown
            if output == "-" {
                context.output.writeOut(text)
                return
            }
            try FileOutput.write(Data(text.utf8), to: output)
            context.output.errorLine("wrote the case file of annotation \(id) to \(output) (\(file.entries.count) entries"
                + (file.gaps.isEmpty ? ")" : "; not included: \(file.gaps.joined(separator: "; ")))"))
        }
    }
}

/// `rossum-tui search QUERY`: every queue's annotations, as the console's `:find`.
struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the annotations of every queue (full text, status:, id:, field.ID:, file:), as :find in the console.",
        discussion: """
        Free text goes to the API's annotations/search (query_string); status:to_review,confirmed, \
        id:1201, an extracted value (field.document_id:INV-7, field.sender_name:"ACME corp") and \
        the file name (file:scan_*) narrow it; a value ending in * is a prefix. The server sorts (--sort id, status, file, arrived_at, modified_at \
        or modifier; default -arrived_at).

        Examples:
          rossum-tui search "ACME GmbH"
          rossum-tui search field.document_id:INV-2024-001 --output json
          rossum-tui search "invoice 2024 status:failed_export" --output csv --limit 500 > failed.csv
        """)

    @ParentCommand var root: RossumTUI
    @OptionGroup(visibility: .hidden) var local: GlobalOptions
    @Argument(help: "What to look for (words, status:S, id:N, field.ID:VALUE, file:NAME).") var query: [String]
    @OptionGroup var list: ListOutputOptions

    /// The `--sort` fields and the console's sort keys they are.
    static let sortKeys: [String: AnnotationSortKey] = [
        "id": .id, "status": .status, "file": .file, "arrived_at": .arrived, "modified_at": .modified, "modifier": .modifier,
    ]

    static let definition = ListDefinition(
        columns: [ListColumn("id", "ID"), ListColumn("status", "STATUS"), ListColumn("queue", "QUEUE"), ListColumn("file", "FILE"),
                  ListColumn("arrived_at", "ARRIVED"), ListColumn("modified_at", "MODIFIED"), ListColumn("modifier", "MODIFIER"),
                  ListColumn("queue_id")],
        sorting: .server(sortKeys.mapValues(\.ordering)))

    func run() async throws {
        let (text, options) = (query.joined(separator: " "), list.options)
        try await runCommand(root.global.overriding(with: local)) { context in
            let filter: AnnotationFilter
            do { filter = try AnnotationFilter.parse(text) } catch { throw CommandFailure(.usage, "\(error)") }
            guard !filter.isEmpty else { throw CommandFailure(.usage, "give something to search for (words, status:S or id:N)") }
            _ = try Self.definition.ordering(for: options.sort)
            let sort = options.sort.flatMap { Self.sortKeys[$0.field] }
            let query = AnnotationQuery(queueID: nil, filter: filter, sort: sort ?? .arrived, ascending: sort != nil && options.sort?.descending == false)
            let client = try context.client()
            var queueNames: [Int: String] = [:]
            for try await queue in client.queues.list() { queueNames[queue.id] = queue.name ?? "queue \(queue.id)" }
            let writer = ListWriter(Self.definition, options: options, output: context.output)
            var page = 0
            var taken = 0
            while !writer.isFull {
                let answer = try await context.fetch(AnnotationPageRequest(query: query, page: page))
                for row in answer.rows {
                    var object: JSONObject = ["id": .number(Double(row.id)), "status": .string(row.status), "file": .string(row.fileName)]
                    object["queue"] = row.queueID.map { .string(queueNames[$0] ?? "#\($0)") }
                    object["arrived_at"] = row.arrivedAt.map { .string(Timestamp.string($0)) }
                    object["modified_at"] = row.modifiedAt.map { .string(Timestamp.string($0)) }
                    object["modifier"] = row.modifier.map(JSONValue.string)
                    object["queue_id"] = row.queueID.map { .number(Double($0)) }
                    writer.add(object)
                }
                taken += answer.rows.count
                page += 1
                if answer.rows.count < PagedRows.pageSize || taken >= answer.total { break }
            }
            writer.finish()
        }
    }
}
