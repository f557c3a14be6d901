import Foundation

/// Which failures the sandbox injects, for clients' resilience tests. All off by default.
///
/// Text form (the `--faults` option), comma-separated `key=value` pairs:
/// `error=0.2,throttle=0.1,latency=50ms,drop=0.05,truncate=0.05,applied_then_drop=0.05,prefix=/svc/data-storage,seed=7,every=3,limit=2`
/// - `error`, `throttle`, `drop`, `truncate`, `applied_then_drop`: rates in 0...1 (fraction of
///   matching requests). `applied_then_drop` runs the request (its changes are kept) and then
///   closes the connection without a byte of answer: the outcome a client cannot know.
/// - `latency`: added before every matching request (`50ms`, `1s`, `250` = milliseconds; at most 10 minutes).
/// - `prefix`: only requests whose path starts with it are faulted (default: every path).
/// - `methods`: only requests with these methods are faulted (`methods=POST+PATCH`, or
///   `methods=writes` for POST, PUT, PATCH and DELETE; default: every method).
/// - `seed`: seeds the random choice so a run is reproducible.
/// - `every`: deterministic mode: every Nth matching request is faulted (the kinds with a
///   non-zero rate take turns, in the order error, throttle, drop, truncate, applied_then_drop), no randomness.
/// - `limit`: stop injecting after this many faults (e.g. `error=1,limit=2`: two 5xx, then success;
///   `applied_then_drop=1,methods=POST,limit=1`: the next POST is applied and its answer lost).
/// - `status`: the 5xx statuses `error` picks from (`status=503` or `status=500+502`).
/// - `retry_after`: seconds announced in `Retry-After` on 429.
public struct FaultConfiguration: Sendable, Equatable {
    public var errorRate: Double = 0
    public var throttleRate: Double = 0
    public var dropRate: Double = 0
    public var truncateRate: Double = 0
    public var appliedThenDropRate: Double = 0
    public var latency: Duration = .zero
    public var pathPrefix: String? = nil
    /// Upper-case HTTP methods that are faulted; nil means every method.
    public var methods: Set<String>? = nil
    public var seed: UInt64? = nil
    public var every: Int? = nil
    public var limit: Int? = nil
    public var errorStatuses: [Int] = [500, 502, 503]
    public var retryAfterSeconds: Int = 1

    public init() {}

    /// The methods that change something, the usual target of `applied_then_drop`.
    public static let writeMethods: Set<String> = ["POST", "PUT", "PATCH", "DELETE"]
    static let knownMethods: Set<String> = writeMethods.union(["GET", "HEAD", "OPTIONS"])
    /// The longest latency accepted: a longer one would only look like a hung server.
    static let maximumLatencyMilliseconds = 600_000.0

    /// The next `count` matching requests are applied and their answers lost; nothing else is faulted.
    /// For a client test: `.appliedThenDrop(next: 1, methods: ["POST"], pathPrefix: "/api/v1/annotations")`
    /// makes the next confirm (or any other POST there) happen without the client hearing of it.
    public static func appliedThenDrop(
        next count: Int = 1, methods: Set<String> = writeMethods, pathPrefix: String? = nil
    ) -> FaultConfiguration {
        var configuration = FaultConfiguration()
        configuration.appliedThenDropRate = 1
        configuration.limit = count
        configuration.methods = methods
        configuration.pathPrefix = pathPrefix
        return configuration
    }

    /// True when nothing at all is injected.
    public var isOff: Bool {
        errorRate == 0 && throttleRate == 0 && dropRate == 0 && truncateRate == 0 && appliedThenDropRate == 0 && latency == .zero
    }

    /// Parses the `--faults` text form; an empty string means all off.
    public init(parsing text: String) throws(FaultConfigurationError) {
        self.init()
        for item in text.split(separator: ",") {
            let pair = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, !pair[1].isEmpty else { throw .malformed(String(item)) }
            let (key, value) = (pair[0].lowercased(), pair[1])
            switch key {
            case "error", "errors": errorRate = try Self.rate(key, value)
            case "throttle": throttleRate = try Self.rate(key, value)
            case "drop": dropRate = try Self.rate(key, value)
            case "truncate": truncateRate = try Self.rate(key, value)
            case "applied_then_drop", "applied-then-drop": appliedThenDropRate = try Self.rate(key, value)
            case "latency": latency = try Self.duration(key, value)
            case "prefix", "path": pathPrefix = value
            case "methods", "method":
                guard let parsed = Self.methods(value.split(separator: "+").map(String.init)) else { throw .invalidValue(key, value) }
                methods = parsed
            case "seed":
                guard let number = UInt64(value) else { throw .invalidValue(key, value) }
                seed = number
            case "every":
                guard let number = Int(value), number > 0 else { throw .invalidValue(key, value) }
                every = number
            case "limit":
                guard let number = Int(value), number >= 0 else { throw .invalidValue(key, value) }
                limit = number
            case "status", "statuses":
                let statuses = value.split(separator: "+").compactMap { Int($0) }
                guard !statuses.isEmpty, statuses.allSatisfy({ (500...599).contains($0) }) else {
                    throw .invalidValue(key, value)
                }
                errorStatuses = statuses
            case "retry_after", "retry-after":
                guard let number = Int(value), number >= 0 else { throw .invalidValue(key, value) }
                retryAfterSeconds = number
            default: throw .unknownKey(key)
            }
        }
    }

    /// Upper-cased known methods, `writes` standing for the four write methods; nil when any is unknown.
    static func methods(_ names: [String]) -> Set<String>? {
        var result: Set<String> = []
        for name in names.map({ $0.trimmingCharacters(in: .whitespaces).uppercased() }) {
            if name == "WRITES" {
                result.formUnion(writeMethods)
            } else if knownMethods.contains(name) {
                result.insert(name)
            } else {
                return nil
            }
        }
        return result.isEmpty ? nil : result
    }

    static func rate(_ key: String, _ value: String) throws(FaultConfigurationError) -> Double {
        guard let number = Double(value), (0...1).contains(number) else { throw .invalidValue(key, value) }
        return number
    }

    static func duration(_ key: String, _ value: String) throws(FaultConfigurationError) -> Duration {
        let lower = value.lowercased()
        let (digits, scale): (Substring, Double) =
            lower.hasSuffix("ms") ? (lower.dropLast(2), 1)
            : lower.hasSuffix("s") ? (lower.dropLast(1), 1000)
            : (lower[...], 1)
        guard let number = Double(digits), number >= 0, number * scale <= maximumLatencyMilliseconds else { throw .invalidValue(key, value) }
        return .milliseconds(Int((number * scale).rounded()))
    }
}

public enum FaultConfigurationError: Error, Equatable, CustomStringConvertible {
    case malformed(String)
    case unknownKey(String)
    case invalidValue(String, String)

    public var description: String {
        switch self {
        case .malformed(let item): "fault \"\(item)\" is not key=value"
        case .unknownKey(let key):
            "unknown fault \"\(key)\" (known: error, throttle, drop, truncate, applied_then_drop, latency, prefix, methods, seed, every, limit, status, retry_after)"
        case .invalidValue(let key, let value): "fault \(key)=\(value) has an invalid value"
        }
    }
}
