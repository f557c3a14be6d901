/// Deterministic generator of demo records: the same seed gives the same datasets.
struct DemoRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed ^ 0x9E37_79B9_7F4A_7C15 }

    /// SplitMix64: tiny, fast and good enough for demo data.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
}

/// Names and places for suppliers, in the languages Rossum customers' master data comes in.
enum DemoSupplierVocabulary {
    struct Country {
        let code: String
        let currency: String
        let vatPrefix: String
        let cities: [(city: String, postalCode: String)]
        let streets: [String]
        let names: [String]
        let legalForms: [String]
    }

    static let countries: [Country] = [
        Country(
            code: "CZ", currency: "CZK", vatPrefix: "CZ",
            cities: [("Praha", "110 00"), ("Brno", "602 00"), ("Ostrava", "702 00"), ("Plzeň", "301 00"), ("České Budějovice", "370 01")],
            streets: ["Náměstí Míru", "Křižíkova", "Vinohradská", "Údolní", "Žižkova"],
            names: ["Dvořák", "Novák", "Svoboda", "Černý", "Procházka", "Kučera", "Růžička", "Šťastný"],
            legalForms: ["s.r.o.", "a.s.", "Strojírny s.r.o.", "Stavby a.s."]),
        Country(
            code: "DE", currency: "EUR", vatPrefix: "DE",
            cities: [("München", "80331"), ("Köln", "50667"), ("Düsseldorf", "40213"), ("Nürnberg", "90402"), ("Berlin", "10115")],
            streets: ["Hauptstraße", "Königsallee", "Schloßstraße", "Bahnhofstraße", "Gärtnerplatz"],
            names: ["Müller", "Schröder", "Weiß", "Größer", "Bäcker", "Schäfer", "Jäger", "Löwe"],
            legalForms: ["GmbH", "AG", "GmbH & Co. KG", "Maschinenbau GmbH"]),
        Country(
            code: "JP", currency: "JPY", vatPrefix: "T",
            cities: [("東京", "100-0001"), ("大阪", "530-0001"), ("名古屋", "450-0002"), ("横浜", "220-0011"), ("札幌", "060-0001")],
            streets: ["丸の内", "梅田", "栄", "みなとみらい", "大通西"],
            names: ["山田", "田中", "佐藤", "鈴木", "高橋", "渡辺", "伊藤", "中村"],
            legalForms: ["商事株式会社", "工業株式会社", "電機株式会社", "物産合同会社"]),
        Country(
            code: "GB", currency: "GBP", vatPrefix: "GB",
            cities: [("London", "EC1A 1BB"), ("Manchester", "M1 1AE"), ("Leeds", "LS1 1UR"), ("Bristol", "BS1 4DJ")],
            streets: ["High Street", "Station Road", "Church Lane", "Victoria Road"],
            names: ["Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans"],
            legalForms: ["Ltd", "plc", "Supplies Ltd", "Logistics Ltd"]),
    ]
}

/// Builds the stored bodies of demo records.
enum DemoRecordFactory {
    static func supplierID(_ index: Int) -> String { "SUP-" + pad(index + 1, 6) }

    static func supplier(_ index: Int, random: inout DemoRandom) -> Document {
        let country = random.pick(DemoSupplierVocabulary.countries)
        let place = random.pick(country.cities)
        let family = random.pick(country.names)
        let form = random.pick(country.legalForms)
        let name = country.code == "JP" ? family + form : "\(family) \(form)"
        let slug = "supplier\(index + 1)"
        return Document([
            ("supplier_id", .string(supplierID(index))),
            ("name", .string(name)),
            ("vat_id", .string(country.vatPrefix + pad(random.int(10_000_000...99_999_999), 8))),
            ("country", .string(country.code)),
            ("city", .string(place.city)),
            ("postal_code", .string(place.postalCode)),
            ("street", .string("\(random.pick(country.streets)) \(random.int(1...250))")),
            ("iban", .string(country.code + pad(random.int(10...99), 2) + pad(random.int(0...999_999_999), 9) + pad(random.int(0...9_999_999), 7))),
            ("email", .string("billing@\(slug).example")),
            ("currency", .string(country.currency)),
            ("payment_terms_days", .int(Int64(random.pick([14, 30, 45, 60])))),
            ("active", .bool(random.int(0...9) > 0)),
        ])
    }

    /// The stored text of a purchase order, written directly: the large demo has 200,000 of them. The values need no JSON escaping; a test checks that this is
    /// exactly the text `DocumentJSONWriter` would produce.
    static func purchaseOrderBody(_ index: Int, supplierCount: Int, random: inout DemoRandom) -> String {
        let year = 2023 + index % 3
        let month = random.int(1...12), day = random.int(1...28)
        let lineCount = random.int(1...8)
        let cents = random.int(1_000...5_000_000)
        let supplier = supplierID(random.int(0...max(0, supplierCount - 1)))
        let currency = random.pick(["EUR", "CZK", "USD", "JPY", "GBP"])
        let status = random.pick(["open", "open", "open", "partially_received", "closed", "cancelled"])
        let buyer = random.pick(["Jana Nováková", "Jürgen Groß", "佐藤 花子", "Alex Morgan"])
        return #"{"po_number":"PO-\#(year)-\#(pad(index + 1, 6))","supplier_id":"\#(supplier)","order_date":"\#(year)-\#(pad(month, 2))-\#(pad(day, 2))","currency":"\#(currency)","total_amount":\#(Double(cents) / 100),"line_count":\#(lineCount),"status":"\#(status)","buyer":"\#(buyer)"}"#
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
