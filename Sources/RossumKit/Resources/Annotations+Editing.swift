extension Annotations {
    /// Applies content operations (`replace`, `add`, `remove`) and returns the content as it now
    /// stands. Not idempotent (an `add` twice adds two rows), so it is never re-sent blindly.
    public func applyContentOperations(_ id: Int, operations: [JSONValue]) async throws -> [ContentNode] {
        struct Answer: Decodable { let content: [ContentNode] }
        return try await client.request("POST", "annotations/\(id)/content/operations",
                                         body: .json(["operations": .array(operations)]), idempotent: false, as: Answer.self).content
    }

    /// Asks the server to validate the content (`content/validate`): the messages the web app
    /// shows at the fields. It changes nothing, so it may be retried.
    public func validateContent(_ id: Int, updatedDatapointIDs: [Int] = []) async throws -> ContentValidationResult {
        var body: JSONObject = ["actions": ["user_update"]]
        if !updatedDatapointIDs.isEmpty { body["updated_datapoint_ids"] = .array(updatedDatapointIDs.map { .number(Double($0)) }) }
        return try await client.request("POST", "annotations/\(id)/content/validate", body: .json(.object(body)),
                                        idempotent: true, as: ContentValidationResult.self)
    }

    /// The text on the document's pages (`page_data`), by `lines`, `words`, `chars`, `texts` or `barcodes`.
    public func pageData(_ id: Int, granularity: String = "lines", pageNumbers: [Int] = []) async throws -> [PageText] {
        struct Answer: Decodable { let results: [PageText] }
        var query: QueryItems = ["granularity": QueryValue(granularity)]
        if !pageNumbers.isEmpty { query.set("page_numbers", QueryValue(pageNumbers.map(String.init))) }
        return try await client.request("GET", "annotations/\(id)/page_data", query: query, as: Answer.self).results
    }
}
