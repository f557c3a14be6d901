import Foundation
import Logging
import RossumKit
import RossumSandbox
import Testing
@testable import Console

/// The screens' requests against the real in-process sandbox: what the console shows and does
/// is what the server has and does.
@Suite struct ConsoleRequestsTests {
    func withSandbox(history: Bool = false, _ body: (ConsoleServices, RossumClient) async throws -> Void) async throws {
        try await withSandboxServer(history: history) { _, services, client in try await body(services, client) }
    }

    func withSandboxServer(history: Bool = false, _ body: (SandboxServer, ConsoleServices, RossumClient) async throws -> Void) async throws {
        var configuration = SandboxConfiguration()
        configuration.size = .small
        configuration.importDelay = .milliseconds(10)
        configuration.seedsHistory = history
        let server = try await SandboxServer.start(configuration)
        do {
            let client = try RossumClient(baseURL: server.apiURL, credentials: .credentials(username: configuration.username, password: configuration.password))
            try await body(server, ConsoleServices(client: client, logger: Logger(label: "test")), client)
        } catch {
            await server.shutdown()
            throw error
        }
        await server.shutdown()
    }

    @Test func treeListDetailAndConfirm() async throws {
        try await withSandbox { services, client in
            let (organization, workspaces) = try await WorkspacesRequest().fetch(services)
            #expect(organization != nil)
            let queue = try #require(workspaces.flatMap(\.queues).first { ($0.counts["to_review"] ?? 0) > 1 })
            let columns = try await FieldColumnsRequest(queueID: queue.id, schemaID: queue.schemaID).fetch(services)
            #expect(columns.map(\.title).contains("Supplier"))

            var query = AnnotationQuery(queueID: queue.id, tab: "to_review")
            let page = try await AnnotationPageRequest(query: query, page: 0, fieldIDs: columns.map(\.id)).fetch(services)
            #expect(page.total == queue.counts["to_review"])
            #expect(page.rows.allSatisfy { $0.status == "to_review" && !$0.fileName.isEmpty })
            #expect(page.rows.contains { !($0.fields["sender_name"] ?? "").isEmpty }, "key fields come from the content sideload")
            // The list's slim decoding shows a row exactly as the full models do for one row.
            for row in page.rows.prefix(5) {
                #expect(try await AnnotationRowRequest(id: row.id, fieldIDs: columns.map(\.id)).fetch(services) == row)
            }

            // Sorting by id ascending, then a filter on one id.
            query.sort = .id
            query.ascending = true
            let sorted = try await AnnotationPageRequest(query: query, page: 0, fieldIDs: []).fetch(services)
            #expect(sorted.rows.map(\.id) == sorted.rows.map(\.id).sorted())
            let target = try #require(sorted.rows.first)
            query.filter = AnnotationFilter(ids: [target.id])
            #expect(try await AnnotationPageRequest(query: query, page: 0, fieldIDs: []).fetch(services).rows.map(\.id) == [target.id])

            let detail = try await AnnotationDetailRequest(id: target.id).fetch(services)
            #expect(detail.row.id == target.id)
            #expect(!detail.fields.isEmpty)
            #expect(detail.queueName == queue.name)
            #expect(detail.workspaceName == workspaces.first { $0.queues.contains { $0.id == queue.id } }?.name)
            #expect(detail.webURL.hasSuffix("/document/\(target.id)"))

            let status = try await AnnotationCommandRequest(command: .confirm, id: target.id, bulkID: nil).fetch(services)
            let onServer = try await client.annotations.retrieve(target.id)
            #expect(status == onServer.status?.rawValue)
            #expect(["exported", "exporting", "confirmed"].contains(status ?? ""))
        }
    }

