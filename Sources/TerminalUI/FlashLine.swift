public enum FlashLevel: Sendable, Hashable, Comparable {
    case info, warn, error

    var slot: ThemeSlot {
        switch self {
        case .info: return .flashInfo
        case .warn: return .flashWarn
        case .error: return .flashError
        }
    }
}

public struct FlashMessage: Sendable, Hashable {
    public var text: String
    public var level: FlashLevel
    public var expires: ContinuousClock.Instant
}

/// The one-line status message that clears itself. Time is passed in, never read from a
/// clock here, so tests control it and the loop knows when to wake up next.
public struct FlashLine: Sendable, Hashable {
    public private(set) var message: FlashMessage?

    public init() {}

    public static func lifetime(of level: FlashLevel) -> Duration {
        switch level {
        case .info: return .seconds(3)
        case .warn: return .seconds(5)
        case .error: return .seconds(8)
        }
    }

    public mutating func post(_ text: String, level: FlashLevel = .info, now: ContinuousClock.Instant, lifetime: Duration? = nil) {
        message = FlashMessage(text: text, level: level, expires: now + (lifetime ?? Self.lifetime(of: level)))
    }

    public mutating func clear() { message = nil }

    /// The message still showing at `now`.
    public func current(at now: ContinuousClock.Instant) -> FlashMessage? {
        guard let message, now < message.expires else { return nil }
        return message
    }

    /// Drops an expired message; returns whether anything changed (so the screen redraws).
    @discardableResult
    public mutating func expire(at now: ContinuousClock.Instant) -> Bool {
        guard let message, now >= message.expires else { return false }
        self.message = nil
        return true
    }

    /// When the loop must wake to clear the message, if one shows.
    public var nextDeadline: ContinuousClock.Instant? { message?.expires }

    public func render(in rect: Rect, into grid: inout Grid, theme: Theme, now: ContinuousClock.Instant) {
        let row = rect.row(0)
        guard !row.isEmpty else { return }
        guard let message = current(at: now) else {
            grid.fill(row, style: theme.style(.text))
            return
        }
        let style = theme.style(message.level.slot)
        grid.fill(row, style: style)
        grid.put(TextWidth.truncate(message.text, to: row.width), x: row.x, y: row.y, style: style, maxWidth: row.width)
    }
}
