import GRDB

/// The MDH matching extension's query: suppliers in the `suppliers` dataset whose name starts
/// with the first word of the vendor name read from the document (case-insensitive), the first
/// `limit` in the dataset's order.
///
/// It runs on every hook dispatch, so it reads an index rather than the dataset: the suppliers
/// grouped by the first character of their name, made once per version of the Data Hub (see
/// `DerivedVersions`). The index only narrows the candidates; each is still matched with the
/// same `$regex` filter a client would send, so the answer is the dataset query's.
enum SupplierLookup {
    enum Failure: Error { case datasetMissing }

    static let limit = 5

    struct Index: Sendable {
        typealias Entry = (position: Int, supplier: Document)
        /// Suppliers whose name starts with a character of one case pair, by `initialKey`.
        var byInitial: [String: [Entry]] = [:]
        /// Suppliers the buckets cannot place (no string name, or a first character whose case
        /// folding lowercasing does not capture, such as "ß" or "ς"): candidates for every query.
        var unplaced: [Entry] = []
        var all: [Entry] = []

        init(_ suppliers: [Document]) {
            for (position, supplier) in suppliers.enumerated() {
                let entry = (position, supplier)
                all.append(entry)
                if case .string(let name)? = supplier["name"], let key = SupplierLookup.initialKey(name) {
                    byInitial[key, default: []].append(entry)
                } else {
                    unplaced.append(entry)
                }
            }
        }

        /// Everything a name starting with `prefix` may be among, in the dataset's order.
        func candidates(startingWith prefix: String) -> [Entry] {
            guard let key = SupplierLookup.initialKey(prefix) else { return all }
            let bucket = byInitial[key] ?? []
            guard !unplaced.isEmpty else { return bucket }
            return (bucket + unplaced).sorted { $0.position < $1.position }
        }
    }

    /// nil while the dataset does not exist.
    static let indexes = VersionedCache<Index?>(capacity: 8)

    static func index(_ db: Database) throws -> Index? {
        try indexes.value(for: try DerivedVersions.current(db, .dataHub)) {
            guard let collection = try CollectionStore.find(db, name: DataHubSeeder.suppliersDataset) else { return nil }
            return Index(try FindExecutor.documents(db, collectionID: collection.id, query: FindQuery()))
        }
    }

    /// The lowercased first character, when every character that ICU's case-insensitive
    /// matching equates with it lowercases to the same (one scalar, closed under case mapping).
    static func initialKey(_ text: String) -> String? {
        guard let first = text.first, first.unicodeScalars.count == 1 else { return nil }
        let lower = first.lowercased()
        guard lower.unicodeScalars.count == 1, lower == first.uppercased().lowercased() else { return nil }
        return lower
    }

    static func matches(forVendorName name: String, db: Database) throws -> [Document] {
        guard let index = try index(db) else { throw Failure.datasetMissing }
        let letters = prefix(ofVendorName: name)
        guard !letters.isEmpty else { return [] }
        let filter = try QueryFilter(query(startingWith: letters))
        var found: [Document] = []
        for (_, supplier) in index.candidates(startingWith: letters) where try filter.matches(supplier) {
            found.append(supplier)
            if found.count == limit { break }
        }
        return found
    }

    /// The letters of the name's first word: what a supplier's name must start with.
    static func prefix(ofVendorName name: String) -> String {
        let firstWord = name.split(separator: " ").first.map(String.init) ?? ""
        return String(firstWord.unicodeScalars.filter { CharacterSetLetters.contains($0) })
    }

    /// The `find` filter a client would send for the same lookup.
    static func query(startingWith letters: String) -> Document {
        Document([("name", .object(Document([("$regex", .string("^" + letters)), ("$options", .string("i"))])))])
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
