import GRDB

/// The `edit` relation (`relations` resource) that links a parent annotation to the children
/// `edit_pages` cut out of it: one per parent, its `annotations` growing with every edit.
enum EditRelation {
    static func find(_ db: Database, parentID: Int) throws -> JSONValue? {
        try ObjectStore.fetchAll(db, "relations").first {
            $0["type"]?.stringValue == "edit" && $0["parent"]?.referencedID == parentID
        }
    }

    static func link(_ db: Database, parentID: Int, existing: JSONValue?, children: [Int]) throws {
        guard !children.isEmpty else { return }
        let urls = children.map { JSONValue.reference("annotations", $0) }
        guard var relation = existing, let id = relation["id"]?.intValue else {
            try ObjectStore.insert(db, "relations", [
                "type": "edit", "key": nil, "parent": .reference("annotations", parentID), "annotations": .array(urls),
            ])
            return
        }
        relation["annotations"] = .array((relation["annotations"]?.arrayValue ?? []) + urls)
        try ObjectStore.replace(db, "relations", id: id, relation)
    }
}
