import Foundation
import RossumKit

extension UpsertJob {
    /// What the loop carries from one action to the next.
    struct DriveState {
        var job: JournalJob
        var attempts: [Int: JournalAttempt]
        var file: RecordFile
        var request: Request
        var maxAttempts: Int
        var resumed: Bool
        /// The last look at the watched operation, to report only what changed.
        var lastReport: OperationReport?
    }

    /// Carries out the state machine's actions (upload, poll, journal, report) until it succeeds
    /// or fails.
    func drive(_ machine: inout UpsertStateMachine, _ initial: [UpsertStateMachine.Action], _ state: DriveState,
               context: inout RunContext) async throws -> Outcome {
        var run = state
        var pending = initial
        // The exit code when no try is left: 75, unless the last try could not even upload
        // (then what stopped it: 69 for an unreachable server).
        var lastAttemptStatus = ExitStatus.jobFailed
        var lastProblem = ""
        let jobID = run.job.id ?? 0

        while !pending.isEmpty {
            let action = pending.removeFirst()
            switch action {
            case .upload(let number):
                let fresh = JournalAttempt(jobID: jobID, number: number, startedAt: now())
                let attempt = try await journal.perform { try $0.insert(fresh) }
                run.attempts[number] = attempt
                context.attemptsMade = max(context.attemptsMade, number)
                events(.uploading(attempt: number))
                let operationID: String
                do {
                    operationID = try await service.upload(dataset: run.request.dataset, file: run.file, mode: run.request.mode)
                } catch {
                    // The server may have applied it: adopt the operation it started rather than send the file twice.
                    let grace = now().addingTimeInterval(policy.lostAnswerGrace.timeInterval)
                    if Self.outcomeIsUnknown(error),
                       let adopted = try await adoptLostOperation(of: attempt, file: run.file, dataset: run.request.dataset, until: grace),
                       let found = adopted.operationID {
                        operationID = found
                    } else {
                        let classified = classify(error)
                        lastAttemptStatus = classified.status == .failure ? .jobFailed : classified.status
                        pending += machine.handle(.uploadFailed(reason: classified.message, retryable: classified.retryable, now: now()))
                        if !classified.retryable, machine.isDone {
                            try await finishAttempts(&run, pending: &pending)
                            throw CommandFailure(classified.status, classified.message)
                        }
                        continue
                    }
                }
                var updated = attempt
                updated.operationID = operationID
                updated.status = .watching
                updated.updatedAt = now()
                try await save(updated)
                run.attempts[number] = updated
                run.lastReport = nil
                context.operationIDs.append(operationID)
                lastAttemptStatus = .jobFailed
                events(.submitted(attempt: number, operationID: operationID))
                pending += machine.handle(.uploadAccepted(operationID: operationID, now: now()))

            case .poll(let operationID, let delay):
                if delay > .zero { try await sleep(delay) }
                do {
                    let snapshot = try await service.operation(id: operationID)
                    let report = OperationReport(attempt: machine.watchedAttempt ?? 0, operationID: operationID, status: snapshot.status,
                                                 progress: snapshot.progress, counts: snapshot.counts, detail: snapshot.detail)
                    if report != run.lastReport {
                        run.lastReport = report
                        events(.operation(report))
                    }
                    if snapshot.rejectedFile, OperationPhase(status: snapshot.status) == .failed {
                        lastAttemptStatus = .badInput
                        pending += machine.handle(.fileRejected(status: snapshot.status, detail: snapshot.detail ?? "", now: now()))
                    } else {
                        pending += machine.handle(.polled(status: snapshot.status, detail: snapshot.detail, now: now()))
                    }
                } catch {
                    let classified = classify(error)
                    events(.pollFailed(operationID: operationID, reason: classified.message, stillWatching: classified.retryable))
                    pending += machine.handle(.pollFailed(reason: classified.message, retryable: classified.retryable, now: now()))
                    if !classified.retryable, machine.isDone {
                        try await finishAttempts(&run, pending: &pending)
                        throw CommandFailure(classified.status, classified.message)
                    }
                }

            case .statusChanged(let number, _, let status):
                if var attempt = run.attempts[number] {
                    attempt.operationStatus = status
                    attempt.updatedAt = now()
                    try await save(attempt)
                    run.attempts[number] = attempt
                }

            case .attemptEnded(let number, let outcome):
                try await record(outcome, of: number, in: &run)
                if outcome != .finished { lastProblem = outcome.description }

            case .waitBeforeRetry(let delay):
                if case .waitingToRetry(let next) = machine.state {
                    events(.retrying(attempt: next, reason: lastProblem, after: delay))
                }
                if delay > .zero { try await sleep(delay) }
                pending += machine.handle(.retryDue(now: now()))

            case .succeed(let number, let operationID):
                let counts = run.lastReport.flatMap { $0.operationID == operationID ? $0.counts : nil } ?? OperationCounts()
                let summary = Self.summary(of: run, attempt: number, operationID: operationID, counts: counts,
                                           elapsed: now().timeIntervalSince(context.startedAt))
                run.job.status = .succeeded
                run.job.finishedAt = now()
                run.job.updatedAt = now()
                run.job.summary = summary
                try await save(run.job)
                events(.finished(JobSummary(jobID: jobID, operationID: operationID, attempt: number, resumed: run.resumed,
                                            records: run.file.recordCount, counts: counts, text: summary)))
                return Outcome(jobID: jobID, attempt: number, operationID: operationID, resumed: run.resumed, summary: summary, counts: counts)

            case .fail(let reason):
                throw CommandFailure(lastAttemptStatus, "job failed: \(reason)")
            }
        }
        throw CommandFailure(.failure, "the job stopped without an outcome (this is a bug)")
    }

