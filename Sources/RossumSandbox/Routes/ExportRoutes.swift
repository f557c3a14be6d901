import Foundation
import GRDB
import Hummingbird

/// `queues/{id}/export` (GET, or POST with `to_status`): JSON paginated like a list, CSV
/// streamed page by page, XML.
enum ExportRoutes {
    static func register(on router: Router<SandboxRequestContext>, services: SandboxServices) {
        let handler: @Sendable (Request, SandboxRequestContext) async throws -> Response = { request, context in
            let user = try await services.auth.authenticatedUser(request)
            let queueID = try ResourceRoutes.pathID(context)
            var request = request
            let body = request.method == .post ? try await RequestInput.jsonObject(of: &request) : [:]
            var values = QueryParameters(request).values
            for (key, value) in body { if let text = value.stringValue ?? value.intValue.map(String.init) { values[key] = text } }
            let query = QueryParameters(values: values)
            let format = query["format"] ?? "json"
            let toStatus = query["to_status"]
            if toStatus != nil, request.method != .post {
                throw SandboxHTTPError(.methodNotAllowed, detail: "to_status is only accepted with POST.")
            }
            if let toStatus, !["exporting", "exported", "failed_export"].contains(toStatus) {
                throw SandboxHTTPError.fieldErrors(["to_status": "\"\(toStatus)\" is not a valid choice."])
            }
            var filters = query.values
            filters["queue"] = nil
            var scoped = try AnnotationQuery(query: QueryParameters(values: filters))
            scoped.add("queue_id = ?", [queueID])
            let annotationQuery = scoped
            let frozenRequest = request
            let exists = try await services.database.read { db in try ObjectStore.fetch(db, "queues", id: queueID) != nil }
            guard exists else { throw SandboxHTTPError.notFound }
            let apiBase = RequestURLs.apiBase(of: request)

            switch format {
            case "json":
                let page = try PageRequest(query, maximumPageSize: 1000)
                let envelope = try await services.database.write { db -> JSONValue in
                    let total = try annotationQuery.count(db)
                    try page.validate(total: total)
                    var records = try annotationQuery.fetch(db, limit: page.pageSize, offset: page.offset)
                    if let toStatus { records = try move(records, to: toStatus, userID: user.id, db: db) }
                    let results = try records.map { record -> JSONValue in
                        var json = record.json
                        json["content"] = .array(try AnnotationContent.load(db, record))
                        return json
                    }
                    return page.envelope(results: results, total: total, request: frozenRequest)
                }
                return JSONResponse.make(.ok, envelope, apiBase: apiBase)
            case "csv":
                return streamedCSV(annotationQuery, toStatus: toStatus, userID: user.id, services: services)
            case "xml":
                let xml = try await services.database.write { db -> String in
                    var records = try annotationQuery.fetch(db, limit: 10_000, offset: 0)
                    if let toStatus { records = try move(records, to: toStatus, userID: user.id, db: db) }
                    return try ExportFormats.xml(records, db: db, apiBase: apiBase)
                }
                return Response(
                    status: .ok, headers: [.contentType: "application/xml; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(string: xml)))
            case "xlsx":
                let workbook = try await services.database.write { db -> [UInt8] in
                    var records = try annotationQuery.fetch(db, limit: 10_000, offset: 0)
                    if let toStatus { records = try move(records, to: toStatus, userID: user.id, db: db) }
                    return XLSXWorkbook.make(sheetName: "export", rows: [ExportFormats.columns] + (try ExportFormats.rows(records, db: db)))
                }
                return Response(
                    status: .ok,
                    headers: [.contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                              .contentDisposition: "attachment; filename=\"export.xlsx\""],
                    body: .init(byteBuffer: ByteBuffer(bytes: workbook)))
            default:
                throw SandboxHTTPError.fieldErrors(["format": "\"\(format)\" is not a valid choice (json, csv, xml, xlsx)."])
            }
        }
        router.get("/api/v1/queues/:id/export", use: handler)
        router.post("/api/v1/queues/:id/export", use: handler)
    }

    /// Moves exported annotations to `to_status` in the same transaction as the export.
    static func move(_ records: [AnnotationRecord], to status: String, userID: Int, db: Database) throws -> [AnnotationRecord] {
        guard !records.isEmpty else { return records }
        let ids = records.map(\.id)
        let stamp = status == "exported" ? ", exported_at = :now, exported_by_id = :user" : (status == "failed_export" ? ", export_failed_at = :now" : "")
        // The exporting user is the modifier, as for every other status change.
        try db.execute(
            sql: """
                UPDATE annotations SET status = :status, modifier_id = :user, modified_at = :now, modified_by_id = :user, version = version + 1\(stamp)
                WHERE id IN (\(ids.map(String.init).joined(separator: ","))) AND status NOT IN ('deleted', 'purged')
                """,
            arguments: ["status": status, "now": DemoClock.now(), "user": userID])
        return try ids.compactMap { try AnnotationRecord.fetch(db, id: $0) }
    }

    /// CSV is written page by page as the client reads it, so a large export never sits in memory.
    static func streamedCSV(_ query: AnnotationQuery, toStatus: String?, userID: Int, services: SandboxServices) -> Response {
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(string: ExportFormats.csvHeader))
            var offset = 0
            let pageSize = 200
            while true {
                let pageOffset = offset
                let chunk = try await services.database.write { db -> (String, Int) in
                    var records = try query.fetch(db, limit: pageSize, offset: pageOffset)
                    if let toStatus { records = try move(records, to: toStatus, userID: userID, db: db) }
                    return (try ExportFormats.csvRows(records, db: db), records.count)
                }
                if !chunk.0.isEmpty { try await writer.write(ByteBuffer(string: chunk.0)) }
                if chunk.1 < pageSize { break }
                offset += pageSize
            }
            try await writer.finish(nil)
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"export.csv\""],
            body: body)
    }
}

