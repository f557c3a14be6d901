import GRDB
import Hummingbird
import Logging

/// Turns every error into a Rossum-style JSON body: unknown routes and methods are 404/405
/// with `{"detail": ...}`, never an empty body, a crash or a stack trace.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = SandboxRequestContext
    let logger: Logger
    let routeMethods: RouteMethods

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let apiBase = RequestURLs.apiBase(of: request)
        do {
            return try await next(request, context)
        } catch let error as SandboxHTTPError {
            return JSONResponse.make(error.status, error.body, apiBase: apiBase, headers: error.headers)
        } catch let error as HTTPError {
            if error.status == .notFound, context.endpointPath == "NotFound" || context.endpointPath == nil {
                let allowed = routeMethods.allowed(for: request.uri.path)
                let path = request.uri.path
                if !allowed.isEmpty, !allowed.contains(request.method.rawValue) {
                    return JSONResponse.make(
                        .methodNotAllowed, Self.routingErrorBody("Method \"\(request.method.rawValue)\" not allowed.", path: path), apiBase: apiBase,
                        headers: [.allow: Set(allowed).sorted().joined(separator: ", ")])
                }
                return JSONResponse.make(.notFound, Self.routingErrorBody("Not found.", path: path), apiBase: apiBase)
            }
            if error.status == .contentTooLarge {
                return JSONResponse.make(error.status, SandboxHTTPError.payloadTooLarge.body, apiBase: apiBase)
            }
            let detail = error.body ?? error.status.reasonPhrase
            return JSONResponse.make(error.status, ["detail": .string(detail)], apiBase: apiBase)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            return JSONResponse.make(.conflict, ["detail": "The change conflicts with existing data."], apiBase: apiBase)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            logger.error("unexpected error answering \(request.method) \(request.uri.path): \(error)")
            return JSONResponse.make(.internalServerError, ["detail": "Internal server error."], apiBase: apiBase)
        }
    }

    /// A 404 or 405 from routing, in the error shape of the service the path belongs to: the
    /// Data Storage and Master Data Hub clients read `message`, not the API's `detail`.
    static func routingErrorBody(_ message: String, path: String) -> JSONValue {
        if path.hasPrefix("/svc/data-storage/") {
            return ["code": "error", "message": .string(message)]
        }
        if path.hasPrefix("/svc/master-data-hub/") || path.hasPrefix("/svc/data-matching/") {
            return ["message": .string(message), "type": "error"]
        }
        return ["detail": .string(message)]
    }
}
