import Foundation
import RossumKit

/// `annotations`, `queues`, `workspaces`, `export`, `upload`: small commands for shell scripts.
/// Human output is an aligned table; `--json` is one object per line.
public enum ScriptingCommands {
    public enum AnnotationAction: String, Sendable, CaseIterable {
        case confirm, postpone, delete, cancel, reject
        /// A failed export sent to export again (the console's `E`): `PATCH status=exporting`.
        case retryExport = "retry-export"

        var pastTense: String {
            switch self {
            case .cancel: "cancelled"
            case .retryExport: "sent to export again"
            default: rawValue.hasSuffix("e") ? rawValue + "d" : rawValue + "ed"
            }
        }

        /// The status rule the action runs under; `export` lets confirm move a confirmed one on.
        /// Retrying an export is no status action: RossumKit's `retryExport` has its own rule.
        func transition(export: Bool) -> StatusTransition? {
            switch self {
            case .confirm: export ? .confirmOrExport : .confirm
            case .postpone: .postpone
            case .delete: .delete
            case .cancel: .cancel
            case .reject: .reject
            case .retryExport: nil
            }
        }
    }

    /// `annotations list`: sorted by the server (`ordering`), newest first unless `--sort`.
    public static let annotationList = ListDefinition(
        columns: [ListColumn("id", "ID"), ListColumn("status", "STATUS"), ListColumn("queue_id"), ListColumn("created_at", "CREATED"),
                  ListColumn("modified_at", "MODIFIED"), ListColumn("document"), ListColumn("url")],
        sorting: .server(["id": "id", "status": "status", "queue_id": "queue", "created_at": "created_at", "modified_at": "modified_at"]))

    /// `annotations list --queue ID [--status S]`
    public static func listAnnotations(queueID: Int, statuses: [String], options: ListOptions, context: CommandContext) async throws {
        var filters: QueryItems = ["queue": QueryValue(queueID)]
        if !statuses.isEmpty { filters.append("status", QueryValue(statuses.joined(separator: ","))) }
        let ordering = try annotationList.ordering(for: options.sort, default: ["-created_at"])
        let writer = ListWriter(annotationList, options: options, output: context.output)
        for try await annotation in try context.client().annotations.list(filters: filters, ordering: ordering) {
            if writer.isFull { break }
            var row: JSONObject = ["id": .number(Double(annotation.id)), "status": .string(annotation.status?.rawValue ?? ""),
                                   "queue_id": .number(Double(queueID))]
            row["created_at"] = annotation.createdAt.map(JSONValue.string)
            row["modified_at"] = annotation.modifiedAt.map(JSONValue.string)
            row["document"] = annotation.document?.url.map(JSONValue.string)
            row["url"] = annotation.url.map(JSONValue.string)
            writer.add(row)
        }
        writer.finish()
    }

