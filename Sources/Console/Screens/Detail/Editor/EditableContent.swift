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

    public init(content: [ContentNode], schema: [String: FieldSchema] = [:], reviewer: Reviewer? = nil) {
        self.content = content
        self.schema = schema
        self.reviewer = reviewer
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
