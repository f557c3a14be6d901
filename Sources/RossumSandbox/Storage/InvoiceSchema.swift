/// The realistic invoice schema every demo queue uses: sections, datapoints, and multivalue
/// line items made of tuples, in Rossum's schema format.
enum InvoiceSchema {
    struct Field: Sendable {
        let id: String
        let label: String
        let type: String
        var options: [(String, String)] = []
        /// `constraints.required`: `content/validate` reports the field when it is empty.
        var required = false
    }

    struct Section: Sendable {
        let id: String
        let label: String
        let fields: [Field]
    }

    static let currencies = ["czk", "eur", "usd", "jpy", "gbp", "chf"]

    static let headerSections: [Section] = [
        Section(id: "basic_info_section", label: "Basic information", fields: [
            Field(id: "document_id", label: "Invoice number", type: "string", required: true),
            Field(id: "order_id", label: "Order number", type: "string"),
            Field(id: "date_issue", label: "Issue date", type: "date", required: true),
            Field(id: "date_due", label: "Due date", type: "date"),
            Field(id: "document_type", label: "Document type", type: "enum", options: [
                ("tax_invoice", "Tax invoice"), ("credit_note", "Credit note"), ("proforma", "Pro forma invoice"),
            ]),
        ]),
        Section(id: "vendor_section", label: "Vendor", fields: [
            Field(id: "sender_name", label: "Vendor name", type: "string", required: true),
            Field(id: "sender_vat_id", label: "Vendor VAT number", type: "string"),
            Field(id: "sender_address", label: "Vendor address", type: "string"),
            Field(id: "recipient_name", label: "Customer name", type: "string"),
        ]),
        Section(id: "amounts_section", label: "Amounts", fields: [
            Field(id: "amount_total_base", label: "Total without tax", type: "number"),
            Field(id: "amount_total_tax", label: "Tax", type: "number"),
            Field(id: "amount_total", label: "Amount due", type: "number", required: true),
            Field(id: "currency", label: "Currency", type: "enum", options: currencies.map { ($0, $0.uppercased()) }),
        ]),
    ]

    static let lineItemSectionID = "line_items_section"
    static let multivalueID = "line_items"
    static let tupleID = "line_item"
    static let lineItemFields: [Field] = [
        Field(id: "item_description", label: "Description", type: "string"),
        Field(id: "item_quantity", label: "Quantity", type: "number"),
        Field(id: "item_amount_base", label: "Unit price", type: "number"),
        Field(id: "item_amount_total", label: "Line total", type: "number"),
    ]

    static func datapointSchema(_ field: Field) -> JSONValue {
        var node: JSONValue = [
            "category": "datapoint", "id": .string(field.id), "label": .string(field.label), "type": .string(field.type),
            "rir_field_names": [.string(field.id)], "constraints": ["required": .bool(field.required)], "default_value": nil,
            "hidden": false, "can_export": true, "disable_prediction": false, "score_threshold": 0.8,
            "description": "", "can_collapse": false, "width": nil, "stretch": false, "ui_configuration": nil,
        ]
        if field.type == "date" { node["format"] = "YYYY-MM-DD" }
        if field.type == "number" { node["format"] = "# ##0.#" }
        if !field.options.isEmpty {
            node["options"] = .array(field.options.map { ["value": .string($0.0), "label": .string($0.1)] })
        }
        return node
    }

    /// The schema's `content` tree.
    static var content: JSONValue {
        var sections: [JSONValue] = headerSections.map { section in
            [
                "category": "section", "id": .string(section.id), "label": .string(section.label), "icon": nil,
                "children": .array(section.fields.map(datapointSchema)),
            ]
        }
        sections.append([
            "category": "section", "id": .string(lineItemSectionID), "label": "Line items", "icon": nil,
            "children": [[
                "category": "multivalue", "id": .string(multivalueID), "label": "Line items",
                "rir_field_names": ["line_items"], "min_occurrences": nil, "max_occurrences": nil,
                "show_grid_by_default": true, "hidden": false,
                "grid": ["layout": "table", "row_types": ["data"], "default_row_type": "data"],
                "children": [
                    "category": "tuple", "id": .string(tupleID), "label": "Line item", "hidden": false,
                    "children": .array(lineItemFields.map(datapointSchema)),
                ],
            ]],
        ])
        return .array(sections)
    }

    /// Schema ids of every datapoint, header first, in export order.
    static var exportColumns: [String] {
        headerSections.flatMap { $0.fields.map(\.id) } + lineItemFields.map(\.id)
    }

    static func field(_ schemaID: String) -> Field? {
        (headerSections.flatMap(\.fields) + lineItemFields).first { $0.id == schemaID }
    }
}
