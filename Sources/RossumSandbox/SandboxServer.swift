import Foundation
import GRDB
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// A running sandbox: start it in-process (tests, the console's demo mode) or from the
/// `rossum-sandbox` executable, read `baseURL`, and `shutdown()` when done.
public final class SandboxServer: Sendable {
    /// `http://127.0.0.1:PORT`, no trailing slash; the API is at `apiURL`.
    public let baseURL: String
    public var apiURL: String { baseURL + "/api/v1" }
    public let services: SandboxServices
    private let runTask: Task<Void, any Error>
    private let serviceGroup: ServiceGroup
    private let stopped = Mutex(false)
    /// How long `shutdown()` lets the graceful shutdown run before it cancels the server. Long:
    /// on a busy machine the shutdown itself can take seconds to be scheduled, and cancelling
    /// before it has taken in the connections already accepted is exactly the trap it avoids.
    static let gracePeriod: Duration = .seconds(30)

    private init(baseURL: String, services: SandboxServices, runTask: Task<Void, any Error>, serviceGroup: ServiceGroup) {
        self.baseURL = baseURL
        self.services = services
        self.runTask = runTask
        self.serviceGroup = serviceGroup
    }

    public static func start(_ configuration: SandboxConfiguration) async throws -> SandboxServer {
        var logger = Logger(label: "rossum-sandbox")
        logger.logLevel = .warning
        let database = try SandboxDatabase.open(path: configuration.databasePath)
        let services = SandboxServices(
            database: database,
            auth: AuthService(database: database, tokenLifetime: configuration.tokenLifetime),
            configuration: configuration, logger: logger,
            faults: FaultInjector(configuration.faults), background: BackgroundWork())
        try await DemoSeeder.seedIfEmpty(services)

        let router = Router(context: SandboxRequestContext.self)
        let routeMethods = RouteMethods()
        router.add(middleware: TrustedHostMiddleware())
        router.add(middleware: ErrorMiddleware(logger: logger, routeMethods: routeMethods))
        router.add(middleware: FaultMiddleware(injector: services.faults))
        SandboxRoutes.register(on: router, services: services)
        routeMethods.record(router)

        let bound = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router,
            server: SandboxHTTPChannel.builder(
                idleTimeout: configuration.connectionIdleTimeout, requestReadTimeout: configuration.requestReadTimeout),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "rossum-sandbox"),
            onServerRunning: { channel in
                bound.continuation.yield(channel.localAddress?.port ?? 0)
                bound.continuation.finish()
            },
            // The framework reports a cancelled shutdown as an error; the sandbox logs its own errors.
            logger: Logger(label: "rossum-sandbox.http", factory: { _ in SwiftLogNoOpLogHandler() }))
        // Run in a group of our own, so shutdown can be graceful (see `shutdown()`).
        let serviceGroup = ServiceGroup(configuration: .init(services: [app], logger: Logger(label: "rossum-sandbox.lifecycle", factory: { _ in SwiftLogNoOpLogHandler() })))
        let runTask = Task {
            // If the server cannot start, end the wait for its port instead of hanging.
            defer { bound.continuation.finish() }
            try await serviceGroup.run()
        }
        var port: Int?
        for await value in bound.stream { port = value }
        guard let port, port > 0 else {
            runTask.cancel()
            if case .failure(let error) = await runTask.result { throw error }
            throw SandboxStartError.couldNotBind(host: configuration.host, port: configuration.port)
        }
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        let server = SandboxServer(baseURL: "http://\(host):\(port)", services: services, runTask: runTask, serviceGroup: serviceGroup)
        LiveMode.startIfConfigured(services)
        return server
    }

    /// Changes the injected faults at run time (restarts the fault counters).
    public func setFaults(_ faults: FaultConfiguration) async {
        services.faults.replace(faults)
    }

    /// Requests the current fault configuration matched (its `prefix`, when set) and how
    /// many of them it faulted, since it was set.
    public var faultCounters: (matchingRequests: Int, injected: Int) { services.faults.counters }

    /// Stops accepting requests, cancels background work and waits for the server to stop.
    ///
    /// Graceful first: the listening socket closes and every connection already accepted is
    /// served or closed. Cancelling the server outright could drop a connection accepted but
    /// not yet handed to it, which NIO treats as a programming error and traps on (a test
    /// process crashed that way when a connection arrived during a shutdown). Only a server
    /// still running after `gracePeriod` (a request that never ends) is then cancelled.
    public func shutdown() async {
        let alreadyStopped = stopped.withLock { stopped in
            defer { stopped = true }
            return stopped
        }
        guard !alreadyStopped else { return }
        await services.background.cancelAll()
        await services.dataHub.shutdown()
        await serviceGroup.triggerGracefulShutdown()
        let runTask = runTask
        await withTaskGroup(of: Void.self) { group in
            group.addTask { _ = await runTask.result }
            group.addTask {
                try? await Task.sleep(for: Self.gracePeriod)
                if !Task.isCancelled { runTask.cancel() }
            }
            await group.next()
            group.cancelAll()
        }
        _ = await runTask.result
    }
}

public enum SandboxStartError: Error, CustomStringConvertible {
    case couldNotBind(host: String, port: Int)
    public var description: String {
        switch self {
        case .couldNotBind(let host, let port): "could not listen on \(host):\(port)"
        }
    }
}
