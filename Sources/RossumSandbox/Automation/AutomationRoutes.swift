import Foundation
import GRDB
import Hummingbird

/// Queue automation: `GET queues/{id}/automation/insights`, `POST .../automation/projections`
/// (per-field error-rate limits, `?exclude_blockers=`), and the queue's saved targets
/// (`GET`/`POST .../automation/targets`, not paginated: `{"results": [...]}`, newest first).
enum AutomationRoutes {
    static func register(on router: Router<SandboxRequestContext>, services: SandboxServices) {
        router.get("/api/v1/queues/:id/automation/insights") { request, context -> Response in
            _ = try await services.auth.authenticatedUser(request)
            let queueID = try ResourceRoutes.pathID(context)
            let body = try await services.database.read { db -> JSONValue in
                let queue = try existingQueue(queueID, db)
                let (samples, _) = try AutomationStatistics.samples(queueID: queueID, db: db)
                return AutomationStatistics.stats(samples, thresholds: [:], defaultThreshold: defaultThreshold(queue), projected: false)
            }
            return JSONResponse.make(.ok, body, apiBase: RequestURLs.apiBase(of: request))
        }

        router.post("/api/v1/queues/:id/automation/projections") { request, context -> Response in
            _ = try await services.auth.authenticatedUser(request)
            let queueID = try ResourceRoutes.pathID(context)
            var request = request
            let input = try await RequestInput.jsonObject(of: &request)
            let limits = try errorRateLimits(input["fields"])
            if let excluded = QueryParameters(request).list("exclude_blockers"),
               let bad = excluded.first(where: { !["error_message", "extension"].contains($0) }) {
                throw SandboxHTTPError.fieldErrors(["exclude_blockers": "\"\(bad)\" is not a valid choice."])
            }
            // The sandbox raises no message or extension blockers, so excluding them changes nothing.
            let body = try await services.database.read { db -> JSONValue in
                let queue = try existingQueue(queueID, db)
                let (samples, total) = try AutomationStatistics.samples(queueID: queueID, db: db)
                let threshold = defaultThreshold(queue)
                return [
                    "baseline": AutomationStatistics.stats(samples, thresholds: [:], defaultThreshold: threshold, projected: false),
                    "total_document_count": .int(total), "used_document_count": .int(samples.count),
                    "projections": [AutomationStatistics.stats(
                        samples, thresholds: limits.mapValues { 1 - $0 }, defaultThreshold: threshold, projected: true)],
                ]
            }
            return JSONResponse.make(.ok, body, apiBase: RequestURLs.apiBase(of: request))
        }

        router.get("/api/v1/queues/:id/automation/targets") { request, context -> Response in
            _ = try await services.auth.authenticatedUser(request)
            let queueID = try ResourceRoutes.pathID(context)
            let targets = try await services.database.read { db -> [JSONValue] in
                _ = try existingQueue(queueID, db)
                return try ObjectStore.fetchAll(db, "automation_targets")
                    .filter { $0["queue"]?.referencedID == queueID }.reversed()
            }
            return JSONResponse.make(.ok, ["results": .array(targets)], apiBase: RequestURLs.apiBase(of: request))
        }

        router.post("/api/v1/queues/:id/automation/targets") { request, context -> Response in
            _ = try await services.auth.authenticatedUser(request)
            let queueID = try ResourceRoutes.pathID(context)
            var request = request
            var target = try validatedTarget(try await RequestInput.jsonObject(of: &request))
            target["queue"] = .reference("queues", queueID)
            target["datetime"] = .string(DemoClock.now())
            let stored = try await services.database.write { [target] db -> JSONValue in
                _ = try existingQueue(queueID, db)
                return try ObjectStore.insert(db, "automation_targets", target)
            }
            return JSONResponse.make(.created, stored, apiBase: RequestURLs.apiBase(of: request))
        }
    }

    static func existingQueue(_ id: Int, _ db: Database) throws -> JSONValue {
        guard let queue = try ObjectStore.fetch(db, "queues", id: id) else { throw SandboxHTTPError.notFound }
        return queue
    }

    static func defaultThreshold(_ queue: JSONValue) -> Double { queue["default_score_threshold"]?.doubleValue ?? 0.8 }

    static let schemaIDs = Set(InvoiceSchema.headerSections.flatMap { $0.fields.map(\.id) } + InvoiceSchema.lineItemFields.map(\.id))

    /// `[{"schema_id", "error_rate_limit"}]` → limits by schema id; every limit a rate in 0...1.
    static func errorRateLimits(_ value: JSONValue?) throws -> [String: Double] {
        guard let items = value?.arrayValue else { throw SandboxHTTPError.fieldErrors(["fields": "Expected a list of items."]) }
        var limits: [String: Double] = [:]
        for item in items {
            guard let id = item["schema_id"]?.stringValue, let limit = item["error_rate_limit"]?.doubleValue,
                  item["error_rate_limit"]?.stringValue == nil else {
                throw SandboxHTTPError.fieldErrors(["fields": "Each item needs a \"schema_id\" string and an \"error_rate_limit\" number."])
            }
            guard (0...1).contains(limit) else { throw SandboxHTTPError.fieldErrors(["fields": "error_rate_limit must be between 0 and 1."]) }
            guard schemaIDs.contains(id) else { throw SandboxHTTPError.fieldErrors(["fields": "Unknown schema_id \"\(id)\"."]) }
            limits[id] = limit
        }
        return limits
    }

    static func validatedTarget(_ input: [String: JSONValue]) throws -> [String: JSONValue] {
        var errors: [String: String] = [:]
        func rate(_ value: JSONValue?) -> Double? {
            guard let value, value.stringValue == nil, let number = value.doubleValue, (0...1).contains(number) else { return nil }
            return number
        }
        for key in ["automation_rate_target", "error_rate_target"] where rate(input[key]) == nil {
            errors[key] = "A number between 0 and 1 is required."
        }
        let type = input["type"]?.stringValue ?? "automation_assistant_v1"
        if !["automation_assistant_v1", "legacy_thresholds"].contains(type) { errors["type"] = "\"\(type)\" is not a valid choice." }
        var datapoints: [JSONValue] = []
        if let items = input["datapoint_automation_targets"] {
            guard let list = items.arrayValue else { throw SandboxHTTPError.fieldErrors(["datapoint_automation_targets": "Expected a list of items."]) }
            for item in list {
                guard let id = item["schema_id"]?.stringValue, let errorRate = rate(item["error_rate_target"]),
                      let threshold = rate(item["confidence_threshold"]) else {
                    errors["datapoint_automation_targets"] = "Each item needs schema_id, error_rate_target and confidence_threshold (0 to 1)."
                    break
                }
                let limit = item["error_rate_limit"].flatMap { $0.isNull ? nil : rate($0) }
                if let raw = item["error_rate_limit"], !raw.isNull, limit == nil {
                    errors["datapoint_automation_targets"] = "error_rate_limit must be between 0 and 1."
                    break
                }
                datapoints.append(["schema_id": .string(id), "error_rate_target": .double(errorRate),
                                   "confidence_threshold": .double(threshold), "error_rate_limit": limit.map(JSONValue.double) ?? nil])
            }
        }
        if !errors.isEmpty { throw SandboxHTTPError.fieldErrors(errors) }
        return [
            "automation_rate_target": .double(rate(input["automation_rate_target"])!),
            "error_rate_target": .double(rate(input["error_rate_target"])!), "type": .string(type),
            "datapoint_automation_targets": .array(datapoints),
        ]
    }
}
