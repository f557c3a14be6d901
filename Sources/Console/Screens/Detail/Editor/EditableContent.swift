import Foundation
import RossumKit

/// What the detail's request brings for editing: the content tree with its datapoint ids, the
/// schema's rules per field, and who is reviewing the annotation.
public struct EditableContent: Sendable, Hashable {
    public var content: [ContentNode]
    /// By schema id.
    public var schema: [String: FieldSchema]
    /// Who has the annotation in `reviewing`, when it is.
    public var reviewer: Reviewer?
    /// The messages the annotation carries (left by extensions such as MDH matching): they
    /// stand beside `content/validate`'s own until an extension changes them.
    public var messages: [AnnotationMessage]

    public init(content: [ContentNode], schema: [String: FieldSchema] = [:], reviewer: Reviewer? = nil, messages: [AnnotationMessage] = []) {
        self.content = content
        self.schema = schema
        self.reviewer = reviewer
        self.messages = messages
    }

    /// The annotation's `messages` as the editor's messages (`id` is the datapoint, as a number
    /// or a string; `all` or none: the whole annotation).
    static func messages(_ json: JSONValue?) -> [AnnotationMessage] {
        (json?.arrayValue ?? []).compactMap { message in
            guard let content = message["content"]?.stringValue ?? message["message"]?.stringValue else { return nil }
            let id = message["id"]?.intValue ?? message["id"]?.stringValue.flatMap { Int($0) }
            return AnnotationMessage(datapointID: id, type: message["type"]?.stringValue ?? "info", content: content)
        }
    }
}

/// The schema's rules for one field.
public struct FieldSchema: Sendable, Hashable {
    public var label: String
    public var type: String
    public var required: Bool
    /// Below this extraction confidence a field needs a look (the schema's `score_threshold`).
    public var scoreThreshold: Double

    public init(label: String, type: String = "string", required: Bool = false, scoreThreshold: Double = 0.8) {
        self.label = label
        self.type = type
        self.required = required
        self.scoreThreshold = scoreThreshold
    }
}

/// The person holding an annotation's review (its lock), and since when.
public struct Reviewer: Sendable, Hashable {
    public var name: String
    public var since: Date?
    /// The user this console is logged in as.
    public var isMe: Bool

    public init(name: String, since: Date?, isMe: Bool) {
        self.name = name
        self.since = since
        self.isMe = isMe
    }
}
