import Hummingbird

/// `POST annotations/{id}/content/validate`: the messages the web app shows at the fields.
/// No extensions run in the sandbox, so `updated_datapoints`, `suggested_operations` and
/// `matched_trigger_rules` are always empty.
enum ContentValidationRoutes {
    static func register(on router: Router<SandboxRequestContext>, services: SandboxServices) {
        router.post("/api/v1/annotations/:id/content/validate") { request, context -> Response in
            let user = try await services.auth.authenticatedUser(request)
            let id = try ResourceRoutes.pathID(context)
            var request = request
            let body = try await RequestInput.jsonObject(of: &request)
            if let actions = body["actions"], actions.arrayValue?.allSatisfy({ $0.stringValue != nil }) != true {
                throw SandboxHTTPError.fieldErrors(["actions": "Expected a list of strings (user_update, updated, started)."])
            }
            if let ids = body["updated_datapoint_ids"], ids.arrayValue?.allSatisfy({ $0.intValue != nil }) != true {
                throw SandboxHTTPError.fieldErrors(["updated_datapoint_ids": "Expected a list of datapoint ids."])
            }
            let messages = try await services.database.read { db -> [JSONValue] in
                guard let annotation = try AnnotationRecord.fetch(db, id: id) else { throw SandboxHTTPError.notFound }
                try ContentLock.refuseOthersReview(annotation, userID: user.id)
                let content = try AnnotationContent.load(db, annotation)
                return ContentValidation.messages(content: content, schema: try ObjectStore.fetch(db, "schemas", id: annotation.schemaID))
            }
            return JSONResponse.make(.ok, [
                "messages": .array(messages), "updated_datapoints": [], "suggested_operations": [], "matched_trigger_rules": [],
            ], apiBase: RequestURLs.apiBase(of: request))
        }
    }
}
