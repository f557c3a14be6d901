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
        case .loadTheme, .switchProfile, .quit:
            // Handled by the session, which owns themes, profiles and the loop.
            break
        }
    }
}
