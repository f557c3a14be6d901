import Foundation
import GRDB

/// An annotation's extracted content (the datapoint tree): derived from its fields and seed
/// until a client changes it, stored from then on.
enum AnnotationContent {
    /// Added datapoints get ids from this range, far above the derived ones (annotation id × 1000 + n).
    static let addedIDStart = 5_000_000_000

    static func load(_ db: Database, _ annotation: AnnotationRecord) throws -> [JSONValue] {
        if let stored = try String.fetchOne(
            db.cachedStatement(sql: "SELECT body FROM annotation_content WHERE annotation_id = ?"), arguments: [annotation.id])
        {
            return JSONValue.stored(stored).arrayValue ?? []
        }
        return generate(annotationID: annotation.id, fields: annotation.fields)
    }

    static func save(_ db: Database, annotationID: Int, _ content: [JSONValue]) throws {
        try db.cachedStatement(
            sql: "INSERT INTO annotation_content (annotation_id, body) VALUES (?, ?) ON CONFLICT(annotation_id) DO UPDATE SET body = excluded.body"
        ).execute(arguments: [annotationID, JSONValue.array(content).storageText])
    }

    // MARK: Generating

    static func generate(annotationID: Int, fields: ExtractedFields) -> [JSONValue] {
        var random = SplitMix64(seed: UInt64(truncatingIfNeeded: fields.contentSeed))
        var nextID = annotationID * 1000
        func newID() -> Int { nextID += 1; return nextID }
        let total = Double(fields.amountTotal) ?? 0
        let rate = taxRate(fields.currency)
        let base = (total / (1 + rate) * 100).rounded() / 100
        let tax = ((total - base) * 100).rounded() / 100
        let vendorIndex = Int(random.next() % 97)
        let header: [String: String] = [
            "document_id": fields.invoiceNumber, "order_id": "PO-\(10_000 + Int(random.next() % 89_999))",
            "date_issue": fields.issueDate, "date_due": fields.dueDate, "document_type": "tax_invoice",
            "sender_name": fields.supplierName,
            "sender_vat_id": vatID(fields.currency, Int(random.next() % 100_000_000)),
            "sender_address": DemoNames.address(vendorIndex), "recipient_name": "Sandbox Demo s.r.o.",
            "amount_total_base": format(base), "amount_total_tax": format(tax), "amount_total": fields.amountTotal,
            "currency": fields.currency,
        ]
        // Where values stand on the page: header fields one per line in schema order, then the
        // table a row per line, its cells left to right, so the page text reads like the document.
        var lineY = 60.0
        func nextLine() -> Double { defer { lineY += 18 }; return lineY }
        var sections: [JSONValue] = InvoiceSchema.headerSections.map { section in
            let sectionID = newID()
            return node(
                annotationID: annotationID, id: sectionID, category: "section", schemaID: section.id,
                children: section.fields.map { field in
                    datapoint(annotationID: annotationID, id: newID(), field: field, value: header[field.id] ?? "",
                              at: (x: 300, y: nextLine(), width: 240), random: &random)
                })
        }
        let lineCount = 1 + Int(random.next() % 4)
        var remaining = base
        let sectionID = newID(), multivalueID = newID()
        var tuples: [JSONValue] = []
        for index in 0..<lineCount {
            let lineTotal = index == lineCount - 1 ? remaining : ((remaining / Double(lineCount - index)) * 100).rounded() / 100
            remaining = ((remaining - lineTotal) * 100).rounded() / 100
            let quantity = 1 + Int(random.next() % 12)
            let unit = (lineTotal / Double(quantity) * 100).rounded() / 100
            let values: [String: String] = [
                "item_description": DemoNames.itemDescription(Int(random.next() % 1000)),
                "item_quantity": String(quantity), "item_amount_base": format(unit), "item_amount_total": format(lineTotal),
            ]
            let tupleID = newID()
            let rowY = nextLine()
            tuples.append(node(
                annotationID: annotationID, id: tupleID, category: "tuple", schemaID: InvoiceSchema.tupleID,
                children: InvoiceSchema.lineItemFields.enumerated().map { column, field in
                    datapoint(annotationID: annotationID, id: newID(), field: field, value: values[field.id] ?? "",
                              at: (x: 40 + 130 * Double(column), y: rowY, width: 120), random: &random)
                }))
        }
        var multivalue = node(
            annotationID: annotationID, id: multivalueID, category: "multivalue", schemaID: InvoiceSchema.multivalueID,
            children: tuples)
        multivalue["grid"] = nil
        sections.append(node(
            annotationID: annotationID, id: sectionID, category: "section", schemaID: InvoiceSchema.lineItemSectionID,
            children: [multivalue]))
        return sections
    }

