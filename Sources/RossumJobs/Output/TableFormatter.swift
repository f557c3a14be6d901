import Foundation

/// Human output: columns aligned by the widest cell, a header line, two spaces between columns.
public enum TableFormatter {
    public static func render(header: [String], rows: [[String]]) -> String {
        let columnCount = max(header.count, rows.map(\.count).max() ?? 0)
        var widths = [Int](repeating: 0, count: columnCount)
        for row in [header] + rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ row: [String]) -> String {
            var parts: [String] = []
            for index in 0..<columnCount {
                let cell = index < row.count ? row[index] : ""
                let isLast = index == columnCount - 1
                parts.append(isLast ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0))
            }
            return parts.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n") + "\n"
    }
}

/// `--json` output: one compact object per line with sorted keys, so `jq` and diffs stay stable.
public enum JSONLines {
    public static func line(_ object: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else {
            return "{}"
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Timestamps in job logs: UTC, ISO 8601, to the second.
public enum Timestamp {
    public static func string(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
