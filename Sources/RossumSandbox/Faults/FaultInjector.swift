import Synchronization

/// What happens to one request.
enum FaultDecision: Equatable, Sendable {
    case none
    case serverError(status: Int)
    case throttle(retryAfterSeconds: Int)
    case drop
    case truncate
    /// The request is applied, then the connection closes without an answer.
    case appliedThenDrop
}

/// Decides, request by request and before any handler runs, which fault (if any) to inject.
/// Thread-safe; the configuration can be swapped at run time and restarts the counters,
/// so a test that sets `every=3` or `limit=2` can count attempts exactly.
final class FaultInjector: Sendable {
    private struct State {
        var configuration: FaultConfiguration
        var random: SplitMix64
        var matchingRequests = 0
        var injected = 0
        var rotation = 0
    }

    private let state: Mutex<State>

    /// Paths that are never faulted: the admin endpoint must stay reachable to switch faults off.
    static let exemptPrefix = "/api/v1/_sandbox"

    init(_ configuration: FaultConfiguration) {
        state = Mutex(State(configuration: configuration, random: SplitMix64(seed: configuration.seed)))
    }

    var configuration: FaultConfiguration { state.withLock { $0.configuration } }

    /// Counters for the admin endpoint.
    var counters: (matchingRequests: Int, injected: Int) { state.withLock { ($0.matchingRequests, $0.injected) } }

    func replace(_ configuration: FaultConfiguration) {
        state.withLock { $0 = State(configuration: configuration, random: SplitMix64(seed: configuration.seed)) }
    }

    /// The decision for a `method` request to `path`, and the latency to add before answering.
    func decide(method: String, path: String) -> (FaultDecision, Duration) {
        state.withLock { state in
            let configuration = state.configuration
            if configuration.isOff || path.hasPrefix(Self.exemptPrefix) { return (.none, .zero) }
            if let prefix = configuration.pathPrefix, !path.hasPrefix(prefix) { return (.none, .zero) }
            if let methods = configuration.methods, !methods.contains(method) { return (.none, .zero) }
            state.matchingRequests += 1
            if let limit = configuration.limit, state.injected >= limit { return (.none, configuration.latency) }

            let kinds: [(Double, FaultDecision)] = [
                (configuration.errorRate, .serverError(status: 0)),
                (configuration.throttleRate, .throttle(retryAfterSeconds: configuration.retryAfterSeconds)),
                (configuration.dropRate, .drop),
                (configuration.truncateRate, .truncate),
                (configuration.appliedThenDropRate, .appliedThenDrop),
            ]
            var decision = FaultDecision.none
            if let every = configuration.every {
                let enabled = kinds.filter { $0.0 > 0 }
                if !enabled.isEmpty, state.matchingRequests % every == 0 {
                    decision = enabled[state.rotation % enabled.count].1
                    state.rotation += 1
                }
            } else {
                var roll = state.random.nextUnitInterval()
                for (rate, kind) in kinds where rate > 0 {
                    if roll < rate { decision = kind; break }
                    roll -= rate
                }
            }
            if case .serverError = decision {
                let statuses = configuration.errorStatuses
                let index = configuration.every != nil ? state.injected : Int(state.random.next() % UInt64(statuses.count))
                decision = .serverError(status: statuses[index % statuses.count])
            }
            if decision != .none { state.injected += 1 }
            return (decision, configuration.latency)
        }
    }
}

/// A small, fast, seedable generator (SplitMix64) so fault and demo runs are reproducible.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64?) {
        state = seed ?? UInt64.random(in: 0...UInt64.max)
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func nextUnitInterval() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
