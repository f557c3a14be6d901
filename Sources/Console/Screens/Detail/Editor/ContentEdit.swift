import Foundation
import RossumKit

/// One change to an annotation's content, as the person made it. It knows the operations it
/// sends (`content/operations`), how it looks applied locally before the server answers, and
/// the edit that takes it back (undo is a new operation sent to the server).
public enum ContentEdit: Sendable, Hashable {
    case replace(datapointID: Int, old: String, new: String)
    /// Appends a row to a table; `values` by schema id (empty: an empty row).
    case addRow(multivalueID: Int, values: [String: String])
    case removeRow(tupleID: Int, multivalueID: Int, values: [String: String])

    public var operations: [JSONValue] {
        switch self {
        case .replace(let id, _, let new):
            return [["op": "replace", "id": .number(Double(id)),
                     "value": ["content": ["value": .string(new)], "validation_sources": ["human"]]]]
        case .addRow(let multivalueID, let values):
            let cells: [JSONValue] = values.keys.sorted().map { ["schema_id": .string($0), "content": ["value": .string(values[$0] ?? "")]] }
            return [["op": "add", "id": .number(Double(multivalueID)), "value": .array(cells)]]
        case .removeRow(let tupleID, _, _):
            return [["op": "remove", "id": .number(Double(tupleID))]]
        }
    }

    /// Words for the flash line: `Amount due` changed, a row added.
    public func summary(_ labels: (Int) -> String) -> String {
        switch self {
        case .replace(let id, _, let new): return new.isEmpty ? "\(labels(id)) cleared" : "\(labels(id)) = \(new)"
        case .addRow: return "row added"
        case .removeRow: return "row deleted"
        }
    }

    /// The content as it looks with this edit made, before the server answers. A new row's
    /// datapoints get negative ids from `placeholder` down (no server id exists yet).
    func applied(to content: [ContentNode], placeholder: Int, columns: [String]) -> [ContentNode] {
        content.map { node in apply(node, placeholder: placeholder, columns: columns) }
    }

    private func apply(_ node: ContentNode, placeholder: Int, columns: [String]) -> ContentNode {
        var node = node
        switch self {
        case .replace(let id, _, let new) where node.id == id:
            var content = node.content ?? DatapointValue(value: nil)
            content.value = .string(new)
            node.content = content
            node.validationSources = ["human"]
            return node
        case .addRow(let multivalueID, let values) where node.id == multivalueID:
            let schemaIDs = node.children.first?.children.compactMap(\.schemaID) ?? columns
            let cells = schemaIDs.enumerated().map { index, schemaID in
                ContentNode(id: placeholder - 1 - index, schemaID: schemaID, category: "datapoint", value: values[schemaID] ?? "",
                            validationSources: ["human"])
            }
            let tupleSchema = node.children.first?.schemaID
            node.children.append(ContentNode(id: placeholder, schemaID: tupleSchema, category: "tuple", children: cells))
            return node
        case .removeRow(let tupleID, _, _):
            node.children.removeAll { $0.id == tupleID }
        default: break
        }
        node.children = node.children.map { apply($0, placeholder: placeholder, columns: columns) }
        return node
    }

    /// The edit that undoes this one, read from the content before and after the server applied it.
    func inverse(before: [ContentNode], after: [ContentNode]) -> ContentEdit? {
        switch self {
        case .replace(let id, let old, let new):
            return .replace(datapointID: id, old: new, new: old)
        case .addRow(let multivalueID, let values):
            let known = Set(Self.rows(of: multivalueID, in: before).compactMap(\.id))
            guard let added = Self.rows(of: multivalueID, in: after).last(where: { $0.id.map { !known.contains($0) } ?? false }),
                  let tupleID = added.id else { return nil }
            return .removeRow(tupleID: tupleID, multivalueID: multivalueID, values: values)
        case .removeRow(_, let multivalueID, let values):
            // The API appends rows: an undone delete comes back as the table's last row.
            return .addRow(multivalueID: multivalueID, values: values)
        }
    }

    /// Whether `now` shows this edit made on `before`: true, false, or nil when the content
    /// cannot tell (the value was changed to something else meanwhile). A save whose answer was
    /// lost is settled by this look, never by sending it again (a row would be added twice).
    func isApplied(before: [ContentNode], now: [ContentNode]) -> Bool? {
        switch self {
        case .replace(let id, let old, let new):
            let value = Shape.flatten(now).first { $0.id == id }.map { Shape.text($0.content?.value) }
            if value == new { return true }
            return value == old ? false : nil
        case .addRow(let multivalueID, _):
            let (rowsBefore, rowsNow) = (Self.rows(of: multivalueID, in: before).count, Self.rows(of: multivalueID, in: now).count)
            return rowsNow == rowsBefore + 1 ? true : rowsNow == rowsBefore ? false : nil
        case .removeRow(let tupleID, let multivalueID, _):
            return !Self.rows(of: multivalueID, in: now).contains { $0.id == tupleID }
        }
    }

    static func rows(of multivalueID: Int, in content: [ContentNode]) -> [ContentNode] {
        Shape.flatten(content).first { $0.id == multivalueID }?.children ?? []
    }
}
