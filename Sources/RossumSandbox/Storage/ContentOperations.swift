import GRDB

/// `POST annotations/{id}/content/operations`: `replace`, `remove` and `add` on the datapoint tree.
/// All operations of a request apply, or none does.
enum ContentOperations {
    static func apply(_ operations: [JSONValue], to content: [JSONValue], annotationID: Int, newID: () throws -> Int) throws -> [JSONValue] {
        var content = content
        for (index, operation) in operations.enumerated() {
            guard let op = operation["op"]?.stringValue else {
                throw SandboxHTTPError.fieldErrors(["operations": "Operation \(index) has no \"op\"."])
            }
            guard let target = operation["id"]?.intValue ?? operation["id"]?.referencedID else {
                throw SandboxHTTPError.fieldErrors(["operations": "Operation \(index) has no datapoint \"id\"."])
            }
            var found = false
            switch op {
            case "replace":
                guard case .object(let value)? = operation["value"] else {
                    throw SandboxHTTPError.fieldErrors(["operations": "Operation \(index): \"value\" must be an object."])
                }
                content = try content.map { try replace(in: $0, target: target, value: value, found: &found) }
            case "remove":
                content = content.compactMap { remove(in: $0, target: target, found: &found) }
            case "add":
                let values = operation["value"]?.arrayValue ?? (operation["value"].map { [$0] } ?? [])
                content = try content.map { try add(in: $0, target: target, values: values, annotationID: annotationID, newID: newID, found: &found) }
            default:
                throw SandboxHTTPError.fieldErrors(["operations": "Operation \(index): unknown op \"\(op)\" (replace, remove, add)."])
            }
            if !found {
                throw SandboxHTTPError.fieldErrors(["operations": "Operation \(index): datapoint \(target) does not exist."])
            }
        }
        return content
    }

    private static func replace(in node: JSONValue, target: Int, value: [String: JSONValue], found: inout Bool) throws -> JSONValue {
        var node = node
        if node["id"]?.intValue == target {
            found = true
            guard node["category"]?.stringValue == "datapoint" else {
                throw SandboxHTTPError.fieldErrors(["operations": "Only datapoints can be replaced."])
            }
            for (key, newValue) in value {
                if key == "content", case .object(let changes) = newValue {
                    var current = node["content"]?.objectValue ?? [:]
                    for (contentKey, contentValue) in changes {
                        if contentKey == "value", contentValue.stringValue == nil, !contentValue.isNull {
                            throw SandboxHTTPError.fieldErrors(["operations": "A datapoint value must be a string."])
                        }
                        current[contentKey] = contentValue
                    }
                    if changes["value"] != nil, changes["normalized_value"] == nil { current["normalized_value"] = current["value"] }
                    node["content"] = .object(current)
                } else if ["hidden", "options", "validation_sources", "time_spent"].contains(key) {
                    node[key] = newValue
                }
            }
            return node
        }
        if let children = node["children"]?.arrayValue {
            node["children"] = .array(try children.map { try replace(in: $0, target: target, value: value, found: &found) })
        }
        return node
    }

    private static func remove(in node: JSONValue, target: Int, found: inout Bool) -> JSONValue? {
        if node["id"]?.intValue == target {
            found = true
            return nil
        }
        var node = node
        if let children = node["children"]?.arrayValue {
            node["children"] = .array(children.compactMap { remove(in: $0, target: target, found: &found) })
        }
        return node
    }

    /// Adding to a multivalue appends a tuple whose datapoints take the given values by `schema_id`.
    private static func add(
        in node: JSONValue, target: Int, values: [JSONValue], annotationID: Int, newID: () throws -> Int, found: inout Bool
    ) throws -> JSONValue {
        var node = node
        if node["id"]?.intValue == target {
            found = true
            guard node["category"]?.stringValue == "multivalue" else {
                throw SandboxHTTPError.fieldErrors(["operations": "Only multivalues accept \"add\"."])
            }
            var given: [String: String] = [:]
            for value in values {
                if let schemaID = value["schema_id"]?.stringValue { given[schemaID] = value["content"]?["value"]?.stringValue ?? "" }
            }
            var random = SplitMix64(seed: UInt64(truncatingIfNeeded: target))
            let tupleID = try newID()
            let children = try InvoiceSchema.lineItemFields.map { field in
                var datapoint = AnnotationContent.datapoint(
                    annotationID: annotationID, id: try newID(), field: field, value: given[field.id] ?? "", at: nil, random: &random)
                datapoint["validation_sources"] = ["human"]
                return datapoint
            }
            let tuple = AnnotationContent.node(
                annotationID: annotationID, id: tupleID, category: "tuple", schemaID: InvoiceSchema.tupleID, children: children)
            node["children"] = .array((node["children"]?.arrayValue ?? []) + [tuple])
            return node
        }
        if let children = node["children"]?.arrayValue {
            node["children"] = .array(try children.map {
                try add(in: $0, target: target, values: values, annotationID: annotationID, newID: newID, found: &found)
            })
        }
        return node
    }
}
