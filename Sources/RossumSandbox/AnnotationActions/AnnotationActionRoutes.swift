import Foundation
import Hummingbird

/// `POST annotations/{id}/copy` and `POST annotations/assign`.
enum AnnotationActionRoutes {
    static func register(on router: Router<SandboxRequestContext>, services: SandboxServices) {
        router.post("/api/v1/annotations/:id/copy") { request, context -> Response in
            let user = try await services.auth.authenticatedUser(request)
            let id = try ResourceRoutes.pathID(context)
            let reimport = QueryParameters(request).flag("reimport")
            var request = request
            let body = try await RequestInput.jsonObject(of: &request)
            let copyID = try await services.database.write { db in
                try AnnotationCopy.copy(
                    db, annotationID: id, body: body, reimport: reimport, userID: user.id, importDelay: services.configuration.importDelay)
            }
            if reimport { Imports.schedule(after: services.configuration.importDelay, services: services) }
            return JSONResponse.make(.ok, ["annotation": .reference("annotations", copyID)], apiBase: RequestURLs.apiBase(of: request))
        }

        router.post("/api/v1/annotations/assign") { request, _ -> Response in
            let user = try await services.auth.authenticatedUser(request)
            var request = request
            let body = try await RequestInput.jsonObject(of: &request)
            try await services.database.write { db in try AnnotationAssignment.assign(db, body: body, userID: user.id) }
            return JSONResponse.noContent()
        }
    }
}
