import Foundation

/// Which failures the sandbox injects, for clients' resilience tests. All off by default.
///
/// Text form (the `--faults` option), comma-separated `key=value` pairs:
/// `error=0.2,throttle=0.1,latency=50ms,drop=0.05,truncate=0.05,prefix=/svc/data-storage,seed=7,every=3,limit=2`
/// - `error`, `throttle`, `drop`, `truncate`: rates in 0...1 (fraction of matching requests).
/// - `latency`: added before every matching request (`50ms`, `1s`, `250` = milliseconds; at most 10 minutes).
/// - `prefix`: only requests whose path starts with it are faulted (default: every path).
/// - `seed`: seeds the random choice so a run is reproducible.
/// - `every`: deterministic mode: every Nth matching request is faulted (the kinds with a
///   non-zero rate take turns, in the order error, throttle, drop, truncate), no randomness.
/// - `limit`: stop injecting after this many faults (e.g. `error=1,limit=2`: two 5xx, then success).
/// - `status`: the 5xx statuses `error` picks from (`status=503` or `status=500+502`).
/// - `retry_after`: seconds announced in `Retry-After` on 429.
public struct FaultConfiguration: Sendable, Equatable {
    public var errorRate: Double = 0
    public var throttleRate: Double = 0
    public var dropRate: Double = 0
    public var truncateRate: Double = 0
    public var latency: Duration = .zero
    public var pathPrefix: String? = nil
    public var seed: UInt64? = nil
    public var every: Int? = nil
    public var limit: Int? = nil
    public var errorStatuses: [Int] = [500, 502, 503]
    public var retryAfterSeconds: Int = 1

    public init() {}

    /// The longest latency accepted: a longer one would only look like a hung server.
    static let maximumLatencyMilliseconds = 600_000.0

    /// True when nothing at all is injected.
    public var isOff: Bool {
        errorRate == 0 && throttleRate == 0 && dropRate == 0 && truncateRate == 0 && latency == .zero
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
            case "latency": latency = try Self.duration(key, value)
            case "prefix", "path": pathPrefix = value
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
            "unknown fault \"\(key)\" (known: error, throttle, drop, truncate, latency, prefix, seed, every, limit, status, retry_after)"
        case .invalidValue(let key, let value): "fault \(key)=\(value) has an invalid value"
        }
    }
}

// MARK: - JSON form (the admin endpoint `GET/PUT /api/v1/_sandbox/faults`)

extension FaultConfiguration {
    var json: JSONValue {
        [
            "error": .double(errorRate), "throttle": .double(throttleRate), "drop": .double(dropRate),
            "truncate": .double(truncateRate),
            "latency_ms": .int(Int(exactly: (latency / .milliseconds(1)).rounded()) ?? Int.max),
            "prefix": pathPrefix.map(JSONValue.string) ?? .null,
            "seed": seed.map { .int(Int(truncatingIfNeeded: $0)) } ?? .null,
            "every": every.map(JSONValue.int) ?? .null, "limit": limit.map(JSONValue.int) ?? .null,
            "status": .array(errorStatuses.map(JSONValue.int)), "retry_after": .int(retryAfterSeconds),
        ]
    }

    /// Reads the JSON form; keys left out keep their current value, unknown keys are refused.
    init(json object: [String: JSONValue], base: FaultConfiguration) throws(SandboxHTTPError) {
        self = base
        func rate(_ key: String) throws(SandboxHTTPError) -> Double {
            guard let number = object[key]?.doubleValue, (0...1).contains(number) else {
                throw .fieldErrors([key: "A number between 0 and 1 is required."])
            }
            return number
        }
        func optionalInt(_ key: String, minimum: Int, maximum: Int = Int.max) throws(SandboxHTTPError) -> Int? {
            guard let value = object[key], !value.isNull else { return nil }
            guard let number = value.intValue, number >= minimum, number <= maximum else {
                let range = maximum == Int.max ? ">= \(minimum)" : "from \(minimum) to \(maximum)"
                throw .fieldErrors([key: "A whole number \(range) (or null) is required."])
            }
            return number
        }
        for key in object.keys {
            switch key {
            case "error": errorRate = try rate(key)
            case "throttle": throttleRate = try rate(key)
            case "drop": dropRate = try rate(key)
            case "truncate": truncateRate = try rate(key)
            case "latency_ms":
                latency = .milliseconds(try optionalInt(key, minimum: 0, maximum: Int(Self.maximumLatencyMilliseconds)) ?? 0)
            case "prefix":
                guard let value = object[key], value.isNull || value.stringValue != nil else {
                    throw .fieldErrors([key: "A path prefix string (or null) is required."])
                }
                pathPrefix = value.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            case "seed": seed = try optionalInt(key, minimum: 0).map { UInt64($0) }
            case "every": every = try optionalInt(key, minimum: 1)
            case "limit": limit = try optionalInt(key, minimum: 0)
            case "retry_after": retryAfterSeconds = try optionalInt(key, minimum: 0) ?? 1
            case "status":
                let statuses = object[key]?.arrayValue?.compactMap(\.intValue) ?? object[key]?.intValue.map { [$0] } ?? []
                guard !statuses.isEmpty, statuses.allSatisfy({ (500...599).contains($0) }) else {
                    throw .fieldErrors([key: "A list of 5xx statuses is required."])
                }
                errorStatuses = statuses
            default: throw .fieldErrors([key: "Unknown fault setting."])
            }
        }
    }
}