    /// `annotations confirm|postpone|delete|cancel|reject|retry-export ID...`: each id on its own;
    /// the command fails if any did. `note` goes with a rejection (the API's `note_content`).
    public static func act(_ action: AnnotationAction, ids: [Int], yes: Bool, json: Bool, export: Bool = false, note: String? = nil,
                           context: CommandContext) async throws {
        guard !ids.isEmpty else { throw CommandFailure(.usage, "give at least one annotation id") }
        if !yes {
            guard context.output.inIsTerminal else {
                throw CommandFailure(.usage, "refusing to \(action.rawValue) \(ids.count) annotation(s) without confirmation: pass --yes in scripts")
            }
            context.output.writeErr("\(action.rawValue.capitalized.replacingOccurrences(of: "-", with: " ")) \(ids.count) annotation(s) (\(ids.prefix(5).map(String.init).joined(separator: ", "))\(ids.count > 5 ? ", ..." : ""))? [y/N] ")
            guard let answer = context.output.readLine()?.lowercased(), answer == "y" || answer == "yes" else {
                throw CommandFailure(.usage, "not confirmed: nothing was changed")
            }
        }
        let annotations = try context.client().annotations
        var failures: [(Int, ClassifiedError)] = []
        for id in ids {
            do {
                let outcome: StatusActionOutcome
                if let transition = action.transition(export: export) {
                    outcome = try await annotations.perform(transition, on: id, body: note.map { ["note_content": .string($0)] })
                } else {
                    outcome = .applied(status: try await annotations.retryExport(id).status?.rawValue ?? "exporting")
                }
                let already: Bool
                if case .alreadyDone = outcome { already = true } else { already = false }
                if json {
                    context.output.line(JSONLines.line(["id": id, "action": action.rawValue, "ok": true, "status": outcome.status, "already": already]))
                } else {
                    context.output.line("\(id)  \(already ? "already \(outcome.status), nothing sent" : action.pastTense + " (now \(outcome.status))")")
                }
            } catch {
                let classified = ErrorClassifier.classify(error)
                failures.append((id, classified))
                context.output.line(json ? JSONLines.line(["id": id, "action": action.rawValue, "ok": false, "error": classified.message])
                    : "\(id)  failed: \(classified.message)")
            }
        }
        if let (_, first) = failures.first {
            throw CommandFailure(first.status, "\(failures.count) of \(ids.count) annotation(s) could not be \(action.pastTense) (first: \(first.message))")
        }
    }

    /// `queues list`: sorted by the server (`ordering`).
    public static let queueList = ListDefinition(
        columns: [ListColumn("id", "ID"), ListColumn("name", "NAME"), ListColumn("workspace_id", "WORKSPACE"),
                  ListColumn("to_review", "TO REVIEW"), ListColumn("counts")],
        sorting: .server(["id": "id", "name": "name", "workspace_id": "workspace"]))

    /// `queues list`
    public static func listQueues(workspaceID: Int?, options: ListOptions, context: CommandContext) async throws {
        var filters: QueryItems = [:]
        if let workspaceID { filters.append("workspace", QueryValue(workspaceID)) }
        let ordering = try queueList.ordering(for: options.sort)
        let writer = ListWriter(queueList, options: options, output: context.output)
        for try await queue in try context.client().queues.list(filters: filters, ordering: ordering) {
            if writer.isFull { break }
            var row: JSONObject = ["id": .number(Double(queue.id)), "name": .string(queue.name ?? "")]
            row["workspace_id"] = queue.workspace.flatMap { URLText.id(in: $0) }.map { .number(Double($0)) }
            row["to_review"] = queue.counts?["to_review"].map { .number(Double($0)) }
            row["counts"] = queue.counts.map { counts in .object(JSONObject(counts.sorted { $0.key < $1.key }.map { ($0.key, .number(Double($0.value))) })) }
            writer.add(row)
        }
        writer.finish()
    }

    /// `workspaces list`: sorted by the server (`ordering`).
    public static let workspaceList = ListDefinition(
        columns: [ListColumn("id", "ID"), ListColumn("name", "NAME"), ListColumn("queues", "QUEUES")],
        sorting: .server(["id": "id", "name": "name"]))

    /// `workspaces list`
    public static func listWorkspaces(options: ListOptions, context: CommandContext) async throws {
        let ordering = try workspaceList.ordering(for: options.sort)
        let writer = ListWriter(workspaceList, options: options, output: context.output)
        for try await workspace in try context.client().workspaces.list(ordering: ordering) {
            if writer.isFull { break }
            writer.add(["id": .number(Double(workspace.id)), "name": .string(workspace.name ?? ""), "queues": .number(Double(workspace.queues.count))])
        }
        writer.finish()
    }

    public enum ExportFileFormat: String, Sendable, CaseIterable {
        case csv, xml, xlsx, json
    }

