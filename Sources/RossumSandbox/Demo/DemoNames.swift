/// Names the demo generator draws from: suppliers from Czechia, Germany, Japan and beyond,
/// so a console shows accents and wide characters from the first screen.
enum DemoNames {
    struct Supplier: Sendable {
        let name: String
        let currency: String
        let invoicePrefix: String
    }

    static let suppliers: [Supplier] = [
        Supplier(name: "Dřevařské závody Šumava s.r.o.", currency: "czk", invoicePrefix: "FV"),
        Supplier(name: "Pražská energetika, a.s.", currency: "czk", invoicePrefix: "PRE"),
        Supplier(name: "Žlutý kůň Logistika s.r.o.", currency: "czk", invoicePrefix: "ZK"),
        Supplier(name: "Českomoravská stavební spořitelna", currency: "czk", invoicePrefix: "CMSS"),
        Supplier(name: "Brněnské pivovary Starobrno", currency: "czk", invoicePrefix: "SB"),
        Supplier(name: "Müller & Söhne GmbH", currency: "eur", invoicePrefix: "RE"),
        Supplier(name: "Bäckerei Größenwahn KG", currency: "eur", invoicePrefix: "BG"),
        Supplier(name: "Straßenbau Köln AG", currency: "eur", invoicePrefix: "SK"),
        Supplier(name: "Überseehandel Hamburg GmbH", currency: "eur", invoicePrefix: "UEH"),
        Supplier(name: "Fröhlich Büromöbel e.K.", currency: "eur", invoicePrefix: "FB"),
        Supplier(name: "株式会社山田製作所", currency: "jpy", invoicePrefix: "YM"),
        Supplier(name: "東京物流株式会社", currency: "jpy", invoicePrefix: "TB"),
        Supplier(name: "有限会社さくら印刷", currency: "jpy", invoicePrefix: "SP"),
        Supplier(name: "大阪精密工業株式会社", currency: "jpy", invoicePrefix: "OS"),
        Supplier(name: "Acme Office Supplies Ltd", currency: "gbp", invoicePrefix: "INV"),
        Supplier(name: "Northwind Traders Inc.", currency: "usd", invoicePrefix: "NW"),
        Supplier(name: "Globex Corporation", currency: "usd", invoicePrefix: "GX"),
        Supplier(name: "Zürcher Präzisionstechnik AG", currency: "chf", invoicePrefix: "ZP"),
        Supplier(name: "Société Générale d'Électricité", currency: "eur", invoicePrefix: "SGE"),
        Supplier(name: "Østergaard Møbler ApS", currency: "eur", invoicePrefix: "OM"),
    ]

    static let items = [
        "Office chairs", "Printer paper A4", "Freight Praha–Brno", "Consulting hours", "Server maintenance",
        "Kancelářské potřeby", "Übersetzungsdienst", "梱包材", "Software licence", "Cleaning service",
        "Electricity", "Steel beams", "Catering", "Fuel surcharge", "Palety EUR", "Schrauben M8",
        "ネジ M8", "Laptop stands", "Training", "Travel expenses",
    ]

    static let streets = [
        "Náměstí Míru 12, 120 00 Praha 2", "Hauptstraße 5, 50667 Köln", "東京都千代田区丸の内1-1",
        "Kärntner Straße 21, 1010 Wien", "221B Baker Street, London", "Masarykova 8, 602 00 Brno",
        "大阪府大阪市北区梅田3-1", "Bahnhofstrasse 1, 8001 Zürich",
    ]

    static func address(_ index: Int) -> String { streets[index % streets.count] }
    static func itemDescription(_ index: Int) -> String { items[index % items.count] }

    static let users: [(username: String, first: String, last: String)] = [
        ("jana.novakova", "Jana", "Nováková"), ("lukas.mueller", "Lukas", "Müller"),
        ("yuki.tanaka", "Yuki", "田中"), ("tomas.dvorak", "Tomáš", "Dvořák"),
        ("emma.dubois", "Emma", "Dubois"), ("aiko.suzuki", "Aiko", "鈴木"),
    ]
}
