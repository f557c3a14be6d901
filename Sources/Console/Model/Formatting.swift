import Foundation

/// Text shapes of values in tables: dates, ages, durations, counts, amounts.
/// All take `now` and a time zone explicitly so snapshots are deterministic.
public struct Formatting: Sendable {
    public var timeZone: TimeZone

    public init(timeZone: TimeZone = .current) {
        self.timeZone = timeZone
    }

    /// `2026-11-22 14:03`; `-` when missing.
    public func dateTime(_ date: Date?) -> String {
        guard let date else { return "-" }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }

    /// `14:03:09`, for the monitor and flash messages.
    public func time(_ date: Date?) -> String {
        guard let date else { return "-" }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.hour, .minute, .second], from: date)
        return String(format: "%02d:%02d:%02d", c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    /// A duration as `4s`, `1m05s`, `2h03m`, `3d04h`.
    public static func elapsed(_ seconds: TimeInterval) -> String {
        let total = max(0, Int(seconds.rounded(.down)))
        if total < 60 { return "\(total)s" }
        if total < 3600 { return String(format: "%dm%02ds", total / 60, total % 60) }
        if total < 86400 { return String(format: "%dh%02dm", total / 3600, (total % 3600) / 60) }
        return String(format: "%dd%02dh", total / 86400, (total % 86400) / 3600)
    }

    /// How long ago, `5m ago`; `-` when missing.
    public static func age(_ date: Date?, now: Date) -> String {
        guard let date else { return "-" }
        return elapsed(now.timeIntervalSince(date)) + " ago"
    }

    /// `100000` as `100,000`.
    public static func count(_ value: Int) -> String {
        let digits = String(abs(value))
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return (value < 0 ? "-" : "") + groups.joined(separator: ",")
    }

    /// A decimal amount as the server gave it (`1234.5`), shown as `1,234.50`. Text that is
    /// not a number is returned unchanged: extracted values are what the document said.
    public static func amount(_ raw: String) -> String {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        guard let value = Decimal(string: trimmed), !trimmed.isEmpty,
              trimmed.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }) else { return raw }
        var rounded = Decimal()
        var input = value
        NSDecimalRound(&rounded, &input, 2, .bankers)
        let cents = NSDecimalNumber(decimal: rounded * 100).int64Value
        let whole = Int(abs(cents) / 100)
        let fraction = Int(abs(cents) % 100)
        return (cents < 0 ? "-" : "") + count(whole) + String(format: ".%02d", fraction)
    }

    /// Fits text in `width` columns with an ellipsis; the table widgets clip, this keeps meaning.
    public static func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        guard text.count > width else { return text }
        return String(text.prefix(max(0, width - 1))) + "…"
    }
}
