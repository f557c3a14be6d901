/// `[██████    ] 60%` for a known fraction.
public struct ProgressBar: Sendable, Hashable {
    public var fraction: Double
    public var label: String?

    public init(fraction: Double, label: String? = nil) {
        self.fraction = fraction.isFinite ? min(1, max(0, fraction)) : 0
        self.label = label
    }

    /// The text of the bar for `width` columns (label, bar, percentage).
    public func text(width: Int) -> String {
        let percent = " \(Int((fraction * 100).rounded(.down)))%"
        let prefix = label.map { $0 + " " } ?? ""
        let barWidth = width - TextWidth.of(prefix) - TextWidth.of(percent) - 2
        guard barWidth >= 3 else { return TextWidth.truncate(prefix + percent.dropFirst(), to: width) }
        let filled = Int((Double(barWidth) * fraction).rounded(.down))
        return prefix + "[" + String(repeating: "█", count: filled) + String(repeating: " ", count: barWidth - filled) + "]" + percent
    }

    public func render(in rect: Rect, into grid: inout Grid, theme: Theme) {
        let row = rect.row(0)
        guard !row.isEmpty else { return }
        grid.fill(row, style: theme.style(.text))
        grid.put(text(width: row.width), x: row.x, y: row.y, style: theme.style(.progress), maxWidth: row.width)
    }
}

/// A spinner whose frame is a function of time elapsed, so it only advances when the loop
/// wakes for it, and only while something is running.
public struct Spinner: Sendable, Hashable {
    public static let frames: [Character] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
    public static let interval: Duration = .milliseconds(100)

    public var started: ContinuousClock.Instant
    public init(started: ContinuousClock.Instant) { self.started = started }

    public func frame(at now: ContinuousClock.Instant) -> Character {
        Self.frames[step(at: now) % Self.frames.count]
    }

    /// When the next frame is due.
    public func nextDeadline(after now: ContinuousClock.Instant) -> ContinuousClock.Instant {
        started + Self.interval * (step(at: now) + 1)
    }

    private func step(at now: ContinuousClock.Instant) -> Int {
        let elapsed = now - started
        guard elapsed > .zero else { return 0 }
        return Int(elapsed / Self.interval)
    }
}
