/// The standard operations on one kind of resource (`client.workspaces`, `client.hooks`...).
/// Resource-specific operations live in constrained extensions next to each group.
public struct ResourceGroup<Model: Decodable & Sendable>: Sendable {
    public let client: RossumClient
    /// URL segment of the resource, relative to the API base (`workspaces`).
    public let path: String

    init(client: RossumClient, path: String) {
        self.client = client
        self.path = path
    }

    /// Every object matching `filters`, in `ordering` (`["-id", "name"]`; minus = descending).
    public func list(filters: QueryItems = [:], ordering: [String] = [], maxPages: Int? = nil) -> Paginated<Model> {
        client.paginated(path, filters: filters, ordering: ordering, maxPages: maxPages)
    }

    public func retrieve(_ id: Int) async throws -> Model {
        try await client.request("GET", "\(path)/\(id)", as: Model.self)
    }

    /// `POST` the object described by `data`; returns it as the server created it.
    public func create(_ data: JSONValue) async throws -> Model {
        try await client.request("POST", path, body: .json(data), as: Model.self)
    }

    /// `PUT`: replaces the object.
    public func update(_ id: Int, _ data: JSONValue) async throws -> Model {
        try await client.request("PUT", "\(path)/\(id)", body: .json(data), as: Model.self)
    }

    /// `PATCH`: changes only the given fields. Setting fields is idempotent, so it is retried.
    public func partialUpdate(_ id: Int, _ data: JSONValue) async throws -> Model {
        try await client.request("PATCH", "\(path)/\(id)", body: .json(data), idempotent: true, as: Model.self)
    }

    public func delete(_ id: Int) async throws {
        try await client.send(APIRequest("DELETE", client.url("\(path)/\(id)"))) { [client, path] response in
            try WriteAnswer.acknowledgement(response, client: client, what: "delete of \(path)/\(id)")
        }
    }
}

extension RossumClient {
    /// A page-number paginated list of `path` with the SDK's parameters
    /// (`page_size`, `ordering`, filters; `page` and `include_total` are added per page).
    public func paginated<T: Decodable & Sendable>(
        _ path: String, filters: QueryItems = [:], ordering: [String] = [], maxPages: Int? = nil,
        as type: T.Type = T.self
    ) -> Paginated<T> {
        Paginated(client: self, request: APIRequest("GET", url(path), query: listQuery(filters: filters, ordering: ordering)),
                  strategy: .pageNumbers, maxPages: maxPages, decodePage: Page<T>.decode)
    }

    /// The SDK's `request_paginated`: every object of a page-number paginated endpoint, as JSON.
    public func requestPaginated(
        _ path: String, filters: QueryItems = [:], ordering: [String] = [], maxPages: Int? = nil
    ) -> Paginated<JSONValue> {
        paginated(path, filters: filters, ordering: ordering, maxPages: maxPages)
    }

    /// The SDK's `request_cursor_paginated`: follows the `next` link of each page.
    public func requestCursorPaginated(
        _ path: String, filters: QueryItems = [:], ordering: [String] = [], maxPages: Int? = nil
    ) -> Paginated<JSONValue> {
        Paginated(client: self, request: APIRequest("GET", url(path), query: listQuery(filters: filters, ordering: ordering)),
                  strategy: .cursor, maxPages: maxPages, decodePage: Page<JSONValue>.decode)
    }

    func listQuery(filters: QueryItems, ordering: [String]) -> QueryItems {
        var query: QueryItems = ["page_size": QueryValue(configuration.pageSize)]
        if !ordering.isEmpty { query.append("ordering", QueryValue(ordering)) }
        return query.appending(filters)
    }
}
