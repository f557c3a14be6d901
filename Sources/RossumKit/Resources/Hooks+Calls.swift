extension ResourceGroup where Model == Hook {
    /// The payload the hook would receive for `event`/`action` (`hooks/{id}/generate_payload`);
    /// `objects` names the event's objects by URL (`annotation`, `email`, `upload`) and may set
    /// `status`/`previous_status`. Feed it to `test`.
    public func generatePayload(_ id: Int, event: String, action: String, objects: JSONObject = [:]) async throws -> JSONValue {
        var body = objects
        body["event"] = .string(event)
        body["action"] = .string(action)
        return try await client.requestJSON("POST", "hooks/\(id)/generate_payload", body: .object(body))
    }

    /// Runs the hook on `payload` and returns its reply (`hooks/{id}/test`, the answer's
    /// `response`); nothing is applied to the data. `config` overrides the hook's for this run.
    public func test(_ id: Int, payload: JSONValue, config: JSONValue? = nil) async throws -> JSONValue {
        var body: JSONObject = ["payload": payload]
        if let config { body["config"] = config }
        let answer = try await client.requestJSON("POST", "hooks/\(id)/test", body: .object(body))
        return answer["response"] ?? .null
    }

    /// Fires a hook subscribed to an `invocation` event; `fields` join the payload's top level.
    /// Returns the hook's reply (`hooks/{id}/invoke`).
    public func invoke(_ id: Int, fields: JSONObject = [:]) async throws -> JSONValue {
        try await client.requestJSON("POST", "hooks/\(id)/invoke", body: .object(fields), idempotent: false)
    }
}
