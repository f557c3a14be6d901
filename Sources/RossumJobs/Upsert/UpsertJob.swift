import Foundation
import RossumKit

/// The MDH dataset job of the MDH guide, end to end: validate the file, upload it, watch the
/// operation, retry the whole upload on failure or timeout, journal every step, alert when all
/// tries fail, and resume a journaled operation instead of uploading the same file twice.
/// Progress goes out as `JobEvent`s: the command line prints them, the console shows them.
public struct UpsertJob: Sendable {
    public struct Request: Sendable, Equatable {
        public var dataset: String
        public var filePath: String
        public var mode: DatasetWriteMode
        public var csvDelimiter: Character

        public init(dataset: String, filePath: String, mode: DatasetWriteMode, csvDelimiter: Character = ",") {
            self.dataset = dataset
            self.filePath = filePath
            self.mode = mode
            self.csvDelimiter = csvDelimiter
        }

        var idKeys: [String] {
            if case .update(let idKeys, _) = mode { return idKeys }
            return []
        }
    }

    public struct Outcome: Sendable, Equatable {
        public var jobID: Int64
        public var attempt: Int
        public var operationID: String
        /// True when this run picked up an operation a killed run had started.
        public var resumed: Bool
        public var summary: String
        /// What the operation reported it did (inserted, updated, deleted, records now).
        public var counts: OperationCounts
    }

    public var service: any DatasetService
    public var journal: Journal
    /// The server and account the job runs against, recorded with it; a rerun resumes only a
    /// job of the same scope.
    public var scope: JournalScope?
    public var policy: UpsertPolicy
    public var alert: FailureAlert
    /// Where the alert's JSON line goes.
    public var output: OutputStreams
    /// Where progress goes; by default printed to `output` as the command line does.
    public var events: JobEventSink
    public var classify: @Sendable (any Error) -> ClassifiedError
    public var now: @Sendable () -> Date
    public var sleep: @Sendable (Duration) async throws -> Void
    public var processID: Int32
    /// Whether another process still runs a journaled job (to refuse running it twice at once).
    public var isProcessAlive: @Sendable (Int32) -> Bool

    public init(service: any DatasetService, journal: Journal, scope: JournalScope? = nil, policy: UpsertPolicy = UpsertPolicy(),
                alert: FailureAlert = FailureAlert(command: nil), output: OutputStreams,
                events: JobEventSink? = nil,
                classify: @escaping @Sendable (any Error) -> ClassifiedError = ErrorClassifier.classify,
                now: @escaping @Sendable () -> Date = { Date() },
                sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
                processID: Int32 = getpid(),
                isProcessAlive: @escaping @Sendable (Int32) -> Bool = UpsertJob.processIsAlive) {
        self.service = service
        self.journal = journal
        self.scope = scope
        self.policy = policy
        self.alert = alert
        self.output = output
        self.events = events ?? JobEventPrinter(output: output, now: now).sink
        self.classify = classify
        self.now = now
        self.sleep = sleep
        self.processID = processID
        self.isProcessAlive = isProcessAlive
    }

    public static func processIsAlive(_ pid: Int32) -> Bool {
        pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
    }