    /// `dataset suppliers updated from s.json (2 records, sha256 …) by operation X, attempt 1/4, 0.4 s; 1 inserted, …`
    static func summary(of run: DriveState, attempt: Int, operationID: String, counts: OperationCounts, elapsed: TimeInterval) -> String {
        let records = run.file.recordCount.map { "\($0) records, " } ?? ""
        let verb: String
        switch run.request.mode {
        case .update: verb = "updated"
        case .replace: verb = "replaced"
        case .create: verb = "created"
        }
        return "dataset \(run.request.dataset) \(verb) from \(run.file.fileName) (\(records)sha256 \(run.file.checksum.prefix(12))) "
            + "by operation \(operationID), attempt \(attempt)/\(run.maxAttempts), \(Self.elapsed(elapsed))"
            + (counts.text.map { "; \($0)" } ?? "")
    }

    /// Records the attempt outcomes still queued before a non-retryable failure ends the run.
    private func finishAttempts(_ run: inout DriveState, pending: inout [UpsertStateMachine.Action]) async throws {
        for action in pending {
            if case .attemptEnded(let number, let outcome) = action { try await record(outcome, of: number, in: &run) }
        }
        pending.removeAll()
    }

    /// Journals how an attempt ended and reports one that did not succeed.
    private func record(_ outcome: UpsertStateMachine.AttemptOutcome, of number: Int, in run: inout DriveState) async throws {
        if outcome != .finished { events(.attemptFailed(attempt: number, reason: outcome.description)) }
        guard var attempt = run.attempts[number] else { return }
        switch outcome {
        case .finished: attempt.status = .finished
        case .failed(let detail): attempt.status = .failed; attempt.detail = detail
        case .timedOut: attempt.status = .timedOut; attempt.detail = "not done after \(policy.timeout.humanReadable)"
        case .uploadFailed(let reason): attempt.status = .uploadFailed; attempt.detail = reason
        case .interrupted: attempt.status = .interrupted; attempt.detail = outcome.description
        }
        attempt.finishedAt = now()
        attempt.updatedAt = now()
        try await save(attempt)
        run.attempts[number] = attempt
    }

    func save(_ attempt: JournalAttempt) async throws {
        try await journal.perform { try $0.update(attempt) }
    }
}

extension UpsertStateMachine {
    /// The attempt whose operation is being watched, if one is.
    var watchedAttempt: Int? {
        if case .watching(let attempt, _, _, _) = state { return attempt }
        return nil
    }
}
