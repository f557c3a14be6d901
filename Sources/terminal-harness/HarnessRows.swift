import TerminalUI

/// Demo rows with names in several scripts, computed on demand (no array of a million rows).
struct HarnessRows: TableRowProvider {
    static let names = [
        "Jiří Dvořák", "Jürgen Größmann", "山田 太郎", "Émilie Noël", "김민준", "Łukasz Żółw",
        "佐藤 花子 🌸", "Ωmega Ψ", "José Núñez", "👩‍💻 Dev Team", "Ådne Ørsted", "Zoë Brontë",
    ]
    static let statuses = ["to_review", "reviewing", "confirmed", "exported", "postponed", "failed_export"]

    let total: Int
    /// When filtering, the matching row numbers; nil shows every row.
    let matches: [Int]?

    var rowCount: Int { matches?.count ?? total }

    func number(at index: Int) -> Int { matches?[index] ?? index }

    func row(at index: Int) -> TableRow {
        let n = number(at: index)
        let status = Self.statuses[n % Self.statuses.count]
        return [
            TableCell(String(n + 1)),
            TableCell(Self.names[n % Self.names.count]),
            TableCell(String((n * 7919) % 100_000) + " kB"),
            TableCell(status, slot: .status(status)),
        ]
    }

    static func filtered(total: Int, text: String) -> HarnessRows {
        guard !text.isEmpty else { return HarnessRows(total: total, matches: nil) }
        let needle = text.lowercased()
        let matching = names.indices.filter { names[$0].lowercased().contains(needle) }
        guard !matching.isEmpty else { return HarnessRows(total: total, matches: []) }
        return HarnessRows(total: total, matches: (0..<total).filter { matching.contains($0 % names.count) })
    }
}