    /// Runs the job. On failure a `failed` event goes out, the alert is raised and a
    /// `CommandFailure` thrown with the exit code.
    public func run(_ request: Request) async throws -> Outcome {
        let startedAt = now()
        var context = RunContext(request: request, startedAt: startedAt)
        // Held until the failure is journaled and alerted, so a second run never sees this one half-done.
        defer { context.lock?.release() }
        do {
            return try await execute(request, context: &context)
        } catch where Task.isCancelled || error is CancellationError {
            // Killed on purpose (Ctrl-C, SIGTERM from a cron timeout): the job stays "running" in
            // the journal, so the next run of the same command resumes its operation.
            let operation = context.operationIDs.last.map { " watching operation \($0)" } ?? ""
            let failure = CommandFailure(.interrupted, "interrupted; job #\(context.jobID ?? 0)\(operation) resumes when the same command runs again")
            events(.failed(JobFailure(reason: failure.message, exitStatus: failure.status)))
            throw failure
        } catch {
            let failure = (error as? CommandFailure) ?? CommandFailure(classify(error).status, classify(error).message)
            if let jobID = context.jobID {
                let (failedAt, message) = (now(), failure.message)
                try? await journal.perform { journal in
                    guard var job = try journal.entry(jobID: jobID)?.job, job.status == .running else { return }
                    job.status = .failed
                    job.finishedAt = failedAt
                    job.updatedAt = failedAt
                    job.summary = message
                    try journal.update(job)
                }
            }
            events(.failed(JobFailure(reason: failure.message, exitStatus: failure.status)))
            await alert.raise(FailureReport(
                kind: request.mode.jobKind, dataset: request.dataset, file: request.filePath,
                checksum: context.checksum, jobID: context.jobID, attempts: context.attemptsMade,
                operationIDs: context.operationIDs, error: failure.message, exitCode: failure.status.rawValue,
                startedAt: startedAt, failedAt: now()), output: output)
            throw failure
        }
    }

    /// What the alert needs to know about a run that fails part way.
    struct RunContext {
        var request: Request
        var startedAt: Date
        var checksum = ""
        var jobID: Int64?
        var attemptsMade = 0
        var operationIDs: [String] = []
        /// This run's hold on the job (see `JobLock`).
        var lock: JobLock?
    }

