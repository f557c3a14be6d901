import Foundation
import RossumKit

/// `annotations`, `queues`, `workspaces`, `export`, `upload`: small commands for shell scripts.
/// Human output is an aligned table; `--json` is one object per line.
public enum ScriptingCommands {
    public enum AnnotationAction: String, Sendable, CaseIterable {
        case confirm, postpone, delete, cancel

        var pastTense: String {
            switch self {
            case .cancel: "cancelled"
            default: rawValue.hasSuffix("e") ? rawValue + "d" : rawValue + "ed"
            }
        }

        /// The status rule the action runs under; `export` lets confirm move a confirmed one on.
        func transition(export: Bool) -> StatusTransition {
            switch self {
            case .confirm: export ? .confirmOrExport : .confirm
            case .postpone: .postpone
            case .delete: .delete
            case .cancel: .cancel
            }
        }
    }

    /// `annotations list --queue ID [--status S]`
    public static func listAnnotations(queueID: Int, statuses: [String], json: Bool, limit: Int?, context: CommandContext) async throws {
        var filters: QueryItems = ["queue": QueryValue(queueID)]
        if !statuses.isEmpty { filters.append("status", QueryValue(statuses.joined(separator: ","))) }
        var rows: [[String]] = []
        var count = 0
        for try await annotation in try context.client().annotations.list(filters: filters, ordering: ["-created_at"]) {
            if let limit, count >= limit { break }
            count += 1
            let status = annotation.status?.rawValue ?? ""
            let document = annotation.document?.url ?? ""
            if json {
                var object: [String: Any] = ["id": annotation.id, "status": status, "queue_id": queueID]
                if let created = annotation.createdAt { object["created_at"] = created }
                if let modified = annotation.modifiedAt { object["modified_at"] = modified }
                if !document.isEmpty { object["document"] = document }
                if let url = annotation.url { object["url"] = url }
                context.output.line(JSONLines.line(object))
            } else {
                rows.append([String(annotation.id), status, annotation.createdAt ?? "", annotation.modifiedAt ?? ""])
            }
        }
        if !json {
            context.output.writeOut(TableFormatter.render(header: ["ID", "STATUS", "CREATED", "MODIFIED"], rows: rows))
        }
    }

    /// `annotations confirm|postpone|delete ID...`: each id on its own; the command fails if any did.
    public static func act(_ action: AnnotationAction, ids: [Int], yes: Bool, json: Bool, export: Bool = false, context: CommandContext) async throws {
        guard !ids.isEmpty else { throw CommandFailure(.usage, "give at least one annotation id") }
        if !yes {
            guard context.output.inIsTerminal else {
                throw CommandFailure(.usage, "refusing to \(action.rawValue) \(ids.count) annotation(s) without confirmation: pass --yes in scripts")
            }
            context.output.writeErr("\(action.rawValue.capitalized) \(ids.count) annotation(s) (\(ids.prefix(5).map(String.init).joined(separator: ", "))\(ids.count > 5 ? ", ..." : ""))? [y/N] ")
            guard let answer = context.output.readLine()?.lowercased(), answer == "y" || answer == "yes" else {
                throw CommandFailure(.usage, "not confirmed: nothing was changed")
            }
        }
        let annotations = try context.client().annotations
        var failures: [(Int, ClassifiedError)] = []
        for id in ids {
            do {
                let outcome = try await annotations.perform(action.transition(export: export), on: id)
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

    /// `queues list`
    public static func listQueues(workspaceID: Int?, json: Bool, context: CommandContext) async throws {
        var filters: QueryItems = [:]
        if let workspaceID { filters.append("workspace", QueryValue(workspaceID)) }
        let queues = try await context.client().queues.list(filters: filters).collect()
        if json {
            for queue in queues {
                var object: [String: Any] = ["id": queue.id, "name": queue.name ?? ""]
                if let workspace = queue.workspace, let id = workspace.split(separator: "/").last.flatMap({ Int($0) }) { object["workspace_id"] = id }
                if let counts = queue.counts { object["counts"] = counts }
                context.output.line(JSONLines.line(object))
            }
            return
        }
        context.output.writeOut(TableFormatter.render(header: ["ID", "NAME", "WORKSPACE", "TO REVIEW"], rows: queues.map { queue in
            [String(queue.id), queue.name ?? "", queue.workspace.flatMap { $0.split(separator: "/").last.map(String.init) } ?? "",
             queue.counts?["to_review"].map(String.init) ?? ""]
        }))
    }

    /// `workspaces list`
    public static func listWorkspaces(json: Bool, context: CommandContext) async throws {
        let workspaces = try await context.client().workspaces.list().collect()
        if json {
            for workspace in workspaces {
                context.output.line(JSONLines.line(["id": workspace.id, "name": workspace.name ?? "", "queues": workspace.queues.count]))
            }
            return
        }
        context.output.writeOut(TableFormatter.render(header: ["ID", "NAME", "QUEUES"], rows: workspaces.map {
            [String($0.id), $0.name ?? "", String($0.queues.count)]
        }))
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