    @Test func conflictsAreNamedNotFoundIsNamedAndFreeTextSearches() async throws {
        try await withSandbox { services, _ in
            let (_, workspaces) = try await WorkspacesRequest().fetch(services)
            let queue = try #require(workspaces.flatMap(\.queues).first { ($0.counts["exported"] ?? 0) > 0 })
            let exported = try await AnnotationPageRequest(query: AnnotationQuery(queueID: queue.id, tab: "exported"), page: 0, fieldIDs: []).fetch(services)
            let id = try #require(exported.rows.first?.id)
            // Starting review of an exported annotation is refused with 409.
            do throws(ConsoleFailure) {
                _ = try await AnnotationCommandRequest(command: .start, id: id, bulkID: nil).fetch(services)
                Issue.record("start of an exported annotation should fail")
            } catch {
                #expect(error.kind == .conflict)
                #expect(error.status == 409)
            }
            do throws(ConsoleFailure) {
                _ = try await AnnotationDetailRequest(id: 987_654_321).fetch(services)
                Issue.record("an unknown annotation should fail")
            } catch {
                #expect(error.kind == .notFound)
            }
            let name = try #require(exported.rows.first?.fileName)
            let found = try await AnnotationPageRequest(query: AnnotationQuery(queueID: queue.id, filter: AnnotationFilter(text: name)), page: 0, fieldIDs: []).fetch(services)
            #expect(found.rows.map(\.fileName).contains(name))
        }
    }