    static func node(annotationID: Int, id: Int, category: String, schemaID: String, children: [JSONValue]) -> JSONValue {
        [
            "id": .int(id), "url": .reference("annotations/\(annotationID)/content/\(id)"),
            "category": .string(category), "schema_id": .string(schemaID), "children": .array(children),
        ]
    }

    /// A datapoint as extraction found it at `place` on page 1; without a place, one a person
    /// added (not on the page: no position, no extraction confidence).
    static func datapoint(annotationID: Int, id: Int, field: InvoiceSchema.Field, value: String,
                          at place: (x: Double, y: Double, width: Double)?, random: inout SplitMix64) -> JSONValue {
        // Two draws once placed positions at random; they are still taken, so every other seeded
        // value of the demo (confidences, amounts) stays what it was.
        _ = random.next()
        _ = random.next()
        let position: JSONValue = place.map { [.double($0.x), .double($0.y), .double($0.x + $0.width), .double($0.y + 14)] } ?? .null
        let drawn = Double(600 + random.next() % 400) / 1000
        let confidence: JSONValue = place == nil ? .null : .double(drawn)
        return [
            "id": .int(id), "url": .reference("annotations/\(annotationID)/content/\(id)"), "category": "datapoint",
            "schema_id": .string(field.id), "type": .string(field.type),
            "content": [
                "value": .string(value), "normalized_value": .string(value), "page": 1, "position": position,
                "rir_text": .string(value), "rir_raw_text": nil, "rir_page": 1, "rir_position": position,
                "rir_confidence": confidence, "connector_position": nil, "connector_text": nil,
                "ocr_position": nil, "ocr_text": nil,
            ],
            "validation_sources": place != nil && drawn > 0.9 ? ["score"] : [], "time_spent": 0.0, "time_spent_overall": 0.0,
            "hidden": false, "options": [], "no_recalculation": false,
        ]
    }

    static func taxRate(_ currency: String) -> Double {
        switch currency {
        case "czk": 0.21
        case "eur": 0.19
        case "jpy": 0.10
        case "chf": 0.081
        default: 0.20
        }
    }

    static func vatID(_ currency: String, _ number: Int) -> String {
        switch currency {
        case "czk": "CZ\(String(format: "%08d", number))"
        case "eur": "DE\(String(format: "%09d", number))"
        case "jpy": "T\(String(format: "%013d", number))"
        case "chf": "CHE-\(String(format: "%09d", number))"
        default: "GB\(String(format: "%09d", number))"
        }
    }

    static func format(_ amount: Double) -> String { String(format: "%.2f", amount) }

    // MARK: Reading

    /// Every node of the tree, depth first (sections, multivalues, tuples, datapoints).
    static func flatten(_ nodes: [JSONValue]) -> [JSONValue] {
        nodes.flatMap { node -> [JSONValue] in [node] + flatten(node["children"]?.arrayValue ?? []) }
    }

    /// The header fields as they now stand in the content (after a client's edits).
    static func extractedFields(from content: [JSONValue], previous: ExtractedFields) -> ExtractedFields {
        var fields = previous
        for node in flatten(content) where node["category"]?.stringValue == "datapoint" {
            let value = node["content"]?["value"]?.stringValue ?? ""
            switch node["schema_id"]?.stringValue {
            case "sender_name": fields.supplierName = value
            case "document_id": fields.invoiceNumber = value
            case "date_issue": fields.issueDate = value
            case "date_due": fields.dueDate = value
            case "amount_total": fields.amountTotal = value
            case "currency": fields.currency = value
            default: break
            }
        }
        return fields
    }
}
