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
        let c = Self.civil(date, offset: timeZone.secondsFromGMT(for: date))
        return Self.pad(c.year, 4) + "-" + Self.pad(c.month, 2) + "-" + Self.pad(c.day, 2) + " " + Self.pad(c.hour, 2) + ":" + Self.pad(c.minute, 2)
    }

    /// The calendar date and time of `date` at a UTC offset, by arithmetic (proleptic
    /// Gregorian, as ISO 8601 uses): every date cell of every frame goes through here, and a
    /// Foundation calendar lookup per cell was a visible part of drawing a list.
    static func civil(_ date: Date, offset: Int) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        let seconds = Int((date.timeIntervalSince1970).rounded(.down)) + offset
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let inDay = seconds - days * 86_400
        // Days since 1970-01-01 to year/month/day (Howard Hinnant's civil_from_days).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day, inDay / 3_600, (inDay % 3_600) / 60, inDay % 60)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    /// `11-30 14:03:09`: runs a few seconds apart told apart, in 14 columns.
    public func dayTime(_ date: Date?) -> String {
        guard let date else { return "-" }
        let c = Self.civil(date, offset: timeZone.secondsFromGMT(for: date))
        return Self.pad(c.month, 2) + "-" + Self.pad(c.day, 2) + " " + Self.pad(c.hour, 2) + ":" + Self.pad(c.minute, 2) + ":" + Self.pad(c.second, 2)
    }

    /// `14:03:09`, for the monitor and flash messages.
    public func time(_ date: Date?) -> String {
        guard let date else { return "-" }
        let c = Self.civil(date, offset: timeZone.secondsFromGMT(for: date))
        return Self.pad(c.hour, 2) + ":" + Self.pad(c.minute, 2) + ":" + Self.pad(c.second, 2)
    }

    /// A duration as `4s`, `1m05s`, `2h03m`, `3d04h`.
    public static func elapsed(_ seconds: TimeInterval) -> String {
        let total = max(0, Int(seconds.rounded(.down)))
        if total < 60 { return "\(total)s" }
        // Plain interpolation, not `String(format:)`: the monitor formats these every second
        // and Foundation's formatter was most of the cost of an idle frame.
        if total < 3600 { return "\(total / 60)m\(twoDigits(total % 60))s" }
        if total < 86400 { return "\(total / 3600)h\(twoDigits((total % 3600) / 60))m" }
        return "\(total / 86400)d\(twoDigits((total % 86400) / 3600))h"
    }

    /// A moment as the API takes it in filters: UTC, milliseconds, `2026-11-30T16:00:00.000Z`.
    public static func apiTimestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// `7` as `07`; for values 0...99.
    static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// How long ago, `5m ago`; `-` when missing.
    public static func age(_ date: Date?, now: Date) -> String {
        guard let date else { return "-" }
        return elapsed(now.timeIntervalSince(date)) + " ago"
    }

    /// `100000` as `100,000`.
    public static func count(_ value: Int) -> String {
        if value > -1000 && value < 1000 { return String(value) }
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
        return (cents < 0 ? "-" : "") + count(whole) + "." + twoDigits(fraction)
    }

    /// Fits text in `width` columns with an ellipsis; the table widgets clip, this keeps meaning.
    public static func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        guard text.count > width else { return text }
        return String(text.prefix(max(0, width - 1))) + "…"
    }
}
