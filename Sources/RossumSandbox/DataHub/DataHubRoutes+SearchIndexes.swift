import Hummingbird

extension DataHubRoutes {
    /// MDH v2 search indexes, under both v2 prefixes.
    static func registerSearchIndexes<Context: RequestContext>(
        on router: Router<Context>, hub: DataHub, authorize: @escaping Authorizer<Context>
    ) {
        let service = SearchIndexService(hub: hub)
        for prefix in ["svc/master-data-hub/api/v2", "svc/data-matching/api/v2"] {
            let group = router.group(RouterPath(prefix))
            group.get("datasets/{name}/search_indexes") { request, context in
                try await guarded(request, context, authorize, style: .mdh) { _ in
                    mdhResponse(await service.list(datasetName: datasetName(context)), request: request)
                }
            }
            group.put("datasets/{name}/search_indexes/{index}") { request, context in
                try await guarded(request, context, authorize, style: .mdh) { _ in
                    var request = request
                    switch await collectBody(&request) {
                    case .success(let body):
                        let index = context.parameters.get("index") ?? ""
                        return mdhResponse(await service.put(datasetName: datasetName(context), indexName: index, body: Array(buffer: body)), request: request)
                    case .failure(let failure):
                        let response = mdhResponse(.error(status: failure.status, message: failure.message), request: request)
                        return failure.closesConnection ? closingConnection(response) : response
                    }
                }
            }
            group.delete("datasets/{name}/search_indexes/{index}") { request, context in
                try await guarded(request, context, authorize, style: .mdh) { _ in
                    mdhResponse(await service.drop(datasetName: datasetName(context), indexName: context.parameters.get("index") ?? ""), request: request)
                }
            }
        }
    }
}
