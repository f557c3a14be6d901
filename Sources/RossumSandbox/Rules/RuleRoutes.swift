import Foundation
import Hummingbird

/// `GET rules_execution_logs` (filters rule, queue, annotation, created_at_before/after,
/// execution_result, trigger_event, request_id, search; newest first) and
/// `GET rules_execution_logs/{id}`. Rules themselves are served by the generic resource routes.
enum RuleRoutes {
    static func register(on router: Router<SandboxRequestContext>, services: SandboxServices) {
        router.get("/api/v1/rules_execution_logs") { request, _ -> Response in
            _ = try await services.auth.authenticatedUser(request)
            let query = QueryParameters(request)
            let page = try PageRequest(query)
            let filter = try LogFilter(query)
            let (results, total) = try await services.database.read { db -> ([JSONValue], Int) in
                var logs = try ObjectStore.fetchAll(db, "rules_execution_logs").filter(filter.matches)
                let ordering = query.list("ordering") ?? ["-created_at"]
                logs = ResourceRoutes.order(logs, by: ordering)
                try page.validate(total: logs.count)
                return (Array(logs.dropFirst(page.offset).prefix(page.pageSize)), logs.count)
            }
            return JSONResponse.make(.ok, page.envelope(results: results, total: total, request: request), apiBase: RequestURLs.apiBase(of: request))
        }
        router.get("/api/v1/rules_execution_logs/:id") { request, context -> Response in
            _ = try await services.auth.authenticatedUser(request)
            let id = try ResourceRoutes.pathID(context)
            let log = try await services.database.read { db in try ObjectStore.fetch(db, "rules_execution_logs", id: id) }
            guard let log else { throw SandboxHTTPError.notFound }
            return JSONResponse.make(.ok, log, apiBase: RequestURLs.apiBase(of: request))
        }
    }

    /// The documented filters of the rules execution log list.
    struct LogFilter: Sendable {
        var rules: Set<Int>?, queue: Int?, annotation: Int?
        var before: String?, after: String?
        var results: Set<String>?, events: Set<String>?
        var requestID: String?, search: String?

        init(_ query: QueryParameters) throws {
            rules = try query.idList("rule").map(Set.init)
            queue = try query.idList("queue")?.first
            annotation = try query.idList("annotation")?.first
            before = query["created_at_before"]
            after = query["created_at_after"]
            if let wanted = query.list("execution_result") {
                let valid: Set<String> = ["success", "failure", "partial_success"]
                if let bad = wanted.first(where: { !valid.contains($0) }) {
                    throw SandboxHTTPError.fieldErrors(["execution_result": "\"\(bad)\" is not a valid choice."])
                }
                results = Set(wanted)
            }
            events = query.list("trigger_event").map(Set.init)
            requestID = query["request_id"]
            search = query["search"]?.lowercased()
        }

        func matches(_ log: JSONValue) -> Bool {
            if let rules, !rules.contains(log["rule_id"]?.intValue ?? -1) { return false }
            if let queue, log["queue_id"]?.intValue != queue { return false }
            if let annotation, log["annotation_id"]?.intValue != annotation { return false }
            let created = log["created_at"]?.stringValue ?? ""
            if let before, !(created < before) { return false }
            if let after, !(created >= after) { return false }
            if let results, !results.contains(log["execution_result"]?.stringValue ?? "") { return false }
            if let events, !events.contains(log["trigger_event"]?.stringValue ?? "") { return false }
            if let requestID, log["request_id"]?.stringValue != requestID { return false }
            if let search {
                let text = ["rule_name", "trigger_event", "trigger_condition", "execution_error", "request_id"]
                    .compactMap { log[$0]?.stringValue?.lowercased() }.joined(separator: " ")
                if !text.contains(search) { return false }
            }
            return true
        }
    }
}
