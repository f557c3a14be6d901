import Hummingbird

extension DataHubRoutes {
    /// MDH v2 datasets (list, create), under both v2 prefixes.
    static func registerDatasets<Context: RequestContext>(
        on router: Router<Context>, hub: DataHub, authorize: @escaping Authorizer<Context>
    ) {
        let service = DatasetRegistryService(hub: hub)
        for group in v2Groups(router) {
            group.get("datasets") { request, context in
                try await guarded(request, context, authorize, style: .mdh) { _ in
                    let text = request.uri.queryParameters.get("limit")
                    guard let limit = text.map({ Int($0) }) ?? 1000, limit > 0 else {
                        return mdhResponse(.error(status: 422, message: "limit must be a positive integer"), request: request)
                    }
                    return mdhResponse(await service.list(limit: limit), request: request)
                }
            }
            group.post("datasets/{name}") { request, context in
                try await guarded(request, context, authorize, style: .mdh) { _ in
                    await withMDHBody(request) { body in await service.create(datasetName: datasetName(context), body: body) }
                }
            }
        }
    }
}
