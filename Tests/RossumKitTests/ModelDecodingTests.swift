import Foundation
import NIOCore
import Testing
@testable import RossumKit

/// Every example payload of the reference notes goes through the decoders; drifted payloads too.
@Suite struct ModelDecodingTests {
    let client = try! RossumClient(baseURL: "https://E/api/v1", credentials: .token("secret-token-value"))

    func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try client.decode(T.self, from: ByteBuffer(string: text))
    }

    @Test func annotation() throws {
        let annotation = try decode(Annotation.self, ReferencePayloads.annotation)
        #expect(annotation.id == 314528)
        #expect(annotation.status == .toReview)
        #expect(annotation.document == .url("https://E/api/v1/documents/314628"))
        #expect(annotation.document?.url.flatMap { URLText.id(in: $0) } == 314628)
        #expect(annotation.modifier == nil)
        #expect(annotation.pages == ["https://E/api/v1/pages/558598"])
        #expect(annotation.relations.isEmpty)
        #expect(annotation.createdAt == "2021-04-26T10:08:03.856648Z")
        #expect(annotation.rirPollID == "54f6b9ecfa751789f71ddf12")
        #expect(annotation.hasEmailThreadWithReplies == true)
        #expect(annotation.content?.url == "https://E/api/v1/annotations/314528/content")
        #expect(annotation.metadata == .object([:]))
        #expect(annotation.trainingEnabled == true)
    }

    @Test func queueWithCountsAndSettings() throws {
        let queue = try decode(Queue.self, ReferencePayloads.queue)
        #expect(queue.id == 8198)
        #expect(queue.name == "Received invoices")
        #expect(queue.counts?["to_review"] == 2)
        #expect(queue.defaultScoreThreshold == 0.8)
        #expect(queue.settings?["email_notifications"]?["recipient"]?["name"] == "John Doe")
        #expect(queue.genericEngine == .string("https://E/api/v1/generic_engines/1"))
        #expect(queue.users == ["https://E/api/v1/users/10775"])
        #expect(queue.status == nil)
    }

    @Test func workspaceDocumentTaskUpload() throws {
        let workspace = try decode(Workspace.self, ReferencePayloads.workspace)
        #expect(workspace.queues.count == 2)
        #expect(workspace.autopilot == true)
        let document = try decode(Document.self, ReferencePayloads.document)
        #expect(document.originalFileName == "test_invoice_1.pdf")
        #expect(document.s3Name == "272c2f01ae84a4e19a421cb432e490bb")
        #expect(document.mimeType == "application/pdf")
        let task = try decode(RossumTask.self, ReferencePayloads.uploadTask)
        #expect(task.status == .succeeded)
        #expect(task.type == .uploadCreated)
        #expect(task.uploadID == 37626)
        let download = try decode(RossumTask.self, ReferencePayloads.downloadTask)
        #expect(download.status == .running)
        #expect(download.type == .documentsDownload)
        #expect(download.content?["file_name"] == "my-archive.zip")
        let upload = try decode(Upload.self, ReferencePayloads.upload)
        #expect(upload.annotations == ["https://E/api/v1/annotations/2804885"])
        #expect(upload.email == nil)
    }

    @Test func sideloadsAreEmbeddedLikeTheSDK() throws {
        let page = try AnnotationPage.decode(client, ByteBuffer(string: ReferencePayloads.sideloadedList), sideloads: [.documents, .modifiers, .content])
        #expect(page.total == 22)
        #expect(page.totalPages == 1)
        let first = page.results[0]
        #expect(first.document?.object?.originalFileName == "a.pdf")
        #expect(first.modifier?.object?.username == "jane")
        #expect(first.content?.object?.first?.schemaID == "item_amount_total")
        #expect(first.content?.object?.first?.content?.value == "12.50")
        let second = page.results[1]
        // not sideloaded: the URL stays; no datapoints: an empty list; null stays null
        #expect(second.document == .url("https://E/api/v1/documents/320433"))
        #expect(second.content == .object([]))
        #expect(second.modifier == nil)
    }

    @Test func searchPageCursorAndLegacyShapes() throws {
        let page = try Page<Annotation>.decode(client, ByteBuffer(string: ReferencePayloads.searchPage))
        #expect(page.next == "https://E/api/v1/annotations/search?search_after=eyJ")
        #expect(page.totalPages == 6)
        let legacy = try decode(JSONValue.self, ReferencePayloads.legacyUpload)
        #expect(legacy["results"]?[0]?["annotation"] == "https://E/api/v1/annotations/3154459")
        let operations = try decode(JSONValue.self, ReferencePayloads.contentOperations)
        #expect(operations["operations"]?.arrayValue?.count == 3)
        // what we send is what we read
        #expect(try decode(JSONValue.self, JSONWriter.string(operations)) == operations)
    }

    @Test func driftedPayloadsStillDecode() throws {
        // a new status, a new key, missing optional fields, a sideloaded object where a URL was
        let drifted = #"{"id": 1, "status": "awaiting_approval", "brand_new_field": {"x": [1, 2]}, "document": {"id": 5, "url": "u", "new": 1}}"#
        let annotation = try decode(Annotation.self, drifted)
        #expect(annotation.status == .other("awaiting_approval"))
        #expect(annotation.status?.rawValue == "awaiting_approval")
        #expect(annotation.document?.object?.id == 5)
        #expect(annotation.queue == nil)
        #expect(annotation.labels.isEmpty)
        let hook = try decode(Hook.self, #"{"id": 3, "type": "serverless_v2", "events": ["annotation_content.new_event"]}"#)
        #expect(hook.type == .other("serverless_v2"))
        let task = try decode(RossumTask.self, #"{"id": 3, "status": "queued_for_later", "type": "mass_export"}"#)
        #expect(task.status == .other("queued_for_later"))
        #expect(task.type == .other("mass_export"))
    }

    @Test func decodingErrorsNameTypePathAndPayload() throws {
        let error = #expect(throws: RossumError.self) {
            _ = try decode(PageEnvelope<Workspace>.self, #"{"results": [{"id": 1}, {"id": "two"}]}"#)
        }
        guard case .decoding(let type, let path, _, let snippet)? = error else {
            Issue.record("expected a decoding error, got \(String(describing: error))")
            return
        }
        #expect(type.contains("Workspace"))
        #expect(path == "results[1].id")
        #expect(snippet.hasPrefix(#"{"results""#))
    }

    @Test func schemaTree() throws {
        let text = #"""
        {"id": 95, "name": "Invoice", "url": "https://E/api/v1/schemas/95", "queues": [], "content": [
          {"category": "section", "id": "basic", "label": "Basic", "children": [
            {"category": "datapoint", "id": "invoice_id", "label": "Invoice number", "type": "string", "rir_field_names": ["document_id"], "constraints": {"required": false}},
            {"category": "datapoint", "id": "currency", "type": "enum", "options": [{"value": "eur", "label": "EUR"}], "matching": {"type": "master_data_hub", "configuration": {"dataset": "vendors", "queries": [{"//": "c", "aggregate": []}]}}}
          ]},
          {"category": "section", "id": "items", "children": [
            {"category": "multivalue", "id": "line_items", "min_occurrences": 0, "children":
              {"category": "tuple", "id": "line_item", "children": [
                {"category": "datapoint", "id": "item_amount", "type": "number", "format": "# ##0.#"}]}}]}]}
        """#
        let schema = try decode(Schema.self, text)
        #expect(schema.content.map(\.id) == ["basic", "items"])
        #expect(schema.datapoints.map(\.id) == ["invoice_id", "currency", "item_amount"])
        let multivalue = try #require(schema.node(id: "line_items"))
        #expect(multivalue.category == .multivalue)
        #expect(multivalue.children.map(\.id) == ["line_item"])
        #expect(schema.node(id: "currency")?.options?.first?.label == "EUR")
        #expect(schema.node(id: "currency")?.matching?["configuration"]?["dataset"] == "vendors")
        // a multivalue keeps its single child as an object when written back
        let written = try JSONEncoder().encode(multivalue)
        let back = try JSONDecoder().decode(JSONValue.self, from: written)
        #expect(back["children"]?["id"] == "line_item")
    }

    @Test func masterDataHubOperationShapes() throws {
        let spec = try decode(DatasetOperation.self, ReferencePayloads.mdhOperation)
        #expect(spec.id == "64f0c2a1b3e4d5f6a7b8c9d0")
        #expect(spec.status == .processing)
        #expect(!spec.status.isTerminal)
        #expect(spec.datasetName == "vendors")
        #expect(spec.operationType == "update")
        #expect(spec.error == nil)
        let generic = try decode(DatasetOperation.self, ReferencePayloads.mdhOperationGeneric)
        #expect(generic.status == .success)
        #expect(generic.status.isSuccess)
        let v2 = try decode(DatasetOperation.self, ReferencePayloads.mdhOperationV2)
        #expect(v2.status == .failed)
        #expect(v2.error == "bad file")
        #expect(DatasetOperationStatus(rawValue: "archived") == .other("archived"))
        #expect(DatasetOperationStatus(rawValue: "unknown").isTerminal)
    }

    @Test func dataStorageEnvelopes() async throws {
        let storage = client.dataStorage
        let operation = try storage.unwrap(json(200, ReferencePayloads.storageOperation), endpoint: "operation_status", as: StorageOperation.self)
        #expect(operation.status == .running)
        #expect(operation.id == "64f0c2a1b3e4d5f6a7b8c9d0")
        #expect(try storage.operationID(from: json(202, ReferencePayloads.storageAccept)) == "64f0c2a1b3e4d5f6a7b8c9d0")
        #expect(try storage.operationID(from: json(202, "{}", headers: [("content-location", "https://x/svc/data-storage/api/v1/operation_status/abc")])) == "abc")
        let error = #expect(throws: RossumError.self) {
            _ = try storage.unwrap(json(200, ReferencePayloads.storageError), endpoint: "data/find", as: [JSONValue].self)
        }
        #expect(error == .failed(what: "Data Storage data/find", detail: "Collection vendors does not exist"))
    }

    @Test func loginAndHookLogs() throws {
        struct Login: Decodable { let key: String }
        #expect(try decode(Login.self, ReferencePayloads.login).key.count == 40)
        struct Logs: Decodable { let results: [HookRunData] }
        let logs = try decode(Logs.self, ReferencePayloads.hookRunData)
        #expect(logs.results.first?.hookID == 5)
        #expect(logs.results.first?.statusCode == 200)
    }

    @Test func jsonValueRoundTripKeepsKeyOrder() throws {
        let value: JSONValue = ["z": 1, "a": [true, nil, 2.5, "x\"y\n"], "m": ["$oid": "abc"]]
        let text = JSONWriter.string(value)
        #expect(text == #"{"z":1,"a":[true,null,2.5,"x\"y\n"],"m":{"$oid":"abc"}}"#)
        #expect(try decode(JSONValue.self, text) == value)
    }
}