    /// `export QUEUE --format F -o FILE`: written to `FILE.part`, renamed when complete; `-o -`
    /// streams to standard output.
    public static func export(queueID: Int, format: ExportFileFormat, statuses: [String], outputPath: String, context: CommandContext) async throws {
        let client = try context.client()
        var filters: QueryItems = [:]
        if !statuses.isEmpty { filters.append("status", QueryValue(statuses.joined(separator: ","))) }
        if outputPath == "-" {
            _ = try await export(queueID, format: format, filters: filters, client: client, to: .standardOutput)
            return
        }
        let partial = outputPath + ".part"
        try CollectionDownloadJob.createEmpty(partial, destination: outputPath)
        do {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: partial))
            let bytes: Int
            do {
                bytes = try await export(queueID, format: format, filters: filters, client: client, to: handle)
                try handle.close()
            } catch {
                try? handle.close()
                throw error
            }
            guard rename(partial, outputPath) == 0 else {
                throw CommandFailure(.cannotCreate, "cannot rename \(partial) to \(outputPath): \(String(cString: strerror(errno)))")
            }
            context.output.errorLine("exported queue \(queueID) as \(format.rawValue) to \(outputPath) (\(bytes) bytes)")
        } catch {
            unlink(partial)
            throw error
        }
    }

    /// Writes the export to `handle`; returns the bytes of the export (JSON: of its records).
    private static func export(_ queueID: Int, format: ExportFileFormat, filters: QueryItems, client: RossumClient,
                               to handle: FileHandle) async throws -> Int {
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            var writer = FileDescriptorWriter(handle)
            var written = 0
            var first = true
            try writer.write(Array("[".utf8))
            for try await annotation in client.queues.exportJSON(queueID, filters: filters) {
                let data = try encoder.encode(annotation)
                try writer.write(Array((first ? "" : ",\n").utf8) + Array(data))
                written += data.count
                first = false
            }
            try writer.write(Array("]\n".utf8))
            return written
        case .csv, .xml, .xlsx:
            return try await client.queues.exportFile(queueID, format: ExportFormat(rawValue: format.rawValue)!, filters: filters, to: handle)
        }
    }

    /// `upload QUEUE FILE... [--wait]`: one line per file with its task (and annotation, with --wait).
    public static func upload(queueID: Int, files: [String], wait: Bool, timeout: Duration, pollEvery: Duration, json: Bool,
                              context: CommandContext) async throws {
        guard !files.isEmpty else { throw CommandFailure(.usage, "give at least one file to upload") }
        var uploads: [UploadFile] = []
        for path in files {
            guard FileManager.default.isReadableFile(atPath: path), let data = FileManager.default.contents(atPath: path) else {
                throw CommandFailure(.noInput, "\(path): no such readable file (check the path)")
            }
            uploads.append(UploadFile(filename: (path as NSString).lastPathComponent, data: Array(data), contentType: contentType(of: path)))
        }
        let client = try context.client()
        let tasks = try await client.uploads.upload(queueID: queueID, files: uploads)
        var failed = 0
        for (file, task) in zip(files, tasks) {
            var final = task
            if wait {
                final = try await client.tasks.waitUntilDone(task.id, pollEvery: pollEvery, timeout: timeout)
            }
            let status = final.status?.rawValue ?? ""
            if final.phase == .failed { failed += 1 }
            // A succeeded task points at its upload, which lists the annotations created.
            let result = final.resultURL
            if json {
                var object: [String: Any] = ["file": file, "task_id": final.id, "status": status]
                if let result { object["result_url"] = result }
                context.output.line(JSONLines.line(object))
            } else {
                context.output.line("\(file)  task \(final.id)  \(status)\(result.map { "  \($0)" } ?? "")")
            }
        }
        if failed > 0 { throw CommandFailure(.jobFailed, "\(failed) of \(files.count) upload(s) failed") }
    }

    static func contentType(of path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "pdf": "application/pdf"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "tif", "tiff": "image/tiff"
        case "xml": "application/xml"
        case "json": "application/json"
        default: "application/octet-stream"
        }
    }
}
