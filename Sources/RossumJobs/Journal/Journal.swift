import Foundation
import GRDB
import Synchronization

/// The SQLite journal of headless jobs (`journal.sqlite` in the state directory). It survives
/// restarts: a job killed while its operation runs is found again by dataset + checksum and
/// resumed instead of uploading the file a second time. The console's operation monitor reads it.
///
/// WAL mode, so the console reads while a cron job writes; every write is one short transaction.
/// Every job records the server and account it ran against (`JournalScope`); listings take a
/// scope so one server's history never shows on another's console.
///
/// The methods are synchronous (for the command line); tasks call them through `perform`, which
/// runs them on the journal's own dispatch queue instead of blocking Swift's cooperative pool.
public final class Journal: Sendable {
    public let path: String
    let database: DatabasePool
    let queue = DispatchQueue(label: "rossum-tui.journal")
    /// The last `recentEntries` answer and the files' stamp when it was read.
    private let recent = Mutex<(key: RecentKey, stamp: JournalChangeStamp, entries: [JournalEntry])?>(nil)
    private struct RecentKey: Hashable { var limit: Int; var scope: JournalScope? }

    /// Opens (creating if needed) the journal at `path`, in a private directory, readable by
    /// the owner only: it names datasets, files and accounts.
    public init(path: String) throws {
        self.path = path
        do {
            try AppPaths.makePrivateDirectory((path as NSString).deletingLastPathComponent)
            try Self.makePrivateFiles(path)
            var configuration = Configuration()
            configuration.busyMode = .timeout(5)
            // SQLite does not wait for the busy timeout while it switches a new file to WAL: two
            // runs opening a fresh journal at once would fail "database is locked". One at a time.
            database = try Self.whileOpening(path) {
                let database = try DatabasePool(path: path, configuration: configuration)
                try Self.migrator.migrate(database)
                return database
            }
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure(.cannotCreate, "cannot open the job journal at \(path): \(error)")
        }
    }

