import Foundation
import Logging
import Synchronization

/// Performs effects as tasks on the shared client and posts their results as events. It holds
/// no state of its own but the running tasks: every effect carries what it needs.
public final class EffectRunner: Sendable {
    public typealias Post = @Sendable (Event) -> Void

    let services: ConsoleServices
    let post: Post
    let platform: PlatformActions
    private let tasks = Mutex<[UUID: Task<Void, Never>]>([:])

    public init(services: ConsoleServices, platform: PlatformActions = PlatformActions(), post: @escaping Post) {
        self.services = services
        self.platform = platform
        self.post = post
    }

    /// Cancels everything still running (on quit).
    public func cancelAll() {
        let running = tasks.withLock { tasks in
            defer { tasks = [:] }
            return Array(tasks.values)
        }
        for task in running { task.cancel() }
    }

    private func spawn(_ work: @escaping @Sendable () async -> Void) {
        let id = UUID()
        let task = Task { [weak self] in
            await work()
            _ = self?.tasks.withLock { $0.removeValue(forKey: id) }
        }
        tasks.withLock { $0[id] = task }
    }

    public func run(_ effect: Effect) {
        let services = self.services
        let post = self.post
        switch effect {
        case .fetch(let request):
            spawn { post(.answer(await request.fetch(services))) }
        case .startJob(let job):
            spawn { await ConsoleJobRunner.run(job, services: services) { post(.job($0)) } }
        case .openURL(let url):
            let platform = self.platform
            spawn { post(.urlOpened(url, viaBrowser: platform.open(url))) }
        case .copy(let text, let what):
            platform.writeToTerminal(PlatformActions.osc52(text))
            post(.message("copied \(what) to the clipboard", .info))
        case .runPlugin(let run) where run.plugin.background:
            spawn { post(.pluginFinished(await Self.runInBackground(run, services))) }
        case .runPlugin, .loadTheme, .switchProfile, .quit:
            // Handled by the session, which owns themes, profiles and the loop.
            break
        }
    }

    // MARK: plugins

    /// A plugin ready to run (its environment), or why it cannot.
    enum PreparedPlugin: Sendable {
        case ready([String: String])
        case refused(PluginOutcome)
    }

    /// The plugin's environment, with the token when it asks for one (logging in if needed).
    static func preparePlugin(_ run: PluginRun, _ services: ConsoleServices) async -> PreparedPlugin {
        var token: String?
        if run.plugin.needsToken {
            do {
                token = try await services.client.token()
            } catch {
                return .refused(PluginOutcome(name: run.plugin.name, status: -1, failure: "no API token for it: \(error)"))
            }
        }
        return .ready(PluginProcess.environment(run, baseURL: services.client.baseURL, token: token))
    }

    static func runInBackground(_ run: PluginRun, _ services: ConsoleServices) async -> PluginOutcome {
        switch await preparePlugin(run, services) {
        case .refused(let outcome): return outcome
        case .ready(let environment):
            services.logger.info("plugin \(run.plugin.name) runs in the background on \(run.annotationIDs.count) annotations")
            // A thread of its own: waiting for the command must not hold one of the task pool's.
            return await withCheckedContinuation { continuation in
                Thread { continuation.resume(returning: PluginOutcome(run.plugin.name, PluginProcess.captured(run.plugin.command, environment: environment))) }
                    .start()
            }
        }
    }

    /// Runs a foreground plugin on the terminal, which the loop has handed over; blocks the
    /// calling (terminal) thread until the command ends and enter is pressed.
    public func runInForeground(_ run: PluginRun) -> PluginOutcome {
        let services = self.services
        let prepared = Mutex<PreparedPlugin?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            let ready = await Self.preparePlugin(run, services)
            prepared.withLock { $0 = ready }
            done.signal()
        }
        done.wait()
        switch prepared.withLock({ $0 }) {
        case .ready(let environment)?:
            services.logger.info("plugin \(run.plugin.name) runs on the terminal")
            return PluginOutcome(run.plugin.name, PluginProcess.onTerminal(run.plugin.command, environment: environment))
        case .refused(let outcome)?:
            return outcome
        case nil:
            return PluginOutcome(name: run.plugin.name, status: -1, failure: "not prepared")
        }
    }
}
