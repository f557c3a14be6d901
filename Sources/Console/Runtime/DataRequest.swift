import Foundation

/// A question a screen asks the server, as a value: it names everything it needs, so the
/// effect runner holds no state, answers can be matched to what was asked, and a screen adds
/// its own requests without touching the runner or the event type.
public protocol DataRequest: Sendable, Hashable, CustomStringConvertible {
    associatedtype Answer: Sendable
    func fetch(_ services: ConsoleServices) async throws(ConsoleFailure) -> Answer
}

extension DataRequest {
    public var description: String { String(describing: Self.self) }

    func isEqual(to other: any DataRequest) -> Bool {
        guard let other = other as? Self else { return false }
        return self == other
    }
}

/// A request of any type, so effects stay one `Hashable` enum.
public struct AnyDataRequest: Sendable, Hashable, CustomStringConvertible {
    public let base: any DataRequest

    public init<R: DataRequest>(_ request: R) {
        base = request
    }

    public static func == (a: AnyDataRequest, b: AnyDataRequest) -> Bool { a.base.isEqual(to: b.base) }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(type(of: base)))
        base.hash(into: &hasher)
    }
    public var description: String { base.description }

    func fetch(_ services: ConsoleServices) async -> DataAnswer {
        DataAnswer(request: self, result: await Self.open(base, services))
    }

    private static func open<R: DataRequest>(_ request: R, _ services: ConsoleServices) async -> Result<any Sendable, ConsoleFailure> {
        do { return .success(try await request.fetch(services)) } catch { return .failure(error) }
    }
}

/// The server's answer to one request, as an event.
public struct DataAnswer: Sendable {
    public let request: AnyDataRequest
    public let result: Result<any Sendable, ConsoleFailure>

    public init<R: DataRequest>(_ request: R, _ result: Result<R.Answer, ConsoleFailure>) {
        self.request = AnyDataRequest(request)
        self.result = result.map { $0 as any Sendable }
    }

    init(request: AnyDataRequest, result: Result<any Sendable, ConsoleFailure>) {
        self.request = request
        self.result = result
    }

    /// The answer as `R`'s, when it answers a request of that type.
    public func answer<R: DataRequest>(to type: R.Type) -> (request: R, result: Result<R.Answer, ConsoleFailure>)? {
        guard let request = request.base as? R else { return nil }
        switch result {
        case .success(let value):
            guard let typed = value as? R.Answer else { return nil }
            return (request, .success(typed))
        case .failure(let failure):
            return (request, .failure(failure))
        }
    }
}

extension Effect {
    /// `.fetch` of a typed request.
    public static func fetch<R: DataRequest>(_ request: R) -> Effect { .fetch(AnyDataRequest(request)) }
}
