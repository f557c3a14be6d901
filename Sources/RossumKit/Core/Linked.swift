/// A field that holds a URL, or the object behind it when it was sideloaded
/// (`sideloads: [.documents]` turns `annotation.document` from `.url` into `.object`).
public enum Linked<Model: Sendable & Hashable & Codable>: Sendable, Hashable, Codable {
    case url(String)
    case object(Model)

    /// The sideloaded object, if it was sideloaded.
    public var object: Model? {
        if case .object(let model) = self { return model }
        return nil
    }

    /// The URL, if the field was not sideloaded.
    public var url: String? {
        if case .url(let url) = self { return url }
        return nil
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let url = try? container.decode(String.self) {
            self = .url(url)
        } else {
            self = .object(try container.decode(Model.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .url(let url): try container.encode(url)
        case .object(let model): try container.encode(model)
        }
    }
}

extension Linked where Model: Identifiable, Model.ID == Int {
    /// The id, from the object or parsed from the end of the URL.
    public var id: Int? {
        switch self {
        case .url(let url): return URLText.id(in: url)
        case .object(let model): return model.id
        }
    }
}
