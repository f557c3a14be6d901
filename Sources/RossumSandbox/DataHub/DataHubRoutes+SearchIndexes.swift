import Hummingbird

extension DataHubRoutes {
    /// MDH v2 search indexes, under both v2 prefixes.
    static func registerSearchIndexes<Context: RequestContext>(
        on router: Router<Context>, hub: DataHub, authorize: @escaping Authorizer<Context>
    ) {
        let service = SearchIndexService(hub: hub)
        for group in v2Groups(router) {
            group.get("datasets/{name}/search_indexes") { request, context in
                try await guarded(request, context, authorize, style: .mdh) { _ in
                    mdhResponse(await service.list(datasetName: datasetName(context)), request: request)
                }
            }
            group.put("datasets/{name}/search_indexes/{index}") { request, context in
                try await guarded(request, context, authorize, style: .mdh) { _ in
                    await withMDHBody(request) { body in
                        await service.put(datasetName: datasetName(context), indexName: context.parameters.get("index") ?? "", body: body)
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
