import Foundation
import RossumKit

/// One editable value as the editor shows it: what it is, what it holds, how sure the
/// extraction was and where the value came from.
public struct EditorCell: Sendable, Hashable {
    public var id: Int
    public var schemaID: String
    public var label: String
    public var value: String
    public var confidence: Double?
    public var source: String
    public var schema: FieldSchema?
    /// `[x1, y1, x2, y2]` on `page`, to find the value's line in the page data.
    public var page: Int?
    public var position: [Double]?

    /// Not yet on the server (a row being added): nothing can be sent about it.
    public var isPlaceholder: Bool { id < 0 }

    /// Below the schema's threshold and not checked by a person.
    public var isLowConfidence: Bool {
        guard let confidence, source != "human" else { return false }
        return confidence < (schema?.scoreThreshold ?? 0.8)
    }
}

/// The editor's rows, top to bottom: section titles, fields, and tables of line items whose
/// cells are moved through one by one.
public enum EditorRow: Sendable, Hashable {
    case section(String, depth: Int)
    case field(EditorCell, depth: Int)
    case tableTitle(label: String, multivalueID: Int, rows: Int, depth: Int)
    case tableHeader([String], depth: Int)
    case tableRow(tupleID: Int, multivalueID: Int, cells: [EditorCell], depth: Int)

    public var cells: [EditorCell] {
        switch self {
        case .field(let cell, _): return [cell]
        case .tableRow(_, _, let cells, _): return cells
        default: return []
        }
    }
}

enum EditorRows {
    static func build(_ content: [ContentNode], schema: [String: FieldSchema]) -> [EditorRow] {
        var rows: [EditorRow] = []
        for node in content { append(node, depth: 0, schema: schema, into: &rows) }
        return rows
    }

    static func append(_ node: ContentNode, depth: Int, schema: [String: FieldSchema], into rows: inout [EditorRow]) {
        let label = node.schemaID.flatMap { schema[$0]?.label } ?? node.schemaID ?? "?"
        switch node.category {
        case "section", "tuple":
            rows.append(.section(label, depth: depth))
            for child in node.children { append(child, depth: depth + 1, schema: schema, into: &rows) }
        case "multivalue":
            guard let id = node.id else { return }
            let tuples = node.children.filter { $0.category == "tuple" }
            rows.append(.tableTitle(label: label, multivalueID: id, rows: tuples.count, depth: depth))
            if let first = tuples.first {
                rows.append(.tableHeader(first.children.map { $0.schemaID.flatMap { schema[$0]?.label } ?? $0.schemaID ?? "?" }, depth: depth + 1))
            }
            for tuple in tuples {
                guard let tupleID = tuple.id else { continue }
                rows.append(.tableRow(tupleID: tupleID, multivalueID: id, cells: tuple.children.compactMap { cell($0, schema) }, depth: depth + 1))
            }
            // A multivalue of plain datapoints: one field per value.
            for child in node.children where child.category == "datapoint" {
                if let cell = cell(child, schema) { rows.append(.field(cell, depth: depth + 1)) }
            }
        default:
            if let cell = cell(node, schema) { rows.append(.field(cell, depth: depth)) }
        }
    }

    static func cell(_ node: ContentNode, _ schema: [String: FieldSchema]) -> EditorCell? {
        guard let id = node.id, node.hidden != true else { return nil }
        let schemaID = node.schemaID ?? "?"
        let value = Shape.text(node.content?.value)
        return EditorCell(id: id, schemaID: schemaID, label: schema[schemaID]?.label ?? schemaID, value: value,
                          confidence: node.content?.rirConfidence, source: source(node, value: value), schema: schema[schemaID],
                          page: node.content?.page ?? node.content?.rirPage,
                          position: numbers(node.content?.position) ?? numbers(node.content?.rirPosition))
    }

    /// Where the value came from, in a word: a person, the extraction confirmed by its score,
    /// the extraction alone, or nothing.
    static func source(_ node: ContentNode, value: String) -> String {
        if node.validationSources.contains("human") { return "human" }
        if !node.validationSources.isEmpty { return "auto" }
        if value.isEmpty { return "empty" }
        return node.content?.rirConfidence != nil ? "extracted" : "data"
    }

    static func numbers(_ value: JSONValue?) -> [Double]? {
        guard let items = value?.arrayValue, items.count == 4 else { return nil }
        let numbers = items.compactMap(\.doubleValue)
        return numbers.count == 4 ? numbers : nil
    }
}