    /// A logged run replayed through hooks/{id}/test: the report compares the messages and
    /// shows both answers; the logs get no new run and the annotation does not change.
    @Test func aHookRunIsReplayedAndComparedWithTheLoggedAnswer() async throws {
        try await withSandbox(history: true) { services, client in
            let logs = try await HookLogsRequest(filter: HookLogFilter(), withHookNames: true).fetch(services)
            let entry = try #require(logs.entries.first {
                $0.status == "completed" && $0.annotationID != nil && !HookReplayReport.messages($0.response).isEmpty
            }, "a completed run that left messages")
            let annotationID = try #require(entry.annotationID)
            let before = try await client.annotations.retrieve(annotationID)
            let runsBefore = try await client.hooks.runData(filters: ["annotation": QueryValue(annotationID)]).count
            let name = logs.hookNames?[entry.hookID ?? 0] ?? "hook"
            let report = try await HookReplayRequest(entry: entry, hookName: name).fetch(services)
            #expect(report.hasPrefix("Replay of \(name) on #\(annotationID)"))
            #expect(report.contains("Messages") && report.contains("Logged answer") && report.contains("Answer now"))
            #expect(HookReplayReport.messages(entry.response).allSatisfy { report.contains($0) })
            #expect(try await client.hooks.runData(filters: ["annotation": QueryValue(annotationID)]).count == runsBefore, "a test is not logged")
            #expect(try await client.annotations.retrieve(annotationID).modifiedAt == before.modifiedAt, "a test applies nothing")
        }
    }

    /// A failed run replayed while the hook still fails: the report says so beside the logged
    /// answer, instead of failing to replay.
    @Test func aFailingHookReplayedIsStillFailing() async throws {
        try await withSandbox(history: true) { services, _ in
            let logs = try await HookLogsRequest(filter: HookLogFilter(), withHookNames: true).fetch(services)
            let entry = try #require(logs.entries.first { $0.failed && $0.annotationID != nil && $0.eventName != nil }, "a failed run")
            let report = try await HookReplayRequest(entry: entry, hookName: "ERP export").fetch(services)
            #expect(report.contains("\nStill failing: ") && report.contains("Logged answer (failed"), "\(report)")
        }
    }

    /// A fix, simulated: the export hook loses its simulated ERP behaviour (its
    /// `metadata.sandbox_extension`), and a hook without one answers 200; the replay of the failed run now says it is fixed,
    /// with the new answer beside the logged failure.
    @Test func aReplayAfterTheHookIsFixedSaysSo() async throws {
        try await withSandbox(history: true) { services, client in
            let logs = try await HookLogsRequest(filter: HookLogFilter(), withHookNames: true).fetch(services)
            let failed = try #require(logs.entries.first { $0.failed && $0.statusCode == 500 && $0.annotationID != nil }, "a run the ERP refused")
            let hookID = try #require(failed.hookID)
            #expect(try await HookReplayRequest(entry: failed, hookName: "ERP export").fetch(services).contains("\nStill failing: "))
            _ = try await client.hooks.partialUpdate(hookID, ["metadata": [:]])
            let report = try await HookReplayRequest(entry: failed, hookName: "ERP export").fetch(services)
            #expect(report.contains("Fixed: the hook answers now; the logged run failed."), "\(report)")
            #expect(report.contains("Logged answer (failed 500)") && report.contains("Answer now"))
        }
    }

    /// The next older page of hook runs: only runs that started before the given moment.
    @Test func olderHookRunsArePagedByTheirStart() async throws {
        try await withSandbox(history: true) { services, _ in
            let newest = try await HookLogsRequest(filter: HookLogFilter(), withHookNames: false).fetch(services).entries
            let middle = try #require(newest.dropFirst(newest.count / 2).first?.started)
            let older = try await HookLogsRequest(filter: HookLogFilter(), withHookNames: false, startedBefore: middle).fetch(services).entries
            #expect(!older.isEmpty && older.allSatisfy { ($0.started ?? .distantFuture) < middle })
        }
    }

    /// Lists across queues: a status over every queue, and free text found in any queue.
    @Test func organizationWideListsReachEveryQueue() async throws {
        try await withSandbox { services, client in
            let query = AnnotationQuery(queueID: nil, tab: "to_review")
            let page = try await AnnotationPageRequest(query: query, page: 0, fieldIDs: []).fetch(services)
            #expect(page.rows.allSatisfy { $0.status == "to_review" })
            #expect(Set(page.rows.compactMap(\.queueID)).count > 1, "rows of more than one queue")
            let all = try await client.annotations.list(filters: ["status": "to_review"]).collect()
            #expect(page.total == all.count)

            let target = try #require(page.rows.first)
            let text = try #require(target.fileName.split(separator: ".").first.map(String.init))
            let found = try await AnnotationPageRequest(query: AnnotationQuery(queueID: nil, filter: AnnotationFilter(text: text)), page: 0, fieldIDs: [])
                .fetch(services)
            #expect(found.rows.contains { $0.id == target.id })
        }
    }

    /// `:stuck`: reviews unchanged for longer than a session timeout, by the list and by the
    /// search alike; a cut-off older than every review finds none.
    @Test func stuckReviewsAreCutByTheirLastChange() async throws {
        try await withSandbox { services, client in
            let reviewing = try await client.annotations.list(filters: ["status": "reviewing"]).collect()
            #expect(!reviewing.isEmpty, "the demo has documents left in review")
            var query = AnnotationQuery(queueID: nil, tab: "reviewing", sort: .modified, ascending: true)
            query.unchangedFor = 1
            let now = Date()
            let idle = reviewing.filter { ($0.modifiedAt.flatMap(ISO8601Timestamp.parse) ?? now) < now.addingTimeInterval(-1) }
            #expect(try await AnnotationPageRequest(query: query, page: 0, fieldIDs: []).fetch(services).total == idle.count)
            query.unchangedFor = 20 * 365 * 86_400
            #expect(try await AnnotationPageRequest(query: query, page: 0, fieldIDs: []).fetch(services).total == 0)
            query.filter = try AnnotationFilter.parse("file:in*")
            #expect(try await AnnotationPageRequest(query: query, page: 0, fieldIDs: []).fetch(services).total == 0, "the search path cuts the same")
        }
    }

    /// `:find field.document_id:NUMBER` finds the invoice whichever queue it is in; a prefix
    /// and a file name condition narrow the same way, and a value nothing has finds nothing.
    @Test func findByAnInvoiceNumberAcrossQueues() async throws {
        try await withSandbox { services, client in
            let all = try await client.annotations.list(filters: ["status": "to_review"]).collect()
            var target: (id: Int, number: String, queue: Int)?
            for annotation in all.prefix(40) {
                let fields = Shape.flatten(try await client.annotations.content(annotation.id))
                if let number = fields.first(where: { $0.schemaID == "document_id" }).map({ Shape.text($0.content?.value) }), number.count > 3,
                   let queue = annotation.queue?.id {
                    target = (annotation.id, number, queue)
                    break
                }
            }
            let invoice = try #require(target, "a demo annotation with an invoice number")
            func find(_ line: String) async throws -> [AnnotationRow] {
                try await AnnotationPageRequest(query: AnnotationQuery(queueID: nil, filter: try AnnotationFilter.parse(line)), page: 0, fieldIDs: []).fetch(services).rows
            }
            let exact = try await find("field.document_id:\(invoice.number)")
            #expect(exact.map(\.id).contains(invoice.id))
            #expect(exact.allSatisfy { $0.queueID != nil }, "rows say their queue")
            #expect(try await find("field.document_id:\(invoice.number.prefix(3))*").map(\.id).contains(invoice.id))
            #expect(try await find("field.document_id:NO-SUCH-INVOICE-42").isEmpty)
        }
    }

    /// A start, an edit and a cancel whose answers are lost after the server applied them are
    /// settled by looking: each counts as done, and the edit is not applied twice. A cancel the
    /// server fails is sent again.
    @Test func writesWhoseAnswerIsLostAreSettledByLooking() async throws {
        try await withSandboxServer { server, services, client in
            let id = try #require(try await client.annotations.list(filters: ["status": "to_review"]).collect().first?.id)
            await server.setFaults(.appliedThenDrop(next: 1, methods: ["POST"], pathPrefix: "/api/v1/annotations/\(id)/start"))
            #expect(try await ReviewStartRequest(annotationID: id).fetch(services))
            #expect(try await client.annotations.retrieve(id).status?.rawValue == "reviewing")

            let before = try await client.annotations.content(id)
            let table = try #require(Shape.flatten(before).first { $0.category == "multivalue" && $0.children.first?.category == "tuple" })
            await server.setFaults(.appliedThenDrop(next: 1, methods: ["POST"], pathPrefix: "/api/v1/annotations/\(id)/content"))
            let edit = ContentEdit.addRow(multivalueID: try #require(table.id), values: [:])
            let answered = try await ContentEditRequest(annotationID: id, seq: 1, edit: edit, before: before).fetch(services)
            #expect(ContentEdit.rows(of: table.id!, in: answered).count == table.children.count + 1)
            #expect(ContentEdit.rows(of: table.id!, in: try await client.annotations.content(id)).count == table.children.count + 1,
                    "added once, not twice")

            await server.setFaults(.appliedThenDrop(next: 1, methods: ["POST"], pathPrefix: "/api/v1/annotations/\(id)/cancel"))
            #expect(try await ReviewCancelRequest(annotationID: id).fetch(services))
            #expect(try await client.annotations.retrieve(id).status?.rawValue == "to_review")

            _ = try await client.annotations.start(id)
            await server.setFaults(try FaultConfiguration(parsing: "error=1,limit=2,status=502,prefix=/api/v1/annotations/\(id)/cancel"))
            #expect(try await ReviewCancelRequest(annotationID: id).fetch(services))
            #expect(try await client.annotations.retrieve(id).status?.rawValue == "to_review")
        }
    }

    /// The hook logs screen's request: the runs the sandbox's extensions logged, with hook
    /// names, filtered on the server, each kept whole for `enter`.
    @Test func hookLogsAreListedFilteredAndKeptWhole() async throws {
        try await withSandbox(history: true) { services, _ in
            let all = try await HookLogsRequest(filter: HookLogFilter(), withHookNames: true).fetch(services)
            #expect(!all.entries.isEmpty)
            let names = try #require(all.hookNames)
            #expect(all.entries.allSatisfy { $0.hookID.map { names[$0] != nil } ?? true })
            #expect(all.entries.map(\.started) == all.entries.map(\.started).sorted { ($0 ?? .distantPast) > ($1 ?? .distantPast) })
            let failed = try #require(all.entries.first { $0.status == "failed" }, "the demo's history has failed runs")
            #expect(failed.json.contains("\"status\" : \"failed\""))
            let onlyFailed = try await HookLogsRequest(filter: try HookLogFilter.parse("status:failed"), withHookNames: false).fetch(services)
            #expect(!onlyFailed.entries.isEmpty && onlyFailed.entries.allSatisfy { $0.status == "failed" })
            #expect(onlyFailed.hookNames == nil)
            if let annotation = failed.annotationID {
                let mine = try await HookLogsRequest(filter: HookLogFilter(annotations: [annotation]), withHookNames: false).fetch(services)
                #expect(mine.entries.allSatisfy { $0.annotationID == annotation } && mine.entries.contains { $0.id == failed.id })
            }
        }
    }

    /// The case file of a failed export names the failing hook and its answer, lists the runs,
    /// audit entries and status history; retrying the export moves it on.
    @Test func aFailedExportsCaseFileSaysWhyAndTheExportCanBeRetried() async throws {
        try await withSandbox(history: true) { services, client in
            // A recent failed export (the logs keep 7 days): the one its failed export hook left.
            var failedID: Int?
            for run in try await client.hooks.runData(filters: ["status": "failed"]) where run.action == "export" {
                if let id = run.annotationID, try await client.annotations.retrieve(id).status?.rawValue == "failed_export" {
                    failedID = id
                    break
                }
            }
            let failed = try await client.annotations.retrieve(try #require(failedID, "the demo history has a failed export"))
            let file = try await CaseFileRequest(annotationID: failed.id).fetch(services)
            #expect(file.status == "failed_export")
            let headline = try #require(file.headline.first)
            #expect(headline.hasPrefix("Export failed: ") && headline.contains("answered"), "\(headline)")
            #expect(file.entries.contains { $0.source == .hook && $0.level == .error && $0.detail != nil })
            #expect(file.entries.contains { $0.source == .history && $0.summary.hasPrefix("export failed") })
            #expect(file.gaps.isEmpty, "\(file.gaps)")
            let times = file.entries.compactMap(\.time)
            #expect(times == times.sorted(by: >), "newest first")

            let status = try await AnnotationCommandRequest(command: .retryExport, id: failed.id, bulkID: nil).fetch(services)
            #expect(["exporting", "exported", "failed_export"].contains(status ?? ""))
            #expect(try await client.annotations.retrieve(failed.id).exportFailedAt != nil || status == "exported")
        }
    }

    /// `E` whose answer is lost after the server applied it: the export runs once, not twice
    /// (each send runs the export hooks; an ERP would get the invoice twice).
    @Test func aRetriedExportWhoseAnswerIsLostRunsOnce() async throws {
        try await withSandboxServer(history: true) { server, services, client in
            var failedID: Int?
            for run in try await client.hooks.runData(filters: ["status": "failed"]) where run.action == "export" {
                if let id = run.annotationID, try await client.annotations.retrieve(id).status?.rawValue == "failed_export" {
                    failedID = id
                    break
                }
            }
            let id = try #require(failedID)
            func exportRuns() async throws -> Int {
                try await client.hooks.runData(filters: ["annotation": QueryValue(id)]).filter { $0.action == "export" }.count
            }
            let before = try await exportRuns()
            await server.setFaults(.appliedThenDrop(next: 1, methods: ["PATCH"], pathPrefix: "/api/v1/annotations/\(id)"))
            _ = try await AnnotationCommandRequest(command: .retryExport, id: id, bulkID: nil).fetch(services)
            // The export runs in the background: wait (with a deadline) until it has ended.
            let deadline = ContinuousClock.now + .seconds(20)
            while try await client.annotations.retrieve(id).status?.rawValue == "exporting", ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(try await exportRuns() == before + 1, "one retry, one export run")
        }
    }

    /// An annotation that came by email says so, with the sender and subject.
    @Test func theCaseFileNamesTheEmailAnAnnotationCameIn() async throws {
        try await withSandbox(history: true) { services, client in
            let email = try #require(try await client.emails.list().collect().first { !$0.annotations.isEmpty })
            let annotationID = try #require(email.annotations.first.flatMap(Shape.trailingID))
            let file = try await CaseFileRequest(annotationID: annotationID).fetch(services)
            let entry = try #require(file.entries.first { $0.source == .email })
            #expect(entry.summary.contains(email.subject ?? "?"))
        }
    }

    /// An upload to the dataset the queue's matching hook reads shows in the case file of an
    /// annotation of that queue, with what it changed; the hook's dataset is read from its config.
    @Test func theCaseFileShowsTheOperationsOnTheDatasetMatchingReads() async throws {
        try await withSandbox { services, client in
            let hooks = try await client.hooks.list().collect()
            let annotation = try #require(try await client.annotations.list(filters: ["status": "to_review"]).collect().first)
            let queueID = try #require(annotation.queue?.url.flatMap(Shape.trailingID))
            #expect(CaseFileBuilder.matchingDatasets(hooks, queueID: queueID) == ["suppliers"])
            let record: RossumKit.JSONValue = ["supplier_id": "CASE-1", "name": "Case file supplier"]
            let operationID = try await client.masterDataHub.update("suppliers", from: .records([record]), idKeys: ["supplier_id"])
            let file = try await CaseFileRequest(annotationID: annotation.id).fetch(services)
            let entry = try #require(file.entries.first { $0.id == "mdh-" + operationID }, "\(file.entries.map(\.summary))")
            #expect(entry.source == .mdh && entry.summary.hasPrefix("upsert of dataset suppliers (read by matching)"))
            #expect(entry.detail?.contains(operationID) == true)
            #expect(file.gaps.isEmpty, "\(file.gaps)")
        }
    }

    @Test func datasetsOperationsAndReplacePreview() async throws {
        try await withSandbox { services, _ in
            let datasets = try await DatasetsRequest().fetch(services)
            #expect(!datasets.isEmpty)
            #expect(datasets.allSatisfy { $0.recordCount != nil })
            let operations = try await OperationsRequest().fetch(services)
            #expect(operations.allSatisfy { $0.source == .masterDataHub })

            let dataset = try #require(datasets.first)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("replace-\(UUID().uuidString).json")
            defer { try? FileManager.default.removeItem(at: file) }
            try Data(#"[{"id": 1, "name": "a"}, {"id": 2, "name": "b"}, {"id": 3, "name": "c"}]"#.utf8).write(to: file)
            let preview = try await RecordFileCheck(dataset: dataset.name, file: file.path, idKeys: ["id"]).fetch(services)
            #expect(preview.fileRecords == 3)
            #expect(preview.datasetRecords == dataset.recordCount)
            for (path, keys) in [("/nonexistent/records.json", [String]()), (file.path, ["no_such_key"])] {
                do throws(ConsoleFailure) {
                    _ = try await RecordFileCheck(dataset: dataset.name, file: path, idKeys: keys).fetch(services)
                    Issue.record("\(path) \(keys) is refused before anything is sent")
                } catch {
                    #expect(error.kind == .badInput)
                }
            }
            let existing = try await DownloadTargetCheck(dataset: dataset.name, file: file.path).fetch(services)
            #expect(existing.existingBytes ?? 0 > 0)
            #expect(try await DownloadTargetCheck(dataset: dataset.name, file: file.path + ".new").fetch(services).existingBytes == nil)
            do throws(ConsoleFailure) {
                _ = try await DownloadTargetCheck(dataset: dataset.name, file: "/nonexistent/dir/x.jsonl").fetch(services)
                Issue.record("a folder that does not exist is refused")
            } catch {
                #expect(error.message == "there is no folder /nonexistent/dir")
            }
        }
    }
}
