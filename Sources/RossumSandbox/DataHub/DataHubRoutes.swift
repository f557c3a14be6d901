import Foundation
import Hummingbird
import NIOCore

/// Registers the Master Data Hub (under both of its path prefixes) and Data Storage routes.
public enum DataHubRoutes {
    /// The prefixes MDH answers under; `Location` headers always use the first.
    public static let masterDataHubPrefixes = ["svc/master-data-hub/api/v1", "svc/data-matching/api/v1"]
    public static let dataStoragePrefix = "svc/data-storage/api/v1"
    static let masterDataHubV2Prefixes = ["svc/master-data-hub/api/v2", "svc/data-matching/api/v2"]

    /// A route group under each MDH v2 prefix.
    static func v2Groups<Context: RequestContext>(_ router: Router<Context>) -> [RouterGroup<Context>] {
        masterDataHubV2Prefixes.map { router.group(RouterPath($0)) }
    }

    /// The user id behind a request's valid `Bearer` token; nil when there is none.
    typealias Authorizer<Context: RequestContext> = @Sendable (Request, Context) async throws -> String?

    /// Registers the routes on the sandbox's router; both services take only `Bearer` tokens.
    public static func register(on router: Router<SandboxRequestContext>, services: SandboxServices) {
        let auth = services.auth
        register(on: router, hub: services.dataHub) { request, _ in
            guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else { return nil }
            do {
                return String(try await auth.authenticatedUser(request).id)
            } catch is SandboxHTTPError {
                return nil
            }
        }
    }

    static func register<Context: RequestContext>(
        on router: Router<Context>, hub: DataHub, authorize: @escaping Authorizer<Context>
    ) {
        let mdh = MasterDataHubService(hub: hub)
        for prefix in masterDataHubPrefixes {
            let group = router.group(RouterPath(prefix))
            group.get("dataset") { request, context in
                try await guarded(request, context, authorize, style: .mdh) { _ in mdhResponse(await mdh.listDatasets(), request: request) }
            }
            for method in [HTTPRequest.Method.post, .put, .patch, .delete] {
                group.on("dataset/{name}", method: method) { request, context in
                    try await guarded(request, context, authorize, style: .mdh) { caller in
                        let name = datasetName(context)
                        var form: MultipartFormData?
                        if method != .delete {
                            switch await multipartForm(request, context) {
                            case .success(let parsed): form = parsed
                            case .failure(let failure):
                                let response = mdhResponse(.error(status: failure.status, message: failure.message), request: request)
                                return failure.closesConnection ? closingConnection(response) : response
                            }
                        }
                        let service = MasterDataHubService(hub: hub, callerID: caller)
                        return mdhResponse(await service.submit(method: method.rawValue, datasetName: name, form: form), request: request)
                    }
                }
            }
            for method in [HTTPRequest.Method.post, .delete] {
                group.on("fuzzy_search/{name}", method: method) { request, context in
                    try await guarded(request, context, authorize, style: .mdh) { caller in
                        let service = MasterDataHubService(hub: hub, callerID: caller)
                        return mdhResponse(await service.setFuzzySearch(enabled: method == .post, datasetName: datasetName(context)), request: request)
                    }
                }
            }
            group.get("operation") { request, context in
                try await guarded(request, context, authorize, style: .mdh) { _ in
                    let limit = request.uri.queryParameters.get("limit").flatMap { Int($0) } ?? 1000
                    let dataset = request.uri.queryParameters.get("dataset_name").map { String($0) }
                    return mdhResponse(await mdh.operations(datasetName: dataset, limit: limit), request: request)
                }
            }
            group.get("operation/{id}") { request, context in
                try await guarded(request, context, authorize, style: .mdh) { _ in
                    mdhResponse(await mdh.operation(id: context.parameters.get("id") ?? ""), request: request)
                }
            }
        }

        for group in v2Groups(router) {
            group.get("operation") { request, context in
                try await guarded(request, context, authorize, style: .mdh) { _ in
                    let limit = request.uri.queryParameters.get("limit").flatMap { Int($0) } ?? 1000
                    return mdhResponse(await mdh.operationsV2(limit: limit), request: request)
                }
            }
        }

        registerDatasets(on: router, hub: hub, authorize: authorize)
        registerSearchIndexes(on: router, hub: hub, authorize: authorize)

        router.get("svc/data-storage/api/healthz") { _, _ in
            jsonResponse(status: .ok, bytes: DocumentJSONWriter.encode(.object(healthz)))
        }
        let group = router.group(RouterPath(dataStoragePrefix))
        for endpoint in ["collections/list", "collections/create", "collections/drop", "collections/rename",
                         "data/find", "data/aggregate", "data/insert_one", "data/insert_many", "data/update_one",
                         "data/update_many", "data/replace_one", "data/delete_one", "data/delete_many",
                         "data/aggregate_async", "data/bulk_write", "indexes/list", "indexes/create", "indexes/drop",
                         "search_indexes/list", "search_indexes/create", "search_indexes/drop"] {
            group.post(RouterPath(endpoint)) { request, context in
                try await guarded(request, context, authorize, style: .storage) { caller in
                    var request = request
                    let body: ByteBuffer
                    switch await collectBody(&request) {
                    case .success(let collected): body = collected
                    case .failure(let failure):
                        let response = storageResponse(.error(status: failure.status, message: failure.message), request: request)
                        return failure.closesConnection ? closingConnection(response) : response
                    }
                    let value: DocumentValue
                    do {
                        value = try DocumentJSONParser.parse(Array(buffer: body))
                    } catch {
                        return storageResponse(.error(status: 422, message: "request body is not valid JSON: \(error)"), request: request)
                    }
                    let storage = DataStorageService(hub: hub, callerID: caller)
                    return storageResponse(await storage.handle(endpoint, body: value), request: request)
                }
            }
        }
        group.get("operation_status/{id}") { request, context in
            try await guarded(request, context, authorize, style: .storage) { _ in
                storageResponse(await DataStorageService(hub: hub).operationStatus(id: context.parameters.get("id") ?? ""), request: request)
            }
        }
    }

