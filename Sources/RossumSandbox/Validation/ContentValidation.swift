import Foundation

/// The built-in checks of `POST annotations/{id}/content/validate`: required fields, the
/// formats of dates and numbers, and the line items' sum against the total without tax. Each
/// message's `id` is the datapoint it is about, so a client shows it at that field.
///
/// The rules read the annotation's own schema (its `constraints.required`, `type`, `label`),
/// not `InvoiceSchema`, so a schema a client changed is validated as changed.
enum ContentValidation {
    /// Two sums closer than this are equal (amounts have two decimals).
    static let sumTolerance = 0.005

    struct SchemaField {
        var label: String
        var type: String
        var required: Bool
    }

    static func messages(content: [JSONValue], schema: JSONValue?) -> [JSONValue] {
        let fields = schemaFields(schema?["content"]?.arrayValue ?? [])
        var messages: [JSONValue] = []
        let nodes = AnnotationContent.flatten(content)
        for node in nodes where node["category"]?.stringValue == "datapoint" {
            guard let id = node["id"]?.intValue, let schemaID = node["schema_id"]?.stringValue,
                  let field = fields[schemaID], node["hidden"]?.boolValue != true else { continue }
            let value = (node["content"]?["value"]?.stringValue ?? "").trimmingCharacters(in: .whitespaces)
            if value.isEmpty {
                if field.required { messages.append(message(id, "error", "This field is required.")) }
                continue
            }
            switch field.type {
            case "date" where date(value) == nil:
                messages.append(message(id, "error", "\"\(value)\" is not a date (YYYY-MM-DD)."))
            case "number" where number(value) == nil:
                messages.append(message(id, "error", "\"\(value)\" is not a number."))
            default: break
            }
        }
        messages += lineItemSums(nodes, fields: fields)
        return messages
    }

    /// Each table's `item_amount_total` column summed (an `aggregation` message, as the API
    /// sends for sum columns), and a warning at the total without tax when they disagree.
    static func lineItemSums(_ nodes: [JSONValue], fields: [String: SchemaField]) -> [JSONValue] {
        var out: [JSONValue] = []
        let base = nodes.first { $0["schema_id"]?.stringValue == "amount_total_base" }
        for table in nodes where table["category"]?.stringValue == "multivalue" {
            let cells = AnnotationContent.flatten(table["children"]?.arrayValue ?? [])
                .filter { $0["schema_id"]?.stringValue == "item_amount_total" }
            guard let tableID = table["id"]?.intValue, !cells.isEmpty else { continue }
            // An empty cell adds nothing (a row just added has none yet).
            let amounts = cells.map { cell -> Double? in
                let text = (cell["content"]?["value"]?.stringValue ?? "").trimmingCharacters(in: .whitespaces)
                return text.isEmpty ? 0 : number(text)
            }
            // A cell that is not a number has its own error; a sum over it would mislead.
            guard amounts.allSatisfy({ $0 != nil }) else { continue }
            let sum = amounts.reduce(0) { $0 + ($1 ?? 0) }
            out.append([
                "id": .int(tableID), "type": "aggregation", "aggregation_type": "sum",
                "schema_id": "item_amount_total", "content": .string(AnnotationContent.format(sum)),
            ])
            guard let base, let baseID = base["id"]?.intValue,
                  let expected = number(base["content"]?["value"]?.stringValue ?? ""),
                  abs(expected - sum) > sumTolerance else { continue }
            let label = fields["amount_total_base"]?.label ?? "Total without tax"
            out.append(message(baseID, "warning",
                "Line items add up to \(AnnotationContent.format(sum)), but \(label) is \(AnnotationContent.format(expected))."))
        }
        return out
    }

    static func message(_ id: Int, _ type: String, _ content: String) -> JSONValue {
        ["id": .int(id), "type": .string(type), "content": .string(content)]
    }

    static func schemaFields(_ nodes: [JSONValue]) -> [String: SchemaField] {
        var out: [String: SchemaField] = [:]
        for node in nodes {
            let children = node["children"]?.arrayValue ?? node["children"].map { [$0] } ?? []
            out.merge(schemaFields(children)) { first, _ in first }
            guard node["category"]?.stringValue == "datapoint", let id = node["id"]?.stringValue else { continue }
            out[id] = SchemaField(label: node["label"]?.stringValue ?? id, type: node["type"]?.stringValue ?? "string",
                                  required: node["constraints"]?["required"]?.boolValue ?? false)
        }
        return out
    }

    /// `2025-03-31`: a real calendar date in the schema's `YYYY-MM-DD` format.
    static func date(_ text: String) -> DateComponents? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        let components = DateComponents(year: year, month: month, day: day)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard components.isValidDate(in: calendar) else { return nil }
        return components
    }

    /// An amount as people type it: `1234.5`, `1 234,50`, `1,234.50`, `-12`. The separator
    /// that comes last is the decimal one; spaces and the other separator group thousands.
    static func number(_ text: String) -> Double? {
        var digits = text.filter { !$0.isWhitespace && $0 != "\u{00A0}" && $0 != "'" }
        guard !digits.isEmpty else { return nil }
        let lastComma = digits.lastIndex(of: ","), lastDot = digits.lastIndex(of: ".")
        switch (lastComma, lastDot) {
        case let (comma?, dot?) where comma > dot:
            digits = digits.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")
        case (_?, _?):
            digits = digits.replacingOccurrences(of: ",", with: "")
        case (_?, nil):
            digits = digits.replacingOccurrences(of: ",", with: ".")
        default: break
        }
        guard digits.range(of: #"^-?\d+(\.\d+)?$"#, options: .regularExpression) != nil else { return nil }
        return Double(digits)
    }
}
