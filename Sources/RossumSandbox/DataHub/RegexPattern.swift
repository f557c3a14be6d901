import Foundation
import Synchronization

/// A compiled `$regex`. NSRegularExpression is thread-safe for matching, hence the unchecked Sendable.
///
/// ICU backtracks, so a pattern with nested quantifiers such as `(a+)+$` takes exponential
/// time on a subject it almost matches: 50 characters ran for 17 s. Worse, queries run inside
/// the database's serial queue, which every route needs (the token check reads it), so one
/// such query stalled the whole API. Matching therefore draws on a per-request `RegexBudget`
/// and is cut off, with a 400, when the budget runs out.
struct RegexPattern: @unchecked Sendable {
    let expression: NSRegularExpression
    let budget: RegexBudget
    /// Patterns longer than this are refused before ICU compiles them.
    static let maximumPatternLength = 4_096

    init(_ pattern: String, options: String, budget: RegexBudget) throws(QueryError) {
        guard pattern.count <= Self.maximumPatternLength else {
            throw QueryError("$regex pattern is too long: at most \(Self.maximumPatternLength) characters")
        }
        var flags: NSRegularExpression.Options = []
        for option in options {
            switch option {
            case "i": flags.insert(.caseInsensitive)
            case "m": flags.insert(.anchorsMatchLines)
            case "s": flags.insert(.dotMatchesLineSeparators)
            case "x": flags.insert(.allowCommentsAndWhitespace)
            default: throw QueryError("unsupported $options flag: \(option)")
            }
        }
        do {
            expression = try NSRegularExpression(pattern: pattern, options: flags)
        } catch {
            throw QueryError("invalid $regex: \(pattern)")
        }
        self.budget = budget
    }

    /// Whether the pattern occurs in `text`; throws once this request's matching time is spent.
    func matches(_ text: String) throws(QueryError) -> Bool {
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start + (try budget.remaining())
        var found = false
        var cutOff = false
        // `.reportProgress` makes ICU call back every few thousand backtracking steps, which is
        // where a runaway match is stopped.
        expression.enumerateMatches(in: text, options: [.reportProgress], range: NSRange(text.startIndex..., in: text)) { result, _, stop in
            if result != nil {
                found = true
                stop.pointee = true
            } else if clock.now >= deadline {
                cutOff = true
                stop.pointee = true
            }
        }
        budget.spend(clock.now - start)
        if cutOff { throw budget.exhausted }
        return found
    }
}

/// How long `$regex` matching may run in one request, all patterns and records together.
/// Created per request and shared by every filter compiled for it.
final class RegexBudget: Sendable {
    /// Enough for ordinary patterns over a large collection (a simple match costs well under a
    /// microsecond), short enough that other requests waiting for the database barely notice.
    static let standardAllowance: Duration = .milliseconds(500)

    private let left: Mutex<Duration>
    let allowance: Duration

    init(allowance: Duration = standardAllowance) {
        self.allowance = allowance
        left = Mutex(allowance)
    }

    /// What is left; throws when nothing is.
    func remaining() throws(QueryError) -> Duration {
        let remaining = left.withLock { $0 }
        guard remaining > .zero else { throw exhausted }
        return remaining
    }

    func spend(_ time: Duration) {
        left.withLock { $0 -= time }
    }

    var exhausted: QueryError {
        QueryError(
            "$regex matching took more than \(Int((allowance / .milliseconds(1)).rounded())) ms in this request and was stopped; "
                + "nested quantifiers such as (a+)+ backtrack without end: simplify the pattern or narrow the query")
    }
}
