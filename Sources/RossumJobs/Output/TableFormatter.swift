import Foundation
import RossumKit

/// Human output: columns aligned by the widest cell, a header line, two spaces between columns.
public enum TableFormatter {
    public static func render(header: [String], rows: [[String]]) -> String {
        let columnCount = max(header.count, rows.map(\.count).max() ?? 0)
        var widths = [Int](repeating: 0, count: columnCount)
        for row in [header] + rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], displayWidth(cell)) }
        }
        func line(_ row: [String]) -> String {
            var parts: [String] = []
            for index in 0..<columnCount {
                let cell = index < row.count ? row[index] : ""
                let isLast = index == columnCount - 1
                parts.append(isLast ? cell : cell + String(repeating: " ", count: max(0, widths[index] - displayWidth(cell))))
            }
            return parts.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n") + "\n"
    }

    /// Terminal columns of `text`: East Asian wide and fullwidth characters take two, so names
    /// like "請求書" stay aligned.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            switch scalar.value {
            case 0x0300...0x036F, 0x200B...0x200F: width
            case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
                 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
                 0x1F900...0x1F9FF, 0x20000...0x3FFFD: width + 2
            default: width + 1
            }
        }
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

    /// A JSON value (an API's object, a list row) as one line, keys sorted.
    public static func line(_ value: JSONValue) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: value.foundationObject, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed]) else {
            return "null"
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
