import NIOCore

extension RossumClient {
    /// Documents: retrieve, content, create.
    public var documents: ResourceGroup<Document> { ResourceGroup(client: self, path: "documents") }
}

extension ResourceGroup where Model == Document {
    /// The original file's bytes (`documents/{id}/content`).
    public func content(_ id: Int) async throws -> [UInt8] {
        let response = try await client.request("GET", "documents/\(id)/content", headers: [("Accept", "*/*")])
        return Array(response.body.readableBytesView)
    }

    /// Stores a file as a new document (multipart `content`, `metadata`, optional `parent`).
    public func create(fileName: String, data: [UInt8], metadata: JSONValue? = nil, parent: String? = nil) async throws -> Document {
        var form = MultipartForm()
        form.addFile("content", filename: fileName, contentType: "application/octet-stream", data: data)
        if let metadata { form.addFile("metadata", filename: "", contentType: "application/json", data: JSONWriter.bytes(metadata)) }
        if let parent { form.addField("parent", parent) }
        return try await client.request("POST", "documents", body: .multipart(form), as: Document.self)
    }
}