    /// The journal at its standard place for these paths.
    public convenience init(paths: AppPaths) throws {
        try self.init(path: paths.journalFile)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: JournalJob.databaseTableName) { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("kind", .text).notNull()
                table.column("dataset", .text).notNull()
                table.column("file_path", .text).notNull()
                table.column("checksum", .text).notNull()
                table.column("parameters", .text).notNull()
                table.column("status", .text).notNull()
                table.column("pid", .integer).notNull()
                table.column("started_at", .datetime).notNull()
                table.column("updated_at", .datetime).notNull()
                table.column("finished_at", .datetime)
                table.column("summary", .text).notNull()
            }
            try db.create(index: "job_by_content", on: JournalJob.databaseTableName,
                          columns: ["kind", "dataset", "checksum", "status"])
            try db.create(table: JournalAttempt.databaseTableName) { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("job_id", .integer).notNull().indexed()
                    .references(JournalJob.databaseTableName, onDelete: .cascade)
                table.column("number", .integer).notNull()
                table.column("operation_id", .text)
                table.column("status", .text).notNull()
                table.column("operation_status", .text)
                table.column("detail", .text).notNull()
                table.column("started_at", .datetime).notNull()
                table.column("updated_at", .datetime).notNull()
                table.column("finished_at", .datetime)
            }
        }
        // Scope per server and account. Rows from before have none and match no scoped query.
        migrator.registerMigration("v2-scope") { db in
            try db.alter(table: JournalJob.databaseTableName) { table in
                table.add(column: "server", .text)
                table.add(column: "account", .text)
            }
            try db.create(index: "job_by_scope", on: JournalJob.databaseTableName, columns: ["server", "account", "id"])
        }
        return migrator
    }

    /// Creates the database file with mode 0600 before SQLite does (SQLite would use 0644, and
    /// gives its -wal and -shm files the database's mode), and tightens files left open to others.
    static func makePrivateFiles(_ path: String) throws {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw CommandFailure(.cannotCreate, "cannot create the job journal at \(path): \(String(cString: strerror(errno)))")
        }
        close(descriptor)
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            guard chmod(file, 0o600) == 0 else {
                throw CommandFailure(.cannotCreate, "cannot make \(file) private (mode 0600): \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Runs `body` holding an exclusive `flock` on `path.open-lock` (released on return, or by
    /// the kernel if the process dies).
    static func whileOpening<T>(_ path: String, _ body: () throws -> T) throws -> T {
        let lockPath = path + ".open-lock"
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw CommandFailure(.cannotCreate, "cannot create \(lockPath): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw CommandFailure(.cannotCreate, "cannot lock \(lockPath): \(String(cString: strerror(errno)))")
            }
        }
        return try body()
    }

    /// Runs `work` (calls of this journal's synchronous methods) on the journal's own queue and
    /// returns its result, so a task waits without holding a thread of the cooperative pool.
    public func perform<T: Sendable>(_ work: @escaping @Sendable (Journal) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work(self) }) }
        }
    }

    // MARK: writing

    public func insert(_ job: JournalJob) throws -> JournalJob {
        try write { db in
            var job = job
            try job.insert(db)
            return job
        }
    }

    public func insert(_ attempt: JournalAttempt) throws -> JournalAttempt {
        try write { db in
            var attempt = attempt
            try attempt.insert(db)
            try JournalJob.filter(key: attempt.jobID).updateAll(db, JournalJob.CodingKeys.updatedAt.set(to: attempt.updatedAt))
            return attempt
        }
    }

    public func update(_ job: JournalJob) throws {
        try write { db in try job.update(db) }
    }

    public func update(_ attempt: JournalAttempt) throws {
        try write { db in
            try attempt.update(db)
            try JournalJob.filter(key: attempt.jobID).updateAll(db, JournalJob.CodingKeys.updatedAt.set(to: attempt.updatedAt))
        }
    }

    // MARK: reading (also for the console)

    /// The newest jobs first, each with its attempts: those of `scope`, or every job when nil.
    /// Unchanged files give the previous answer without a query (see `JournalChangeStamp`).
    public func recentEntries(limit: Int = 50, scope: JournalScope? = nil) throws -> [JournalEntry] {
        let key = RecentKey(limit: limit, scope: scope)
        // Stamped before reading: a write racing the read leaves an older stamp, so the next
        // call reads again rather than keep a stale answer.
        let stamp = JournalChangeStamp(path: path)
        if let cached = cachedEntries(key, stamp) { return cached }
        let entries = try read { db in try Self.entries(db, Self.jobs(in: scope).order(JournalJob.CodingKeys.id.desc).limit(limit)) }
        recent.withLock { $0 = (key, stamp, entries) }
        return entries
    }

    /// `recentEntries` when the journal's files have not changed since it last answered, nil
    /// when a query is needed. Only stats the files, so a poll (the console's monitor, every
    /// 2 s) can ask without handing work to the journal's queue.
    public func unchangedRecentEntries(limit: Int = 50, scope: JournalScope? = nil) -> [JournalEntry]? {
        cachedEntries(RecentKey(limit: limit, scope: scope), JournalChangeStamp(path: path))
    }

    private func cachedEntries(_ key: RecentKey, _ stamp: JournalChangeStamp) -> [JournalEntry]? {
        guard let cached = recent.withLock({ $0 }), cached.key == key, cached.stamp == stamp else { return nil }
        return cached.entries
    }

    /// Jobs still marked running (live or crashed), newest first: those of `scope`, or all when nil.
    public func runningEntries(scope: JournalScope? = nil) throws -> [JournalEntry] {
        try read { db in
            try Self.entries(db, Self.jobs(in: scope).filter(JournalJob.CodingKeys.status == JournalJob.Status.running.rawValue)
                .order(JournalJob.CodingKeys.id.desc))
        }
    }

    /// Jobs of one server and account (rows without a scope never match), or all jobs.
    static func jobs(in scope: JournalScope?) -> QueryInterfaceRequest<JournalJob> {
        guard let scope else { return JournalJob.all() }
        return JournalJob.filter(JournalJob.CodingKeys.server == scope.server && JournalJob.CodingKeys.account == scope.account)
    }

    /// Those of `operationIDs` some attempt of any job already recorded: an operation found in
    /// the server's list after a lost answer is adopted only if no run claimed it before.
    public func knownOperationIDs(among operationIDs: [String]) throws -> Set<String> {
        try read { db in
            Set(try JournalAttempt.select(JournalAttempt.CodingKeys.operationID)
                .filter(operationIDs.contains(JournalAttempt.CodingKeys.operationID))
                .asRequest(of: String.self).fetchAll(db))
        }
    }

    public func entry(jobID: Int64) throws -> JournalEntry? {
        try read { db in try Self.entries(db, JournalJob.filter(key: jobID)).first }
    }

    /// The newest running job of this kind for the same dataset, file content and parameters,
    /// on the same server and account: the one a rerun should resume.
    public func resumableEntry(kind: String, dataset: String, checksum: String, parameters: String,
                               scope: JournalScope? = nil) throws -> JournalEntry? {
        try read { db in
            try Self.entries(db, Self.jobs(in: scope)
                .filter(JournalJob.CodingKeys.kind == kind && JournalJob.CodingKeys.dataset == dataset
                    && JournalJob.CodingKeys.checksum == checksum && JournalJob.CodingKeys.parameters == parameters
                    && JournalJob.CodingKeys.status == JournalJob.Status.running.rawValue)
                .order(JournalJob.CodingKeys.id.desc).limit(1)).first
        }
    }

    /// Emits the recent entries now and again whenever they change, also when another process
    /// (a cron job) writes: SQLite's `data_version` is checked every `interval`.
    public func observeRecentEntries(limit: Int = 50, scope: JournalScope? = nil,
                                     interval: Duration = .seconds(1)) -> AsyncThrowingStream<[JournalEntry], any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                var last: [JournalEntry]?
                do {
                    while !Task.isCancelled {
                        let entries = try await perform { try $0.recentEntries(limit: limit, scope: scope) }
                        if entries != last {
                            continuation.yield(entries)
                            last = entries
                        }
                        try await Task.sleep(for: interval)
                    }
                    continuation.finish()
                } catch is CancellationError {
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    private static func entries(_ db: Database, _ request: QueryInterfaceRequest<JournalJob>) throws -> [JournalEntry] {
        let jobs = try request.fetchAll(db)
        let ids = jobs.compactMap(\.id)
        let attempts = try JournalAttempt.filter(ids.contains(JournalAttempt.CodingKeys.jobID))
            .order(JournalAttempt.CodingKeys.number, JournalAttempt.CodingKeys.id).fetchAll(db)
        let byJob = Dictionary(grouping: attempts, by: \.jobID)
        return jobs.map { JournalEntry(job: $0, attempts: byJob[$0.id ?? -1] ?? []) }
    }

    private func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try database.write(body)
        } catch {
            throw CommandFailure(.cannotCreate, "cannot write the job journal at \(path): \(error)")
        }
    }

    private func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try database.read(body)
        } catch {
            throw CommandFailure(.failure, "cannot read the job journal at \(path): \(error)")
        }
    }
}
