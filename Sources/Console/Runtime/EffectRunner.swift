import Foundation
import Logging
import Synchronization

/// Performs effects as tasks on the shared data source and posts their results as events.
/// Concurrency is bounded by the client's own in-flight cap; bulk items simply queue there.
public final class EffectRunner: Sendable {
    public typealias Post = @Sendable (Event) -> Void

    let source: any ConsoleDataSource
    let post: Post
    let logger: Logger
    let platform: PlatformActions
    /// The list's extra field columns, needed to shape rows; set when they load.
    private let fieldIDs = Mutex<[Int: [String]]>([:])
    private let tasks = Mutex<[UUID: Task<Void, Never>]>([:])

    public init(source: any ConsoleDataSource, platform: PlatformActions = PlatformActions(), logger: Logger, post: @escaping Post) {
        self.source = source
        self.platform = platform
        self.logger = logger
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

    private func fields(_ queueID: Int) -> [String] { fieldIDs.withLock { $0[queueID] ?? [] } }

    public func run(_ effect: Effect) {
        let source = self.source
        let post = self.post
        switch effect {
        case .loadWorkspaces:
            spawn { post(.workspacesLoaded(await Self.result { () async throws(ConsoleFailure) in try await source.workspaces() })) }
        case .resolveQueue(let id):
            spawn { post(.queueResolved(id: id, await Self.result { () async throws(ConsoleFailure) in try await source.queue(id: id) })) }
        case .loadFieldColumns(let queueID, let schemaID):
            spawn { [self] in
                let columns = (try? await source.fieldColumns(queueID: queueID, schemaID: schemaID)) ?? []
                fieldIDs.withLock { $0[queueID] = columns.map(\.id) }
                post(.fieldColumnsLoaded(queueID: queueID, columns))
            }
        case .loadAnnotationPage(let query, let page):
            spawn { [self] in
                let ids = fields(query.queueID)
                post(.annotationPageLoaded(query, page: page, await Self.result { () async throws(ConsoleFailure) in
                    try await source.annotationPage(query, page: page, fieldIDs: ids)
                }))
            }
        case .loadAnnotation(let id):
            spawn { post(.annotationLoaded(id: id, await Self.result { () async throws(ConsoleFailure) in try await source.annotationDetail(id: id) })) }
        case .refreshAnnotationRow(let id):
            spawn { [self] in
                let ids = fieldIDs.withLock { Array(Set($0.values.flatMap { $0 })) }
                if let row = try? await source.annotationRow(id: id, fieldIDs: ids) { post(.annotationRowRefreshed(row)) }
            }
        case .run(let command, let id, let bulkID):
            spawn { [logger] in
                let result = await Self.result { () async throws(ConsoleFailure) in try await source.run(command, id: id) }
                if case .failure(let failure) = result { logger.warning("\(command.verb) #\(id) failed: \(failure)") }
                post(.commandFinished(command, id: id, bulkID: bulkID, result))
            }
        case .loadOperations:
            spawn { post(.operationsLoaded(await Self.result { () async throws(ConsoleFailure) in try await source.operations() })) }
        case .loadDatasets:
            spawn { post(.datasetsLoaded(await Self.result { () async throws(ConsoleFailure) in try await source.datasets() })) }
        case .startUpsert(let dataset, let file, let idKeys):
            spawn {
                do throws(ConsoleFailure) {
                    try await source.upsert(dataset: dataset, file: file, idKeys: idKeys, replace: false) { post(.jobUpdated($0)) }
                } catch { post(.jobFailedToStart("upsert into \(dataset)", error)) }
            }
        case .startReplace(let dataset, let file):
            spawn {
                do throws(ConsoleFailure) {
                    try await source.upsert(dataset: dataset, file: file, idKeys: [], replace: true) { post(.jobUpdated($0)) }
                } catch { post(.jobFailedToStart("replace of \(dataset)", error)) }
            }
        case .downloadCollection(let dataset, let file):
            spawn {
                do throws(ConsoleFailure) {
                    try await source.download(dataset: dataset, file: file) { post(.jobUpdated($0)) }
                } catch { post(.jobFailedToStart("download of \(dataset)", error)) }
            }
        case .openURL(let url):
            let platform = self.platform
            spawn { post(.urlOpened(url, viaBrowser: platform.open(url))) }
        case .loadTheme, .switchProfile, .quit:
            // Handled by the session, which owns themes, profiles and the loop.
            break
        }
    }

    static func result<T>(_ body: () async throws(ConsoleFailure) -> T) async -> Result<T, ConsoleFailure> {
        do { return .success(try await body()) } catch { return .failure(error) }
    }
}
