/// A message about an annotation or one of its datapoints (`messages` of an annotation, of
/// `content/validate`). `id` is the datapoint id, or `"all"` for the whole document.
public struct AnnotationMessage: Sendable, Hashable, Decodable {
    /// The datapoint, when the message is about one (the API sends it as a string or a number).
    public var datapointID: Int?
    /// `error`, `warning`, `info`, or `aggregation` (a column's sum, `content` is the number).
    public var type: String
    public var content: String
    public var schemaID: String?
    public var aggregationType: String?

    public init(datapointID: Int?, type: String, content: String, schemaID: String? = nil, aggregationType: String? = nil) {
        self.datapointID = datapointID
        self.type = type
        self.content = content
        self.schemaID = schemaID
        self.aggregationType = aggregationType
    }

    enum CodingKeys: String, CodingKey {
        case id, type, content
        case schemaID = "schema_id"
        case aggregationType = "aggregation_type"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let number = try? container.decodeIfPresent(Int.self, forKey: .id) {
            datapointID = number
        } else {
            datapointID = (try? container.decodeIfPresent(String.self, forKey: .id)).flatMap { $0.flatMap(Int.init) }
        }
        type = (try? container.decodeIfPresent(String.self, forKey: .type)) ?? "info"
        content = (try? container.decodeIfPresent(String.self, forKey: .content)) ?? ""
        schemaID = try? container.decodeIfPresent(String.self, forKey: .schemaID)
        aggregationType = try? container.decodeIfPresent(String.self, forKey: .aggregationType)
    }

    /// An error blocks confirming; warnings and sums do not.
    public var isError: Bool { type == "error" }
}

/// The answer of `POST annotations/{id}/content/validate`.
public struct ContentValidationResult: Sendable, Hashable, Decodable {
    public var messages: [AnnotationMessage]
    /// Datapoints extensions changed while validating (full nodes).
    public var updatedDatapoints: [ContentNode]

    enum CodingKeys: String, CodingKey {
        case messages
        case updatedDatapoints = "updated_datapoints"
    }

    public init(messages: [AnnotationMessage], updatedDatapoints: [ContentNode] = []) {
        self.messages = messages
        self.updatedDatapoints = updatedDatapoints
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        messages = try container.decodeIfPresent([AnnotationMessage].self, forKey: .messages) ?? []
        updatedDatapoints = (try? container.decodeIfPresent([ContentNode].self, forKey: .updatedDatapoints)) ?? []
    }
}

/// One page's text items from `GET annotations/{id}/page_data`.
public struct PageText: Sendable, Hashable, Decodable {
    public struct Item: Sendable, Hashable, Decodable {
        public var text: String
        /// `[x1, y1, x2, y2]`, the coordinates of datapoint positions; nil for `texts`.
        public var position: [Double]?
        public init(text: String, position: [Double]?) {
            self.text = text
            self.position = position
        }
    }

    public var pageNumber: Int
    public var granularity: String?
    public var items: [Item]

    enum CodingKeys: String, CodingKey {
        case pageNumber = "page_number"
        case granularity, items
    }

    public init(pageNumber: Int, granularity: String? = nil, items: [Item]) {
        self.pageNumber = pageNumber
        self.granularity = granularity
        self.items = items
    }
}