    /// Data Storage's `HealthzResponse`: which code answers. The sandbox is not deployed from a
    /// commit, so the hash is a fixed value of the right form (40 hex digits, as clients compare
    /// it across hosts) and the path names the service.
    static let healthz = Document([
        ("code_version_hash", .string(String(repeating: "0", count: 40))),
        ("code_project_path", .string("svc/data-storage")),
    ])

    // MARK: helpers

    enum ErrorStyle { case mdh, storage }

    static func guarded<Context: RequestContext>(
        _ request: Request, _ context: Context, _ authorize: Authorizer<Context>, style: ErrorStyle,
        _ handler: (_ caller: String) async throws -> Response
    ) async throws -> Response {
        guard let caller = try await authorize(request, context) else {
            let message = "Authentication credentials were not provided or are invalid (use Authorization: Bearer <token>)"
            switch style {
            case .mdh: return mdhResponse(.error(status: 401, message: message), request: request)
            case .storage: return storageResponse(.error(status: 401, message: message), request: request)
            }
        }
        return try await handler(caller)
    }

    static func datasetName<Context: RequestContext>(_ context: Context) -> String {
        let raw = context.parameters.get("name") ?? ""
        return raw.removingPercentEncoding ?? raw
    }

    struct RequestFailure: Error {
        let status: Int
        let message: String
        var closesConnection = false
    }

    /// A JSON request body, up to the services' 50 MB; an unreadable one ends the connection.
    static func collectBody(_ request: inout Request) async -> Result<ByteBuffer, RequestFailure> {
        do throws(RequestBody.Failure) {
            return .success(try await RequestBody.collect(&request, upTo: MasterDataHubService.maximumBodySize))
        } catch {
            switch error {
            case .tooLarge: return .failure(RequestFailure(status: 413, message: "request body is larger than 50 MB"))
            case .unreadable(let reason): return .failure(RequestFailure(status: 400, message: RequestBody.detail(reason), closesConnection: true))
            }
        }
    }

