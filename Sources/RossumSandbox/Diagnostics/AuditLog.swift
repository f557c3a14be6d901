import Foundation
import GRDB

/// Audit log: every status change a user makes, with who made it and through which request.
enum AuditLog {
    struct RequestDescription: Sendable {
        var path: String
        var method: String
        var statusCode: Int
        /// What the request sent that the entry is about. The reference shows it for a user's
        /// role change (`{"groups": [...]}`, the PATCHed field) and says it is usually `{}`; so
        /// a status PATCH carries its `{"status": ...}`, and the actions, which send no body,
        /// carry `{}`. A `from`/`to` pair would be an invention the API is not known to make.
        var details: JSONValue = [:]

        static func action(_ action: AnnotationAction, annotationID: Int) -> RequestDescription {
            RequestDescription(path: "api/v1/annotations/\(annotationID)/\(action.rawValue)", method: "POST", statusCode: action == .start || action == .reject ? 200 : 204)
        }

        static func patch(annotationID: Int, status: String) -> RequestDescription {
            RequestDescription(path: "api/v1/annotations/\(annotationID)", method: "PATCH", statusCode: 200, details: ["status": .string(status)])
        }
    }

    static let objectTypes = ["document", "annotation", "user"]
    static let actions = [
        "create", "update-status", "delete", "purge", "update", "destroy", "app_load", "reset-password", "change_password",
    ]

    static func recordStatusChange(
        _ db: Database, annotationID: Int, userID: Int, request: RequestDescription, at now: Date = Date(), requestID: String = UUID().uuidString.lowercased()
    ) throws {
        // Two fields of the user, read without parsing the whole user.
        let user = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT json_extract(body, '$.username'), json_extract(body, '$.organization') FROM objects WHERE kind = 'users' AND id = ?"),
            arguments: [userID])
        func text(_ index: Int) -> String? {
            if case .string(let value)? = (user?[index] as DatabaseValue?)?.storage { return value }
            return nil
        }
        let username = text(0) ?? "user-\(userID)"
        let organizationID = text(1).flatMap { JSONValue.string($0).referencedID } ?? 1
        let timestamp = DemoClock.timestamp(now)
        let entry: JSONValue = [
            "organization_id": .int(organizationID), "object_type": "annotation", "action": "update-status",
            "username": .string(username), "object_id": .int(annotationID), "timestamp": .string(timestamp),
            "content": [
                "path": .string(request.path), "method": .string(request.method), "request_id": .string(requestID),
                "status_code": .int(request.statusCode),
                "details": request.details,
            ],
        ]
        try db.cachedStatement(
            sql: "INSERT INTO audit_logs (object_type, object_id, action, username, timestamp, body) VALUES ('annotation', ?, 'update-status', ?, ?, ?)"
        ).execute(arguments: [annotationID, username, timestamp, entry.storageText])
    }

    /// `GET audit_logs`: `object_type` is required; newest first, page-number pagination.
    static func filter(_ query: QueryParameters) throws -> SQLFilter {
        guard let objectType = query["object_type"] else {
            throw SandboxHTTPError.fieldErrors(["object_type": "This filter is required (document, annotation or user)."])
        }
        guard objectTypes.contains(objectType) else {
            throw SandboxHTTPError.fieldErrors(["object_type": "Select a valid choice. \"\(objectType)\" is not one of \(objectTypes.joined(separator: ", "))."])
        }
        var filter = SQLFilter()
        filter.add("object_type = ?", [objectType])
        if let actions = try DiagnosticQuery.choices(query, "action", actions) { filter.addIn("action", actions) }
        if let ids = try DiagnosticQuery.integers(query, "object_id") { filter.addIn("object_id", ids) }
        if let username = query["username"] { filter.add("username = ? COLLATE NOCASE", [username]) }
        try filter.addTimeRange("timestamp", query: query, prefix: "timestamp")
        return filter
    }

    /// Audit logs are for administrators only.
    static func requireAdministrator(_ db: Database, userID: Int) throws {
        let groups = try ObjectStore.fetch(db, "users", id: userID)?["groups"]?.arrayValue ?? []
        let names = try groups.compactMap(\.referencedID).compactMap { try ObjectStore.fetch(db, "groups", id: $0)?["name"]?.stringValue }
        guard names.contains("admin") || names.contains("organization_group_admin") else {
            throw SandboxHTTPError(.forbidden, detail: "You do not have permission to perform this action.")
        }
    }
}
