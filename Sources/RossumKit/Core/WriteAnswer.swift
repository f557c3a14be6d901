/// What the answer to a write must look like before the write counts as done. A proxy, a
/// captive portal or a cut connection can answer 200 with nothing, `null` or a page of HTML;
/// taken as success, the person is told "confirmed" about an annotation nobody confirmed.
/// Everything else reads its answer into a model, and decoding is the check.
enum WriteAnswer {
    /// A status action (`confirm`, `postpone`, ...) or a delete: 204 No Content, as the API
    /// documents, or a success carrying a JSON object (some servers return the changed resource
    /// or a message). An empty, `null`, array or non-JSON 2xx is not an acknowledgement.
    static func acknowledgement(_ response: HTTPResponseData, client: RossumClient, what: String) throws {
        if response.status == 204 { return }
        _ = try object(response, client: client, what: what)
    }

    /// A write that answers with a JSON object (`start`, `reject`, content operations).
    static func object(_ response: HTTPResponseData, client: RossumClient, what: String) throws -> JSONValue {
        guard response.body.readableBytes > 0 else {
            throw unexpected(what, "an empty answer (HTTP \(response.status))", response)
        }
        let value = try client.decode(JSONValue.self, from: response.body)
        guard value.objectValue != nil else {
            throw unexpected(what, "\(kind(of: value)) (HTTP \(response.status))", response)
        }
        return value
    }

    private static func unexpected(_ what: String, _ got: String, _ response: HTTPResponseData) -> RossumError {
        .decoding(type: "the answer to \(what)", path: "", reason: "expected 204 No Content or a JSON object, got \(got)",
                  snippet: RossumClient.snippet(of: response.body, limit: 200))
    }

    private static func kind(of value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .object: "an object"
        }
    }
}