/// The text export formats.
enum ExportFormats {
    static var columns: [String] { ["annotation_id", "status", "original_file_name"] + InvoiceSchema.exportColumns }
    static var csvHeader: String { columns.map(csvField).joined(separator: ",") + "\r\n" }

    static func csvRows(_ records: [AnnotationRecord], db: Database) throws -> String {
        try rows(records, db: db).map { $0.map(csvField).joined(separator: ",") + "\r\n" }.joined()
    }

    /// One row per line item (header values repeated), as Rossum's CSV and XLSX exports do.
    static func rows(_ records: [AnnotationRecord], db: Database) throws -> [[String]] {
        var output: [[String]] = []
        let headerIDs = InvoiceSchema.headerSections.flatMap { $0.fields.map(\.id) }
        for record in records {
            let tree = try AnnotationContent.load(db, record)
            var header: [String: String] = [:]
            var lines: [[String: String]] = []
            for node in AnnotationContent.flatten(tree) {
                if node["category"]?.stringValue == "tuple" {
                    var line: [String: String] = [:]
                    for child in node["children"]?.arrayValue ?? [] {
                        line[child["schema_id"]?.stringValue ?? ""] = child["content"]?["value"]?.stringValue ?? ""
                    }
                    lines.append(line)
                } else if node["category"]?.stringValue == "datapoint", let schemaID = node["schema_id"]?.stringValue, headerIDs.contains(schemaID) {
                    header[schemaID] = node["content"]?["value"]?.stringValue ?? ""
                }
            }
            for line in lines.isEmpty ? [[:]] : lines {
                let values = [String(record.id), record.status, record.originalFileName]
                    + headerIDs.map { header[$0] ?? "" } + InvoiceSchema.lineItemFields.map { line[$0.id] ?? "" }
                output.append(values)
            }
        }
        return output
    }

    static func csvField(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func xml(_ records: [AnnotationRecord], db: Database, apiBase: String) throws -> String {
        var output = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<export>\n<results>\n"
        for record in records {
            output += "<annotation url=\"\(escape("\(apiBase)/annotations/\(record.id)"))\">\n"
            output += "<status>\(record.status)</status>\n<arrived_at>\(record.arrivedAt)</arrived_at>\n"
            output += "<document url=\"\(escape("\(apiBase)/documents/\(record.documentID)"))\"><file_name>\(escape(record.originalFileName))</file_name></document>\n"
            output += "<content>\n"
            for node in try AnnotationContent.load(db, record) { write(node, into: &output) }
            output += "</content>\n</annotation>\n"
        }
        return output + "</results>\n</export>\n"
    }

    private static func write(_ node: JSONValue, into output: inout String) {
        let category = node["category"]?.stringValue ?? "datapoint"
        let schemaID = escape(node["schema_id"]?.stringValue ?? "")
        if category == "datapoint" {
            let type = escape(node["type"]?.stringValue ?? "string")
            output += "<datapoint schema_id=\"\(schemaID)\" type=\"\(type)\">\(escape(node["content"]?["value"]?.stringValue ?? ""))</datapoint>\n"
        } else {
            output += "<\(category) schema_id=\"\(schemaID)\">\n"
            for child in node["children"]?.arrayValue ?? [] { write(child, into: &output) }
            output += "</\(category)>\n"
        }
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
