import Foundation
import Synchronization

/// Shows download progress on standard error: a bar redrawn in place on a terminal (records,
/// rate, ETA when a total is known), plain lines in logs and pipes.
public final class DownloadProgressReporter: Sendable {
    private let output: OutputStreams
    private let startedAt: Date
    private let now: @Sendable () -> Date
    private let state = Mutex<(lastLine: Date?, drewBar: Bool)>((nil, false))
    /// Plain lines come at most this often, so a cron log is not flooded.
    private let plainInterval: TimeInterval

    public init(output: OutputStreams, now: @escaping @Sendable () -> Date = { Date() }, plainInterval: TimeInterval = 5) {
        self.output = output
        self.now = now
        self.startedAt = now()
        self.plainInterval = plainInterval
    }

    /// `records` written so far (including resumed ones), `total` expected when known.
    public func report(records: Int, total: Int?, force: Bool = false) {
        let time = now()
        let elapsed = max(time.timeIntervalSince(startedAt), 0.001)
        let rate = Double(records) / elapsed
        if output.errIsTerminal {
            output.writeErr("\r" + Self.bar(records: records, total: total, rate: rate) + "\u{1B}[K")
            state.withLock { $0.drewBar = true }
            return
        }
        // Nothing to say before the first page in a log.
        if records == 0, !force { return }
        let due = state.withLock { current -> Bool in
            if force || current.lastLine.map({ time.timeIntervalSince($0) >= plainInterval }) ?? true {
                current.lastLine = time
                return true
            }
            return false
        }
        if due {
            output.errorLine("downloaded \(records)\(total.map { " of \($0)" } ?? "") records (\(Int(rate.rounded())) records/s)")
        }
    }

    /// Ends the bar's line so the next message starts on a fresh one.
    public func finish() {
        if state.withLock({ $0.drewBar }) { output.writeErr("\n") }
    }

    static func bar(records: Int, total: Int?, rate: Double, width: Int = 30) -> String {
        let rateText = "\(Int(rate.rounded())) rec/s"
        guard let total, total > 0 else { return "\(records) records  \(rateText)" }
        let fraction = min(1, Double(records) / Double(total))
        let filled = Int((fraction * Double(width)).rounded(.down))
        let remaining = rate > 0 ? Double(max(total - records, 0)) / rate : 0
        return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
            + "\(records)/\(total) records  \(rateText)  ETA \(Self.eta(remaining))"
    }

    static func eta(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        if whole < 60 { return "\(whole)s" }
        if whole < 3600 { return "\(whole / 60)m\(String(format: "%02d", whole % 60))s" }
        return "\(whole / 3600)h\(String(format: "%02d", (whole % 3600) / 60))m"
    }
}
