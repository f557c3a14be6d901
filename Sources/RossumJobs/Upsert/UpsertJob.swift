import Foundation

/// The MDH dataset job of the MDH guide, end to end: validate the file, upload it, watch the
/// operation, retry the whole upload on failure or timeout, journal every step, alert when all
/// tries fail, and resume a journaled operation instead of uploading the same file twice.
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
    }

    public var service: any DatasetService
    public var journal: Journal
    public var policy: UpsertPolicy
    public var alert: FailureAlert
    public var output: OutputStreams
    public var classify: @Sendable (any Error) -> ClassifiedError
    public var now: @Sendable () -> Date
    public var sleep: @Sendable (Duration) async throws -> Void
    public var processID: Int32
    /// Whether another process still runs a journaled job (to refuse running it twice at once).
    public var isProcessAlive: @Sendable (Int32) -> Bool

    public init(service: any DatasetService, journal: Journal, policy: UpsertPolicy = UpsertPolicy(),
                alert: FailureAlert = FailureAlert(command: nil), output: OutputStreams,
                classify: @escaping @Sendable (any Error) -> ClassifiedError = ErrorClassifier.classify,
                now: @escaping @Sendable () -> Date = { Date() },
                sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
                processID: Int32 = getpid(),
                isProcessAlive: @escaping @Sendable (Int32) -> Bool = UpsertJob.processIsAlive) {
        self.service = service
        self.journal = journal
        self.policy = policy
        self.alert = alert
        self.output = output
        self.classify = classify
        self.now = now
        self.sleep = sleep
        self.processID = processID
        self.isProcessAlive = isProcessAlive
    }

    public static func processIsAlive(_ pid: Int32) -> Bool {
        pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
    }

    /// Runs the job. On failure the alert is raised and a `CommandFailure` thrown with the exit code.
    public func run(_ request: Request) async throws -> Outcome {
        let startedAt = now()
        var context = RunContext(request: request, startedAt: startedAt)
        do {
            return try await execute(request, context: &context)
        } catch where Task.isCancelled || error is CancellationError {
            // Killed on purpose (Ctrl-C, SIGTERM from a cron timeout): the job stays "running" in
            // the journal, so the next run of the same command resumes its operation.
            let operation = context.operationIDs.last.map { " watching operation \($0)" } ?? ""
            throw CommandFailure(.interrupted, "interrupted; job #\(context.jobID ?? 0)\(operation) resumes when the same command runs again")
        } catch {
            let failure = (error as? CommandFailure) ?? CommandFailure(classify(error).status, classify(error).message)
            if let jobID = context.jobID {
                if var job = try? journal.entry(jobID: jobID)?.job, job.status == .running {
                    job.status = .failed
                    job.finishedAt = now()
                    job.updatedAt = now()
                    job.summary = failure.message
                    try? journal.update(job)
                }
            }
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

        var machine = UpsertStateMachine(policy: policy)
        var attempts: [Int: JournalAttempt] = [:]
        var job: JournalJob
        var firstActions: [UpsertStateMachine.Action]
        var resumed = false

        if let entry = try journal.resumableEntry(kind: kind, dataset: request.dataset, checksum: file.checksum, parameters: parameters) {
            job = entry.job
            if job.pid != processID, isProcessAlive(job.pid) {
                throw CommandFailure(.jobFailed, "another rossum-tui (pid \(job.pid)) is running this same job (#\(job.id ?? 0)) right now: let it finish")
            }
            context.jobID = job.id
            job.pid = processID
            job.updatedAt = now()
            try journal.update(job)
            for attempt in entry.attempts { attempts[attempt.number] = attempt }
            context.attemptsMade = entry.attempts.count
            context.operationIDs = entry.attempts.compactMap(\.operationID)
            guard let latest = entry.latestAttempt else {
                firstActions = machine.handle(.start(now: now()))
                output.line("\(stamp()) resuming job #\(job.id ?? 0): no upload was made yet")
                return try await drive(&machine, firstActions, job: job, attempts: attempts, file: file, request: request, resumed: false, context: &context)
            }
            resumed = true
            switch latest.status {
            case .watching where latest.operationID != nil:
                output.line("\(stamp()) resuming job #\(job.id ?? 0): watching operation \(latest.operationID!) of attempt \(latest.number) instead of uploading again")
                firstActions = machine.handle(.resumeWatching(attempt: latest.number, operationID: latest.operationID!,
                                                              startedAt: latest.startedAt, lastStatus: latest.operationStatus))
            case .finished:
                job.status = .succeeded
                job.finishedAt = now()
                job.summary = "finished by operation \(latest.operationID ?? "?")"
                try journal.update(job)
                output.line("\(stamp()) job #\(job.id ?? 0) had already finished (operation \(latest.operationID ?? "?")): nothing to upload")
                return Outcome(jobID: job.id ?? 0, attempt: latest.number, operationID: latest.operationID ?? "", resumed: true, summary: job.summary)
            default:
                output.line("\(stamp()) resuming job #\(job.id ?? 0): attempt \(latest.number) was interrupted before its upload was confirmed")
                firstActions = machine.handle(.resumeAfterInterruptedUpload(attempt: latest.number))
                if latest.status.isTerminal {
                    firstActions.removeAll { if case .attemptEnded = $0 { return true } else { return false } }
                }
            }
        } else {
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
            job = try journal.insert(JournalJob(kind: kind, dataset: request.dataset, filePath: file.path, checksum: file.checksum,
                                                parameters: parameters, pid: processID, startedAt: now()))
            context.jobID = job.id
            firstActions = machine.handle(.start(now: now()))
        }
        return try await drive(&machine, firstActions, job: job, attempts: attempts, file: file, request: request, resumed: resumed, context: &context)
    }

    private func drive(_ machine: inout UpsertStateMachine, _ initial: [UpsertStateMachine.Action], job: JournalJob,
                       attempts: [Int: JournalAttempt], file: RecordFile, request: Request, resumed: Bool,
                       context: inout RunContext) async throws -> Outcome {
        var job = job
        var attempts = attempts
        var pending = initial
        // The exit code when no try is left: 75, unless the last try could not even upload
        // (then what stopped it: 69 for an unreachable server).
        var lastAttemptStatus = ExitStatus.jobFailed
        let maxAttempts = machine.policy.maxAttempts
        let jobID = job.id ?? 0
        let records = file.recordCount.map { "\($0) records, " } ?? ""

        while !pending.isEmpty {
            let action = pending.removeFirst()
            switch action {
            case .upload(let number):
                let attempt = try journal.insert(JournalAttempt(jobID: jobID, number: number, startedAt: now()))
                attempts[number] = attempt
                context.attemptsMade = max(context.attemptsMade, number)
                output.line("\(stamp()) attempt \(number)/\(maxAttempts): sending \(file.fileName) (\(records)\(file.format.rawValue)) to dataset \(request.dataset)")
                do {
                    let operationID = try await service.upload(dataset: request.dataset, file: file, mode: request.mode)
                    var updated = attempt
                    updated.operationID = operationID
                    updated.status = .watching
                    updated.updatedAt = now()
                    try journal.update(updated)
                    attempts[number] = updated
                    context.operationIDs.append(operationID)
                    lastAttemptStatus = .jobFailed
                    output.line("\(stamp()) attempt \(number)/\(maxAttempts): accepted as operation \(operationID)")
                    pending += machine.handle(.uploadAccepted(operationID: operationID, now: now()))
                } catch {
                    let classified = classify(error)
                    output.errorLine("\(stamp()) attempt \(number)/\(maxAttempts): upload failed: \(classified.message)")
                    lastAttemptStatus = classified.status == .failure ? .jobFailed : classified.status
                    pending += machine.handle(.uploadFailed(reason: classified.message, retryable: classified.retryable, now: now()))
                    if !classified.retryable, machine.isDone {
                        try finishAttempts(&attempts, pending: &pending, job: &job)
                        throw CommandFailure(classified.status, classified.message)
                    }
                }

            case .poll(let operationID, let delay):
                if delay > .zero { try await sleep(delay) }
                do {
                    let snapshot = try await service.operation(id: operationID)
                    pending += machine.handle(.polled(status: snapshot.status, detail: snapshot.detail, now: now()))
                } catch {
                    let classified = classify(error)
                    output.errorLine("\(stamp()) could not read operation \(operationID): \(classified.message)\(classified.retryable ? " (still watching)" : "")")
                    pending += machine.handle(.pollFailed(reason: classified.message, retryable: classified.retryable, now: now()))
                    if !classified.retryable, machine.isDone {
                        try finishAttempts(&attempts, pending: &pending, job: &job)
                        throw CommandFailure(classified.status, classified.message)
                    }
                }

            case .statusChanged(let number, let operationID, let status):
                output.line("\(stamp()) attempt \(number)/\(maxAttempts): operation \(operationID) is \(status)")
                if var attempt = attempts[number] {
                    attempt.operationStatus = status
                    attempt.updatedAt = now()
                    try journal.update(attempt)
                    attempts[number] = attempt
                }

            case .attemptEnded(let number, let outcome):
                try record(outcome, of: number, in: &attempts)
                if outcome != .finished {
                    output.errorLine("\(stamp()) attempt \(number)/\(maxAttempts): \(outcome.description)")
                }

            case .waitBeforeRetry(let delay):
                output.line("\(stamp()) retrying the whole upload in \(delay.humanReadable)")
                if delay > .zero { try await sleep(delay) }
                pending += machine.handle(.retryDue(now: now()))

            case .succeed(let number, let operationID):
                let elapsed = now().timeIntervalSince(context.startedAt)
                let summary = "dataset \(request.dataset) updated from \(file.fileName) (\(records)sha256 \(file.checksum.prefix(12))) by operation \(operationID), attempt \(number)/\(maxAttempts), \(Self.elapsed(elapsed))"
                job.status = .succeeded
                job.finishedAt = now()
                job.updatedAt = now()
                job.summary = summary
                try journal.update(job)
                output.line("\(stamp()) finished: \(summary)")
                return Outcome(jobID: jobID, attempt: number, operationID: operationID, resumed: resumed, summary: summary)

            case .fail(let reason):
                throw CommandFailure(lastAttemptStatus, "job failed: \(reason)")
            }
        }
        throw CommandFailure(.failure, "the job stopped without an outcome (this is a bug)")
    }

    /// Records the attempt outcomes still queued before a non-retryable failure ends the run.
    private func finishAttempts(_ attempts: inout [Int: JournalAttempt], pending: inout [UpsertStateMachine.Action], job: inout JournalJob) throws {
        for action in pending {
            if case .attemptEnded(let number, let outcome) = action { try record(outcome, of: number, in: &attempts) }
        }
        pending.removeAll()
    }

    private func record(_ outcome: UpsertStateMachine.AttemptOutcome, of number: Int, in attempts: inout [Int: JournalAttempt]) throws {
        guard var attempt = attempts[number] else { return }
        switch outcome {
        case .finished: attempt.status = .finished
        case .failed(let detail): attempt.status = .failed; attempt.detail = detail
        case .timedOut: attempt.status = .timedOut; attempt.detail = "not done after \(policy.timeout.humanReadable)"
        case .uploadFailed(let reason): attempt.status = .uploadFailed; attempt.detail = reason
        case .interrupted: attempt.status = .interrupted; attempt.detail = outcome.description
        }
        attempt.finishedAt = now()
        attempt.updatedAt = now()
        try journal.update(attempt)
        attempts[number] = attempt
    }

    private func stamp() -> String { Timestamp.string(now()) }

    static func elapsed(_ seconds: TimeInterval) -> String {
        if seconds < 60 { return String(format: "%.1f s", seconds) }
        let minutes = Int(seconds) / 60
        return "\(minutes) min \(Int(seconds) % 60) s"
    }
}
