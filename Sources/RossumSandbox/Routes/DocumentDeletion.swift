import GRDB
import Hummingbird

/// `DELETE documents/{id}`: removes the document, its bytes and the annotations made from it
/// (with their content, blockers and notes), as the document's annotations cannot outlive it.
enum DocumentDeletion {
    static func register(on router: Router<SandboxRequestContext>, services: SandboxServices) {
        router.delete("/api/v1/documents/:id") { request, context -> Response in
            _ = try await services.auth.authenticatedUser(request)
            let id = try ResourceRoutes.pathID(context)
            try await services.database.write { db in
                guard try DocumentRecord.fetch(db, ids: [id]).first != nil else { throw SandboxHTTPError.notFound }
                try db.execute(sql: "DELETE FROM annotation_content WHERE annotation_id IN (SELECT id FROM annotations WHERE document_id = ?)", arguments: [id])
                try DiagnosticsSchema.removeAnnotationData(db, documentID: id)
                try PageStore.removePages(db, documentID: id)
                try db.execute(sql: "DELETE FROM annotations WHERE document_id = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM documents WHERE id = ?", arguments: [id])
            }
            return JSONResponse.noContent()
        }
    }
}
