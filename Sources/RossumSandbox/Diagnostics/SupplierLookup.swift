import GRDB

/// The MDH matching extension's query: suppliers in the `suppliers` dataset whose name starts
/// with the first word of the vendor name read from the document (case-insensitive).
enum SupplierLookup {
    enum Failure: Error { case datasetMissing }

    static let limit = 5

    static func matches(forVendorName name: String, db: Database) throws -> [Document] {
        guard let collection = try CollectionStore.find(db, name: DataHubSeeder.suppliersDataset) else {
            throw Failure.datasetMissing
        }
        let firstWord = name.split(separator: " ").first.map(String.init) ?? ""
        let letters = String(firstWord.unicodeScalars.filter { CharacterSetLetters.contains($0) })
        guard !letters.isEmpty else { return [] }
        let condition = Document([("$regex", .string("^" + letters)), ("$options", .string("i"))])
        let filter = try QueryFilter(Document([("name", .object(condition))]))
        return try FindExecutor.documents(db, collectionID: collection.id, query: FindQuery(filter: filter, limit: limit))
    }

    static func address(of supplier: Document) -> String? {
        guard let street = supplier["street"]?.stringValue, let city = supplier["city"]?.stringValue else { return nil }
        return "\(street), \(supplier["postal_code"]?.stringValue ?? "") \(city)"
    }
}

/// Letters only, so a vendor name never injects regex syntax into the query.
enum CharacterSetLetters {
    static func contains(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isAlphabetic }
}