    /// Answers `handler`'s outcome for the collected JSON body; an oversized or unreadable body
    /// is refused in MDH's shape (the latter ending the connection).
    static func withMDHBody(_ request: Request, _ handler: ([UInt8]) async -> MasterDataHubOutcome) async -> Response {
        var request = request
        switch await collectBody(&request) {
        case .success(let body):
            return mdhResponse(await handler(Array(buffer: body)), request: request)
        case .failure(let failure):
            let response = mdhResponse(.error(status: failure.status, message: failure.message), request: request)
            return failure.closesConnection ? closingConnection(response) : response
        }
    }

    private static func multipartForm<Context: RequestContext>(
        _ request: Request, _ context: Context
    ) async -> Result<MultipartFormData, RequestFailure> {
        guard let contentType = request.headers[.contentType], let boundary = MultipartFormData.boundary(contentType: contentType) else {
            return .failure(RequestFailure(status: 415, message: "the request must be multipart/form-data with a file part"))
        }
        var request = request
        let body: ByteBuffer
        do throws(RequestBody.Failure) {
            body = try await RequestBody.collect(&request, upTo: MasterDataHubService.maximumBodySize)
        } catch {
            switch error {
            case .tooLarge:
                return .failure(RequestFailure(status: 413, message: "the upload is larger than 50 MB"))
            case .unreadable(let reason):
                return .failure(RequestFailure(status: 400, message: RequestBody.detail(reason), closesConnection: true))
            }
        }
        do {
            return .success(try MultipartFormData(body: Array(buffer: body), boundary: boundary))
        } catch {
            return .failure(RequestFailure(status: 400, message: "malformed multipart body: \(error.description)"))
        }
    }

    static func mdhResponse(_ outcome: MasterDataHubOutcome, request: Request) -> Response {
        switch outcome {
        case .ok(let value):
            return jsonResponse(status: .ok, bytes: DocumentJSONWriter.encode(value))
        case .created(let value):
            return jsonResponse(status: .created, bytes: DocumentJSONWriter.encode(value))
        case .queued(let operationID):
            var headers = HTTPFields()
            headers[.location] = "\(baseURL(of: request))/\(masterDataHubPrefixes[0])/operation/\(operationID)"
            return jsonResponse(status: .accepted, bytes: Array(#"{"message":"Dataset operation has been queued.","type":"info"}"#.utf8), headers: headers)
        case .accepted(let message):
            let body = DocumentJSONWriter.encode(.object(Document([("message", .string(message)), ("type", .string("info"))])))
            return jsonResponse(status: .accepted, bytes: body)
        case .error(let status, let message):
            let body = DocumentJSONWriter.encode(.object(Document([("message", .string(message)), ("type", .string("error"))])))
            return jsonResponse(status: HTTPResponse.Status(code: status), bytes: body)
        }
    }

    static func storageResponse(_ outcome: DataStorageOutcome, request: Request) -> Response {
        switch outcome {
        case .ok(let result):
            var buffer = ByteBuffer()
            buffer.reserveCapacity(result.count + 48)
            buffer.writeString(#"{"code":"ok","message":"","result":"#)
            buffer.writeBytes(result)
            buffer.writeString("}")
            return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: buffer))
        case .accepted(let operationID):
            var headers = HTTPFields()
            headers[.contentLocation] = "\(baseURL(of: request))/\(dataStoragePrefix)/operation_status/\(operationID)"
            let body = DocumentJSONWriter.encode(.object(Document([
                ("code", .string("accept")), ("message", .string("Operation \(operationID) has been accepted")),
            ])))
            return jsonResponse(status: .accepted, bytes: body, headers: headers)
        case .error(let status, let message):
            let body = DocumentJSONWriter.encode(.object(Document([("code", .string("error")), ("message", .string(message))])))
            return jsonResponse(status: HTTPResponse.Status(code: status), bytes: body)
        }
    }

    /// The server's own origin as the client reached it, for `Location` headers.
    private static func baseURL(of request: Request) -> String {
        let host = request.head.authority ?? "localhost"
        return "http://\(host)"
    }

    /// The same answer, closing the connection after it (see `RequestBody`).
    static func closingConnection(_ response: Response) -> Response {
        var response = response
        response.headers[.connection] = "close"
        return response
    }

    static func jsonResponse(status: HTTPResponse.Status, bytes: [UInt8], headers: HTTPFields = HTTPFields()) -> Response {
        var headers = headers
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