    private func execute(_ request: Request, context: inout RunContext) async throws -> Outcome {
        let policy = try policy.validated()
        if case .update(let idKeys, _) = request.mode, idKeys.isEmpty {
            throw CommandFailure(.usage, "an update needs at least one --id-key naming the field that identifies a record")
        }
        let file = try RecordFile.load(path: request.filePath, idKeys: request.idKeys, csvDelimiter: request.csvDelimiter)
        context.checksum = file.checksum
        let kind = request.mode.jobKind
        let parameters = request.mode.journalParameters
        let scope = scope
        // Before any network call: of two identical runs started together, one goes on.
        let identity = [kind, request.dataset, file.checksum, parameters, scope?.server ?? "", scope?.account ?? ""].joined(separator: "\n")
        guard let lock = try JobLock.acquire(identity: identity, journalPath: journal.path) else {
            throw CommandFailure(.jobFailed, "another rossum-tui is running this same job (\(kind) of \(file.fileName) into \(request.dataset)) right now: let it finish; nothing was sent")
        }
        context.lock = lock

        var machine = UpsertStateMachine(policy: policy)
        let resumable = try await journal.perform {
            try $0.resumableEntry(kind: kind, dataset: request.dataset, checksum: file.checksum, parameters: parameters, scope: scope)
        }
        if let entry = resumable {
            var job = entry.job
            let jobID = job.id ?? 0
            if job.pid != processID, isProcessAlive(job.pid) {
                throw CommandFailure(.jobFailed, "another rossum-tui (pid \(job.pid)) is running this same job (#\(jobID)) right now: let it finish")
            }
            context.jobID = job.id
            job.pid = processID
            job.updatedAt = now()
            try await save(job)
            var run = DriveState(job: job, attempts: Dictionary(entry.attempts.map { ($0.number, $0) }) { $1 }, file: file,
                                 request: request, maxAttempts: policy.maxAttempts, resumed: false)
            context.attemptsMade = entry.attempts.count
            context.operationIDs = entry.attempts.compactMap(\.operationID)
            events(.started(start(request, file: file, jobID: jobID, maxAttempts: policy.maxAttempts)))
            guard var latest = entry.latestAttempt else {
                events(.resumed(.notUploadedYet(jobID: jobID)))
                let actions = machine.handle(.start(now: now()))
                return try await drive(&machine, actions, run, context: &context)
            }
            run.resumed = true
            // Killed between sending and journaling the answer: the server may hold the operation.
            if latest.status == .uploading,
               let adopted = try await adoptLostOperation(of: latest, file: file, dataset: request.dataset,
                                                          until: latest.startedAt.addingTimeInterval(policy.lostAnswerGrace.timeInterval)) {
                latest = adopted
                run.attempts[adopted.number] = adopted
                context.operationIDs.append(adopted.operationID ?? "")
            }
            switch latest.status {
            case .watching where latest.operationID != nil:
                let operationID = latest.operationID!
                events(.resumed(.watching(jobID: jobID, attempt: latest.number, operationID: operationID, lastStatus: latest.operationStatus)))
                run.lastReport = latest.operationStatus.map { OperationReport(attempt: latest.number, operationID: operationID, status: $0) }
                let actions = machine.handle(.resumeWatching(attempt: latest.number, operationID: operationID,
                                                             startedAt: latest.startedAt, lastStatus: latest.operationStatus))
                return try await drive(&machine, actions, run, context: &context)
            case .finished:
                let operationID = latest.operationID ?? "?"
                job.status = .succeeded
                job.finishedAt = now()
                job.summary = "finished by operation \(operationID)"
                try await save(job)
                events(.resumed(.alreadyFinished(jobID: jobID, operationID: operationID)))
                events(.finished(JobSummary(jobID: jobID, operationID: latest.operationID, attempt: latest.number, resumed: true,
                                            records: file.recordCount, text: job.summary)))
                return Outcome(jobID: jobID, attempt: latest.number, operationID: latest.operationID ?? "", resumed: true,
                               summary: job.summary, counts: OperationCounts())
            default:
                events(.resumed(.interruptedUpload(jobID: jobID, attempt: latest.number)))
                var actions = machine.handle(.resumeAfterInterruptedUpload(attempt: latest.number))
                if latest.status.isTerminal {
                    actions.removeAll { if case .attemptEnded = $0 { return true } else { return false } }
                }
                return try await drive(&machine, actions, run, context: &context)
            }
        }
        // A dataset that does not exist (or exists, for create) would only fail minutes later, every try.
        let exists: Bool
        do {
            exists = try await service.datasetExists(request.dataset)
        } catch {
            let classified = classify(error)
            throw CommandFailure(classified.status, classified.message)
        }
        switch request.mode {
        case .update where !exists:
            throw CommandFailure(.unavailable, "no dataset named \"\(request.dataset)\": check the name with `rossum-tui mdh datasets`, or create it with `rossum-tui mdh create \(request.dataset) FILE`")
        case .create where exists:
            throw CommandFailure(.usage, "dataset \"\(request.dataset)\" already exists: use `rossum-tui mdh replace` or `rossum-tui mdh upsert`")
        default:
            break
        }
        let newJob = JournalJob(kind: kind, dataset: request.dataset, filePath: file.path, checksum: file.checksum,
                                parameters: parameters, pid: processID, startedAt: now(), scope: scope)
        let job = try await journal.perform { try $0.insert(newJob) }
        context.jobID = job.id
        events(.started(start(request, file: file, jobID: job.id, maxAttempts: policy.maxAttempts)))
        let run = DriveState(job: job, attempts: [:], file: file, request: request, maxAttempts: policy.maxAttempts, resumed: false)
        let actions = machine.handle(.start(now: now()))
        return try await drive(&machine, actions, run, context: &context)
    }

    private func start(_ request: Request, file: RecordFile, jobID: Int64?, maxAttempts: Int) -> JobStart {
        JobStart(kind: request.mode.jobKind, jobID: jobID, dataset: request.dataset, file: file.path, fileRecords: file.recordCount,
                 format: file.format.rawValue, maxAttempts: maxAttempts)
    }

    func save(_ job: JournalJob) async throws {
        try await journal.perform { try $0.update(job) }
    }

    func stamp() -> String { Timestamp.string(now()) }

    static func elapsed(_ seconds: TimeInterval) -> String {
        if seconds < 60 { return String(format: "%.1f s", seconds) }
        let minutes = Int(seconds) / 60
        return "\(minutes) min \(Int(seconds) % 60) s"
    }
}
