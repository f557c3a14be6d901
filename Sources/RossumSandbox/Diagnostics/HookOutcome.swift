/// What one hook run produced, before it is logged and applied to the annotation.
struct HookOutcome: Sendable {
    /// HTTP status the hook answered with; nil when it never answered (timeout).
    var statusCode: Int?
    /// The hook's JSON reply (`messages`, `operations`, `automation_blockers`), nil when there is none.
    var response: JSONValue?
    /// What the run takes, in seconds: its log's `end` is this long after its `start`, unless
    /// that would lie in the future (`HookLogStore.insert`).
    var duration: Double
    /// Log message: the reply's messages joined, or the exception.
    var logMessage: String = ""
    /// Serverless functions only: captured output or traceback.
    var output: String? = nil

    var failed: Bool { statusCode.map { !(200..<300).contains($0) } ?? true }

    var messages: [JSONValue] { failed ? [] : (response?["messages"]?.arrayValue ?? []) }
    var operations: [JSONValue] { failed ? [] : (response?["operations"]?.arrayValue ?? []) }

    static func success(_ messages: [JSONValue] = [], operations: [JSONValue] = [], duration: Double) -> HookOutcome {
        let text = messages.compactMap { $0["content"]?.stringValue }.joined(separator: "\n")
        return HookOutcome(
            statusCode: 200, response: ["messages": .array(messages), "operations": .array(operations)],
            duration: duration, logMessage: text)
    }
}
